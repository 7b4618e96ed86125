/*
 * rosettactl's checks of the current root and the AOT cache, each failed by a fixture made
 * to fail it and passed by one that has what it needs: /proc mounted, the x86-64 dynamic
 * loader in the root, rosettad running for rosetta.cache, and its socket open to everyone.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/fs.h"
#include "tests/unit/rosettactl_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void proc_passes_when_mounted(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_proc, RCTL_OK);
}

static void proc_fails_without_self_exe(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	assert_int_equal(unlink(scratch_path(&fx->s, "proc/self/exe")), 0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_proc, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "Unable to open /proc/self/exe"));
}

static void loader_passes_when_there(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_loader, RCTL_OK);
}

static void loader_fails_when_missing(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	assert_int_equal(unlink(scratch_path(&fx->s, "lib64/ld-linux-x86-64.so.2")), 0);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_loader, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "/lib64/ld-linux-x86-64.so.2"));
	assert_non_null(strstr(f.remedy, "libc6:amd64"));
}

/* rosetta.cache set, and rosettad on the share. */
static void configure_cache(struct rctl_fixture *fx)
{
	assert_int_equal(scratch_put(&fx->s, "run/rosetta/rosettad", "", 0755), 0);
	rctl_fixture_cmdline(fx, "rosetta.verify=elf rosetta.cache=/var/cache/rosettad");
}

static void start_rosettad(struct rctl_fixture *fx)
{
	static const char argv[] = "/run/rosetta/rosettad\0daemon\0/var/cache/rosettad";

	assert_int_equal(make_dirs(scratch_path(&fx->s, "proc/321"), 0755), 0);
	assert_int_equal(scratch_write(&fx->s, "proc/321/cmdline", argv, sizeof(argv), 0444), 0);
}

static void rosettad_skips_without_cache(void **state)
{
	rctl_fixture_expect(*state, &rctl_check_rosettad, RCTL_SKIPPED);
	rctl_fixture_expect(*state, &rctl_check_cache_socket, RCTL_SKIPPED);
}

static void rosettad_passes_when_running(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	configure_cache(fx);
	start_rosettad(fx);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_rosettad, &f), RCTL_OK);
	assert_non_null(strstr(f.evidence, "321"));
}

static void rosettad_fails_when_not_running(void **state)
{
	struct rctl_fixture *fx = *state;

	configure_cache(fx);
	rctl_fixture_expect(fx, &rctl_check_rosettad, RCTL_FAILED);
}

/* On the share but not asked for: the cache is unused, which works. */
static void rosettad_warns_when_not_configured(void **state)
{
	struct rctl_fixture *fx = *state;

	assert_int_equal(scratch_put(&fx->s, "run/rosetta/rosettad", "", 0755), 0);
	rctl_fixture_expect(fx, &rctl_check_rosettad, RCTL_WARNING);
}

/* A listening socket at ROOT/run/rosettad/rosetta.sock with mode mode. */
static void make_socket(struct rctl_fixture *fx, mode_t mode)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	const char *path = scratch_path(&fx->s, "run/rosettad/rosetta.sock");
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_true(strlen(path) < sizeof(a.sun_path));
	memcpy(a.sun_path, path, strlen(path) + 1);
	assert_int_equal(make_dirs(scratch_path(&fx->s, "run/rosettad"), 0755), 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(chmod(path, mode), 0);
	close(fd);
}

static void cache_socket_passes_when_open(void **state)
{
	struct rctl_fixture *fx = *state;

	configure_cache(fx);
	make_socket(fx, 0666);
	rctl_fixture_expect(fx, &rctl_check_cache_socket, RCTL_OK);
}

static void cache_socket_fails_when_closed_to_users(void **state)
{
	struct rctl_fixture *fx = *state;
	struct rctl_finding f;

	configure_cache(fx);
	make_socket(fx, 0600);
	assert_int_equal(rctl_fixture_check(fx, &rctl_check_cache_socket, &f), RCTL_FAILED);
	assert_non_null(strstr(f.evidence, "0600"));
}

static void cache_socket_fails_when_missing(void **state)
{
	struct rctl_fixture *fx = *state;

	configure_cache(fx);
	rctl_fixture_expect(fx, &rctl_check_cache_socket, RCTL_FAILED);
	assert_int_equal(make_dirs(scratch_path(&fx->s, "run/rosettad"), 0755), 0);
	assert_int_equal(scratch_put(&fx->s, "run/rosettad/rosetta.sock", "", 0666), 0);
	rctl_fixture_expect(fx, &rctl_check_cache_socket, RCTL_FAILED); /* not a socket */
}

#define T(name) cmocka_unit_test_setup_teardown(name, rctl_fixture_setup, rctl_fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(proc_passes_when_mounted),	    T(proc_fails_without_self_exe),
		T(loader_passes_when_there),	    T(loader_fails_when_missing),
		T(rosettad_skips_without_cache),    T(rosettad_passes_when_running),
		T(rosettad_fails_when_not_running), T(rosettad_warns_when_not_configured),
		T(cache_socket_passes_when_open),   T(cache_socket_fails_when_closed_to_users),
		T(cache_socket_fails_when_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
