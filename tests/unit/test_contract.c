/*
 * The host/guest contract, end to end: for every launcher configuration that changes the
 * kernel command line (tag, root directory or image, read-only, ephemeral, unattended,
 * entry, verbose), the line rosetta-launch builds is read by rosetta-init's own parser.
 * Not one warning, and the init ends up with the tag, root, root mode, overlay, emergency
 * action and entry words the launcher meant.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "init/config.h"
#include "lib/contract.h"
#include "tools/rosetta-launch/cmdline.h"
#include "tools/rosetta-launch/options.h"
#include "lib/array_size.h"

enum root_kind { ROOT_NONE, ROOT_DIR, ROOT_IMAGE, ROOT_KINDS };

/* One launcher configuration of the matrix. */
struct variant {
	bool custom_tag;
	enum root_kind root;
	bool ro;
	bool ephemeral;
	bool unattended;
	size_t entry; /* index into entries */
	bool verbose;
};

/* Entries the init must split back into the same words. */
static const char *const entries[][5] = {
	{ NULL },
	{ "/bin/sh", "-c", "uname -m; exit 7", NULL },
	{ "/usr/bin/printf", "%s|", "", "a\tb", NULL },
	{ "/usr/bin/env", "LANG=C.UTF-8", "caf\xc3\xa9", "back\\slash", NULL },
};
#define NENTRIES (ARRAY_SIZE(entries))

struct warnings {
	int count;
	char all[2048];
};

static void record(void *arg, const char *where, const char *key, const char *problem)
{
	struct warnings *w = arg;
	size_t len = strlen(w->all);

	w->count++;
	snprintf(w->all + len, sizeof(w->all) - len, "%s%s: %s\n", where ? where : "", key,
		 problem);
}

/* The words rosetta-launch gets for a variant, after REQUIRED; NULL-ended. */
static size_t words_for(const struct variant *v, const char **w)
{
	size_t n = 0;

	w[n++] = "rosetta-launch";
	w[n++] = "--kernel";
	w[n++] = "vmlinuz";
	w[n++] = "--initrd";
	w[n++] = "initrd.gz";
	w[n++] = "--rosetta-dir";
	w[n++] = "share";
	if (v->custom_tag) {
		w[n++] = "--tag";
		w[n++] = "xlate.1";
	}
	if (v->root == ROOT_DIR) {
		w[n++] = "--root-dir";
		w[n++] = "build/trees/debian-amd64";
	} else if (v->root == ROOT_IMAGE) {
		w[n++] = "--root-image";
		w[n++] = "build/trees/debian-amd64.ext4";
	}
	if (v->ro)
		w[n++] = "--root-ro";
	if (v->ephemeral)
		w[n++] = "--ephemeral";
	if (v->verbose)
		w[n++] = "--verbose";
	/* --share changes no word of the command line, but must not start to */
	w[n++] = "--share";
	w[n++] = "/srv/data:data:ro";
	if (entries[v->entry][0]) {
		w[n++] = "--";
		for (size_t i = 0; entries[v->entry][i]; i++)
			w[n++] = entries[v->entry][i];
	}
	w[n] = NULL;
	return n;
}

static bool valid(const struct variant *v)
{
	if (v->root == ROOT_NONE && (v->ro || v->ephemeral))
		return false;
	return !(v->ro && v->ephemeral);
}

static void describe(const struct variant *v, char *buf, size_t size)
{
	static const char *const roots[] = { "initramfs", "dir", "image" };

	snprintf(buf, size, "tag=%s root=%s ro=%d ephemeral=%d unattended=%d entry=%zu verbose=%d",
		 v->custom_tag ? "xlate.1" : "default", roots[v->root], v->ro, v->ephemeral,
		 v->unattended, v->entry, v->verbose);
}

static void assert_entry_words(const struct config *got, size_t entry, const char *what)
{
	char buf[CONFIG_ENTRY_MAX], *argv[CONFIG_ARGV_MAX];
	int argc, i;

	if (!entries[entry][0]) {
		if (strcmp(got->entry, DEFAULT_ENTRY) != 0)
			fail_msg("%s: entry '%s', want the default", what, got->entry);
		return;
	}
	argc = config_split_entry(got->entry, buf, sizeof(buf), argv, CONFIG_ARGV_MAX);
	for (i = 0; entries[entry][i]; i++) {
		if (i >= argc)
			fail_msg("%s: entry '%s' has %d words, want more", what, got->entry, argc);
		if (strcmp(argv[i], entries[entry][i]) != 0)
			fail_msg("%s: entry word %d is '%s', want '%s'", what, i, argv[i],
				 entries[entry][i]);
	}
	if (argc != i)
		fail_msg("%s: entry '%s' has %d words, want %d", what, got->entry, argc, i);
}

static void assert_root(const struct config *got, const struct variant *v, const char *what)
{
	static const char *const want_root[] = {
		[ROOT_NONE] = DEFAULT_ROOT,
		[ROOT_DIR] = "virtiofs:" ROOT_SHARE_TAG,
		[ROOT_IMAGE] = ROOT_IMAGE_DEVICE,
	};
	static const enum root_type want_type[] = {
		[ROOT_NONE] = ROOT_INITRAMFS,
		[ROOT_DIR] = ROOT_VIRTIOFS,
		[ROOT_IMAGE] = ROOT_DEVICE,
	};
	struct root_spec spec;

	if (strcmp(got->root, want_root[v->root]) != 0)
		fail_msg("%s: root '%s', want '%s'", what, got->root, want_root[v->root]);
	assert_int_equal(contract_root_parse(got->root, &spec), 0);
	assert_int_equal(spec.type, want_type[v->root]);
	if (got->root_ro != v->ro)
		fail_msg("%s: root_ro %d, want %d", what, got->root_ro, v->ro);
	if (got->overlay != (v->ephemeral && v->root == ROOT_DIR))
		fail_msg("%s: overlay %d", what, got->overlay);
	assert_string_equal(got->root_refused, "");
	/* The image's type the launcher probed (every variant is given "ext4"). */
	assert_string_equal(got->rootfstype, v->root == ROOT_IMAGE ? "ext4" : "");
	assert_string_equal(got->rootflags, "");
}

/* Launch options for v, the command line they make, and what the init reads from it. */
static void check_variant(const struct variant *v)
{
	char cmdline[LAUNCH_CMDLINE_MAX + 1], what[160];
	const char *words[40];
	struct launch_config cfg;
	struct error_record err = { 0 };
	struct warnings w = { 0 };
	struct config got;
	int argc = (int)words_for(v, words), r;

	describe(v, what, sizeof(what));
	r = launch_parse_options(argc, (char **)words, &cfg, &err);
	if (r != LAUNCH_RUN)
		fail_msg("%s: the launcher refused it: %s", what, err.msg[0].text);
	cfg.interactive = !v->unattended;
	if (launch_build_cmdline(&cfg, "ext4", cmdline, sizeof(cmdline), &err) != 0)
		fail_msg("%s: no command line: %s", what, err.msg[0].text);
	config_defaults(&got);
	if (config_parse_cmdline(&got, cmdline, record, &w) != 0 || w.count != 0)
		fail_msg("%s: the init warned about\n  %.300s\n%.300s\n", what, cmdline, w.all);
	if (strcmp(got.tag, v->custom_tag ? "xlate.1" : DEFAULT_TAG) != 0)
		fail_msg("%s: tag '%s'", what, got.tag);
	assert_root(&got, v, what);
	if (got.emergency != (v->unattended ? EMERGENCY_POWEROFF : EMERGENCY_AUTO))
		fail_msg("%s: emergency %d", what, (int)got.emergency);
	/* the kernel's own "quiet" is not rosetta.quiet */
	assert_int_equal(got.log_level, LOG_LEVEL_NORMAL);
	assert_entry_words(&got, v->entry, what);
}

static void test_every_combination(void **state)
{
	struct variant v;
	unsigned int bits, checked = 0;

	(void)state;
	for (bits = 0; bits < 32; bits++) {
		for (v.root = ROOT_NONE; v.root < ROOT_KINDS; v.root++) {
			for (v.entry = 0; v.entry < NENTRIES; v.entry++) {
				v.custom_tag = bits & 1;
				v.ro = bits & 2;
				v.ephemeral = bits & 4;
				v.unattended = bits & 8;
				v.verbose = bits & 16;
				if (!valid(&v))
					continue;
				check_variant(&v);
				checked++;
			}
		}
	}
	/* 7 roots (the initramfs's; a directory or an image, each plain, read-only or
	 * ephemeral) x 2 tags x 2 attended x 2 verbose x the entries */
	assert_int_equal(checked, (size_t)7 * 2 * 2 * 2 * NENTRIES);
}

/* What the matrix leaves out, the launcher refuses, so the init never sees it. */
static void test_refused_combinations(void **state)
{
	struct variant v = { 0 };
	const char *words[40];
	struct launch_config cfg;
	struct error_record err = { 0 };
	int argc;

	(void)state;
	for (v.root = ROOT_NONE; v.root < ROOT_KINDS; v.root++) {
		for (unsigned int bits = 1; bits < 4; bits++) {
			v.ro = bits & 1;
			v.ephemeral = bits & 2;
			if (valid(&v))
				continue;
			argc = (int)words_for(&v, words);
			assert_int_equal(launch_parse_options(argc, (char **)words, &cfg, &err),
					 -EINVAL);
		}
	}
}

/* The user's --cmdline comes after the launcher's keys: the init takes the last one. */
static void test_user_keys_win(void **state)
{
	const char *words[] = { "rosetta-launch",
				"--kernel",
				"k",
				"--initrd",
				"i",
				"--rosetta-dir",
				"s",
				"--root-image",
				"d.img",
				"--root-ro",
				"--cmdline",
				"rosetta.rw rosetta.rootfstype=ext4",
				NULL };
	char cmdline[LAUNCH_CMDLINE_MAX + 1];
	struct launch_config cfg;
	struct error_record err = { 0 };
	struct warnings w = { 0 };
	struct config got;

	(void)state;
	assert_int_equal(launch_parse_options(12, (char **)words, &cfg, &err), LAUNCH_RUN);
	/* The launcher probed xfs; the user's --cmdline says ext4. */
	assert_int_equal(launch_build_cmdline(&cfg, "xfs", cmdline, sizeof(cmdline), &err), 0);
	config_defaults(&got);
	assert_int_equal(config_parse_cmdline(&got, cmdline, record, &w), 0);
	assert_string_equal(got.root, ROOT_IMAGE_DEVICE);
	assert_false(got.root_ro);
	assert_string_equal(got.rootfstype, "ext4");

	/* A root of the user's own: the image's type is not passed for it. */
	words[11] = "rosetta.root=/dev/vda1";
	assert_int_equal(launch_parse_options(12, (char **)words, &cfg, &err), LAUNCH_RUN);
	assert_int_equal(launch_build_cmdline(&cfg, "xfs", cmdline, sizeof(cmdline), &err), 0);
	config_defaults(&got);
	assert_int_equal(config_parse_cmdline(&got, cmdline, record, &w), 0);
	assert_string_equal(got.root, "/dev/vda1");
	assert_string_equal(got.rootfstype, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_refused_combinations),
		cmocka_unit_test(test_user_keys_win),
	};

	return cmocka_run_group_tests_name("contract", tests, NULL, NULL);
}
