#!/bin/sh
# The self-test program rosetta-mkselftest writes is a static x86-64 ELF
# that prints SELFTEST_LINE and exits SELFTEST_CODE (binfmt/selftest.h).
build=${1:?usage: $0 BUILD}
prog=$build/selftest-x86_64
n=0
result() { # STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

want_line=$(sed -n 's/^#define SELFTEST_LINE "\(.*\)\\n"$/\1/p' binfmt/selftest.h)
want_code=$(sed -n 's/^#define SELFTEST_CODE \([0-9]*\)$/\1/p' binfmt/selftest.h)
info=$(file -b "$prog" 2>&1)
echo "# $prog: $info"
case $info in
*"ELF 64-bit LSB executable, x86-64"*"statically linked"*) result 0 "it is a static x86-64 ELF executable" ;;
*) result 1 "it is a static x86-64 ELF executable" ;;
esac

# Run it as x86-64 code: natively here, through the host's emulator elsewhere.
case $(uname -m) in
x86_64) out=$("$prog") ;;
*) out=$(qemu-x86_64-static "$prog") ;;
esac
code=$?
[ -n "$want_line" ] && [ "$out" = "$want_line" ]
result $? "it prints '$want_line' (got '$out')"
[ "$code" = "$want_code" ]
result $? "it exits $want_code (got $code)"
