/* The entry's working directory and user (rosetta.workdir, rosetta.user) and
 * the image config rosetta-mkroot leaves in a root: what each key accepts and
 * refuses, the keys an image may set, the precedence of the configuration
 * file and the command line over it, the root stage's reading of it inside a
 * scratch root, and the entry child's chdir and its reported failures. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "init/config.h"
#include "init/entry_setup.h"
#include "init/root_image.h"
#include "init/stages.h"
#include "lib/fs.h"
#include "tests/unit/scratch.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct warnings {
	int count;
	char text[8][512];
};

static void record(void *arg, const char *where, const char *key, const char *problem)
{
	struct warnings *w = arg;

	if (w->count < 8)
		snprintf(w->text[w->count], sizeof(w->text[0]), "%s: %s: %s",
			 where ? where : "cmdline", key, problem);
	w->count++;
}

static int cmdline(struct config *cfg, const char *text, struct warnings *w)
{
	memset(w, 0, sizeof(*w));
	config_defaults(cfg);
	return config_parse_cmdline(cfg, text, record, w);
}

/* Merge an image config's text into cfg as the root stage does. */
static int merge(struct config *cfg, const char *text, struct warnings *w)
{
	memset(w, 0, sizeof(*w));
	return config_merge_image(cfg, text, strlen(text), IMAGE_CONFIG_FILE, record, w);
}

/* The defaults of both keys, and nothing counted as set. */
static void assert_unset(const struct config *cfg)
{
	assert_string_equal(cfg->workdir, "/");
	assert_false(cfg->has_user);
	assert_int_equal(cfg->set, 0);
}

static void workdir_and_user_default(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(cmdline(&cfg, "", &w), 0);
	assert_unset(&cfg);
}

static void workdir_and_user_apply(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(cmdline(&cfg, "rosetta.workdir=/srv/app rosetta.user=1000:100", &w), 0);
	assert_string_equal(cfg.workdir, "/srv/app");
	assert_true(cfg.has_user);
	assert_int_equal(cfg.uid, 1000);
	assert_int_equal(cfg.gid, 100);
	assert_int_equal(cfg.set, CONFIG_SET_WORKDIR | CONFIG_SET_USER);

	/* Without a group, gid 0, as docker gives a numeric user. */
	assert_int_equal(cmdline(&cfg, "rosetta.user=4294967294", &w), 0);
	assert_int_equal(cfg.uid, 4294967294U);
	assert_int_equal(cfg.gid, 0);
	assert_int_equal(cmdline(&cfg, "rosetta.user=0:0", &w), 0);
	assert_true(cfg.has_user);
	assert_int_equal(cfg.uid, 0);
}

static void workdir_and_user_refusals(void **state)
{
	static const char user_expect[] =
	    "is not UID or UID:GID, numbers from 0 to 4294967294 (no names)";
	static const struct {
		const char *word, *warning;
	} cases[] = {
		{ "rosetta.workdir=srv", "rosetta.workdir: 'srv' is not an absolute path" },
		{ "rosetta.workdir=", "rosetta.workdir: '' is not an absolute path" },
		{ "rosetta.workdir", "rosetta.workdir: no value, expected an absolute path" },
		{ "rosetta.user=nginx", "rosetta.user: 'nginx' " },
		{ "rosetta.user=1000:staff", "rosetta.user: '1000:staff' " },
		{ "rosetta.user=4294967295", "rosetta.user: '4294967295' " },
		{ "rosetta.user=1:4294967295", "rosetta.user: '1:4294967295' " },
		{ "rosetta.user=-1", "rosetta.user: '-1' " },
		{ "rosetta.user=+5", "rosetta.user: '+5' " },
		{ "rosetta.user=1000:", "rosetta.user: '1000:' " },
		{ "rosetta.user=:1000", "rosetta.user: ':1000' " },
		{ "rosetta.user=1:2:3", "rosetta.user: '1:2:3' " },
		{ "rosetta.user=99999999999999999999", "rosetta.user: '99999999999999999999' " },
		{ "rosetta.user=", "rosetta.user: '' " },
	};
	struct config cfg;
	struct warnings w;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[1024];

		assert_int_equal(cmdline(&cfg, cases[i].word, &w), 1);
		snprintf(line, sizeof(line), "cmdline: %s", cases[i].warning);
		if (strncmp(w.text[0], line, strlen(line)) != 0)
			fail_msg("%s: warned '%s', not '%s...'", cases[i].word, w.text[0], line);
		if (strstr(cases[i].word, "user=") && !strstr(w.text[0], user_expect))
			fail_msg("%s: warned '%s'", cases[i].word, w.text[0]);
		assert_unset(&cfg);
	}
}

static void image_takes_its_keys_only(void **state)
{
	struct config cfg;
	struct warnings w;

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(merge(&cfg,
			       "# rosetta-mkroot: manifest sha256:00\n"
			       "entry=/usr/sbin/nginx -g 'daemon off;'\n"
			       "rosetta.env.PATH=/usr/local/bin:/usr/bin\n"
			       "env.QUOTED=\"kept\" as written \n"
			       "env.NGINX_VERSION=1.25\n"
			       "workdir=/srv\n"
			       "user=101:102\n"
			       "root=virtiofs:other\n"
			       "service.x.argv=/bin/x\n"
			       "tag=\n",
			       &w),
			 3);
	assert_string_equal(w.text[0], IMAGE_CONFIG_FILE ":8: root: not a key of an image config "
							 "(entry, env.NAME, workdir, user)");
	assert_string_equal(w.text[1],
			    IMAGE_CONFIG_FILE ":9: service.x.argv: not a key of an "
					      "image config (entry, env.NAME, workdir, user)");
	assert_string_equal(w.text[2], IMAGE_CONFIG_FILE ":10: tag: not a key of an image config "
							 "(entry, env.NAME, workdir, user)");
	assert_string_equal(cfg.entry, "/usr/sbin/nginx -g 'daemon off;'");
	assert_string_equal(cfg.env[0], "PATH=/usr/local/bin:/usr/bin");
	assert_string_equal(cfg.env[1], "QUOTED=\"kept\" as written ");
	assert_string_equal(cfg.env[2], "NGINX_VERSION=1.25");
	assert_string_equal(cfg.workdir, "/srv");
	assert_true(cfg.has_user);
	assert_int_equal(cfg.uid, 101);
	assert_int_equal(cfg.gid, 102);
	assert_string_equal(cfg.root, DEFAULT_ROOT);
	assert_string_equal(cfg.tag, DEFAULT_TAG);
	assert_int_equal(cfg.nservices, 0);
	/* What the image set is not explicit: it does not count in cfg.set. */
	assert_int_equal(cfg.set, 0);
}

static void explicit_settings_win(void **state)
{
	static const char image[] = "entry=/bin/image-entry\n"
				    "env.A=image\n"
				    "env.B=image\n"
				    "env.B=image-again\n"
				    "workdir=/image\n"
				    "user=7:7\n";
	static const char file[] = "entry=/bin/file-entry\nenv.A=file\n";
	struct config cfg;
	struct warnings w;

	(void)state;
	config_defaults(&cfg);
	assert_int_equal(
	    config_parse_file_text(&cfg, file, strlen(file), "rosetta-init.conf", NULL, NULL), 0);
	assert_int_equal(config_parse_cmdline(&cfg, "rosetta.workdir=/cmdline", NULL, NULL), 0);
	assert_int_equal(merge(&cfg, image, &w), 0);
	assert_string_equal(cfg.entry, "/bin/file-entry");
	assert_string_equal(cfg.workdir, "/cmdline");
	assert_string_equal(cfg.env[0], "A=file");
	assert_string_equal(cfg.env[1], "B=image-again");
	assert_string_equal(cfg.env[2], "");
	/* user was not set explicitly: the image's applies. */
	assert_int_equal(cfg.uid, 7);

	/* rosetta.user=0 keeps the image's user from applying. */
	assert_int_equal(cmdline(&cfg, "rosetta.user=0", &w), 0);
	assert_int_equal(merge(&cfg, image, &w), 0);
	assert_int_equal(cfg.uid, 0);
	assert_string_equal(cfg.entry, "/bin/image-entry");
	assert_string_equal(cfg.workdir, "/image");
}

/* The image's variables fill what the configuration left; one too many is
 * warned about, naming it. */
static void image_env_limit(void **state)
{
	char text[CONFIG_ENV_MAX * 24] = "", expected[128];
	struct config cfg;
	struct warnings w;

	(void)state;
	assert_int_equal(cmdline(&cfg, "rosetta.env.MINE=1 rosetta.env.V0=mine", &w), 0);
	for (int i = 0; i < CONFIG_ENV_MAX; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "env.V%d=%d\n", i, i);
	assert_int_equal(merge(&cfg, text, &w), 1);
	snprintf(expected, sizeof(expected),
		 IMAGE_CONFIG_FILE ": env.V%d: more than %d variables with the configuration's own",
		 CONFIG_ENV_MAX - 1, CONFIG_ENV_MAX);
	assert_string_equal(w.text[0], expected);
	assert_string_equal(cfg.env[0], "MINE=1");
	assert_string_equal(cfg.env[1], "V0=mine");
	assert_string_equal(cfg.env[2], "V1=1");
	assert_string_equal(cfg.env[CONFIG_ENV_MAX - 1], "V30=30");
}

/* A boot context over a scratch root, configured as stage config leaves it. */
static void boot_ctx_over(struct boot_ctx *ctx, const struct scratch *s, const char *cmdline_text)
{
	struct failure f = { 0 };

	memset(ctx, 0, sizeof(*ctx));
	config_defaults(&ctx->cfg);
	assert_int_equal(config_parse_cmdline(&ctx->cfg, cmdline_text, NULL, NULL), 0);
	ctx->newroot = s->dir;
	assert_int_equal(config_entry_words(ctx, "rosetta.entry", &f), 0);
}

/* The tree at ctx->newroot, as stage root opens it for its checks. */
static int open_tree(const struct boot_ctx *ctx)
{
	int tree = open(ctx->newroot, O_PATH | O_DIRECTORY | O_CLOEXEC);

	assert_true(tree >= 0);
	return tree;
}

static int image_config(struct boot_ctx *ctx, struct failure *f)
{
	int tree = open_tree(ctx), r = root_image_config(ctx, tree, f);

	close(tree);
	return r;
}

static int check_workdir(const struct boot_ctx *ctx, struct failure *f)
{
	int tree = open_tree(ctx), r = root_check_workdir(ctx, tree, f);

	close(tree);
	return r;
}

static void put(struct scratch *s, const char *rel, const char *text)
{
	assert_int_equal(make_dirs(scratch_path(s, "etc"), 0755), 0);
	assert_int_equal(scratch_put(s, rel, text, 0644), 0);
}

static void root_without_image_config(void **state)
{
	struct scratch *s = *state;
	struct boot_ctx ctx;
	struct failure f = { 0 };

	boot_ctx_over(&ctx, s, "rosetta.entry=/bin/true");
	assert_int_equal(image_config(&ctx, &f), 0);
	assert_string_equal(ctx.cfg.entry, "/bin/true");
	assert_string_equal(ctx.entry_argv[0], "/bin/true");
	assert_string_equal(ctx.cfg.workdir, "/");
}

static void root_image_config_applies(void **state)
{
	struct scratch *s = *state;
	struct boot_ctx ctx;
	struct failure f = { 0 };

	put(s, "etc/rosetta-image.conf",
	    "entry=/bin/sh -c 'echo  hi'\nworkdir=/srv\nuser=5\nenv.X=1\n");
	boot_ctx_over(&ctx, s, "");
	assert_int_equal(image_config(&ctx, &f), 0);
	assert_string_equal(ctx.entry_argv[0], "/bin/sh");
	assert_string_equal(ctx.entry_argv[1], "-c");
	assert_string_equal(ctx.entry_argv[2], "echo  hi");
	assert_null(ctx.entry_argv[3]);
	assert_string_equal(ctx.cfg.workdir, "/srv");
	assert_int_equal(ctx.cfg.uid, 5);
	assert_int_equal(ctx.cfg.gid, 0);
	assert_string_equal(ctx.cfg.env[0], "X=1");

	/* The command line's entry wins. */
	boot_ctx_over(&ctx, s, "rosetta.entry=/bin/true");
	assert_int_equal(image_config(&ctx, &f), 0);
	assert_string_equal(ctx.entry_argv[0], "/bin/true");
	assert_null(ctx.entry_argv[1]);
	assert_string_equal(ctx.cfg.workdir, "/srv");
}

/* The file is read inside the root: an absolute link stays in it. */
static void root_image_config_link_stays_inside(void **state)
{
	struct scratch *s = *state;
	struct boot_ctx ctx;
	struct failure f = { 0 };
	char outside[PATH_MAX];

	put(s, "outside.conf", "entry=/bin/outside\n");
	assert_int_equal(make_dirs(scratch_path(s, "root/etc"), 0755), 0);
	/* The host's path of outside.conf, which inside root/ names nothing. */
	snprintf(outside, sizeof(outside), "%s", scratch_path(s, "outside.conf"));
	assert_int_equal(symlink(outside, scratch_path(s, "root/etc/rosetta-image.conf")), 0);
	boot_ctx_over(&ctx, s, "");
	ctx.newroot = scratch_path(s, "root");
	assert_int_equal(image_config(&ctx, &f), 0);
	assert_string_equal(ctx.cfg.entry, DEFAULT_ENTRY);
}

static void root_image_config_failures(void **state)
{
	struct scratch *s = *state;
	struct boot_ctx ctx;
	struct failure f = { 0 };
	char *big = malloc(CONFIG_FILE_MAX + 2);

	assert_non_null(big);
	put(s, "etc/rosetta-image.conf", "entry=nginx -g 'daemon off;'\n");
	boot_ctx_over(&ctx, s, "");
	assert_int_equal(image_config(&ctx, &f), -EINVAL);
	assert_string_equal(f.what,
			    "the entry of /etc/rosetta-image.conf or rosetta.entry "
			    "'nginx -g 'daemon off;'' does not start with an absolute path");

	put(s, "etc/rosetta-image.conf", "entry=/bin/sh -c 'unpaired\n");
	boot_ctx_over(&ctx, s, "");
	assert_int_equal(image_config(&ctx, &f), -EINVAL);
	assert_non_null(strstr(f.what, "splitting the entry of /etc/rosetta-image.conf"));

	/* 64 KiB of comments are read; a byte more fails the stage. */
	memset(big, '#', CONFIG_FILE_MAX + 1);
	big[CONFIG_FILE_MAX + 1] = '\0';
	put(s, "etc/rosetta-image.conf", big + 1);
	boot_ctx_over(&ctx, s, "");
	assert_int_equal(image_config(&ctx, &f), 0);
	put(s, "etc/rosetta-image.conf", big);
	assert_int_equal(image_config(&ctx, &f), -EFBIG);
	assert_non_null(strstr(f.what, "reading /etc/rosetta-image.conf"));
	free(big);

	assert_int_equal(unlink(scratch_path(s, "etc/rosetta-image.conf")), 0);
	assert_int_equal(make_dirs(scratch_path(s, "etc/rosetta-image.conf"), 0755), 0);
	assert_int_equal(image_config(&ctx, &f), -EISDIR);
}

static void workdir_must_be_a_directory_of_the_tree(void **state)
{
	struct scratch *s = *state;
	struct boot_ctx ctx;
	struct failure f = { 0 };

	assert_int_equal(make_dirs(scratch_path(s, "srv/app"), 0755), 0);
	put(s, "etc/file", "");
	boot_ctx_over(&ctx, s, "rosetta.workdir=/srv/app");
	assert_int_equal(check_workdir(&ctx, &f), 0);
	boot_ctx_over(&ctx, s, "");
	assert_int_equal(check_workdir(&ctx, &f), 0);
	boot_ctx_over(&ctx, s, "rosetta.workdir=/srv/none");
	assert_int_equal(check_workdir(&ctx, &f), -ENOENT);
	assert_string_equal(f.what, "the entry's working directory /srv/none in initramfs:/x86");
	boot_ctx_over(&ctx, s, "rosetta.workdir=/etc/file");
	assert_int_equal(check_workdir(&ctx, &f), -ENOTDIR);
}

/* In a child, as the supervisor runs it: the directory it ends in. */
static int setup_in_child(const struct config *cfg, const char *pwd_file)
{
	enum entry_step step;
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char cwd[PATH_MAX];
		FILE *out;
		int r = entry_setup(cfg, &step);

		if (r < 0)
			_exit(100 + (int)step);
		out = fopen(pwd_file, "w");
		if (!out || !getcwd(cwd, sizeof(cwd)))
			_exit(99);
		fprintf(out, "%s", cwd);
		fclose(out);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void entry_setup_changes_directory(void **state)
{
	struct scratch *s = *state;
	struct config cfg;
	char cwd[PATH_MAX] = "";
	FILE *in;

	config_defaults(&cfg);
	assert_int_equal(make_dirs(scratch_path(s, "work dir"), 0755), 0);
	snprintf(cfg.workdir, sizeof(cfg.workdir), "%s", scratch_path(s, "work dir"));
	assert_int_equal(setup_in_child(&cfg, scratch_path(s, "pwd")), 0);
	in = fopen(scratch_path(s, "pwd"), "r");
	assert_non_null(in);
	assert_non_null(fgets(cwd, sizeof(cwd), in));
	fclose(in);
	assert_string_equal(cwd, scratch_path(s, "work dir"));

	snprintf(cfg.workdir, sizeof(cfg.workdir), "%s", scratch_path(s, "none"));
	assert_int_equal(setup_in_child(&cfg, scratch_path(s, "pwd")), 100 + ENTRY_STEP_CHDIR);
}

static void entry_setup_failures_are_named(void **state)
{
	struct config cfg;
	struct failure f = { .stage = "run" };

	(void)state;
	config_defaults(&cfg);
	strcpy(cfg.workdir, "/srv");
	cfg.has_user = true;
	cfg.uid = 1000;
	cfg.gid = 100;
	assert_int_equal(entry_setup_fail(&cfg, ENTRY_STEP_CHDIR, ENOENT, &f), -ENOENT);
	assert_string_equal(f.what, "changing to the entry's working directory /srv");
	assert_non_null(strstr(f.remedy, "rosetta.workdir="));
	assert_int_equal(entry_setup_fail(&cfg, ENTRY_STEP_SETGROUPS, EPERM, &f), -EPERM);
	assert_string_equal(f.what,
			    "setting the entry's groups to just 100 (rosetta.user=1000:100)");
	entry_setup_fail(&cfg, ENTRY_STEP_SETGID, EPERM, &f);
	assert_string_equal(f.what, "setting the entry's gid to 100 (rosetta.user=1000:100)");
	entry_setup_fail(&cfg, ENTRY_STEP_SETUID, EINVAL, &f);
	assert_string_equal(f.what, "setting the entry's uid to 1000 (rosetta.user=1000:100)");
	assert_non_null(strstr(f.remedy, "rosetta.user="));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(workdir_and_user_default),
		cmocka_unit_test(workdir_and_user_apply),
		cmocka_unit_test(workdir_and_user_refusals),
		cmocka_unit_test(image_takes_its_keys_only),
		cmocka_unit_test(explicit_settings_win),
		cmocka_unit_test(image_env_limit),
		cmocka_unit_test_setup_teardown(root_without_image_config, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(root_image_config_applies, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(root_image_config_link_stays_inside, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(root_image_config_failures, scratch_setup,
						scratch_teardown),
		cmocka_unit_test_setup_teardown(workdir_must_be_a_directory_of_the_tree,
						scratch_setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(entry_setup_changes_directory, scratch_setup,
						scratch_teardown),
		cmocka_unit_test(entry_setup_failures_are_named),
	};

	return cmocka_run_group_tests_name("init_config_image", tests, NULL, NULL);
}
