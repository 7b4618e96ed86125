#!/bin/sh
# PID 1's system calls from /init's exec to the entry's exec, with rosetta-init's
# default configuration (the self-test included: its program runs in a child, PID
# 1 reads its report), counted by the kernel's own trace
# in a boot of make bench's initramfs with its probe as the entry. A count, not a
# time: the machine's speed does not move it, so it can be pinned. The bound is
# the count this boot had when it was set plus a margin; lower it as the boot's
# work is cut (the goal, in README's Performance, is 150).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../../bench/lib.sh"

PID1_SYSCALLS_MAX=270
initrd=$build/bench/initramfs.cpio.gz
if [ ! -f "$initrd" ]; then
	not_ok "make bench's initramfs exists (run: make bench-image)"
	exit 0
fi

boot pid1-syscalls "$share" --cmdline "$COMMON $SYSCALL_TRACE" -- "$PROBE"
count=$(sed -n 's/^bench: syscalls_pid1=\([0-9]*\)$/\1/p' "$log.txt")
if grep -qx 'bench: done' "$log.txt" && [ -n "$count" ]; then
	ok "pid1-syscalls: the probe counted PID 1's system calls ($count)"
else
	not_ok "pid1-syscalls: the probe counted PID 1's system calls"
	show_log
fi
if [ -n "$count" ] && [ "$count" -le "$PID1_SYSCALLS_MAX" ]; then
	ok "pid1-syscalls: at most $PID1_SYSCALLS_MAX from /init to the entry's exec (got $count)"
else
	not_ok "pid1-syscalls: at most $PID1_SYSCALLS_MAX from /init to the entry's exec (got ${count:-none})"
fi
