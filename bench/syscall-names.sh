#!/bin/sh
# The arm64 system call names by number, "NR NAME" a line, read from the
# kernel's asm/unistd.h as the guest build's compiler sees it: the report
# of `make bench` names PID 1's calls with them, so no table is typed by hand.
#
# Usage: bench/syscall-names.sh CC [CFLAGS...] >FILE
set -eu
[ $# -ge 1 ] || {
	echo "usage: $0 CC [CFLAGS...]" >&2
	exit 2
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '#include <asm/unistd.h>' >"$tmp/names.c"
# Every __NR_ macro, then each expanded by the preprocessor: some are
# aliases (__NR_fstat is __NR3264_fstat). __NR_syscalls is the count and
# __NR_arch_specific_syscall the base of an architecture's own: not calls.
"$@" -E -dM "$tmp/names.c" |
	sed -n 's/^#define __NR_\([A-Za-z0-9_]*\) .*/\1/p' |
	grep -vx -e syscalls -e arch_specific_syscall |
	awk '{ printf "SYSCALL __NR_%s \"%s\"\n", $1, $1 }' >>"$tmp/names.c"
"$@" -E -P "$tmp/names.c" |
	awk '$1 == "SYSCALL" && $2 ~ /^[0-9]+$/ { gsub(/"/, "", $3); print $2, $3 }' |
	sort -n -k1,1 >"$tmp/out"
[ -s "$tmp/out" ] || {
	echo "$0: no __NR_ numbers in asm/unistd.h" >&2
	exit 1
}
cat "$tmp/out"
