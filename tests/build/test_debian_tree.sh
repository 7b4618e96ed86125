#!/bin/sh
# The Debian amd64 tree and its ext4 image from `make debian-amd64`
# (rootfs/debian-amd64.sh): an amd64 Debian with python3 and dpkg's database,
# an ext4 image labelled debian-amd64 that e2fsck finds clean, built for the
# current inputs; and a cache key that changes with each input.
build=${1:?usage: $0 BUILD}
tree=$build/trees/debian-amd64
img=$build/trees/debian-amd64.ext4
script=rootfs/debian-amd64.sh
fix="(run: make debian-amd64)"
. "$(dirname "$0")/../tap.sh"
# debugfs reports a missing path on stderr and still exits 0: look for its
# stat output instead.
in_image() { debugfs -R "stat $1" "$img" 2>/dev/null | grep -q '^Inode: .*Type: '; }

check "the tree exists at $tree $fix" test -d "$tree/usr/bin"
check "the tree's python3 is an x86-64 ELF $fix" sh -c "file -bL '$tree/usr/bin/python3' | grep -q 'ELF 64-bit LSB .*x86-64'"
check "the tree has /lib64/ld-linux-x86-64.so.2 $fix" test -e "$tree/lib64/ld-linux-x86-64.so.2"
check "the tree keeps dpkg's database $fix" test -f "$tree/var/lib/dpkg/status"
check "the tree's /etc/machine-id is empty $fix" sh -c "test -f '$tree/etc/machine-id' && ! test -s '$tree/etc/machine-id'"
check "the image exists at $img $fix" test -f "$img"
check "the image is ext4 $fix" sh -c "test \"\$(blkid -p -o value -s TYPE '$img')\" = ext4"
check "the image is labelled debian-amd64 $fix" sh -c "dumpe2fs -h '$img' | grep -q '^Filesystem volume name: *debian-amd64\$'"
check "e2fsck -fn finds the image clean $fix" e2fsck -fn "$img"
for p in /lib64/ld-linux-x86-64.so.2 /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 /usr/bin/python3 /var/lib/dpkg/status; do
	check "the image has $p $fix" in_image "$p"
done

# --print-key hashes the inputs without building: no root, no network.
key() { env "$@" sh "$script" --print-key 2>/dev/null; }
is_key() { echo "$1" | grep -qx '[0-9a-f]\{16\}'; }
differ() { is_key "$1" && is_key "$2" && [ "$1" != "$2" ]; }
same() { is_key "$1" && [ "$1" = "$2" ]; }
k=$(key)
check "the cache key is 16 hex digits (got '$k')" is_key "$k"
check "the tree was built for the current inputs, key $k $fix" same "$k" "$(cat "$build/trees/debian-amd64.key" 2>/dev/null)"
check "the key ignores the packages' order and separators" \
	same "$(key DEBIAN_PACKAGES='python3-minimal,file')" "$(key DEBIAN_PACKAGES=' file  python3-minimal')"
check "the key changes with DEBIAN_PACKAGES" differ "$k" "$(key DEBIAN_PACKAGES='python3-minimal file')"
check "the key changes with DEBIAN_SUITE" differ "$k" "$(key DEBIAN_SUITE=trixie)"
work=$(mktemp -d)
mkdir -p "$work/rootfs" "$work/mk"
cp mk/cache-dir.sh "$work/mk/"
cp rootfs/debian-common.sh "$work/rootfs/"
cp "$script" "$work/rootfs/s.sh"
check "the key is the same from a copy of the scripts" same "$k" "$(sh "$work/rootfs/s.sh" --print-key 2>/dev/null)"
echo '# changed' >>"$work/rootfs/s.sh"
check "the key changes with the script's content" differ "$k" "$(sh "$work/rootfs/s.sh" --print-key 2>/dev/null)"
cp "$script" "$work/rootfs/s.sh" && echo '# changed' >>"$work/rootfs/debian-common.sh"
check "the key changes with debian-common.sh's content" differ "$k" "$(sh "$work/rootfs/s.sh" --print-key 2>/dev/null)"
rm -rf "$work"
