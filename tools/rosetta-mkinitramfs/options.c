/* Parsing rosetta-mkinitramfs's command line; see options.h. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/number.h"
#include "lib/array_size.h"

enum { OPT_COMPRESS = 256, OPT_MTIME, OPT_SPEC };

const struct cli_option mkinitramfs_options[] = {
	{ "output", 'o', "OUT", "write OUT, whole or not at all, instead of standard output", 'o' },
	{ "compress", 0, "M",
	  "gzip, zstd or none; default gzip for *.gz, zstd for *.zst, else none", OPT_COMPRESS },
	{ "mtime", 0, "SECONDS", "time of every entry; default $SOURCE_DATE_EPOCH, else 0",
	  OPT_MTIME },
	{ "spec", 0, "FILE", "add entries from FILE (dir, nod, slink, file lines)", OPT_SPEC },
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};
const size_t mkinitramfs_options_count = ARRAY_SIZE(mkinitramfs_options);

/* What the user wrote for an option getopt refused: a short option inside a cluster
 * ("-xo") is not argv[optind - 1], so it is named by its letter. */
static const char *refused_option(int c, const char *word, char shortopt[3])
{
	if ((c == '?' || c == ':') && strncmp(word, "--", 2) != 0 && optopt > 0 && optopt < 256) {
		shortopt[0] = '-';
		shortopt[1] = (char)optopt;
		shortopt[2] = '\0';
		return shortopt;
	}
	return word;
}

static int parse_seconds(const char *s, uint32_t *v)
{
	unsigned long long n;

	if (parse_unsigned(s, 10, 0, UINT32_MAX, &n) < 0)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

/* The options being filled, and which of them the command line gave. */
struct parse {
	struct mkinitramfs_options *o;
	struct error_record *err;
	bool method_set, mtime_set;
};

/* Sets what option c says; word is the option as written. Returns 0 or -EINVAL. */
static int apply_option(struct parse *ps, int c, const char *arg, const char *word)
{
	struct mkinitramfs_options *o = ps->o;
	struct error_record *err = ps->err;

	switch (c) {
	case 'o':
		o->out = arg;
		return 0;
	case OPT_COMPRESS:
		ps->method_set = true;
		if (compress_parse(arg, &o->method) < 0)
			return error_set(err, -EINVAL,
					 "bad --compress '%s': need gzip, zstd or none", arg);
		return 0;
	case OPT_MTIME:
		ps->mtime_set = true;
		if (parse_seconds(arg, &o->mtime) < 0)
			return error_set(err, -EINVAL,
					 "bad --mtime '%s': need seconds, 0 to 4294967295", arg);
		return 0;
	case OPT_SPEC:
		if (o->spec)
			return error_set(err, -EINVAL, "%s given twice", "--spec");
		o->spec = arg;
		return 0;
	case ':':
		return error_set(err, -EINVAL, "option %s needs an argument", word);
	default:
		return error_set(err, -EINVAL, "unknown option %s", word);
	}
}

/* The one DIR, then what the options left to their defaults. */
static int finish(struct parse *ps, int argc, char **argv, const char *epoch)
{
	struct mkinitramfs_options *o = ps->o;
	struct error_record *err = ps->err;

	if (optind == argc)
		return error_set(err, -EINVAL, "missing %s", "DIR");
	if (optind + 1 < argc)
		return error_set(err, -EINVAL, "unexpected argument '%s': give one DIR",
				 argv[optind + 1]);
	o->dir = argv[optind];
	if (!ps->method_set)
		o->method = compress_for_name(o->out);
	if (!ps->mtime_set && epoch && parse_seconds(epoch, &o->mtime) < 0)
		return error_set(err, -EINVAL,
				 "bad SOURCE_DATE_EPOCH '%s': need seconds, 0 to 4294967295",
				 epoch);
	return MKINITRAMFS_RUN;
}

int mkinitramfs_parse_options(int argc, char **argv, const char *epoch,
			      struct mkinitramfs_options *o, struct error_record *err)
{
	struct parse ps = { .o = o, .err = err };
	struct cli_parser p;
	int c, r;

	memset(o, 0, sizeof(*o));
	r = cli_parser_init(&p, mkinitramfs_options, mkinitramfs_options_count);
	if (r < 0)
		return error_system(err, r, "internal error: too many options");
	optind = 0; /* glibc: start over, so that the parser can run more than once */
	opterr = 0;
	while ((c = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		char shortopt[3];

		if (c == CLI_ID_HELP)
			return MKINITRAMFS_HELP;
		if (c == CLI_ID_VERSION)
			return MKINITRAMFS_VERSION_INFO;
		r = apply_option(&ps, c, optarg, refused_option(c, argv[optind - 1], shortopt));
		if (r < 0)
			return r;
	}
	return finish(&ps, argc, argv, epoch);
}
