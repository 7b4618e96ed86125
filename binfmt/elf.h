/* ELF checks for a binfmt_misc interpreter: is this file something the kernel
 * can run natively on aarch64 without a dynamic loader? */
#ifndef BINFMT_ELF_H
#define BINFMT_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum elf_rule {
	ELF_OK = 0,
	ELF_TOO_SHORT,	    /* smaller than an ELF header */
	ELF_NOT_ELF,	    /* no \x7fELF magic */
	ELF_NOT_64,	    /* ELFCLASS32 or unknown class */
	ELF_NOT_LE,	    /* big-endian or unknown data encoding */
	ELF_BAD_VERSION,    /* e_ident[EI_VERSION] or e_version not EV_CURRENT */
	ELF_WRONG_MACHINE,  /* e_machine is not EM_AARCH64 */
	ELF_NOT_EXEC,	    /* e_type is not ET_EXEC or ET_DYN */
	ELF_BAD_PHDRS,	    /* program header table size or position is wrong */
	ELF_NO_LOAD,	    /* no PT_LOAD segment */
	ELF_HAS_INTERP,	    /* PT_INTERP: dynamically linked */
	ELF_BAD_ENTRY,	    /* entry point outside every executable PT_LOAD (or 0 for DYN) */
	ELF_SHARED_LIBRARY, /* ET_DYN without DF_1_PIE: a library, not a static-pie */
};

struct elf_facts {
	uint16_t type;	  /* e_type */
	uint16_t machine; /* e_machine, valid from ELF_WRONG_MACHINE on */
	uint64_t entry;
	unsigned int loads;
	uint64_t dynamic_offset, dynamic_size; /* PT_DYNAMIC in the file; size 0: none */
	bool pie;			       /* its DT_FLAGS_1 holds DF_1_PIE */
};

/* Check the file image in buf (the whole file, or at least its first len
 * bytes of a file of file_size bytes; program headers, and for ET_DYN the
 * PT_DYNAMIC segment, must lie within buf). A static executable is ET_EXEC,
 * or a static-pie: ET_DYN with DF_1_PIE in the DT_FLAGS_1 of its dynamic
 * segment and a non-zero entry point. Any other ET_DYN is a shared library
 * (libm.so.6: entry 0, no PIE flag), which the kernel would load and jump
 * into all the same. Returns ELF_OK or the first rule broken; facts are
 * filled as far as read. */
enum elf_rule elf_check_aarch64_static(const unsigned char *buf, size_t len, uint64_t file_size,
				       struct elf_facts *facts);

/* Read what the checks need from an open file (its ELF header and program
 * header table, at most 64 KiB, and the first 64 KiB of the dynamic segment
 * wherever it lies) and check it as elf_check_aarch64_static does. Returns
 * 0; -ENOEXEC with the first rule broken in *rule; or -errno, *rule
 * ELF_OK, when the file cannot be read. */
int elf_check_fd(int fd, struct elf_facts *facts, enum elf_rule *rule);

/* Find the PT_INTERP segment of any 64-bit little-endian ELF image in buf
 * (len bytes read of file_size). Returns 1 with its file offset and size
 * (the NUL included), 0 when there is none (a static program), -ENOEXEC
 * when buf is not such an ELF or its headers are malformed. machine is set
 * from the header whenever the ident was read. */
int elf_interp(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t *offset,
	       uint64_t *size, uint16_t *machine);

/* The same for an open file: copies the interpreter's path into interp
 * (size bytes). Returns 1, 0 or -ENOEXEC as elf_interp, -ENAMETOOLONG, or
 * -errno when the file cannot be read. */
int elf_interp_fd(int fd, char *interp, size_t size, uint16_t *machine);

/* What a broken rule means, as a phrase: "is not an ELF file". */
const char *elf_rule_str(enum elf_rule rule);

/* A name for an ELF e_machine value: "x86-64", "aarch64", "machine 243". */
const char *elf_machine_name(uint16_t machine, char *buf, size_t size);

#endif
