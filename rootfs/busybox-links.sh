#!/bin/sh
# Install a static busybox as ROOT/bin/busybox with a symlink for each of its
# applets. The applet list comes from the binary itself, run natively when it
# is for this machine, else through the machine's qemu user emulation.
# Usage: busybox-links.sh BUSYBOX ROOT
set -eu
busybox=$1
root=$2
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

[ -x "$busybox" ] || die "no busybox at $busybox (run: make deps)"
case "$(file -b "$busybox")" in
*x86-64*) arch=x86_64 ;;
*aarch64*) arch=aarch64 ;;
*) die "$busybox is not an x86-64 or aarch64 executable" ;;
esac
if [ "$(uname -m)" = "$arch" ]; then
	list=$("$busybox" --list-full)
else
	list=$("qemu-$arch-static" "$busybox" --list-full) ||
		die "cannot run the $arch busybox to list its applets (install qemu-user-static)"
fi
mkdir -p "$root/bin"
install -m 0755 "$busybox" "$root/bin/busybox"
for applet in $list; do
	[ "$applet" = bin/busybox ] && continue
	dir=$(dirname "$applet")
	up=$(echo "$dir" | sed 's|[^/][^/]*|..|g')
	mkdir -p "$root/$dir"
	ln -sf "$up/bin/busybox" "$root/$applet"
done
