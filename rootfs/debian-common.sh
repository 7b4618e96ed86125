# What the Debian tree builders (debian-amd64.sh, debian-arm64.sh) share,
# sourced by them: the apt sources, the cache entry (keyed, locked, atomic),
# the tree's tidying and its ext4 image. The sourcing script sets $suite
# before calling debian_sources, and its key hashes this file too
# (debian_common_sum).
set -eu
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'rootfs: %s\n' "$*" >&2; }

debian_common=$(dirname "$0")/debian-common.sh
. "$(dirname "$0")/../mk/cache-dir.sh"

debian_common_sum() { sha256sum <"$debian_common" | cut -d' ' -f1; }

# The machine's own Debian entries with its release's codename replaced by
# the suite, so that a mirror, proxy or snapshot in them keeps working.
debian_sources() {
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

# debian_check_sources SOURCES: the sources name $suite, and the tools are here.
debian_check_sources() {
	printf '%s\n' "$1" | grep -Eq "^(Suites:.*[[:space:]]|deb[[:space:]].*[[:space:]])$suite([[:space:]]|\$)" ||
		die "no apt source for suite $suite derived from this machine's /etc/apt sources (or DEBIAN_SOURCES): set DEBIAN_SOURCES to a sources file for it"
	command -v mmdebstrap >/dev/null || die "mmdebstrap not found (run: make deps)"
	command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 not found (run: make deps)"
}

# A package list as the key sees it: sorted, unique, comma-separated.
debian_package_list() {
	printf '%s\n' "$1" | tr -s ', ' '\n' | sed '/^$/d' | sort -u | paste -sd, -
}

debian_key() { printf '%s\n' "$1" | sha256sum | cut -c1-16; }

# debian_cache_build CACHE ENTRY FUNCTION: unless ENTRY exists, run FUNCTION
# with a fresh directory in CACHE, then rename that directory to ENTRY. One
# builder at a time; the loser of a race finds the winner's entry.
debian_cache_build() {
	mkdir -p "$1"
	exec 9>"$1/.lock"
	flock -n 9 || { say "waiting for another build in $1"; flock 9; }
	[ -d "$2" ] && return 0
	# Left by an interrupted build (we hold the lock): never used, only removed.
	rm -rf --one-file-system "$1"/.tmp-* 2>/dev/null || say "warning: cannot remove stale $1/.tmp-* (mounts left by an interrupted build?)"
	tmp=$(mktemp -d "$1/.tmp-XXXXXX")
	chmod 0755 "$tmp" # apt's _apt user downloads into it; users read the entry
	trap 'rm -rf --one-file-system "$tmp"' EXIT
	trap 'exit 130' INT TERM
	"$3" "$tmp"
	# A complete entry appears at once; a concurrent rename would have lost
	# to the lock, so failing here means the cache is damaged.
	mv -T "$tmp" "$2" || die "cannot move the finished tree to $2"
	trap - EXIT
}

# mmdebstrap's apt reads the tree's configuration, not this machine's: hand
# it the machine's apt proxy, if any, through the environment, so that
# nothing of it lands in the tree.
debian_export_proxy() {
	eval "$(apt-config shell http_proxy Acquire::http::Proxy https_proxy Acquire::https::Proxy)"
	export http_proxy https_proxy
}

# Without manuals, translations and documentation other than the copyright
# files (as Debian's slim container images), a quarter smaller; the excludes
# stay in the tree's dpkg.cfg.d for packages added later.
debian_slim_options='--dpkgopt=path-exclude=/usr/share/man/* --dpkgopt=path-exclude=/usr/share/locale/* --dpkgopt=path-exclude=/usr/share/doc/* --dpkgopt=path-include=/usr/share/doc/*/copyright'

# debian_tidy TREE: not the build machine's: no shared machine id (systemd
# makes one at boot when it is empty), its name or its DNS servers.
debian_tidy() {
	: >"$1/etc/machine-id"
	chmod 0444 "$1/etc/machine-id"
	rm -f "$1/etc/hostname" "$1/etc/resolv.conf"
	echo localhost >"$1/etc/hostname"
	: >"$1/etc/resolv.conf"
	mkdir -p "$1/dev" "$1/proc" "$1/sys" "$1/run" "$1/tmp"
	chmod 1777 "$1/tmp"
	[ -d "$1/var/lib/dpkg" ] || die "mmdebstrap made no /var/lib/dpkg in the tree"
}

# debian_pack TREE IMAGE LABEL: room for what tests write in the guest: half
# the tree, at least 256 MiB (ext4's journal and inode tables take about
# 40 MiB of it). The file is sparse (truncate, and mke2fs told the storage is
# zeroed), so the room costs no disk until written.
debian_pack() {
	used=$(du -sm "$1" | cut -f1)
	head=$((used / 2))
	[ "$head" -ge 256 ] || head=256
	truncate -s "$((used + head))M" "$2"
	mkfs.ext4 -q -F -b 4096 -m 0 -L "$3" -E root_owner=0:0,assume_storage_prezeroed=1 \
		-d "$1" "$2" || die "mkfs.ext4 -d $1 failed"
	say "tree $used MiB, image $((used + head)) MiB (sparse)"
}

# debian_link OUTDIR NAME ENTRY KEY: OUTDIR/NAME and NAME.ext4 link to the
# entry; NAME.key is rewritten only when the key changes.
debian_link() {
	mkdir -p "$1"
	rm -rf "${1:?}/$2" "$1/$2.ext4"
	ln -s "$3/tree" "$1/$2"
	ln -s "$3/$2.ext4" "$1/$2.ext4"
	[ "$(cat "$1/$2.key" 2>/dev/null)" = "$4" ] || echo "$4" >"$1/$2.key"
}
