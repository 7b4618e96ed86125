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
