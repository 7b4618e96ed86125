#!/bin/sh
# Make a private include directory that holds only the kernel UAPI headers
# for aarch64, so musl builds see <linux/...> and <asm/...> without any of
# glibc's headers. Usage: uapi-headers.sh OUTDIR
set -eu
out=$1
for d in /usr/aarch64-linux-gnu/include /usr/include/aarch64-linux-gnu /usr/include; do
	if [ -d "$d/asm" ] && [ -d "$d/linux" -o -d /usr/include/linux ]; then
		asm=$d/asm
		break
	fi
done
[ -n "${asm:-}" ] || { echo "uapi-headers: no aarch64 kernel headers (run: make deps)" >&2; exit 1; }
base=$(dirname "$asm")
[ -d "$base/linux" ] || base=/usr/include
mkdir -p "$out"
ln -sfn "$asm" "$out/asm"
for h in linux asm-generic mtd; do
	ln -sfn "$base/$h" "$out/$h"
done
