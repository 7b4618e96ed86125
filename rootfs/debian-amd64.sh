#!/bin/sh
# Make a Debian amd64 userspace tree with mmdebstrap (minbase plus
# python3-minimal, without manuals, translations and documentation) and an
# ext4 image of it, cached outside the clone:
#   OUTDIR/debian-amd64        symlink to the cached tree
#   OUTDIR/debian-amd64.ext4   symlink to the cached image (label debian-amd64;
#                              shared: copy it or put an overlay on it before
#                              writing)
#   OUTDIR/debian-amd64.key    the cache key; rewritten only when it changes
# The cache entry is ROSETTA_CACHE/debian-amd64/KEY, KEY a hash of every
# input: this script and debian-common.sh, the architecture, suite,
# packages, apt sources and the versions of mmdebstrap and mke2fs. A fresh
# clone with the same inputs reuses the entry; the archive moving on does not change the key, so delete
# ROSETTA_CACHE/debian-amd64 to pick up updates or reclaim space.
#
# Usage: debian-amd64.sh OUTDIR      build (root, unless cached) and link
#        debian-amd64.sh --print-key print the cache key and exit
# Environment:
#   DEBIAN_SUITE     suite (default bookworm)
#   DEBIAN_PACKAGES  packages on top of minbase, separated by spaces or
#                    commas (default python3-minimal; empty for bare minbase)
#   DEBIAN_SOURCES   an apt sources file (deb822 or one-line) to use instead
#                    of the one derived from this machine's, e.g. for sid,
#                    which has no -updates and -security suites
#   ROSETTA_CACHE    cache directory (mk/cache-dir.sh)
. "$(dirname "$0")/debian-common.sh"

arch=amd64
suite=${DEBIAN_SUITE:-bookworm}
pkgs=$(debian_package_list "${DEBIAN_PACKAGES-python3-minimal}")
cache=$ROSETTA_CACHE/debian-amd64
srcs=$(debian_sources)
debian_check_sources "$srcs"

inputs=$(
	echo "script $(sha256sum <"$0" | cut -d' ' -f1)"
	echo "common $(debian_common_sum)"
	echo "arch $arch"
	echo "suite $suite"
	echo "packages $pkgs"
	mmdebstrap --version 2>&1 | head -n 1
	mke2fs -V 2>&1 | head -n 1
	echo "sources:"
	printf '%s\n' "$srcs"
)
key=$(debian_key "$inputs")
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi
out=${1:?usage: debian-amd64.sh OUTDIR | --print-key}
entry=$cache/$key

# build TMP: the tree in TMP/tree, its image in TMP/debian-amd64.ext4.
build() {
	printf '%s\n' "$inputs" >"$1/inputs"
	printf '%s\n' "$srcs" >"$1/sources"
	debian_export_proxy
	say "building the Debian $suite $arch tree (minbase${pkgs:+ + $pkgs}) in $entry"
	# shellcheck disable=SC2086
	mmdebstrap --mode=root --variant=minbase --architectures="$arch" ${pkgs:+--include="$pkgs"} \
		$debian_slim_options --format=directory "$suite" "$1/tree" "$1/sources" ||
		die "mmdebstrap failed (see its messages above): the archive must be reachable through the apt sources and have suite $suite and any -updates/-security suites derived with it (else set DEBIAN_SOURCES)"
	debian_tidy "$1/tree"
	debian_pack "$1/tree" "$1/debian-amd64.ext4" debian-amd64
}

if [ ! -d "$entry" ]; then
	# mmdebstrap's root mode, so that the files are owned by root with their
	# real modes, as virtiofsd serves them and mkfs.ext4 -d packs them.
	[ "$(id -u)" = 0 ] ||
		die "building the Debian tree needs root: mmdebstrap runs in root mode so the files get their real owners and modes (run as root: make debian-amd64)"
	host_arch=$(dpkg --print-architecture)
	if [ "$host_arch" != "$arch" ]; then
		# The tree's maintainer scripts run as amd64 code through binfmt_misc.
		command -v arch-test >/dev/null || die "arch-test not found: mmdebstrap needs it on $host_arch for an $arch tree (run: make deps)"
		arch-test "$arch" >/dev/null 2>&1 ||
			die "this $host_arch machine cannot run $arch programs, which mmdebstrap needs for the tree's maintainer scripts: register an x86-64 handler in binfmt_misc (qemu-user-static's: update-binfmts --enable qemu-x86_64; or Rosetta's) and retry"
	fi
	debian_cache_build "$cache" "$entry" build
fi
debian_link "$out" debian-amd64 "$entry" "$key"
