/* Running an untrusted program briefly: in its own process group, with
 * no_new_privs, a libseccomp filter that kills it on a denied system call,
 * resource limits, a time bound, and its output captured. */
#ifndef BINFMT_SANDBOX_H
#define BINFMT_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

/* What a translator has no business doing while it runs a test program:
 * mounting, rebooting, loading kernels or modules, tracing, BPF, swapping,
 * entering namespaces, and network sockets (socket() with any domain but
 * AF_UNIX, which Rosetta may use for its AOT cache). NULL-ended names,
 * resolved by libseccomp for the machine's own architecture. */
extern const char *const sandbox_denied_syscalls[];

struct sandbox_spec {
	const char *const *argv; /* argv[0] is the path executed */
	const char *const *envp;
	unsigned int timeout_ms;
	const char *const *deny; /* names to kill on (NULL: no filter) */
	bool deny_inet_sockets;	 /* also kill socket() for non-AF_UNIX domains */
};

struct sandbox_result {
	int exec_errno; /* the program could not be executed (0 if it was) */
	bool timed_out;
	bool exited; /* else killed by signal */
	int code;    /* exit code */
	int signal;  /* the signal that killed it */
	unsigned int elapsed_ms;
	char out[256]; /* stdout, NUL-terminated, cut at the buffer's size */
	size_t out_len;
	char err[512]; /* stderr, likewise: the translator's own words */
	size_t err_len;
};

/* Run spec and fill result. Returns 0 when the program was run (whatever
 * its fate, see result), or -errno when the sandbox could not be set up
 * (fork, pipes, an unknown syscall name in deny). */
int sandbox_run(const struct sandbox_spec *spec, struct sandbox_result *result);

#endif
