/* SHA-256 through AF_ALG. Where the kernel offers it, the digests of known
 * texts (FIPS 180-2's "abc", and a file longer than one 64 KiB chunk);
 * where it does not (a host kernel without af_alg, a container that
 * forbids the socket family), the documented errno and nothing else. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/digest.h"
#include "lib/hex.h"
#include "lib/io.h"

#include <cmocka.h>

static int file_with(const void *data, size_t len, size_t times)
{
	char name[] = "/tmp/test_lib_digest.XXXXXX";
	int fd = mkstemp(name);

	assert_true(fd >= 0);
	unlink(name);
	for (size_t i = 0; i < times; i++)
		assert_int_equal(write_all(fd, data, len), 0);
	return fd;
}

/* The digest of fd in hex, or "" with *err set where the kernel lacks AF_ALG. */
static void digest_hex(int fd, char hex[SHA256_HEX], int *err)
{
	unsigned char sum[SHA256_LEN];

	*err = digest_sha256_fd(fd, sum);
	hex[0] = '\0';
	if (*err == 0)
		hex_encode(sum, SHA256_LEN, hex);
}

static void known_digests(void **state)
{
	char hex[SHA256_HEX], line[1000];
	int fd, err;

	(void)state;
	fd = file_with("abc", 3, 1);
	digest_hex(fd, hex, &err);
	close(fd);
	if (err == -EAFNOSUPPORT || err == -ENOENT) {
		print_message("# no AF_ALG sha256 here (%s): only the errno is checked\n",
			      strerror(-err));
		return;
	}
	assert_int_equal(err, 0);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 1000 x 1000 'a's: sixteen chunks and a part, so feeding goes on with MSG_MORE. */
	memset(line, 'a', sizeof(line));
	fd = file_with(line, sizeof(line), 1000);
	digest_hex(fd, hex, &err);
	close(fd);
	assert_int_equal(err, 0);
	assert_string_equal(hex,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void a_bad_descriptor_fails(void **state)
{
	char hex[SHA256_HEX];
	int err;

	(void)state;
	digest_hex(-1, hex, &err);
	assert_true(err < 0);
	assert_string_equal(hex, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_digests),
		cmocka_unit_test(a_bad_descriptor_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
