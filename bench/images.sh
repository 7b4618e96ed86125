#!/bin/sh
# rosetta-launch --image from the command to the entry's first line, with a
# cold cache (the image unpacked first: a new ROSETTA_CACHE) and a warm one
# (the same cache again: the root found by its manifest), RUNS times each,
# alternating, for each test image built (make test-images; the Debian image
# too when make debian-image made it). The times are the launcher's own
# --verbose report, on the host's monotonic clock:
#   prepare_ms     unpacking the image, or finding it unpacked
#   first_line_ms  the launcher's start to the entry's first line
# Prints the samples as "image-NAME-cold KEY VALUE" and "image-NAME-warm KEY VALUE".
# Usage: bench/images.sh BUILD RUNS
set -eu
build=$1
runs=$2
out=$build/bench/logs

. "$(dirname "$0")/lib.sh"

for f in "$build/vmlinuz" "$build/initramfs.cpio.gz" "$build/images/busybox/index.json"; do
	[ -e "$f" ] || die "missing $f (run: make rootfs test-images)"
done
mkdir -p "$out"
caches=$(mktemp -d "${TMPDIR:-/tmp}/rosetta-bench-images.XXXXXX")
trap 'rm -rf "$caches"' EXIT

boot() { # NAME TEMPERATURE RUN CACHE
	log=$out/image-$1-$2-$3.log
	printf 'bench: boot %-22s ' "image-$1-$2-$3" >&2
	ROSETTA_CACHE=$4 timeout -k 10 900 "$build/host/rosetta-launch" --verbose \
		--kernel "$build/vmlinuz" --initrd "$build/initramfs.cpio.gz" \
		--rosetta-dir "$build/share" --timeout 840 --image "$build/images/$1:latest" \
		-- /bin/echo first-line </dev/null >"$log" 2>&1 ||
		die "boot image-$1-$2-$3 failed; its console is in $log"
	tr -d '\r' <"$log" >"$log.txt"
	sed -n "s/^rosetta-launch: image .*(\(unpacked\|cached\) in \([0-9]*\) ms)\$/image-$1-$2 prepare_ms \2/p" \
		"$log.txt" | grep . || die "image-$1-$2-$3: no image line; see $log.txt"
	sed -n "s/^rosetta-launch: the entry's first line came \([0-9]*\) ms after the launch started\$/image-$1-$2 first_line_ms \1/p" \
		"$log.txt" | grep . || die "image-$1-$2-$3: no first-line time; see $log.txt"
	echo done >&2
}

# cold then warm on a new cache; the next run uses another.
pair() { # NAME RUN
	cache=$caches/$1-$2
	boot "$1" cold "$2" "$cache"
	boot "$1" warm "$2" "$cache"
	rm -rf "$cache"
}

names=busybox
[ -e "$build/images/debian/index.json" ] && names="$names debian"
for name in $names; do
	i=1
	while [ "$i" -le "$runs" ]; do
		pair "$name" "$i"
		i=$((i + 1))
	done
done
