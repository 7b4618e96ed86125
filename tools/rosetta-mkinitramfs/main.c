/* rosetta-mkinitramfs: write a directory tree, plus optional spec entries, as a reproducible
 * newc cpio archive for the Linux initramfs, optionally compressed. The only file that
 * prints. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "cleanup.h"
#include "compress.h"
#include "entry.h"
#include "lib/cli.h"
#include "lib/error.h"
#include "output.h"
#include "sink.h"
#include "spec.h"
#include "tree.h"
#include "lib/array_size.h"

#define PROG "rosetta-mkinitramfs"

enum { DONE = -1 }; /* --help or --version: nothing more to do */

struct options {
	const char *out;
	const char *spec;
	const char *dir;
	enum compress_method method;
	int method_set;
	uint32_t mtime;
	int mtime_set;
};

enum { OPT_COMPRESS = 256, OPT_MTIME, OPT_SPEC };

static const struct cli_option options[] = {
	{ "output", 'o', "OUT", "write OUT, whole or not at all, instead of standard output", 'o' },
	{ "compress", 0, "M",
	  "gzip, zstd or none; default gzip for *.gz, zstd for *.zst, else none", OPT_COMPRESS },
	{ "mtime", 0, "SECONDS", "time of every entry; default $SOURCE_DATE_EPOCH, else 0",
	  OPT_MTIME },
	{ "spec", 0, "FILE", "add entries from FILE (dir, nod, slink, file lines)", OPT_SPEC },
	CLI_OPTION_HELP,
	CLI_OPTION_VERSION,
};
#define N_OPTIONS (ARRAY_SIZE(options))

static void usage(void)
{
	fputs("Usage: " PROG " [options] DIR\n"
	      "Write the tree under DIR as a reproducible newc cpio archive (initramfs).\n\n",
	      stdout);
	cli_print_options(stdout, options, N_OPTIONS);
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, PROG ": ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cli_try_help(PROG);
	return CLI_EXIT_USAGE;
}

static int parse_seconds(const char *s, uint32_t *v)
{
	unsigned long long n;
	char *end;

	if (!s[0] || !strchr("0123456789", s[0]))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	*v = n;
	return 0;
}

/* Returns 0 to go on, DONE after --help or --version, or EXIT_USAGE. */
static int parse_option(int c, const char *arg, const char *opt, struct options *o)
{
	switch (c) {
	case 'o':
		o->out = arg;
		return 0;
	case OPT_COMPRESS:
		o->method_set = 1;
		if (compress_parse(arg, &o->method) < 0)
			return usage_error("bad --compress '%s': need gzip, zstd or none", arg);
		return 0;
	case OPT_MTIME:
		o->mtime_set = 1;
		if (parse_seconds(arg, &o->mtime) < 0)
			return usage_error("bad --mtime '%s': need seconds, 0 to 4294967295", arg);
		return 0;
	case OPT_SPEC:
		if (o->spec)
			return usage_error("%s given twice", "--spec");
		o->spec = arg;
		return 0;
	case CLI_ID_HELP:
		usage();
		return DONE;
	case CLI_ID_VERSION:
		cli_print_version(PROG);
		return DONE;
	case ':':
		return usage_error("option %s needs an argument", opt);
	default:
		return usage_error("unknown option %s", opt);
	}
}

/* Fills in what the options left to their defaults. */
static int apply_defaults(struct options *o)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");

	if (!o->method_set)
		o->method = compress_for_name(o->out);
	if (!o->mtime_set && epoch && parse_seconds(epoch, &o->mtime) < 0)
		return usage_error("bad SOURCE_DATE_EPOCH '%s': need seconds, 0 to 4294967295",
				   epoch);
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	struct cli_parser p;
	int c;

	if (cli_parser_init(&p, options, N_OPTIONS) < 0)
		return CLI_EXIT_SYSTEM;
	opterr = 0;
	while ((c = getopt_long(argc, argv, p.shortopts, p.longopts, NULL)) != -1) {
		const char *opt = argv[optind - 1];
		char shortopt[3] = { '-', (char)optopt, 0 };
		int r;

		if ((c == '?' || c == ':') && strncmp(opt, "--", 2) != 0 && optopt > 0 &&
		    optopt < 256)
			opt = shortopt;
		r = parse_option(c, optarg, opt, o);
		if (r != 0)
			return r;
	}
	if (optind == argc)
		return usage_error("missing %s", "DIR");
	if (optind + 1 < argc)
		return usage_error("unexpected argument '%s': give one DIR", argv[optind + 1]);
	o->dir = argv[optind];
	return apply_defaults(o);
}

static int report(const struct error_record *err)
{
	unsigned i;

	for (i = 0; i < err->count && i < ERROR_MAX; i++)
		fprintf(stderr, PROG ": %s\n", err->msg[i].text);
	if (err->count > ERROR_MAX)
		fprintf(stderr, PROG ": ... and %u more errors\n", err->count - ERROR_MAX);
	return err->system ? CLI_EXIT_SYSTEM : CLI_EXIT_FAILED;
}

static int collect(const struct options *o, struct entry_list *l, struct error_record *err)
{
	struct entry_list extra = { 0 };
	int r;

	r = tree_collect(o->dir, l, err);
	if (r == 0 && o->spec)
		r = spec_load(o->spec, &extra, err);
	if (r == 0 && entry_list_append(l, &extra) < 0)
		r = error_system(err, -ENOMEM, "out of memory");
	entry_list_free(&extra);
	return r == 0 ? entry_list_finish(l, err) : r;
}

/* Streams the archive into fd, which is the output or the compressor's pipe. */
static int stream(const struct options *o, const struct entry_list *l, int fd, const char *name,
		  struct error_record *err)
{
	struct fd_sink *sink = malloc(sizeof(*sink));
	struct cpio_out co = { .write = fd_sink_write, .ctx = sink };
	int r;

	if (!sink)
		return error_system(err, -ENOMEM, "out of memory");
	fd_sink_init(sink, fd);
	r = archive_write(l, o->mtime, &co, name, err);
	if (r == 0) {
		r = fd_sink_flush(sink);
		if (r < 0)
			r = error_system(err, r, "cannot write %s: %m", name);
	}
	free(sink);
	return r;
}

/* Through the compressor, whose exit status is checked even when streaming failed: if it
 * died, that is why the pipe broke. */
static int stream_compressed(const struct options *o, const struct entry_list *l, int fd,
			     struct error_record *err)
{
	struct compressor comp = { .pid = -1, .in_fd = -1 };
	char pipe_name[64];
	int r, c;

	snprintf(pipe_name, sizeof(pipe_name), "the pipe to %s", compress_program(o->method));
	r = compress_start(&comp, o->method, fd, err);
	if (r < 0)
		return r;
	r = stream(o, l, comp.in_fd, pipe_name, err);
	c = compress_finish(&comp, err);
	return r < 0 ? r : c;
}

static int write_image(const struct options *o, const struct entry_list *l,
		       struct error_record *err)
{
	struct output out;
	int r;

	r = output_open(&out, o->out, 0, err);
	if (r < 0)
		return r;
	if (o->method == COMPRESS_NONE)
		r = stream(o, l, out.fd, output_name(&out), err);
	else
		r = stream_compressed(o, l, out.fd, err);
	if (r == 0)
		return output_commit(&out, err);
	output_abort(&out);
	return r;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct entry_list l = { 0 };
	struct error_record err;
	int r;

	r = parse_args(argc, argv, &o);
	if (r == DONE)
		return cli_exit_stdout(PROG, CLI_EXIT_OK, CLI_EXIT_SYSTEM);
	if (r != 0)
		return r;
	/* A compressor that dies must show up as EPIPE and its exit status, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	error_init(&err);
	r = cleanup_install();
	if (r < 0)
		r = error_system(&err, r, "cannot install signal handlers: %m");
	if (r == 0)
		r = collect(&o, &l, &err);
	if (r == 0)
		r = write_image(&o, &l, &err);
	entry_list_free(&l);
	if (r == 0 && (r = cli_close_stdout()) < 0)
		r = error_system(&err, r, "cannot write the standard output: %m");
	return r == 0 ? CLI_EXIT_OK : report(&err);
}
