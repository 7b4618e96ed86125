/* An image's User made numbers from the image's own /etc/passwd and
 * /etc/group, on a scratch root: each form docker takes, docker's defaults
 * (the passwd entry's gid, or 0), names the image lacks, and files reached
 * through links that must stay inside the root. */
/* Before cmocka.h, which defines a fail() macro of its own. */
#include "lib/fs.h"
#include "tests/unit/scratch.h"
#include "tools/rosetta-mkroot/image_user.h"

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
#include <unistd.h>

static const char passwd[] = "root:x:0:0:root:/root:/bin/sh\n"
			     "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
			     "nginx:x:101:102:nginx user:/nonexistent:/bin/false\n"
			     "broken:x:notanumber:5::/:/bin/sh\n"
			     "1234:x:2000:2001::/:/bin/sh\n"
			     "app:x:1000:1000::/home/app:/bin/sh"; /* no final newline */

static const char group[] = "root:x:0:\n"
			    "staff:x:50:app\n"
			    "nginx:x:102:\n"
			    "bad:x:-1:\n";

/* A root with etc/passwd and etc/group; its fd (O_PATH) in *fd. */
static int setup(void **state)
{
	struct scratch *s;

	if (scratch_setup(state) < 0)
		return -1;
	s = *state;
	if (make_dirs(scratch_path(s, "root/etc"), 0755) < 0 ||
	    scratch_put(s, "root/etc/passwd", passwd, 0644) < 0 ||
	    scratch_put(s, "root/etc/group", group, 0644) < 0)
		return -1;
	return 0;
}

static int root_fd(struct scratch *s)
{
	int fd = open(scratch_path(s, "root"), O_PATH | O_DIRECTORY | O_CLOEXEC);

	assert_true(fd >= 0);
	return fd;
}

/* Resolve user in the scratch root: the result, and the ids or message. */
static int resolve(struct scratch *s, const char *user, uid_t *uid, gid_t *gid,
		   struct error_record *e)
{
	int fd = root_fd(s), r;

	error_init(e);
	*uid = 12345;
	*gid = 12345;
	r = image_user_resolve(fd, user, uid, gid, e);
	close(fd);
	return r;
}

static void assert_ids(struct scratch *s, const char *user, uid_t uid, gid_t gid)
{
	struct error_record e;
	uid_t u;
	gid_t g;

	if (resolve(s, user, &u, &g, &e) != 0)
		fail_msg("'%s': %s", user, e.msg[0].text);
	if (u != uid || g != gid)
		fail_msg("'%s' is %u:%u, not %u:%u", user, (unsigned)u, (unsigned)g, (unsigned)uid,
			 (unsigned)gid);
}

static void assert_refused(struct scratch *s, const char *user, int err, const char *message)
{
	struct error_record e;
	uid_t u;
	gid_t g;

	assert_int_equal(resolve(s, user, &u, &g, &e), err);
	assert_string_equal(e.msg[0].text, message);
}

static void every_form(void **state)
{
	struct scratch *s = *state;

	assert_ids(s, "nginx", 101, 102);	/* name: its passwd gid */
	assert_ids(s, "app", 1000, 1000);	/* the last line, without newline */
	assert_ids(s, "101", 101, 102);		/* uid in passwd: its gid */
	assert_ids(s, "4242", 4242, 0);		/* uid not in passwd: gid 0 */
	assert_ids(s, "nginx:staff", 101, 50);	/* name:group */
	assert_ids(s, "nginx:7", 101, 7);	/* name:gid */
	assert_ids(s, "4242:4343", 4242, 4343); /* uid:gid */
	assert_ids(s, "0:staff", 0, 50);	/* uid:group */
	assert_ids(s, "1234", 2000, 2001);	/* a numeric name matches first */
	assert_ids(s, "", 0, 0);		/* no user is root */
	assert_ids(s, "root", 0, 0);
	assert_ids(s, "4294967294", 4294967294U, 0);
}

static void what_the_image_lacks(void **state)
{
	struct scratch *s = *state;

	assert_refused(s, "nobody", -ENOENT, "user 'nobody' is not in the image's /etc/passwd");
	assert_refused(s, "nginx:wheel", -ENOENT, "group 'wheel' is not in the image's /etc/group");
	assert_refused(s, "broken", -EINVAL,
		       "the image's /etc/passwd entry of user 'broken' has no valid ids");
	assert_refused(s, "root:bad", -EINVAL,
		       "the image's /etc/group entry of group 'bad' has no valid gid");
	assert_refused(s, "4294967295", -ENOENT,
		       "user '4294967295' is not in the image's /etc/passwd");
	assert_refused(s, "nginx:", -EINVAL, "the image's user 'nginx:' is not NAME or NAME:GROUP");
	assert_refused(s, ":staff", -EINVAL, "the image's user ':staff' is not NAME or NAME:GROUP");
}

/* An image's passwd that is no regular file (a FIFO here; as root, a device
 * node could be the host's) is never opened for reading. */
static void not_a_regular_file(void **state)
{
	struct scratch *s = *state;

	assert_int_equal(unlink(scratch_path(s, "root/etc/passwd")), 0);
	assert_int_equal(mkfifo(scratch_path(s, "root/etc/passwd"), 0644), 0);
	assert_refused(s, "nginx", -EINVAL, "the image's /etc/passwd is not a regular file");
}

/* Without the files, numbers still do; names do not. */
static void no_files(void **state)
{
	struct scratch *s = *state;

	assert_int_equal(unlink(scratch_path(s, "root/etc/passwd")), 0);
	assert_int_equal(unlink(scratch_path(s, "root/etc/group")), 0);
	assert_ids(s, "33", 33, 0);
	assert_ids(s, "33:44", 33, 44);
	assert_refused(s, "root", -ENOENT, "user 'root' is not in the image's /etc/passwd");
	assert_refused(s, "33:staff", -ENOENT, "group 'staff' is not in the image's /etc/group");
}

/* Links are followed inside the root: an absolute one to the image's own
 * file works; one to a file outside the root (its host path, and one that
 * climbs out with ..) finds nothing. */
static void links_stay_inside(void **state)
{
	struct scratch *s = *state;
	char target[PATH_MAX + 32];

	assert_int_equal(
	    rename(scratch_path(s, "root/etc/passwd"), scratch_path(s, "root/etc/passwd.real")), 0);
	assert_int_equal(symlink("/etc/passwd.real", scratch_path(s, "root/etc/passwd")), 0);
	assert_ids(s, "nginx", 101, 102);

	assert_int_equal(scratch_put(s, "outside", "outsider:x:7:7::/:/bin/sh\n", 0644), 0);
	assert_int_equal(unlink(scratch_path(s, "root/etc/passwd")), 0);
	assert_int_equal(symlink(scratch_path(s, "outside"), scratch_path(s, "root/etc/passwd")),
			 0);
	assert_refused(s, "outsider", -ENOENT, "user 'outsider' is not in the image's /etc/passwd");
	assert_int_equal(unlink(scratch_path(s, "root/etc/passwd")), 0);
	snprintf(target, sizeof(target), "../../../../../../../../../..%s",
		 scratch_path(s, "outside"));
	assert_int_equal(symlink(target, scratch_path(s, "root/etc/passwd")), 0);
	assert_refused(s, "outsider", -ENOENT, "user 'outsider' is not in the image's /etc/passwd");
}

static void unreadable_file(void **state)
{
	struct scratch *s = *state;
	struct error_record e;
	uid_t u;
	gid_t g;

	assert_int_equal(unlink(scratch_path(s, "root/etc/passwd")), 0);
	assert_int_equal(make_dirs(scratch_path(s, "root/etc/passwd"), 0755), 0);
	/* The image's fault, not the system's: a directory is no passwd file. */
	assert_int_equal(resolve(s, "root", &u, &g, &e), -EINVAL);
	assert_false(e.system);
	assert_non_null(strstr(e.msg[0].text, "the image's /etc/passwd is not a regular file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(every_form, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(what_the_image_lacks, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(not_a_regular_file, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(no_files, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(links_stay_inside, setup, scratch_teardown),
		cmocka_unit_test_setup_teardown(unreadable_file, setup, scratch_teardown),
	};

	return cmocka_run_group_tests_name("mkroot_user", tests, NULL, NULL);
}
