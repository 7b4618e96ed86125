#!/bin/sh
# Build the minimal all-built-in arm64 guest kernel from Debian's
# linux-source package: allnoconfig with the fragments merged over it (the
# way Kata Containers builds its guest kernels), refused when any option of
# a fragment did not make it into the final .config. Cached outside the clone:
#   OUTDIR/Image          symlink to the uncompressed kernel (vfkit and
#                         Virtualization.framework boot this form)
#   OUTDIR/Image.gz       symlink to the gzip'd kernel (what QEMU boots, like
#                         the vmlinuz of a distribution)
#   OUTDIR/kernel.config  symlink to the final .config
#   OUTDIR/kernel.key     the cache key; rewritten only when it changes
# The cache entry is ROSETTA_CACHE/kernel/KEY, KEY a hash of every input:
# this script, the fragments, the source package version, the architecture
# and the compiler. Only the first build on a machine pays.
#
# Usage: build.sh OUTDIR        build (unless cached) and link
#        build.sh --print-key   print the cache key and exit
# Environment: JOBS (default: the number of processors), ROSETTA_CACHE.
set -eu
die() { printf 'kernel: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'kernel: %s\n' "$*" >&2; }

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/mk/versions.sh"
. "$top/mk/cache-dir.sh"
fragments="$here/required.config $here/recommended.config $here/minimal.config"
jobs=${JOBS:-$(nproc)}
pkg=linux-source-$(echo "$LINUX_SOURCE_VERSION" | cut -d. -f1,2)
case $(uname -m) in
aarch64) cross= ;;
*) cross=aarch64-linux-gnu- ;;
esac
command -v "${cross}gcc" >/dev/null || die "no ${cross}gcc to build the arm64 kernel with (run: make deps)"

inputs=$(
	echo "script $(sha256sum <"$0" | cut -d' ' -f1)"
	for f in $fragments; do echo "fragment $(basename "$f") $(sha256sum <"$f" | cut -d' ' -f1)"; done
	echo "source $pkg $LINUX_SOURCE_VERSION"
	echo "arch arm64"
	"${cross}gcc" --version | head -n 1
)
key=$(printf '%s\n' "$inputs" | sha256sum | cut -c1-16)
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi
out=${1:?usage: build.sh OUTDIR | --print-key}
cache=$ROSETTA_CACHE/kernel
entry=$cache/$key

# The source package's .deb, downloaded once per version.
fetch_source() {
	deb=$(ls "$ROSETTA_CACHE/downloads/${pkg}_${LINUX_SOURCE_VERSION}_all.deb" 2>/dev/null) && return 0
	mkdir -p "$ROSETTA_CACHE/downloads"
	say "downloading $pkg $LINUX_SOURCE_VERSION"
	sandbox=
	[ "$(id -u)" = 0 ] && sandbox="-o APT::Sandbox::User=root"
	# shellcheck disable=SC2086
	(cd "$ROSETTA_CACHE/downloads" && apt-get download -qq $sandbox "$pkg=$LINUX_SOURCE_VERSION") ||
		die "cannot download $pkg $LINUX_SOURCE_VERSION (not in the archive any more? update LINUX_SOURCE_VERSION in mk/versions.sh to what 'apt-cache policy $pkg' offers)"
	deb=$(ls "$ROSETTA_CACHE/downloads/${pkg}_${LINUX_SOURCE_VERSION}_all.deb")
}

# Kata's rule: an option a fragment asks for that the final .config lacks
# (a dependency missing, a typo, a symbol gone from this kernel) fails the
# build instead of vanishing silently.
check_final() { # MERGE_LOG
	grep -A2 '^Value requested for' "$1" >"$tmp/not-in-final" || return 0
	cat "$tmp/not-in-final" >&2
	die "$(grep -c '^Value requested' "$tmp/not-in-final") fragment option(s) not in the final .config (above): fix kernel-config/*.config"
}

build() {
	mkdir -p "$cache"
	exec 9>"$cache/.lock"
	flock -n 9 || { say "waiting for another kernel build in $cache"; flock 9; }
	[ -d "$entry" ] && return 0
	rm -rf "$cache"/.tmp-*
	tmp=$(mktemp -d "$cache/.tmp-XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
	fetch_source
	say "unpacking $pkg $LINUX_SOURCE_VERSION"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards '*.tar.xz' ||
		die "cannot unpack $deb"
	tar -xf "$tmp/usr/src/$pkg.tar.xz" -C "$tmp" || die "cannot unpack $pkg.tar.xz"
	src=$tmp/$pkg
	[ -f "$src/Makefile" ] || die "no kernel tree in $deb"
	printf '%s\n' "$inputs" >"$tmp/inputs"

	say "configuring: allnoconfig + $(echo "$fragments" | tr ' ' '\n' | xargs -n1 basename | paste -sd' ')"
	# shellcheck disable=SC2086
	(cd "$src" && ARCH=arm64 CROSS_COMPILE=$cross scripts/kconfig/merge_config.sh -n $fragments) \
		>"$tmp/merge.log" 2>&1 || { cat "$tmp/merge.log" >&2; die "merge_config.sh failed"; }
	check_final "$tmp/merge.log"

	say "building Image with $jobs jobs (a few minutes; see $tmp/make.log)"
	make -C "$src" -j"$jobs" ARCH=arm64 CROSS_COMPILE="$cross" Image.gz >"$tmp/make.log" 2>&1 ||
		{ tail -n 30 "$tmp/make.log" >&2; die "the kernel build failed"; }

	version=$(make -s -C "$src" kernelversion)
	mkdir -p "$tmp/entry"
	cp "$src/arch/arm64/boot/Image" "$src/arch/arm64/boot/Image.gz" "$tmp/entry/"
	cp "$src/.config" "$tmp/entry/kernel.config"
	cp "$tmp/inputs" "$tmp/entry/inputs"
	mv -T "$tmp/entry" "$entry" || die "cannot move the finished kernel to $entry"
	rm -rf "$tmp"
	trap - EXIT
	say "kernel $version in $entry"
}

[ -d "$entry" ] || build
mkdir -p "$out"
for f in Image Image.gz kernel.config; do
	ln -sfn "$entry/$f" "$out/$f"
done
[ "$(cat "$out/kernel.key" 2>/dev/null)" = "$key" ] || echo "$key" >"$out/kernel.key"
