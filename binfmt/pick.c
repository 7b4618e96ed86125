/* The entry the kernel runs for a file; see pick.h. */
#include "pick.h"

#include <elf.h>
#include <errno.h>
#include <string.h>

#include "binfmtfs.h"
#include "match.h"

void binfmt_x86_64_header(unsigned char header[BINFMT_ELF64_HEADER], uint16_t type)
{
	Elf64_Ehdr h = {
		.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB,
			     EV_CURRENT },
		.e_type = type,
		.e_machine = EM_X86_64,
		.e_version = EV_CURRENT,
		.e_ehsize = sizeof(Elf64_Ehdr),
	};

	_Static_assert(sizeof(h) == BINFMT_ELF64_HEADER, "an ELF64 header is 64 bytes");
	memcpy(header, &h, sizeof(h));
}

struct pick {
	const char *dir;
	const unsigned char *header;
	size_t len;
	const char *filename;
	struct binfmt_entry *winner;
};

/* 1 stops the walk at the winner; an unreadable entry stops it too. */
static int try_entry(void *arg, const char *name)
{
	struct pick *p = arg;
	struct binfmt_status st;
	int r = binfmt_fs_read(p->dir, name, &st);

	if (r == -ENOENT)
		return 0; /* removed since the directory was read */
	if (r == 0)
		r = binfmt_status_to_entry(&st, name, p->winner);
	if (r < 0)
		return r;
	return st.enabled && binfmt_entry_matches(p->winner, p->header, p->len, p->filename);
}

int binfmt_fs_pick(const char *dir, const unsigned char *header, size_t len, const char *filename,
		   struct binfmt_entry *winner)
{
	struct pick p = { dir, header, len, filename, winner };
	int r = binfmt_fs_list_tried(dir, try_entry, &p);

	if (r <= 0)
		memset(winner, 0, sizeof(*winner));
	return r;
}
