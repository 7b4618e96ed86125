#!/bin/sh
# Stage the initramfs tree: /init, the x86-64 self-test program at
# /lib/rosetta/selftest (in the x86-64 tree too), the kernel modules listed in
# modules.list with their dependencies and a modules.dep made by depmod for
# the guest kernel, and the x86-64 tree at /x86. Prints nothing on success.
# KERNELDIR and MODULES_LIST `-` make an image for a kernel with everything
# built in: no /lib/modules, so the init's modules stage has nothing to load.
# The guest tools (aarch64, static) go into the tree's /usr/sbin: they run
# natively there, for debugging from the guest's shell; the initramfs's own
# /usr/sbin links to them, for the native debug shell. With DEBUG_BUSYBOX
# set to an aarch64 static busybox, the initramfs gets it as /bin/busybox
# and /bin/sh, the native debug shell of rosetta.break and rosetta.emergency.
# Usage: initramfs.sh INIT SELFTEST KERNELDIR X86TREE MODULES_LIST OUTDIR [TOOL...]
set -eu
init=$1
selftest=$2
kernel=$3
x86=$4
list=$5
out=$6
shift 6
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/dev" "$out/proc" "$out/sys" "$out/run" "$out/newroot"
install -m 0755 "$init" "$out/init"
install -D -m 0755 "$selftest" "$out/lib/rosetta/selftest"
cp -a "$x86" "$out/x86"
# The tree too, where rosettactl test, bench and activate look for it after
# the switch.
install -D -m 0755 "$selftest" "$out/x86/lib/rosetta/selftest"
if [ -n "${DEBUG_BUSYBOX:-}" ]; then
	sh "$(dirname "$0")/busybox-links.sh" "$DEBUG_BUSYBOX" "$out"
fi
# The native debug shell (rosetta.break, rosetta.emergency) runs in the
# initramfs, before the switch: its PATH's /usr/sbin links to the tools.
mkdir -p "$out/usr/sbin"
for tool in "$@"; do
	name=$(basename "$tool" .stripped)
	install -D -m 0755 "$tool" "$out/x86/usr/sbin/$name"
	ln -sf "../../x86/usr/sbin/$name" "$out/usr/sbin/$name"
done

if [ "$kernel" = - ]; then
	[ "$list" = - ] || die "$list names modules, but there is no kernel to take them from"
	exit 0
fi
kernel=$(realpath "$kernel")
ver=$(ls "$kernel/lib/modules" | head -n 1)
[ -n "$ver" ] || die "no lib/modules in $kernel"
src="$kernel/lib/modules/$ver"
mkdir -p "$out/lib/modules/$ver"

# The package has no modules.dep: make one for the whole kernel once, to
# resolve dependencies, then another for the subset we carry.
[ -f "$src/modules.dep" ] || depmod -b "$kernel" "$ver" || die "depmod failed on $src"
for f in modules.builtin modules.builtin.modinfo modules.order; do
	[ -f "$src/$f" ] && cp "$src/$f" "$out/lib/modules/$ver/"
done
grep -v '^[[:space:]]*\(#\|$\)' "$list" | while read -r mod; do
	deps=$(modprobe -d "$kernel" -S "$ver" --show-depends "$mod" 2>&1) ||
		die "module $mod: $deps"
	echo "$deps" | sed -n 's/^insmod \([^ ]*\).*/\1/p'
done | sort -u | while read -r ko; do
	rel=${ko#"$src"/}
	mkdir -p "$out/lib/modules/$ver/$(dirname "$rel")"
	cp "$ko" "$out/lib/modules/$ver/$rel"
done
depmod -b "$out" "$ver" || die "depmod failed on the initramfs modules"
