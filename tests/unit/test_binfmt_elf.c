/* ELF checks for interpreters, over ELF images the test builds: a valid
 * static aarch64 executable, then one mutation per rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "binfmt/elf.h"
#include "lib/array_size.h"

#define IMAGE_SIZE 4096
#define VADDR	   0x400000

struct image {
	unsigned char bytes[IMAGE_SIZE];
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph; /* two entries: PT_LOAD (text), PT_NOTE */
};

static void build(struct image *im)
{
	memset(im, 0, sizeof(*im));
	im->eh = (Elf64_Ehdr *)im->bytes;
	im->ph = (Elf64_Phdr *)(im->bytes + sizeof(Elf64_Ehdr));
	memcpy(im->eh->e_ident, ELFMAG, SELFMAG);
	im->eh->e_ident[EI_CLASS] = ELFCLASS64;
	im->eh->e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh->e_ident[EI_VERSION] = EV_CURRENT;
	im->eh->e_type = ET_EXEC;
	im->eh->e_machine = EM_AARCH64;
	im->eh->e_version = EV_CURRENT;
	im->eh->e_entry = VADDR + 0x100;
	im->eh->e_phoff = sizeof(Elf64_Ehdr);
	im->eh->e_ehsize = sizeof(Elf64_Ehdr);
	im->eh->e_phentsize = sizeof(Elf64_Phdr);
	im->eh->e_phnum = 2;
	im->ph[0].p_type = PT_LOAD;
	im->ph[0].p_flags = PF_R | PF_X;
	im->ph[0].p_vaddr = VADDR;
	im->ph[0].p_filesz = IMAGE_SIZE;
	im->ph[0].p_memsz = IMAGE_SIZE;
	im->ph[1].p_type = PT_NOTE;
}

/* Make im a static-pie, as Debian's qemu-x86_64-static is: ET_DYN loaded at
 * 0, its PT_DYNAMIC (the second program header) at dyn_off holding
 * DT_FLAGS_1 = flags_1, then DT_NULL. The entry stays inside the text. */
static void make_dyn(struct image *im, uint64_t flags_1, uint64_t dyn_off)
{
	Elf64_Dyn dyn[3] = {
		{ .d_tag = DT_FLAGS, .d_un.d_val = DF_BIND_NOW },
		{ .d_tag = DT_FLAGS_1, .d_un.d_val = flags_1 },
		{ .d_tag = DT_NULL },
	};

	im->eh->e_type = ET_DYN;
	im->eh->e_entry = 0x100;
	im->ph[0].p_vaddr = 0;
	im->ph[1].p_type = PT_DYNAMIC;
	im->ph[1].p_flags = PF_R | PF_W;
	im->ph[1].p_offset = dyn_off;
	im->ph[1].p_vaddr = dyn_off;
	im->ph[1].p_filesz = sizeof(dyn);
	im->ph[1].p_memsz = sizeof(dyn);
	if (dyn_off + sizeof(dyn) <= IMAGE_SIZE)
		memcpy(im->bytes + dyn_off, dyn, sizeof(dyn));
}

static enum elf_rule check(const struct image *im, size_t len)
{
	struct elf_facts facts;

	return elf_check_aarch64_static(im->bytes, len, len, &facts);
}

/* What elf_check_fd() found: the rule broken (ELF_OK: none, the return is
 * then 0; else -ENOEXEC), or the -errno of a file it could not read. */
static int check_fd(int fd, struct elf_facts *facts)
{
	enum elf_rule rule;
	int r = elf_check_fd(fd, facts, &rule);

	if (rule == ELF_OK)
		return r;
	assert_int_equal(r, -ENOEXEC);
	return (int)rule;
}

static void valid_static_executable_passes(void **state)
{
	struct image im;
	struct elf_facts facts;

	(void)state;
	build(&im);
	assert_int_equal(elf_check_aarch64_static(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &facts),
			 ELF_OK);
	assert_int_equal(facts.loads, 1);
	assert_int_equal(facts.machine, EM_AARCH64);
	make_dyn(&im, DF_1_NOW | DF_1_PIE, 0x800); /* static-pie, as qemu-x86_64-static */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_OK);
}

/* ET_DYN is a static-pie only with DF_1_PIE and an entry point; otherwise it
 * is a shared library (libm.so.6: ET_DYN, entry 0 in its executable first
 * segment, no PIE flag), refused by name. */
static void shared_libraries_are_refused(void **state)
{
	struct image im;

	(void)state;
	build(&im);
	make_dyn(&im, DF_1_NOW, 0x800); /* no DF_1_PIE */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_SHARED_LIBRARY);
	im.eh->e_entry = 0; /* as libm.so.6: entry 0, inside the text segment at 0 */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_SHARED_LIBRARY);
	build(&im);
	im.eh->e_type = ET_DYN; /* no PT_DYNAMIC at all */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_SHARED_LIBRARY);
	build(&im);
	make_dyn(&im, DF_1_PIE, 0x800);
	memset(im.bytes + 0x800, 0, 16); /* DT_NULL first: the flags after it do not count */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_SHARED_LIBRARY);
	build(&im);
	make_dyn(&im, DF_1_PIE, 0x800);
	im.eh->e_entry = 0; /* a PIE must have an entry point */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_ENTRY);
	build(&im);
	make_dyn(&im, DF_1_PIE, 0x800);
	im.ph[1].p_filesz = 8; /* not even one whole entry */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_SHARED_LIBRARY);
	build(&im);
	make_dyn(&im, DF_1_PIE, IMAGE_SIZE - 8); /* runs past the end of the file */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	make_dyn(&im, DF_1_PIE, 0x800);
	im.ph[1].p_offset = UINT64_MAX - 8; /* offset + size wraps */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	make_dyn(&im, DF_1_NOW, 0x800);
	im.eh->e_type = ET_EXEC; /* an ET_EXEC needs no PIE flag */
	im.eh->e_entry = VADDR + 0x100;
	im.ph[0].p_vaddr = VADDR;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_OK);
	assert_string_equal(elf_rule_str(ELF_SHARED_LIBRARY),
			    "is a shared library, not an executable (ELF type DYN without the "
			    "PIE flag)");
}

/* Through a file, the dynamic segment is read wherever it is: in
 * qemu-x86_64-static it lies 10 MB in, far past the headers. */
static void dynamic_segment_read_from_file(void **state)
{
	static const uint64_t far = 204800; /* 200 KiB */
	Elf64_Dyn dyn[2] = { { .d_tag = DT_FLAGS_1, .d_un.d_val = DF_1_PIE },
			     { .d_tag = DT_NULL } };
	char path[] = "/tmp/test_binfmt_elf_dyn.XXXXXX";
	struct elf_facts facts;
	struct image im;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	build(&im);
	make_dyn(&im, DF_1_PIE, far);
	im.ph[1].p_filesz = sizeof(dyn);
	assert_int_equal(pwrite(fd, im.bytes, IMAGE_SIZE, 0), IMAGE_SIZE);
	assert_int_equal(pwrite(fd, dyn, sizeof(dyn), (off_t)far), (ssize_t)sizeof(dyn));
	assert_int_equal(check_fd(fd, &facts), ELF_OK);
	dyn[0].d_un.d_val = DF_1_NOW;
	assert_int_equal(pwrite(fd, dyn, sizeof(dyn), (off_t)far), (ssize_t)sizeof(dyn));
	assert_int_equal(check_fd(fd, &facts), ELF_SHARED_LIBRARY);
	assert_int_equal(ftruncate(fd, (off_t)far + 8), 0); /* the segment is cut short */
	assert_int_equal(check_fd(fd, &facts), ELF_BAD_PHDRS);
	close(fd);
}

static void each_rule_is_detected(void **state)
{
	struct image im;

	(void)state;
	build(&im);
	assert_int_equal(check(&im, 0), ELF_TOO_SHORT);
	assert_int_equal(check(&im, 40), ELF_TOO_SHORT);
	im.bytes[0] = '#';
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NOT_ELF);
	assert_int_equal(check(&im, 10), ELF_NOT_ELF); /* "#!/bin/sh\n" is short, still not ELF */

	build(&im);
	im.eh->e_ident[EI_CLASS] = ELFCLASS32;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NOT_64);
	build(&im);
	im.eh->e_ident[EI_DATA] = ELFDATA2MSB;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NOT_LE);
	build(&im);
	im.eh->e_ident[EI_VERSION] = 2;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_VERSION);
	build(&im);
	im.eh->e_version = 0;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_VERSION);
	build(&im);
	im.eh->e_type = ET_REL;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NOT_EXEC);
	build(&im);
	im.eh->e_type = ET_CORE;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NOT_EXEC);
}

static void other_machines_are_named(void **state)
{
	static const struct {
		uint16_t machine;
		const char *name;
	} machines[] = { { EM_X86_64, "x86-64" }, { EM_ARM, "arm" }, { EM_RISCV, "riscv" } };
	struct image im;
	struct elf_facts facts;
	char buf[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(machines); i++) {
		build(&im);
		im.eh->e_machine = machines[i].machine;
		assert_int_equal(elf_check_aarch64_static(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &facts),
				 ELF_WRONG_MACHINE);
		assert_string_equal(elf_machine_name(facts.machine, buf, sizeof(buf)),
				    machines[i].name);
	}
	assert_string_equal(elf_machine_name(999, buf, sizeof(buf)), "machine 999");
}

static void program_header_rules(void **state)
{
	struct image im;

	(void)state;
	build(&im);
	im.ph[1].p_type = PT_INTERP;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_HAS_INTERP);
	build(&im);
	im.eh->e_phoff = IMAGE_SIZE - sizeof(Elf64_Phdr); /* second entry past the end */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	im.eh->e_phoff = UINT64_MAX - 8; /* offset + size wraps */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	im.eh->e_phentsize = 32;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	im.eh->e_phnum = 0;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_PHDRS);
	build(&im);
	assert_int_equal(check(&im, sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr)), ELF_BAD_PHDRS);
	build(&im);
	im.ph[0].p_type = PT_NOTE;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_NO_LOAD);
	build(&im);
	im.eh->e_entry = VADDR + IMAGE_SIZE;
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_ENTRY);
	build(&im);
	im.ph[0].p_flags = PF_R; /* entry in a segment that is not executable */
	assert_int_equal(check(&im, IMAGE_SIZE), ELF_BAD_ENTRY);
}

static void reads_through_a_descriptor(void **state)
{
	char path[] = "/tmp/test_binfmt_elf.XXXXXX";
	struct elf_facts facts;
	struct image im;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	build(&im);
	assert_int_equal(write(fd, im.bytes, IMAGE_SIZE), IMAGE_SIZE);
	assert_int_equal(check_fd(fd, &facts), ELF_OK);
	assert_int_equal(ftruncate(fd, 100), 0);
	assert_int_equal(check_fd(fd, &facts), ELF_BAD_PHDRS);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(check_fd(fd, &facts), ELF_TOO_SHORT);
	close(fd);
	assert_int_equal(check_fd(fd, &facts), -EBADF);
}

static void every_rule_has_a_message(void **state)
{
	(void)state;
	for (int r = ELF_OK; r <= ELF_SHARED_LIBRARY; r++)
		assert_string_not_equal(elf_rule_str((enum elf_rule)r),
					"breaks an unknown ELF rule");
	assert_string_equal(elf_rule_str(ELF_HAS_INTERP),
			    "is dynamically linked (has PT_INTERP), expected a static executable");
}

/* PT_INTERP: found with its offset and size in a dynamic program, absent in
 * a static one, and a malformed segment is refused rather than trusted. */
static void interp_segment_is_found(void **state)
{
	static const char loader[] = "/lib64/ld-linux-x86-64.so.2";
	struct image im;
	uint64_t off = 0, size = 0;
	uint16_t machine = 0;

	(void)state;
	build(&im);
	assert_int_equal(elf_interp(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &off, &size, &machine), 0);
	assert_int_equal(machine, EM_AARCH64);

	im.eh->e_machine = EM_X86_64;
	im.ph[1].p_type = PT_INTERP;
	im.ph[1].p_offset = 0x200;
	im.ph[1].p_filesz = sizeof(loader);
	memcpy(im.bytes + 0x200, loader, sizeof(loader));
	assert_int_equal(elf_interp(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &off, &size, &machine), 1);
	assert_int_equal(off, 0x200);
	assert_int_equal(size, sizeof(loader));
	assert_int_equal(machine, EM_X86_64);

	im.ph[1].p_offset = IMAGE_SIZE - 4; /* runs past the end of the file */
	assert_int_equal(elf_interp(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &off, &size, &machine),
			 -ENOEXEC);
	im.bytes[0] = 'X';
	assert_int_equal(elf_interp(im.bytes, IMAGE_SIZE, IMAGE_SIZE, &off, &size, &machine),
			 -ENOEXEC);
}

/* Through a file: the path is copied, and must be NUL-terminated. */
static void interp_read_from_file(void **state)
{
	static const char loader[] = "/lib/ld-musl-x86_64.so.1";
	char path[] = "/tmp/test-elf-interp.XXXXXX", interp[64];
	struct image im;
	uint16_t machine;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	build(&im);
	im.ph[1].p_type = PT_INTERP;
	im.ph[1].p_offset = 0x300;
	im.ph[1].p_filesz = sizeof(loader);
	memcpy(im.bytes + 0x300, loader, sizeof(loader));
	assert_int_equal(pwrite(fd, im.bytes, IMAGE_SIZE, 0), IMAGE_SIZE);
	assert_int_equal(elf_interp_fd(fd, interp, sizeof(interp), &machine), 1);
	assert_string_equal(interp, loader);
	assert_int_equal(elf_interp_fd(fd, interp, 8, &machine), -ENAMETOOLONG);
	im.bytes[0x300 + sizeof(loader) - 1] = 'x'; /* no NUL at the end */
	assert_int_equal(pwrite(fd, im.bytes, IMAGE_SIZE, 0), IMAGE_SIZE);
	assert_int_equal(elf_interp_fd(fd, interp, sizeof(interp), &machine), -ENOEXEC);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_static_executable_passes),
		cmocka_unit_test(interp_segment_is_found),
		cmocka_unit_test(interp_read_from_file),
		cmocka_unit_test(each_rule_is_detected),
		cmocka_unit_test(other_machines_are_named),
		cmocka_unit_test(program_header_rules),
		cmocka_unit_test(shared_libraries_are_refused),
		cmocka_unit_test(dynamic_segment_read_from_file),
		cmocka_unit_test(reads_through_a_descriptor),
		cmocka_unit_test(every_rule_has_a_message),
	};

	return cmocka_run_group_tests_name("binfmt_elf", tests, NULL, NULL);
}
