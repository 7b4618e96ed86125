/* A static ELF executable image in a scratch directory; see scratch_elf.h. */
#include "tests/unit/scratch_elf.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int scratch_put_elf(const struct scratch *s, const char *rel, size_t size, uint16_t machine,
		    mode_t mode)
{
	unsigned char *buf;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
	int r;

	if (size < sizeof(*eh) + sizeof(*ph))
		return -EINVAL;
	buf = calloc(1, size);
	if (!buf)
		return -ENOMEM;
	eh = (Elf64_Ehdr *)buf;
	ph = (Elf64_Phdr *)(buf + sizeof(*eh));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = machine;
	eh->e_version = EV_CURRENT;
	eh->e_entry = SCRATCH_ELF_ENTRY;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_flags = PF_R | PF_X;
	ph->p_vaddr = SCRATCH_ELF_VADDR;
	ph->p_filesz = ph->p_memsz = size;
	r = scratch_write(s, rel, buf, size, mode);
	free(buf);
	return r;
}
