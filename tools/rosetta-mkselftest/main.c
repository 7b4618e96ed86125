/* rosetta-mkselftest: write the self-test program, a complete x86-64 Linux
 * ELF executable of one page, from the instruction bytes below. No x86
 * assembler or compiler is needed, and no binary blob is kept in the tree.
 *
 * Usage: rosetta-mkselftest [options] OUTPUT
 *
 * The program (load address 0x400000, code right after the headers):
 *
 *   b8 01 00 00 00        mov  eax, 1              ; __NR_write
 *   bf 01 00 00 00        mov  edi, 1              ; stdout
 *   48 8d 35 XX XX XX XX  lea  rsi, [rip + msg]    ; the line, right after the code
 *   ba LL 00 00 00        mov  edx, LL             ; its length
 *   0f 05                 syscall
 *   b8 3c 00 00 00        mov  eax, 60             ; __NR_exit
 *   bf CC 00 00 00        mov  edi, CC             ; SELFTEST_CODE
 *   0f 05                 syscall
 *   msg: SELFTEST_LINE
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/selftest.h"
#include "lib/cli.h"
#include "lib/array_size.h"

#define LOAD_ADDR 0x400000u
#define CODE_OFF  (sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr))
#define LEA_END	  17 /* offset of the instruction after the lea */
#define PROG	  "rosetta-mkselftest"

static const unsigned char code_template[] = {
	0xb8, 0x01, 0x00, 0x00, 0x00,		  /* mov eax, 1 */
	0xbf, 0x01, 0x00, 0x00, 0x00,		  /* mov edi, 1 */
	0x48, 0x8d, 0x35, 0x00, 0x00, 0x00, 0x00, /* lea rsi, [rip + disp32] */
	0xba, 0x00, 0x00, 0x00, 0x00,		  /* mov edx, len */
	0x0f, 0x05,				  /* syscall */
	0xb8, 0x3c, 0x00, 0x00, 0x00,		  /* mov eax, 60 */
	0xbf, 0x00, 0x00, 0x00, 0x00,		  /* mov edi, code */
	0x0f, 0x05,				  /* syscall */
};

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Headers, code and line in buf; returns the file size. */
static size_t build(unsigned char *buf)
{
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	size_t line_len = strlen(SELFTEST_LINE), size = CODE_OFF + sizeof(code_template) + line_len;
	unsigned char *code = buf + CODE_OFF;

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_ident[EI_OSABI] = ELFOSABI_SYSV;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = LOAD_ADDR + CODE_OFF;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 1;
	ph.p_type = PT_LOAD;
	ph.p_flags = PF_R | PF_X;
	ph.p_offset = 0; /* the whole file, headers included, from one page */
	ph.p_vaddr = ph.p_paddr = LOAD_ADDR;
	ph.p_filesz = ph.p_memsz = size;
	ph.p_align = 0x1000;

	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf + sizeof(eh), &ph, sizeof(ph));
	memcpy(code, code_template, sizeof(code_template));
	put32(code + 13, (uint32_t)(sizeof(code_template) - LEA_END)); /* rip-relative */
	put32(code + 18, (uint32_t)line_len);
	put32(code + 30, SELFTEST_CODE);
	/* The file holds the line's bytes, not a C string: no NUL. */
	/* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
	memcpy(code + sizeof(code_template), SELFTEST_LINE, line_len);
	return size;
}

static const struct cli_option options[] = {
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};
#define N_OPTIONS (ARRAY_SIZE(options))

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cli_try_help(PROG);
	return CLI_EXIT_USAGE;
}

/* word is where getopt stopped; a short option may sit inside a cluster of them. */
static int unknown_option(const char *word)
{
	char opt[3] = { '-', (char)optopt, '\0' };

	if (strncmp(word, "--", 2) == 0 || optopt <= 0 || optopt > 255)
		return usage_error("unknown option %s", word);
	return usage_error("unknown option %s", opt);
}

/* The OUTPUT operand's index in argv, or -(exit code) once done or refused. */
static int parse_args(int argc, char **argv)
{
	struct cli_parser p;
	int c;

	if (cli_parser_init(&p, options, N_OPTIONS) < 0)
		return -CLI_EXIT_SYSTEM;
	opterr = 0;
	while ((c = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		switch (c) {
		case CLI_ID_HELP:
			printf("Usage: " PROG " [options] OUTPUT\n"
			       "Write the x86-64 self-test program to OUTPUT.\n\n");
			cli_print_options(stdout, options, N_OPTIONS);
			return -cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
		case CLI_ID_VERSION:
			cli_print_version(PROG);
			return -cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
		default:
			return -unknown_option(argv[optind - 1]);
		}
	}
	if (optind == argc)
		return -usage_error("missing %s", "OUTPUT");
	if (optind + 1 < argc)
		return -usage_error("unexpected argument '%s': give one OUTPUT", argv[optind + 1]);
	return optind;
}

int main(int argc, char **argv)
{
	unsigned char buf[512] = { 0 };
	const char *path;
	size_t size;
	int fd, i;

	i = parse_args(argc, argv);
	if (i <= 0)
		return -i;
	path = argv[i];
	size = build(buf);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size || fchmod(fd, 0755) < 0 ||
	    close(fd) < 0) {
		fprintf(stderr, PROG ": cannot write %s: %s\n", path, strerror(errno));
		return CLI_EXIT_SYSTEM;
	}
	return CLI_EXIT_OK;
}
