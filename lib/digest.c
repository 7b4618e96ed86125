/* AF_ALG hashing: bind a "hash" socket to "sha256", accept an operation
 * socket, feed it the file with MSG_MORE, and read the digest back (the read
 * finishes the hash). */
#include "digest.h"
#include "io.h"

#include <errno.h>
#include <linux/if_alg.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif

#define CHUNK ((size_t)64 * 1024)

static int open_sha256(void)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int tfm, op;

	memcpy(sa.salg_type, "hash", 5);
	memcpy(sa.salg_name, "sha256", 7);
	tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (tfm < 0)
		return -errno;
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(tfm);
		return err;
	}
	op = accept4(tfm, NULL, NULL, SOCK_CLOEXEC);
	if (op < 0)
		op = -errno;
	close(tfm);
	return op;
}

static int feed(int op, int fd)
{
	unsigned char buf[CHUNK];
	off_t off = 0;

	for (;;) {
		ssize_t n = pread_full(fd, buf, sizeof(buf), off);

		if (n <= 0)
			return (int)n;
		if (send(op, buf, (size_t)n, MSG_MORE) != n)
			return -errno;
		off += n;
	}
}

int digest_sha256_fd(int fd, unsigned char out[SHA256_LEN])
{
	int op = open_sha256();
	int r;

	if (op < 0)
		return op;
	r = feed(op, fd);
	if (r == 0) {
		ssize_t n = read(op, out, SHA256_LEN);

		r = n < 0 ? -errno : n != SHA256_LEN ? -EIO : 0;
	}
	close(op);
	return r;
}
