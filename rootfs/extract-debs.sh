#!/bin/sh
# Unpack the downloaded guest packages (see mk/deps.sh) into OUT:
#   OUT/kernel/   the arm64 kernel package (boot/vmlinuz-*, lib/modules/*)
#   OUT/qemu/     qemu-user-static:arm64 (the stand-in translator)
#   OUT/busybox/  busybox-static:amd64 (the x86-64 tree's userland)
#   OUT/busybox-arm64/  busybox-static:arm64 (the initramfs's debug shell)
# Usage: extract-debs.sh DEBDIR OUT
set -eu
debs=$1
out=$2
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

one() { # pattern -> the one matching .deb
	set -- "$debs"/$1
	[ -f "$1" ] || die "no $(basename "$1") in $debs (run: make deps)"
	echo "$1"
}

unpack() { # deb dir
	rm -rf "$2"
	mkdir -p "$2"
	dpkg-deb -x "$1" "$2" || die "cannot unpack $1"
}

unpack "$(one 'linux-image-[0-9]*-arm64_*_arm64.deb')" "$out/kernel"
unpack "$(one 'qemu-user-static_*_arm64.deb')" "$out/qemu"
unpack "$(one 'busybox-static_*_amd64.deb')" "$out/busybox"
unpack "$(one 'busybox-static_*_arm64.deb')" "$out/busybox-arm64"
ls "$out"/kernel/boot/vmlinuz-* >/dev/null 2>&1 || die "the kernel package has no boot/vmlinuz-*"
