/* ELF header and program header checks for binfmt_misc interpreters.
 * Pure functions over a byte buffer, so they are testable and fuzzable. */
#include "elf.h"

#include <elf.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/io.h"

static enum elf_rule check_ident(const unsigned char *buf, size_t len)
{
	if (len < sizeof(Elf64_Ehdr))
		return len >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) != 0 ? ELF_NOT_ELF
									   : ELF_TOO_SHORT;
	if (memcmp(buf, ELFMAG, SELFMAG) != 0)
		return ELF_NOT_ELF;
	if (buf[EI_CLASS] != ELFCLASS64)
		return ELF_NOT_64;
	if (buf[EI_DATA] != ELFDATA2LSB)
		return ELF_NOT_LE;
	if (buf[EI_VERSION] != EV_CURRENT)
		return ELF_BAD_VERSION;
	return ELF_OK;
}

/* Where the dynamic segment lies; it must be inside the file. */
static enum elf_rule note_dynamic(const Elf64_Phdr *ph, uint64_t file_size, struct elf_facts *facts)
{
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return ELF_BAD_PHDRS;
	if (facts->dynamic_size == 0) {
		facts->dynamic_offset = ph->p_offset;
		facts->dynamic_size = ph->p_filesz;
	}
	return ELF_OK;
}

/* The program headers: no PT_INTERP, a PT_LOAD, and whether the entry point
 * lies in an executable one (*entry_ok). */
static enum elf_rule check_phdrs(const Elf64_Ehdr *eh, const unsigned char *buf, size_t len,
				 uint64_t file_size, struct elf_facts *facts, bool *entry_ok)
{
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum == PN_XNUM)
		return ELF_BAD_PHDRS;
	/* Both bounds: the table must be in the file and in what we were given. */
	uint64_t end = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
	if (eh->e_phoff > file_size || end > file_size - eh->e_phoff || eh->e_phoff > len ||
	    end > len - eh->e_phoff)
		return ELF_BAD_PHDRS;

	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, buf + eh->e_phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP)
			return ELF_HAS_INTERP;
		if (ph.p_type == PT_DYNAMIC && note_dynamic(&ph, file_size, facts) != ELF_OK)
			return ELF_BAD_PHDRS;
		if (ph.p_type != PT_LOAD)
			continue;
		facts->loads++;
		if ((ph.p_flags & PF_X) && eh->e_entry >= ph.p_vaddr &&
		    eh->e_entry - ph.p_vaddr < ph.p_memsz)
			*entry_ok = true;
	}
	return facts->loads == 0 ? ELF_NO_LOAD : ELF_OK;
}

/* Does DT_FLAGS_1 hold DF_1_PIE, among the entries before DT_NULL? */
static bool dynamic_is_pie(const unsigned char *dyn, size_t len)
{
	for (size_t i = 0; i < len / sizeof(Elf64_Dyn); i++) {
		Elf64_Dyn d;

		memcpy(&d, dyn + i * sizeof(d), sizeof(d));
		if (d.d_tag == DT_NULL)
			break;
		if (d.d_tag == DT_FLAGS_1 && (d.d_un.d_val & DF_1_PIE))
			return true;
	}
	return false;
}

/* ET_EXEC runs where it was linked. ET_DYN is a static-pie only when its
 * linker marked it PIE and gave it an entry point; anything else of that
 * type is a shared library, which execve() would map and jump into. */
static enum elf_rule judge(const struct elf_facts *facts, bool entry_ok)
{
	if (facts->type == ET_DYN && !facts->pie)
		return ELF_SHARED_LIBRARY;
	if (!entry_ok || (facts->type == ET_DYN && facts->entry == 0))
		return ELF_BAD_ENTRY;
	return ELF_OK;
}

/* Everything but the dynamic segment's content. */
static enum elf_rule check_headers(const unsigned char *buf, size_t len, uint64_t file_size,
				   struct elf_facts *facts, bool *entry_ok)
{
	Elf64_Ehdr eh;
	enum elf_rule rule;

	memset(facts, 0, sizeof(*facts));
	*entry_ok = false;
	if (len > file_size)
		len = file_size;
	rule = check_ident(buf, len);
	if (rule != ELF_OK)
		return rule;
	memcpy(&eh, buf, sizeof(eh));
	facts->type = eh.e_type;
	facts->machine = eh.e_machine;
	facts->entry = eh.e_entry;
	if (eh.e_version != EV_CURRENT)
		return ELF_BAD_VERSION;
	if (eh.e_machine != EM_AARCH64)
		return ELF_WRONG_MACHINE;
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return ELF_NOT_EXEC;
	if (eh.e_ehsize != sizeof(Elf64_Ehdr))
		return ELF_BAD_PHDRS;
	return check_phdrs(&eh, buf, len, file_size, facts, entry_ok);
}

enum elf_rule elf_check_aarch64_static(const unsigned char *buf, size_t len, uint64_t file_size,
				       struct elf_facts *facts)
{
	bool entry_ok;
	enum elf_rule rule = check_headers(buf, len, file_size, facts, &entry_ok);

	if (rule != ELF_OK)
		return rule;
	if (len > file_size)
		len = file_size;
	if (facts->type == ET_DYN && facts->dynamic_size) {
		if (facts->dynamic_offset > len ||
		    facts->dynamic_size > len - facts->dynamic_offset)
			return ELF_BAD_PHDRS;
		facts->pie = dynamic_is_pie(buf + facts->dynamic_offset, facts->dynamic_size);
	}
	return judge(facts, entry_ok);
}

/* Program header tables are a few hundred bytes after the ELF header; a file
 * that puts them further away is not an interpreter we accept. */
#define ELF_READ_MAX ((size_t)64 * 1024)

/* Read the ELF header and the program header table (at most ELF_READ_MAX
 * bytes) into buf. Returns the bytes read, or -errno. */
static ssize_t read_headers(int fd, unsigned char *buf, uint64_t *file_size)
{
	struct stat st;
	size_t want = sizeof(Elf64_Ehdr), have = 0;

	if (fstat(fd, &st) < 0)
		return -errno;
	*file_size = (uint64_t)st.st_size;
	for (int pass = 0; pass < 2; pass++) {
		if (want > (uint64_t)st.st_size)
			want = (size_t)st.st_size;
		if (have < want) {
			ssize_t n = pread_full(fd, buf + have, want - have, (off_t)have);

			if (n < 0)
				return n;
			have += (size_t)n;
		}
		if (pass == 0 && have == sizeof(Elf64_Ehdr)) {
			Elf64_Ehdr eh;

			memcpy(&eh, buf, sizeof(eh));
			/* Read up to the end of the table; the checkers bound it. */
			uint64_t end = eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize;
			want = end > ELF_READ_MAX || end < eh.e_phoff ? ELF_READ_MAX : (size_t)end;
		}
	}
	return (ssize_t)have;
}

/* The dynamic segment of a static-pie is far from the headers (10 MB into
 * qemu-x86_64-static); DT_FLAGS_1 is among its first entries. Reads into
 * buf (ELF_READ_MAX bytes). Returns 0 or -errno. */
static int read_pie_flag(int fd, unsigned char *buf, struct elf_facts *facts)
{
	size_t want =
	    facts->dynamic_size < ELF_READ_MAX ? (size_t)facts->dynamic_size : ELF_READ_MAX;
	ssize_t n;

	do
		n = pread(fd, buf, want, (off_t)facts->dynamic_offset);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	facts->pie = dynamic_is_pie(buf, (size_t)n);
	return 0;
}

int elf_check_fd(int fd, struct elf_facts *facts, enum elf_rule *rule)
{
	unsigned char buf[ELF_READ_MAX];
	uint64_t size = 0;
	ssize_t have = read_headers(fd, buf, &size);
	bool entry_ok;

	*rule = ELF_OK;
	if (have < 0)
		return (int)have;
	*rule = check_headers(buf, (size_t)have, size, facts, &entry_ok);
	if (*rule != ELF_OK)
		return -ENOEXEC;
	if (facts->type == ET_DYN && facts->dynamic_size) {
		int r = read_pie_flag(fd, buf, facts);

		if (r < 0)
			return r;
	}
	*rule = judge(facts, entry_ok);
	return *rule == ELF_OK ? 0 : -ENOEXEC;
}

int elf_interp(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t *offset,
	       uint64_t *size, uint16_t *machine)
{
	Elf64_Ehdr eh;

	if (len > file_size)
		len = file_size;
	if (check_ident(buf, len) != ELF_OK)
		return -ENOEXEC;
	memcpy(&eh, buf, sizeof(eh));
	*machine = eh.e_machine;
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff)
		return -ENOEXEC;
	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;

		memcpy(&ph, buf + eh.e_phoff + (uint64_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_INTERP)
			continue;
		if (ph.p_filesz < 2 || ph.p_offset > file_size ||
		    ph.p_filesz > file_size - ph.p_offset)
			return -ENOEXEC;
		*offset = ph.p_offset;
		*size = ph.p_filesz;
		return 1;
	}
	return 0;
}

int elf_interp_fd(int fd, char *interp, size_t size, uint16_t *machine)
{
	unsigned char buf[ELF_READ_MAX];
	uint64_t file_size = 0, off, len;
	ssize_t have = read_headers(fd, buf, &file_size);
	int r;

	if (have < 0)
		return (int)have;
	r = elf_interp((unsigned char *)buf, (size_t)have, file_size, &off, &len, machine);
	if (r <= 0)
		return r;
	if (len > size)
		return -ENAMETOOLONG;
	if (pread(fd, interp, (size_t)len, (off_t)off) != (ssize_t)len)
		return -EIO;
	/* The kernel wants the path NUL-terminated inside the segment. */
	if (interp[len - 1] != '\0' || strlen(interp) != len - 1)
		return -ENOEXEC;
	return 1;
}

const char *elf_rule_str(enum elf_rule rule)
{
	switch (rule) {
	case ELF_OK:
		return "is a static aarch64 ELF executable";
	case ELF_TOO_SHORT:
		return "is too short to be an ELF file";
	case ELF_NOT_ELF:
		return "is not an ELF file";
	case ELF_NOT_64:
		return "is not a 64-bit ELF file";
	case ELF_NOT_LE:
		return "is not a little-endian ELF file";
	case ELF_BAD_VERSION:
		return "has an unknown ELF version";
	case ELF_WRONG_MACHINE:
		return "is an ELF file for another machine, expected aarch64";
	case ELF_NOT_EXEC:
		return "is not an executable (ELF type is neither EXEC nor DYN)";
	case ELF_BAD_PHDRS:
		return "has a malformed or truncated program header table";
	case ELF_NO_LOAD:
		return "has no loadable segment";
	case ELF_HAS_INTERP:
		return "is dynamically linked (has PT_INTERP), expected a static executable";
	case ELF_BAD_ENTRY:
		return "has its entry point outside every executable segment";
	case ELF_SHARED_LIBRARY:
		return "is a shared library, not an executable (ELF type DYN without the PIE "
		       "flag)";
	}
	return "breaks an unknown ELF rule";
}

const char *elf_machine_name(uint16_t machine, char *buf, size_t size)
{
	switch (machine) {
	case EM_AARCH64:
		return "aarch64";
	case EM_X86_64:
		return "x86-64";
	case EM_386:
		return "i386";
	case EM_ARM:
		return "arm";
	case EM_RISCV:
		return "riscv";
	case EM_PPC64:
		return "ppc64";
	case EM_S390:
		return "s390";
	}
	snprintf(buf, size, "machine %u", machine);
	return buf;
}
