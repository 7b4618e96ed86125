#!/bin/sh
# Install what rosetta-guest needs from Debian's archive, and download (not
# install) the arm64 guest packages into build/debs. Idempotent: when every
# package is present it does nothing but check. Needs root.
#
# The archive addresses are never written here: the deb-src entry is derived
# from the machine's own apt sources, so a mirror or snapshot keeps working.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/mk/versions.sh"

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

# Root is needed only when something is missing, so that `make check` can
# depend on this script on a machine that is already set up.
as_root() {
	[ "$(id -u)" = 0 ] || die "$1 needs root (run: sudo make deps)"
}
command -v apt-get >/dev/null || die "apt-get not found: a Debian (bookworm or later) machine is required"

host_arch=$(dpkg --print-architecture)
updated=0
apt_update() {
	[ "$updated" = 1 ] && return 0
	as_root "apt-get update, to fetch what is missing,"
	say "apt-get update"
	apt-get update -qq || die "apt-get update failed"
	updated=1
}

# Foreign architecture for the guest's packages (musl-dev:arm64 and the kernel).
if [ "$host_arch" != arm64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
	as_root "adding the arm64 architecture"
	say "adding the arm64 architecture"
	dpkg --add-architecture arm64
	updated=0
fi

# A deb-src entry in a file of its own, mirroring the machine's deb entries.
src_file=/etc/apt/sources.list.d/rosetta-guest-src.sources
if [ ! -f "$src_file" ]; then
	as_root "adding a deb-src entry"
	tmp=$(mktemp)
	if [ -f /etc/apt/sources.list.d/debian.sources ]; then
		sed -n '/^Types:/s/.*/Types: deb-src/p; /^Types:/!p' \
			/etc/apt/sources.list.d/debian.sources >"$tmp"
	elif [ -f /etc/apt/sources.list ]; then
		grep -E '^deb[[:space:]]' /etc/apt/sources.list |
			sed 's/^deb\([[:space:]]\)/deb-src\1/' >"$tmp"
		src_file=/etc/apt/sources.list.d/rosetta-guest-src.list
	fi
	[ -s "$tmp" ] || die "no Debian apt source found to derive a deb-src entry from"
	say "adding deb-src entries in $src_file"
	install -m 0644 "$tmp" "$src_file"
	rm -f "$tmp"
	updated=0
fi

host_pkgs="make gcc libc6-dev pkg-config cpio kmod gzip file
	qemu-system-arm qemu-user-static
	libcmocka-dev libmount-dev libsmartcols-dev libseccomp-dev libkmod-dev zlib1g-dev
	autoconf automake libtool gperf dpkg-dev xz-utils
	clang libclang-rt-dev clang-format clang-tidy cppcheck python3
	mmdebstrap e2fsprogs qemu-utils
	flex bison bc
	lintian systemd
	libarchive-dev libjansson-dev nettle-dev umoci skopeo"
if [ "$host_arch" = arm64 ]; then
	# arch-test: mmdebstrap needs it to build the amd64 tree (make debian-amd64).
	host_pkgs="$host_pkgs musl-tools musl-dev linux-libc-dev arch-test"
else
	host_pkgs="$host_pkgs gcc-aarch64-linux-gnu linux-libc-dev-arm64-cross musl-dev:arm64"
fi

missing=""
for p in $host_pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	as_root "installing$missing"
	apt_update
	say "installing:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		die "apt-get install failed for:$missing"
fi

# Guest packages: downloaded, never installed on the host.
debs="$top/build/debs"
mkdir -p "$debs"
have_deb() { ls "$debs/$1"_*"_$2.deb" >/dev/null 2>&1; }

fetch_deb() { # package arch
	have_deb "$1" "$2" && return 0
	apt_update
	say "downloading $1:$2"
	(cd "$debs" && apt-get download -qq -o APT::Sandbox::User=root "$1:$2") || die "apt-get download $1:$2 failed"
}

# linux-image-arm64 is a metapackage: resolve it to the versioned image.
kpkg=$(ls "$debs" 2>/dev/null | sed -n 's/^\(linux-image-[0-9][^_]*-arm64\)_.*/\1/p' | head -n 1)
if [ -z "$kpkg" ]; then
	apt_update
	kpkg=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -n 1)
	[ -n "$kpkg" ] || die "cannot resolve linux-image-arm64:arm64 to a kernel package"
fi
fetch_deb "$kpkg" arm64
fetch_deb qemu-user-static arm64
fetch_deb busybox-static amd64
fetch_deb busybox-static arm64

# Source packages of the four libraries, at the pinned versions.
srcdir="$top/build/src"
mkdir -p "$srcdir"
for pv in "util-linux=$UTIL_LINUX_VERSION" "libseccomp=$LIBSECCOMP_VERSION" "kmod=$KMOD_VERSION" \
	"zlib=$ZLIB_VERSION"; do
	pkg=${pv%%=*}
	ver=${pv#*=}
	uver=${ver#*:}
	uver=${uver%-*}
	ls "$srcdir/${pkg}_${uver}"*.dsc >/dev/null 2>&1 && continue
	apt_update
	say "fetching source $pv"
	if ! (cd "$srcdir" && apt-get source -qq -o APT::Sandbox::User=root --download-only "$pv" >/dev/null); then
		avail=$(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | tr '\n' ' ')
		die "source $pv is not in the archive (available: ${avail:-none}); update mk/versions.sh"
	fi
done
say "all present"
