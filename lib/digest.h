/* SHA-256 of a file through the kernel crypto API (AF_ALG): no hash code of
 * our own, and the kernel's implementation (with the CPU's SHA instructions
 * where there are some). */
#ifndef LIB_DIGEST_H
#define LIB_DIGEST_H

#include <stddef.h>

#define SHA256_LEN 32
#define SHA256_HEX (2 * SHA256_LEN + 1) /* its hex_encode text, the NUL included */

/* Hash the whole file behind fd (read with pread from offset 0). Returns 0,
 * -EAFNOSUPPORT when the kernel has no AF_ALG (module af_alg), -ENOENT when
 * it has no hash interface or no sha256 (modules algif_hash, sha256), or
 * another -errno. */
int digest_sha256_fd(int fd, unsigned char out[SHA256_LEN]);

#endif
