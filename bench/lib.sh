# Sourced by bench/run, the parts it runs (kernels.sh, images.sh) and the
# e2e test that pins PID 1's system calls (tests/e2e/test_syscalls.sh): how a
# bench script gives up, and the kernel trace the probe reads back.
die() {
	echo "bench: error: $*" >&2
	exit 1
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
