#!/bin/sh
# Make the stand-in translator share: a directory holding Debian's aarch64
# qemu-x86_64-static as `rosetta`, the name Apple's share uses. The init
# validates and registers it exactly as it would Rosetta.
# Usage: share.sh QEMU_X86_64_STATIC OUTDIR
set -eu
src=$1
out=$2
[ -f "$src" ] || { echo "rootfs: error: no $src (run: make deps)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
install -m 0755 "$src" "$out/rosetta"
