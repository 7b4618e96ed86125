#!/bin/sh
# binfmtctl verify on the host: the stand-in translator passes, other files
# are refused with the words rosetta-init uses, and usage errors are usage
# errors. (The SHA-256 pin needs AF_ALG, which the guest has: see
# tests/e2e/test_guest_tools.sh.)
build=${1:?usage: $0 BUILD}
ctl=$build/host/binfmtctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0

# expect CODE PATTERN DESCRIPTION -- ARGS...: exit code and a line of output.
expect() {
	code=$1
	pattern=$2
	desc=$3
	shift 4
	"$ctl" verify "$@" >"$work/out" 2>&1
	got=$?
	n=$((n + 1))
	if [ "$got" = "$code" ] && grep -q -- "$pattern" "$work/out"; then
		echo "ok $n - verify: $desc"
	else
		echo "not ok $n - verify: $desc (exit $got, expected $code)"
		sed 's/^/#   /' "$work/out"
	fi
}

cp "$build/share/rosetta" "$work/rosetta"
expect 0 "a static aarch64 executable, [0-9]* bytes, mode 0755" "the stand-in passes" \
	-- --any-fs "$work/rosetta"
expect 1 "is not on a virtiofs (FUSE) filesystem" "strict wants virtiofs" -- "$work/rosetta"
expect 1 "is an x86-64 ELF, expected aarch64" "an x86-64 ELF is refused" \
	-- --any-fs "$build/x86/bin/busybox"
expect 1 "is dynamically linked (has PT_INTERP)" "a dynamic program is refused" \
	-- --any-fs "$build/test/dynamic-aarch64"
# Shared libraries are ELF type DYN, as a static-pie is (the stand-in above
# is one): they are told apart by the PIE flag, and refused by name. The
# aarch64 libraries of Debian's cross and musl packages (make deps).
shared_lib() { # DESCRIPTION PATH
	if [ ! -f "$2" ]; then
		n=$((n + 1))
		echo "not ok $n - verify: $1 ($2 is missing: apt-get install libc6-arm64-cross musl:arm64)"
		return
	fi
	cp "$2" "$work/lib.so"
	chmod 0755 "$work/lib.so"
	expect 1 "is a shared library, not an executable" "$1 is refused" -- --policy elf "$2"
	expect 1 "is a shared library, not an executable" "$1 is refused (strict)" \
		-- --any-fs "$work/lib.so"
}
shared_lib "glibc's aarch64 libm.so.6" /usr/aarch64-linux-gnu/lib/libm.so.6
shared_lib "musl's aarch64 libc.so (its loader too)" /usr/lib/aarch64-linux-musl/libc.so
expect 0 "a static aarch64 executable" "a static (ET_EXEC) aarch64 program passes" \
	-- --policy elf "$build/test/static-aarch64"
printf '#!/bin/sh\n' >"$work/script"
chmod 0755 "$work/script"
expect 1 "is not an ELF file" "a script is refused" -- --policy elf "$work/script"
ln -s rosetta "$work/link"
expect 1 "is a symbolic link" "a symlink is refused" -- --policy elf "$work/link"
chmod 0775 "$work/rosetta"
expect 1 "is writable by group or others" "a group-writable file is refused" \
	-- --any-fs "$work/rosetta"
expect 0 "a static aarch64 executable" "--policy elf skips the file checks" \
	-- --policy elf "$work/rosetta"
expect 1 "cannot open .*/missing: No such file or directory" "a missing file is named" \
	-- "$work/missing"
expect 2 "bad --policy 'lax'" "an unknown policy is a usage error" -- --policy lax "$work/rosetta"
expect 2 "bad --sha256 'abc'" "a short pin is a usage error" -- --sha256 abc "$work/rosetta"
