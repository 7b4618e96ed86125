#!/bin/sh
# The guest binaries are what the README promises: static aarch64
# executables with libmount, libkmod and libseccomp linked in (rosetta-kconfig:
# zlib and libsmartcols), not just named.
build=${1:?usage: $0 BUILD}
init=$build/guest/rosetta-init
. "$(dirname "$0")/../tap.sh"
nm=nm
command -v aarch64-linux-gnu-nm >/dev/null 2>&1 && nm=aarch64-linux-gnu-nm

info=$(file -b "$init" 2>&1)
echo "# $init: $info"
check "rosetta-init exists" test -x "$init"
check "rosetta-init is an aarch64 ELF executable" sh -c "echo '$info' | grep -q 'ELF 64-bit LSB executable, ARM aarch64'"
check "rosetta-init is statically linked" sh -c "echo '$info' | grep -q 'statically linked'"
syms=$("$nm" "$init" 2>/dev/null)
for sym in mnt_context_mount mnt_new_context kmod_new kmod_module_probe_insert_module \
	seccomp_init seccomp_load; do
	check "rosetta-init links $sym" sh -c "echo \"\$1\" | grep -qw '$sym'" _ "$syms"
done

ctl=$build/guest/binfmtctl
info=$(file -b "$ctl" 2>&1)
echo "# $ctl: $info"
check "binfmtctl (guest) is a static aarch64 executable" \
	sh -c "echo '$info' | grep -q 'ELF 64-bit LSB executable, ARM aarch64.*statically linked'"

kc=$build/guest/rosetta-kconfig
info=$(file -b "$kc" 2>&1)
echo "# $kc: $info"
check "rosetta-kconfig (guest) is a static aarch64 executable" \
	sh -c "echo '$info' | grep -q 'ELF 64-bit LSB executable, ARM aarch64.*statically linked'"
syms=$("$nm" "$kc" 2>/dev/null)
for sym in gzread inflate scols_print_table; do
	check "rosetta-kconfig links $sym" sh -c "echo \"\$1\" | grep -qw '$sym'" _ "$syms"
done
