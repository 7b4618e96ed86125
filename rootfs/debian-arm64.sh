#!/bin/sh
# Make a Debian arm64 systemd image: mmdebstrap's minbase plus systemd-sysv,
# udev and dbus (what a booted systemd needs and no more), with the amd64
# tree of debian-amd64.sh copied in at /srv/x86-64 so that x86-64 programs
# find their libraries there (chroot /srv/x86-64 PROGRAM), root without a
# password on the console (a test image), and an ext4 image of it, cached
# outside the clone:
#   OUTDIR/debian-arm64        symlink to the cached tree
#   OUTDIR/debian-arm64.ext4   symlink to the cached image (label
#                              debian-arm64; shared: copy it or put an
#                              overlay on it before writing)
#   OUTDIR/debian-arm64.key    the cache key; rewritten only when it changes
# It boots as distro images do: root=/dev/vda rw init=/lib/systemd/systemd.
# The cache entry is ROSETTA_CACHE/debian-arm64/KEY, KEY a hash of every
# input: these scripts, the suite, packages, the content of each extra .deb,
# the amd64 tree's key, apt sources and the versions of mmdebstrap, mke2fs
# and (on other machines than arm64) qemu-aarch64-static.
#
# On a machine that is not arm64 the tree's maintainer scripts run as arm64
# code through qemu-aarch64-static, registered only in a private binfmt_misc
# of a user namespace (with-aarch64-binfmt.sh): nothing is registered in the
# machine's own.
#
# Usage: debian-arm64.sh OUTDIR      build (root, unless cached) and link;
#                                    OUTDIR/debian-amd64 must be the amd64
#                                    tree (make debian-amd64)
#        debian-arm64.sh --print-key OUTDIR
#                                    print the cache key and exit
# Environment:
#   DEBIAN_SUITE           suite (default bookworm), as for debian-amd64.sh
#   DEBIAN_ARM64_PACKAGES  packages on top of minbase, separated by spaces or
#                          commas (default systemd-sysv udev dbus)
#   DEBIAN_ARM64_DEBS      paths of .deb files to install too, separated by
#                          spaces (e.g. build/rosetta-guest_VERSION_arm64.deb);
#                          their dependencies come from the archive
#   DEBIAN_SOURCES         an apt sources file, as for debian-amd64.sh
#   ROSETTA_CACHE          cache directory (mk/cache-dir.sh)
. "$(dirname "$0")/debian-common.sh"

arch=arm64
suite=${DEBIAN_SUITE:-bookworm}
pkgs=$(debian_package_list "${DEBIAN_ARM64_PACKAGES-systemd-sysv udev dbus}")
cache=$ROSETTA_CACHE/debian-arm64
nsrun=$(dirname "$0")/with-aarch64-binfmt.sh
srcs=$(debian_sources)
debian_check_sources "$srcs"

[ "${1:-}" = --print-key ] && print_key=1 && shift || print_key=
out=${1:?usage: debian-arm64.sh [--print-key] OUTDIR}
amd64=$out/debian-amd64
amd64_key=$(cat "$out/debian-amd64.key" 2>/dev/null) ||
	die "no amd64 tree in $out (run: make debian-amd64)"

# Absolute paths, each with its content's hash for the key.
debs=
deb_sums=
for d in ${DEBIAN_ARM64_DEBS:-}; do
	[ -f "$d" ] || die "DEBIAN_ARM64_DEBS: no such file $d"
	case $d in *.deb) ;; *) die "DEBIAN_ARM64_DEBS: $d is not a .deb" ;; esac
	d=$(cd "$(dirname "$d")" && pwd)/$(basename "$d")
	debs="$debs,$d"
	deb_sums="$deb_sums
deb $(basename "$d") $(sha256sum <"$d" | cut -d' ' -f1)"
done
cross=
[ "$(dpkg --print-architecture)" = "$arch" ] || cross=1

inputs=$(
	echo "script $(sha256sum <"$0" | cut -d' ' -f1)"
	echo "common $(debian_common_sum)"
	echo "nsrun $(sha256sum <"$nsrun" | cut -d' ' -f1)"
	echo "arch $arch"
	echo "suite $suite"
	echo "packages $pkgs"
	[ -z "$deb_sums" ] || printf '%s\n' "$deb_sums" | sed '/^$/d' | sort
	echo "amd64 $amd64_key"
	mmdebstrap --version 2>&1 | head -n 1
	mke2fs -V 2>&1 | head -n 1
	[ -z "$cross" ] || /usr/bin/qemu-aarch64-static --version 2>&1 | head -n 1
	echo "sources:"
	printf '%s\n' "$srcs"
)
key=$(debian_key "$inputs")
if [ -n "$print_key" ]; then
	echo "$key"
	exit 0
fi
entry=$cache/$key

# build TMP: the tree in TMP/tree, its image in TMP/debian-arm64.ext4.
build() {
	printf '%s\n' "$inputs" >"$1/inputs"
	printf '%s\n' "$srcs" >"$1/sources"
	debian_export_proxy
	say "building the Debian $suite $arch tree (minbase + $pkgs${debs:+ + ${debs#,}}) in $entry"
	run=
	[ -z "$cross" ] || run="sh $nsrun"
	# Across architectures: check/qemu, because arch-test looks at the
	# machine's binfmt_misc, which we leave alone (the private one runs arm64
	# code); and /sys, which a user namespace cannot mount without a network
	# namespace of its own (which would cut apt off) and no package needs.
	# shellcheck disable=SC2086
	$run mmdebstrap --mode=root --variant=minbase --architectures="$arch" \
		${cross:+--skip=check/qemu,chroot/mount/sys} \
		--include="$pkgs$debs" $debian_slim_options --format=directory "$suite" "$1/tree" "$1/sources" ||
		die "mmdebstrap failed (see its messages above): the archive must be reachable through the apt sources and have suite $suite for $arch (else set DEBIAN_SOURCES)"
	t=$1/tree
	[ -x "$t/lib/systemd/systemd" ] || die "the tree has no /lib/systemd/systemd (is systemd-sysv in DEBIAN_ARM64_PACKAGES?)"
	debian_tidy "$t"
	# A test image: root logs in on the console without a password.
	sed -i 's/^root:[^:]*:/root::/' "$t/etc/shadow"
	echo debian-arm64 >"$t/etc/hostname"
	mkdir -p "$t/srv/x86-64"
	cp -a "$amd64/." "$t/srv/x86-64/" || die "cannot copy the amd64 tree $amd64 into /srv/x86-64"
	debian_pack "$t" "$1/debian-arm64.ext4" debian-arm64
}

if [ ! -d "$entry" ]; then
	[ "$(id -u)" = 0 ] ||
		die "building the Debian arm64 tree needs root: mmdebstrap runs in root mode so the files get their real owners and modes (run as root: make debian-arm64)"
	[ -d "$amd64/usr" ] || die "no amd64 tree at $amd64 (run: make debian-amd64)"
	debian_cache_build "$cache" "$entry" build
fi
debian_link "$out" debian-arm64 "$entry" "$key"
