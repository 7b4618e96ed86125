/* Parsing rosetta-mkroot's command line; see options.h. */
#include "options.h"

#include <errno.h>
#include <string.h>

#include "lib/array_size.h"

enum { OPT_PLATFORM, OPT_FORMAT, OPT_HELP, OPT_VERSION };

const struct cli_option mkroot_options[] = {
	[OPT_PLATFORM] = { "platform", 0, "OS/ARCH[/VARIANT]",
			   "the image's platform to unpack (default " MKROOT_PLATFORM ")", 256 },
	[OPT_FORMAT] = { "format", 0, "dir|ext4",
			 "OUTPUT as a directory (default) or an ext4 image", 257 },
	[OPT_HELP] = CLI_OPTION_HELP,
	[OPT_VERSION] = CLI_OPTION_VERSION,
};
const size_t mkroot_options_count = ARRAY_SIZE(mkroot_options);

static const char *const format_names[] = {
	[MKROOT_FORMAT_DIR] = "dir",
	[MKROOT_FORMAT_EXT4] = "ext4",
};

struct parse {
	struct mkroot_options *o;
	const char *format; /* as written, checked after the loop */
};

static void take(void *arg, int index, const char *value)
{
	struct parse *ps = arg;

	if (index == OPT_PLATFORM)
		ps->o->platform = value;
	else if (index == OPT_FORMAT)
		ps->format = value;
}

static int parse_format(const char *word, enum mkroot_format *format)
{
	for (size_t i = 0; i < ARRAY_SIZE(format_names); i++)
		if (!strcmp(word, format_names[i])) {
			*format = (enum mkroot_format)i;
			return 0;
		}
	return -EINVAL;
}

int mkroot_parse_options(int argc, char **argv, struct mkroot_options *o, struct error_record *err)
{
	struct parse ps = { .o = o };
	char why[256];
	int r;

	memset(o, 0, sizeof(*o));
	r = cli_read_options(mkroot_options, mkroot_options_count, argc, argv, take, &ps, why,
			     sizeof(why));
	if (r == CLI_READ_HELP)
		return MKROOT_HELP;
	if (r == CLI_READ_VERSION)
		return MKROOT_VERSION_INFO;
	if (r < 0)
		return error_set(err, -EINVAL, "%s", why);
	if (ps.format && parse_format(ps.format, &o->format) < 0)
		return error_set(err, -EINVAL, "bad --format '%s': need dir or ext4", ps.format);
	if (o->platform && !o->platform[0])
		return error_set(err, -EINVAL, "bad --platform '': need OS/ARCH[/VARIANT]");
	if (optind == argc)
		return error_set(err, -EINVAL, "missing IMAGE");
	if (argc - optind > 2)
		return error_set(err, -EINVAL, "unexpected argument '%s': give IMAGE and OUTPUT",
				 argv[optind + 2]);
	o->image = argv[optind];
	o->output = argc - optind == 2 ? argv[optind + 1] : NULL;
	if (o->output && (!*o->output || o->output[strlen(o->output) - 1] == '/'))
		return error_set(err, -EINVAL,
				 "bad OUTPUT '%s': name a file or directory to make, without a "
				 "trailing '/'",
				 o->output);
	if (!o->output && o->format == MKROOT_FORMAT_EXT4)
		return error_set(err, -EINVAL, "--format ext4 needs an OUTPUT file");
	return MKROOT_RUN;
}
