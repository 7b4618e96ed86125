#!/bin/sh
# Make the x86-64 userspace tree: Debian's static amd64 busybox with a link
# for each applet, and the directories an init's switch needs.
# Usage: x86-tree.sh BUSYBOX OUTDIR
set -eu
busybox=$1
out=$2
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out/bin"
for d in dev proc sys run tmp root etc usr/bin usr/sbin sbin; do
	mkdir -p "$out/$d"
done
chmod 1777 "$out/tmp"
chmod 0700 "$out/root"
sh "$(dirname "$0")/busybox-links.sh" "$busybox" "$out"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$out/etc/passwd"
printf 'root:x:0:\n' >"$out/etc/group"
