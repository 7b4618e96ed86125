#!/bin/sh
# Make the x86-64 userspace tree: Debian's static amd64 busybox with a link
# for each applet, and the directories an init's switch needs.
# Usage: x86-tree.sh BUSYBOX OUTDIR
set -eu
busybox=$1
out=$2
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

[ -x "$busybox" ] || die "no busybox at $busybox (run: make deps)"
rm -rf "$out"
mkdir -p "$out/bin"
for d in dev proc sys run tmp root etc usr/bin usr/sbin sbin; do
	mkdir -p "$out/$d"
done
chmod 1777 "$out/tmp"
chmod 0700 "$out/root"
install -m 0755 "$busybox" "$out/bin/busybox"

# The applet list comes from busybox itself, an x86-64 program: on another
# host, run it through the machine's own x86-64 user emulation.
case "$(uname -m)" in
x86_64) list=$("$busybox" --list-full) ;;
*) list=$(qemu-x86_64-static "$busybox" --list-full) ||
	die "cannot run the x86-64 busybox to list its applets (install qemu-user-static)" ;;
esac
for applet in $list; do
	[ "$applet" = bin/busybox ] && continue
	dir=$(dirname "$applet")
	up=$(echo "$dir" | sed 's|[^/][^/]*|..|g')
	mkdir -p "$out/$dir"
	ln -sf "$up/bin/busybox" "$out/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$out/etc/passwd"
printf 'root:x:0:\n' >"$out/etc/group"
