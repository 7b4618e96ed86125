# Sourced by bench/run, the parts it runs (kernels.sh, images.sh, roots.sh)
# and the e2e test that pins PID 1's system calls (tests/e2e/test_syscalls.sh):
# how a bench script gives up, the kernel trace the probe reads back, and
# what the timing boots of both inits are given.
die() {
	echo "bench: error: $*" >&2
	exit 1
}

# probe_samples LOG NAME VARIANT: the probe's "bench: KEY=VALUE" lines in
# boot NAME's console LOG (copied to LOG.txt without the serial line's \r),
# printed as "VARIANT KEY VALUE". The reference init reports no exit status
# (rosetta-launch exits 126): the probe's "bench: done" says the boot worked.
probe_samples() {
	tr -d '\r' <"$1" >"$1.txt"
	if ! grep -qx 'bench: done' "$1.txt"; then
		echo >&2
		grep -m1 '^bench: error' "$1.txt" >&2 || tail -n 15 "$1.txt" >&2
		die "boot $2 did not finish; its console is in $1.txt"
	fi
	sed -n 's/^bench: \([a-z0-9_]*\)=\(.*\)$/\1 \2/p' "$1.txt" |
		while read -r key value; do echo "$3 $key $value"; done
}

# selftest_sample LOG: rosetta-init's "selftest ... ok (N ms): WHAT" line in
# a boot's console LOG (without \r) as the sample "exec selftest_ms N".
selftest_sample() {
	sed -n 's/^rosetta-init: \[[ 0-9.]*\] selftest \.\.\. ok (\([0-9]*\) ms)\(: .*\)\{0,1\}$/exec selftest_ms \1/p' "$1"
}

# What the probe reads back. trace_clock=boot stamps events with
# CLOCK_BOOTTIME. printk.devkmsg=on: /dev/kmsg allows a writer 10 lines per
# 5 s otherwise, and both inits mark their stages there.
TIMING_EVENTS=sched:sched_process_exec,sched:sched_process_fork,syscalls:sys_enter_execve,syscalls:sys_enter_execveat,syscalls:sys_enter_finit_module,syscalls:sys_exit_finit_module,syscalls:sys_enter_init_module,syscalls:sys_exit_init_module,syscalls:sys_enter_write,printk:console
# sys_exit as well: PID 1's calls are timed, enter to exit, and put in
# rosetta-init's stages by its "NAME ... ok" lines (printk:console). The
# trace cannot be filtered to PID 1 from the command line (Debian's 6.1
# kernel has no bootconfig, and trace_trigger= came in 6.2), so it holds
# every process's calls; with the probe as the entry that is a few
# thousand events, and trace_buf_size bounds it (the probe refuses a
# buffer that wrapped).
SYSCALL_EVENTS=raw_syscalls:sys_enter,raw_syscalls:sys_exit,sched:sched_process_exec,sched:sched_process_fork,printk:console
SYSCALL_TRACE="trace_event=$SYSCALL_EVENTS trace_buf_size=8M bench.mode=syscalls"
# The probe, the entry of a traced boot.
PROBE=/usr/lib/rosetta-bench/probe
COMMON="trace_clock=boot printk.devkmsg=on"
# Both inits skip the self-test in the timing boots: the script has none
# (rosetta-init's is measured on its own, in bench/run's exec boot).
NO_SELFTEST=rosetta.selftest=0
# The reference init, from the same initramfs.
SCRIPT=rdinit=/bench/reference-init

# bench/roots.sh's roots, the Debian amd64 tree and its ext4 image: bench/run
# looks for them before its first boot.
check_debian_tree() { # BUILD
	for f in "$1/trees/debian-amd64/usr/bin/python3" "$1/trees/debian-amd64.ext4"; do
		[ -e "$f" ] || die "missing $f (run: make debian-amd64)"
	done
}
