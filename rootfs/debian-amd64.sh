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
# input: this script, the architecture, suite, packages, apt sources and the
# versions of mmdebstrap and mke2fs. A fresh clone with the same inputs reuses
# the entry; the archive moving on does not change the key, so delete
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
set -eu
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'rootfs: %s\n' "$*" >&2; }

arch=amd64
suite=${DEBIAN_SUITE:-bookworm}
pkgs=$(printf '%s\n' "${DEBIAN_PACKAGES-python3-minimal}" | tr -s ', ' '\n' | sed '/^$/d' | sort -u | paste -sd, -)
. "$(dirname "$0")/../mk/cache-dir.sh"
cache=$ROSETTA_CACHE/debian-amd64

# The machine's own Debian entries with its release's codename replaced by
# the suite, so that a mirror, proxy or snapshot in them keeps working.
sources() {
	if [ -n "${DEBIAN_SOURCES:-}" ]; then
		cat "$DEBIAN_SOURCES" || die "cannot read DEBIAN_SOURCES=$DEBIAN_SOURCES"
		return
	fi
	# shellcheck disable=SC1091
	host=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed -e '/^#/d; s/^Types:.*/Types: deb/' \
			-e "${host:+/^Suites:/s/\\b$host\\b/$suite/g}" /etc/apt/sources.list.d/debian.sources
	elif [ -f /etc/apt/sources.list ]; then
		grep -E '^deb[[:space:]]' /etc/apt/sources.list | sed -e "${host:+s/ $host\\([ -]\\)/ $suite\\1/}"
	fi
}

srcs=$(sources)
printf '%s\n' "$srcs" | grep -Eq "^(Suites:.*[[:space:]]|deb[[:space:]].*[[:space:]])$suite([[:space:]]|\$)" ||
	die "no apt source for suite $suite derived from this machine's /etc/apt sources (or DEBIAN_SOURCES): set DEBIAN_SOURCES to a sources file for it"
command -v mmdebstrap >/dev/null || die "mmdebstrap not found (run: make deps)"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 not found (run: make deps)"

inputs=$(
	echo "script $(sha256sum <"$0" | cut -d' ' -f1)"
	echo "arch $arch"
	echo "suite $suite"
	echo "packages $pkgs"
	mmdebstrap --version 2>&1 | head -n 1
	mke2fs -V 2>&1 | head -n 1
	echo "sources:"
	printf '%s\n' "$srcs"
)
key=$(printf '%s\n' "$inputs" | sha256sum | cut -c1-16)
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi
out=${1:?usage: debian-amd64.sh OUTDIR | --print-key}
entry=$cache/$key

build() {
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
	mkdir -p "$cache"
	# One builder at a time; the loser of a race finds the winner's entry.
	exec 9>"$cache/.lock"
	flock -n 9 || { say "waiting for another build in $cache"; flock 9; }
	[ -d "$entry" ] && return 0
	# Left by an interrupted build (we hold the lock): never used, only removed.
	rm -rf --one-file-system "$cache"/.tmp-* 2>/dev/null || say "warning: cannot remove stale $cache/.tmp-* (mounts left by an interrupted build?)"
	tmp=$(mktemp -d "$cache/.tmp-XXXXXX")
	chmod 0755 "$tmp" # apt's _apt user downloads into it; users read the entry
	trap 'rm -rf --one-file-system "$tmp"' EXIT
	trap 'exit 130' INT TERM
	printf '%s\n' "$inputs" >"$tmp/inputs"
	printf '%s\n' "$srcs" >"$tmp/sources"

	# mmdebstrap's apt reads the tree's configuration, not this machine's:
	# hand it the machine's apt proxy, if any, through the environment, so
	# that nothing of it lands in the tree.
	eval "$(apt-config shell http_proxy Acquire::http::Proxy https_proxy Acquire::https::Proxy)"
	export http_proxy https_proxy

	say "building the Debian $suite $arch tree (minbase${pkgs:+ + $pkgs}) in $entry"
	# Without manuals, translations and documentation other than the
	# copyright files (as Debian's slim container images), a quarter smaller;
	# the excludes stay in the tree's dpkg.cfg.d for packages added later.
	mmdebstrap --mode=root --variant=minbase --architectures="$arch" ${pkgs:+--include="$pkgs"} \
		--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
		--format=directory "$suite" "$tmp/tree" "$tmp/sources" ||
		die "mmdebstrap failed (see its messages above): the archive must be reachable through the apt sources and have suite $suite and any -updates/-security suites derived with it (else set DEBIAN_SOURCES)"

	t=$tmp/tree
	# Not the build machine's: no shared machine id (systemd makes one at
	# boot when it is empty), its name or its DNS servers.
	: >"$t/etc/machine-id"
	chmod 0444 "$t/etc/machine-id"
	rm -f "$t/etc/hostname" "$t/etc/resolv.conf"
	echo localhost >"$t/etc/hostname"
	: >"$t/etc/resolv.conf"
	mkdir -p "$t/dev" "$t/proc" "$t/sys" "$t/run" "$t/tmp"
	chmod 1777 "$t/tmp"
	[ -d "$t/var/lib/dpkg" ] || die "mmdebstrap made no /var/lib/dpkg in the tree"

	# Room for what tests write in the guest: half the tree, at least 256 MiB
	# (ext4's journal and inode tables take about 40 MiB of it). The file is
	# sparse (truncate, and mke2fs told the storage is zeroed), so the room
	# costs no disk until written.
	used=$(du -sm "$t" | cut -f1)
	head=$((used / 2))
	[ "$head" -ge 256 ] || head=256
	truncate -s "$((used + head))M" "$tmp/debian-amd64.ext4"
	mkfs.ext4 -q -F -b 4096 -m 0 -L debian-amd64 -E root_owner=0:0,assume_storage_prezeroed=1 \
		-d "$t" "$tmp/debian-amd64.ext4" || die "mkfs.ext4 -d $t failed"

	# A complete entry appears at once; a concurrent rename would have lost
	# to the lock, so failing here means the cache is damaged.
	mv -T "$tmp" "$entry" || die "cannot move the finished tree to $entry"
	trap - EXIT
	say "tree $used MiB, image $((used + head)) MiB (sparse) in $entry"
}

[ -d "$entry" ] || build
mkdir -p "$out"
rm -rf "$out/debian-amd64" "$out/debian-amd64.ext4"
ln -s "$entry/tree" "$out/debian-amd64"
ln -s "$entry/debian-amd64.ext4" "$out/debian-amd64.ext4"
[ "$(cat "$out/debian-amd64.key" 2>/dev/null)" = "$key" ] || echo "$key" >"$out/debian-amd64.key"
