/* The vDSO's hash table; see vdso.h. */
#include "vdso.h"

#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>

/* A vDSO is a few pages; anything past this is no vDSO. */
#define VDSO_MAX (1u << 20)

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE_DATA ELFDATA2LSB
#else
#define NATIVE_DATA ELFDATA2MSB
#endif

static int header(const unsigned char *image, size_t len, Elf64_Ehdr *eh)
{
	if (len < sizeof(*eh))
		return -ENOEXEC;
	memcpy(eh, image, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != NATIVE_DATA || eh->e_phentsize != sizeof(Elf64_Phdr) ||
	    eh->e_phoff > len || eh->e_phnum > (len - eh->e_phoff) / sizeof(Elf64_Phdr))
		return -ENOEXEC;
	return 0;
}

static void phdr(const unsigned char *image, const Elf64_Ehdr *eh, size_t i, Elf64_Phdr *ph)
{
	memcpy(ph, image + eh->e_phoff + i * sizeof(*ph), sizeof(*ph));
}

static int scan_dynamic(const unsigned char *image, size_t len, const Elf64_Phdr *ph)
{
	Elf64_Dyn d;

	if (ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return -ENOEXEC;
	for (size_t off = 0; off + sizeof(d) <= ph->p_filesz; off += sizeof(d)) {
		memcpy(&d, image + ph->p_offset + off, sizeof(d));
		if (d.d_tag == DT_NULL)
			break;
		if (d.d_tag == DT_HASH)
			return 1;
	}
	return 0;
}

int rctl_vdso_has_hash(const unsigned char *image, size_t len)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int r = header(image, len, &eh);

	for (size_t i = 0; r == 0 && i < eh.e_phnum; i++) {
		phdr(image, &eh, i, &ph);
		if (ph.p_type == PT_DYNAMIC)
			return scan_dynamic(image, len, &ph);
	}
	return -ENOEXEC;
}

int rctl_vdso_find(const unsigned char **image, size_t *len)
{
	/* NOLINTNEXTLINE(performance-no-int-to-ptr): the kernel gives its address so */
	const unsigned char *base = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	size_t end;

	if (!base)
		return -ENOENT;
	/* The header and program headers are in the image's first page. */
	if (header(base, VDSO_MAX, &eh) < 0)
		return -ENOEXEC;
	end = eh.e_phoff + eh.e_phnum * sizeof(Elf64_Phdr);
	for (size_t i = 0; i < eh.e_phnum; i++) {
		phdr(base, &eh, i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_offset + ph.p_filesz > end)
			end = ph.p_offset + ph.p_filesz;
	}
	if (end > VDSO_MAX)
		return -ENOEXEC;
	*image = base;
	*len = end;
	return 0;
}
