#!/bin/sh
# Sizes, in bytes, as "footprint KEY VALUE" lines: rosetta-init stripped and
# what each linked library takes of it (from the link map), the initramfs
# compressed and not, and Debian's static busybox for aarch64 next to them.
# Usage: bench/footprint.sh BUILD
set -eu
build=$1
init=$build/guest/rosetta-init.stripped
map=$build/guest/rosetta-init.map
image=$build/initramfs.cpio.gz
busybox=$build/pkgs/busybox-arm64/bin/busybox

for f in "$init" "$map" "$image" "$busybox"; do
	[ -e "$f" ] || { echo "bench: error: missing $f (run: make)" >&2; exit 1; }
done
size() { wc -c <"$1" | tr -d ' '; }

echo "footprint init_stripped_bytes $(size "$init")"
awk -f "$(dirname "$0")/linkmap.awk" "$map" | sort -k2,2nr | while read -r lib bytes; do
	echo "footprint lib_${lib}_bytes $bytes"
done
echo "footprint initramfs_gz_bytes $(size "$image")"
echo "footprint initramfs_raw_bytes $(gzip -dc "$image" | wc -c | tr -d ' ')"
echo "footprint busybox_static_bytes $(size "$busybox")"
