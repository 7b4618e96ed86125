/* Running an untrusted program briefly: in a session of its own with no
 * controlling terminal, as an unprivileged user with no capabilities (when
 * the caller is root), with no_new_privs, a libseccomp filter that kills it
 * on a denied system call, resource limits, one time bound for everything
 * (the exec included), and its output captured. */
#ifndef BINFMT_SANDBOX_H
#define BINFMT_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

/* What a translator has no business doing while it runs a test program:
 * mounting, rebooting, loading kernels or modules, tracing, BPF, swapping,
 * entering or making namespaces, chroot, io_uring (which reaches around
 * the socket rule), the kernel keyring, userfaultfd, perf events, and
 * network sockets (socket() with any domain but AF_UNIX, which Rosetta may
 * use for its AOT cache). NULL-ended names, resolved by libseccomp for the
 * machine's own architecture. */
extern const char *const sandbox_denied_syscalls[];

/* Who the program runs as when the caller is root: the kernel's overflow
 * ids, "nobody", which own nothing. An x86-64 program run by an ordinary
 * user is also the common case the self-test should prove. */
#define SANDBOX_UID 65534
#define SANDBOX_GID 65534

struct sandbox_spec {
	const char *const *argv; /* argv[0] is the path executed */
	const char *const *envp;
	unsigned int timeout_ms; /* for everything: the exec, the run, the output */
	const char *const *deny; /* names to kill on (NULL: no filter) */
	bool deny_inet_sockets;	 /* also kill socket() for non-AF_UNIX domains */
};

struct sandbox_result {
	int exec_errno; /* the program could not be executed (0 if it was) */
	bool timed_out;
	bool unreaped; /* still there after SIGKILL: left to PID 1's reaping */
	bool exited;   /* else killed by signal */
	int code;      /* exit code */
	int signal;    /* the signal that killed it */
	unsigned int elapsed_ms;
	char out[256]; /* stdout, NUL-terminated, cut at the buffer's size */
	size_t out_len;
	char err[512]; /* stderr, likewise: the translator's own words */
	size_t err_len;
};

/* The first line of a captured output (result->out or ->err) into out,
 * cut to size, for a one-line report. */
void sandbox_first_line(const char *text, char *out, size_t size);

/* Run spec and fill result. Returns 0 when the program was run (whatever
 * its fate, see result), or -errno when the sandbox could not be set up
 * (fork, pipes, an unknown syscall name in deny). */
int sandbox_run(const struct sandbox_spec *spec, struct sandbox_result *result);

#endif
