#!/bin/sh
# The guest binaries are what the README promises: static aarch64
# executables with libmount, libkmod and libseccomp linked in (rosetta-kconfig:
# zlib and libsmartcols; rosettactl: libmount, libsmartcols, libseccomp, zlib),
# not just named; and the initramfs links them where the native debug shell
# looks.
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

rc=$build/guest/rosettactl
info=$(file -b "$rc" 2>&1)
echo "# $rc: $info"
check "rosettactl (guest) is a static aarch64 executable" \
	sh -c "echo '$info' | grep -q 'ELF 64-bit LSB executable, ARM aarch64.*statically linked'"
syms=$("$nm" "$rc" 2>/dev/null)
for sym in mnt_table_parse_file scols_print_table seccomp_load gzread; do
	check "rosettactl links $sym" sh -c "echo \"\$1\" | grep -qw '$sym'" _ "$syms"
done

# The native debug shell runs in the initramfs, PATH /bin:/sbin:/usr/bin:/usr/sbin:
# the tools are in the x86-64 tree's /usr/sbin, and linked from the initramfs's.
for d in initramfs.d initramfs-minimal.d; do
	for tool in rosettactl binfmtctl; do
		check "$d: the debug shell's /usr/sbin/$tool is the x86-64 tree's (run: make rootfs)" \
			sh -c "[ \"\$(readlink -f '$build/$d/usr/sbin/$tool')\" = \"\$(readlink -f '$build/$d/x86/usr/sbin/$tool')\" ] && [ -x '$build/$d/x86/usr/sbin/$tool' ]"
	done
done
