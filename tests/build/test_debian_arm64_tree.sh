#!/bin/sh
# The Debian arm64 systemd image from `make debian-arm64`
# (rootfs/debian-arm64.sh): an arm64 Debian whose /lib/systemd/systemd and
# /sbin/init are aarch64, with udev and dbus, root without a password, the
# amd64 tree at /srv/x86-64 (its loader and python3 x86-64), an ext4 image
# labelled debian-arm64 that e2fsck finds clean, built for the current
# inputs; and a cache key that changes with each input, the amd64 tree's key
# and the content of every extra .deb among them.
build=${1:?usage: $0 BUILD}
trees=$build/trees
tree=$trees/debian-arm64
img=$trees/debian-arm64.ext4
script=rootfs/debian-arm64.sh
fix="(run: make debian-arm64)"
. "$(dirname "$0")/../tap.sh"
in_image() { debugfs -R "stat $1" "$img" 2>/dev/null | grep -q '^Inode: .*Type: '; }
is_elf() { file -bL "$1" | grep -q "ELF 64-bit LSB .*$2"; }

check "the tree exists at $tree $fix" test -d "$tree/usr/bin"
check "the tree's systemd is an aarch64 ELF $fix" is_elf "$tree/lib/systemd/systemd" 'ARM aarch64'
check "the tree's /sbin/init is systemd (systemd-sysv) $fix" \
	sh -c "[ \"\$(readlink '$tree/sbin/init')\" = /lib/systemd/systemd ]"
check "the tree has udev and dbus $fix" \
	sh -c "test -x '$tree/bin/udevadm' && test -x '$tree/usr/bin/dbus-daemon'"
check "root has no password in the tree $fix" grep -q '^root::' "$tree/etc/shadow"
check "the tree's /etc/machine-id is empty $fix" sh -c "test -f '$tree/etc/machine-id' && ! test -s '$tree/etc/machine-id'"
check "the amd64 tree's python3 is at /srv/x86-64 $fix" is_elf "$tree/srv/x86-64/usr/bin/python3" x86-64
check "the amd64 tree's loader is at /srv/x86-64 $fix" test -e "$tree/srv/x86-64/lib64/ld-linux-x86-64.so.2"
check "the image exists at $img $fix" test -f "$img"
check "the image is labelled debian-arm64 $fix" sh -c "dumpe2fs -h '$img' | grep -q '^Filesystem volume name: *debian-arm64\$'"
check "e2fsck -fn finds the image clean $fix" e2fsck -fn "$img"
for p in /lib/systemd/systemd /srv/x86-64/usr/bin/python3 /srv/x86-64/lib64/ld-linux-x86-64.so.2; do
	check "the image has $p $fix" in_image "$p"
done

# --print-key hashes the inputs without building: no root, no network.
key() { env "$@" sh "$script" --print-key "$trees" 2>/dev/null; }
is_key() { echo "$1" | grep -qx '[0-9a-f]\{16\}'; }
differ() { is_key "$1" && is_key "$2" && [ "$1" != "$2" ]; }
same() { is_key "$1" && [ "$1" = "$2" ]; }
k=$(key)
check "the cache key is 16 hex digits (got '$k')" is_key "$k"
check "the image was built for the current inputs, key $k $fix" same "$k" "$(cat "$trees/debian-arm64.key" 2>/dev/null)"
check "the key changes with DEBIAN_ARM64_PACKAGES" differ "$k" "$(key DEBIAN_ARM64_PACKAGES='systemd-sysv udev dbus file')"
check "the key changes with DEBIAN_SUITE" differ "$k" "$(key DEBIAN_SUITE=trixie)"
work=$(mktemp -d)
mkdir -p "$work/trees"
echo 0123456789abcdef >"$work/trees/debian-amd64.key"
check "the key changes with the amd64 tree's key" differ "$k" "$(sh "$script" --print-key "$work/trees" 2>/dev/null)"
echo one >"$work/a.deb"
k1=$(key DEBIAN_ARM64_DEBS="$work/a.deb")
check "the key changes with an extra .deb" differ "$k" "$k1"
echo two >"$work/a.deb"
check "the key changes with the .deb's content" differ "$k1" "$(key DEBIAN_ARM64_DEBS="$work/a.deb")"
check "a missing .deb is refused" sh -c "! DEBIAN_ARM64_DEBS='$work/none.deb' sh '$script' --print-key '$trees'"
rm -rf "$work"
