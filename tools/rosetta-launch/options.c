/* Parsing rosetta-launch's command line into a struct launch_config; see options.h. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "config_check.h"
#include "host.h"
#include "options.h"
#include "share_arg.h"
#include "tools/rosetta-mkroot/options.h"
#include "lib/number.h"
#include "lib/array_size.h"

enum {
	OPT_KERNEL = 256,
	OPT_INITRD,
	OPT_NO_INITRD,
	OPT_EXPECT_POWEROFF,
	OPT_ROSETTA_DIR,
	OPT_ROOT_DIR,
	OPT_ROOT_IMAGE,
	OPT_ROOT_RO,
	OPT_EPHEMERAL,
	OPT_SHARE,
	OPT_CMDLINE,
	OPT_MEMORY,
	OPT_CPUS,
	OPT_ACCEL,
	OPT_TIMEOUT,
	OPT_QEMU,
	OPT_VIRTIOFSD,
	OPT_BACKEND,
	OPT_VFKIT,
	OPT_TAG,
	OPT_VERBOSE,
	OPT_DRY_RUN,
	OPT_IMAGE,
	OPT_PLATFORM,
};

const struct cli_option launch_options[] = {
	{ "kernel", 0, "FILE", "guest kernel image", OPT_KERNEL },
	{ "initrd", 0, "FILE", "initramfs whose /init is rosetta-init", OPT_INITRD },
	{ "no-initrd", 0, NULL, "boot the root's own init, no initramfs (give root= in --cmdline)",
	  OPT_NO_INITRD },
	{ "rosetta-dir", 0, "DIR", "directory holding the translator (share 'rosetta')",
	  OPT_ROSETTA_DIR },
	{ "root-dir", 0, "DIR", "x86-64 root tree to share as 'rosetta-root'", OPT_ROOT_DIR },
	{ "root-image", 0, "FILE", "x86-64 root file system image (raw or qcow2), /dev/vda",
	  OPT_ROOT_IMAGE },
	{ "image", 0, "IMAGE",
	  "x86-64 container image to boot as the root, writes thrown away (OCI layout DIR[:TAG], "
	  "oci-archive or docker save tar)",
	  OPT_IMAGE },
	{ "platform", 0, "OS/ARCH", "the --image platform (default " MKROOT_PLATFORM ")",
	  OPT_PLATFORM },
	{ "root-ro", 0, NULL, "the guest mounts the root read-only", OPT_ROOT_RO },
	{ "ephemeral", 0, NULL, "the root's writes are thrown away at power-off", OPT_EPHEMERAL },
	{ "share", 0, "DIR:TAG[:ro]", "one more virtiofs share (up to 8)", OPT_SHARE },
	{ "cmdline", 0, "STR", "more kernel command line text", OPT_CMDLINE },
	{ "memory", 0, "MIB",
	  "guest memory in MiB (default 1024; 2048 with --root-dir --ephemeral)", OPT_MEMORY },
	{ "cpus", 0, "N", "virtual CPUs (default 2)", OPT_CPUS },
	{ "accel", 0, "MODE", "auto, kvm or tcg (default auto)", OPT_ACCEL },
	{ "timeout", 0, "SECS", "stop the guest after SECS seconds (default 0: never)",
	  OPT_TIMEOUT },
	{ "qemu", 0, "PATH", "qemu-system-aarch64 to run", OPT_QEMU },
	{ "virtiofsd", 0, "PATH", "virtiofsd to run (default " LAUNCH_VIRTIOFSD_DEFAULT ")",
	  OPT_VIRTIOFSD },
	{ "backend", 0, "NAME", "qemu or vfkit (macOS; default qemu)", OPT_BACKEND },
	{ "vfkit", 0, "PATH", "vfkit to run (with --backend vfkit)", OPT_VFKIT },
	{ "tag", 0, "TAG", "virtiofs tag of the translator share (default rosetta)", OPT_TAG },
	{ "verbose", 0, NULL, "show kernel messages and the commands run", OPT_VERBOSE },
	{ "dry-run", 0, NULL, "print the commands instead of running them", OPT_DRY_RUN },
	{ "expect-poweroff", 0, NULL,
	  "a clean power-off with no exit status reported is exit status 0", OPT_EXPECT_POWEROFF },
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};
const size_t launch_options_count = ARRAY_SIZE(launch_options);

void launch_config_init(struct launch_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->tag = DEFAULT_TAG;
	cfg->memory_mib = LAUNCH_MEMORY_DEFAULT;
	cfg->cpus = 2;
	cfg->accel = LAUNCH_ACCEL_AUTO;
	cfg->backend = LAUNCH_BACKEND_QEMU;
	cfg->interactive = true; /* main() asks isatty() */
}

static int number(const char *name, const char *arg, unsigned int min, unsigned int max,
		  unsigned int *out, struct error_record *err)
{
	unsigned long long v;

	if (parse_unsigned(arg, 10, min, max, &v) < 0)
		return error_set(err, -EINVAL, "invalid --%s value '%s': expected %u to %u", name,
				 arg, min, max);
	*out = (unsigned int)v;
	return 0;
}

static int path(const char *name, const char *arg, const char **out, struct error_record *err)
{
	if (*arg == '\0')
		return error_set(err, -EINVAL, "option --%s needs a non-empty value", name);
	*out = arg;
	return 0;
}

static int accel(const char *arg, enum launch_accel *out, struct error_record *err)
{
	if (strcmp(arg, "auto") == 0)
		*out = LAUNCH_ACCEL_AUTO;
	else if (strcmp(arg, "kvm") == 0)
		*out = LAUNCH_ACCEL_KVM;
	else if (strcmp(arg, "tcg") == 0)
		*out = LAUNCH_ACCEL_TCG;
	else
		return error_set(err, -EINVAL,
				 "invalid --accel value '%s': expected auto, kvm or tcg", arg);
	return 0;
}

static int backend(const char *arg, enum launch_backend *out, struct error_record *err)
{
	if (strcmp(arg, "qemu") == 0)
		*out = LAUNCH_BACKEND_QEMU;
	else if (strcmp(arg, "vfkit") == 0)
		*out = LAUNCH_BACKEND_VFKIT;
	else
		return error_set(err, -EINVAL,
				 "invalid --backend value '%s': expected qemu or vfkit", arg);
	return 0;
}

static int tag(const char *arg, const char **out, struct error_record *err)
{
	if (!contract_tag_ok(arg))
		return error_set(
		    err, -EINVAL,
		    "invalid --tag value '%s': use 1 to %d letters, digits, '.', '_' or '-'", arg,
		    TAG_MAX);
	*out = arg;
	return 0;
}

static int share(const char *arg, struct launch_config *cfg, struct error_record *err)
{
	int r;

	if (cfg->nshares == LAUNCH_EXTRA_SHARES_MAX)
		return error_set(err, -EINVAL, "at most %d --share options can be given",
				 LAUNCH_EXTRA_SHARES_MAX);
	r = launch_parse_share(arg, &cfg->share[cfg->nshares], err);
	if (r == 0)
		cfg->nshares++;
	return r;
}

static int apply_value(int opt, const char *arg, struct launch_config *cfg,
		       struct error_record *err)
{
	switch (opt) {
	case OPT_KERNEL:
		return path("kernel", arg, &cfg->kernel, err);
	case OPT_INITRD:
		return path("initrd", arg, &cfg->initrd, err);
	case OPT_ROSETTA_DIR:
		return path("rosetta-dir", arg, &cfg->rosetta_dir, err);
	case OPT_ROOT_DIR:
		return path("root-dir", arg, &cfg->root_dir, err);
	case OPT_ROOT_IMAGE:
		return path("root-image", arg, &cfg->root_image, err);
	case OPT_IMAGE:
		return path("image", arg, &cfg->image, err);
	case OPT_PLATFORM:
		return path("platform", arg, &cfg->platform, err);
	case OPT_SHARE:
		return share(arg, cfg, err);
	case OPT_QEMU:
		return path("qemu", arg, &cfg->qemu, err);
	case OPT_VIRTIOFSD:
		return path("virtiofsd", arg, &cfg->virtiofsd, err);
	case OPT_VFKIT:
		return path("vfkit", arg, &cfg->vfkit, err);
	case OPT_BACKEND:
		return backend(arg, &cfg->backend, err);
	case OPT_CMDLINE:
		cfg->cmdline = arg;
		return 0;
	case OPT_MEMORY:
		return number("memory", arg, 64, 1U << 20, &cfg->memory_mib, err);
	case OPT_CPUS:
		return number("cpus", arg, 1, 512, &cfg->cpus, err);
	case OPT_TIMEOUT:
		return number("timeout", arg, 0, INT_MAX / 1000, &cfg->timeout_s, err);
	case OPT_ACCEL:
		return accel(arg, &cfg->accel, err);
	case OPT_TAG:
		return tag(arg, &cfg->tag, err);
	}
	return error_set(err, -EINVAL, "internal error: unhandled option %d", opt);
}

/* The options without a value; false when opt is not one. */
static bool apply_flag(int opt, struct launch_config *cfg)
{
	bool *flag = NULL;

	if (opt == OPT_VERBOSE)
		flag = &cfg->verbose;
	else if (opt == OPT_DRY_RUN)
		flag = &cfg->dry_run;
	else if (opt == OPT_ROOT_RO)
		flag = &cfg->root_ro;
	else if (opt == OPT_EPHEMERAL)
		flag = &cfg->ephemeral;
	else if (opt == OPT_NO_INITRD)
		flag = &cfg->no_initrd;
	else if (opt == OPT_EXPECT_POWEROFF)
		flag = &cfg->expect_poweroff;
	if (flag)
		*flag = true;
	return flag != NULL;
}

/*
 * The kernel splits its command line at blanks outside double quotes and has no escape: a
 * quote left open makes the rest of the line, rosetta.entry included, part of one word. The
 * quotes toggle wherever they are, so they pair when their count is even; the word named is
 * the one in which the last quote opens, as far as the next blank.
 */
static int cmdline_quotes(const char *text, struct error_record *err)
{
	const char *blanks = " \t\n\v\f\r", *word = NULL, *quote = NULL, *p;
	bool open = false;

	for (p = text; p && *p; p++) {
		if (!open && strchr(blanks, *p)) {
			word = NULL;
			continue;
		}
		if (!word)
			word = p;
		if (*p == '"') {
			open = !open;
			quote = p;
		}
	}
	if (!open)
		return 0;
	return error_set(err, -EINVAL,
			 "--cmdline: the double quote in '%.*s' is not closed: the kernel would "
			 "take the rest of the command line, the entry included, as that word",
			 (int)(quote - word + (ptrdiff_t)strcspn(quote, blanks)), word);
}

/* what is the word getopt stopped at */
static int bad_option(int opt, const char *what, struct error_record *err)
{
	if (opt == ':')
		return error_set(err, -EINVAL, "option '%s' requires an argument", what);
	if (strncmp(what, "--", 2) != 0)
		return error_set(err, -EINVAL, "invalid option -- '%c'", optopt);
	/* glibc names the long option it recognised in optopt; 0 when it knows none */
	if (optopt != 0)
		return error_set(err, -EINVAL, "option '%s' doesn't allow an argument", what);
	return error_set(err, -EINVAL, "unrecognized option '%s'", what);
}

int launch_parse_options(int argc, char *argv[], struct launch_config *cfg,
			 struct error_record *err)
{
	struct launch_given given = { false, false };
	struct cli_parser p;
	int opt, r;

	launch_config_init(cfg);
	r = cli_parser_init(&p, launch_options, launch_options_count);
	if (r < 0)
		return error_set(err, r, "internal error: too many options");
	optind = 0; /* glibc: start over, so the parser can run more than once */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		if (opt == CLI_ID_HELP)
			return LAUNCH_HELP;
		if (opt == CLI_ID_VERSION)
			return LAUNCH_VERSION_INFO;
		if (apply_flag(opt, cfg))
			continue;
		if (opt == '?' || opt == ':')
			return bad_option(opt, argv[optind - 1], err);
		else if ((r = apply_value(opt, optarg, cfg, err)) < 0)
			return r;
		given.memory |= opt == OPT_MEMORY;
		given.accel |= opt == OPT_ACCEL;
	}
	if (optind < argc) {
		cfg->entry = argv + optind;
		cfg->entry_count = (size_t)(argc - optind);
	}
	r = launch_check_config(cfg, &given, err);
	if (r == 0)
		r = cmdline_quotes(cfg->cmdline, err);
	return r < 0 ? r : LAUNCH_RUN;
}
