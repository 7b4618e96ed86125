/* SHA-256 of a file through the kernel crypto API (AF_ALG): no hash code of
 * our own, and the kernel's implementation (with the CPU's SHA instructions
 * where there are some). */
#ifndef BINFMT_DIGEST_H
#define BINFMT_DIGEST_H

#include <stddef.h>

#define SHA256_LEN 32
#define SHA256_HEX (2 * SHA256_LEN + 1)

/* Hash the whole file behind fd (read with pread from offset 0). Returns 0,
 * -EAFNOSUPPORT when the kernel has no AF_ALG (module af_alg), -ENOENT when
 * it has no hash interface or no sha256 (modules algif_hash, sha256), or
 * another -errno. */
int digest_sha256_fd(int fd, unsigned char out[SHA256_LEN]);

/* Parse exactly 2 * len hex digits (either case). Returns 0 or -EINVAL. */
int digest_from_hex(const char *hex, unsigned char *out, size_t len);

/* Lowercase hex of len bytes into out (2 * len + 1 bytes). */
void digest_to_hex(const unsigned char *bytes, size_t len, char *out);

#endif
