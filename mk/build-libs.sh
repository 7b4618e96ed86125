#!/bin/sh
# Build static aarch64 musl libmount (+libblkid), libsmartcols, libseccomp,
# libkmod and zlib from Debian's source packages (downloaded by mk/deps.sh)
# into a sysroot.
# Usage: build-libs.sh SRCDIR WORKDIR SYSROOT UAPIDIR
# Environment: CC (musl compiler driver), HOST (configure triplet), AR (the
# target's archiver; zlib's configure does not derive it from CC), JOBS.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/mk/versions.sh"
srcdir=$(realpath "$1")
work=$(realpath -m "$2")
sysroot=$(realpath -m "$3")
uapi=$(realpath "$4")
jobs=${JOBS:-2}

: "${CC:?CC must name the musl compiler}" "${HOST:?HOST must name the triplet}"
export CC
export CFLAGS="-Os -ffunction-sections -fdata-sections -isystem $uapi"
export PKG_CONFIG_LIBDIR="$sysroot/lib/pkgconfig"

say() { printf 'libs: %s\n' "$*"; }
die() { printf 'libs: error: %s\n' "$*" >&2; exit 1; }

unpack() { # package version -> prints the source directory
	uver=${2#*:}
	dsc=$(ls "$srcdir/${1}_${uver}.dsc" 2>/dev/null) ||
		die "no $1 $2 source in $srcdir (run: make deps)"
	dir="$work/$1"
	rm -rf "$dir"
	dpkg-source --no-check -q -x "$dsc" "$dir" >/dev/null 2>&1 ||
		die "dpkg-source could not unpack $dsc"
	echo "$dir"
}

log_run() { # logfile command...
	logf=$1
	shift
	"$@" >"$logf" 2>&1 || die "'$*' failed in $(pwd); see $logf"
}

mkdir -p "$work" "$sysroot/lib" "$sysroot/include"

say "libseccomp $LIBSECCOMP_VERSION"
d=$(unpack libseccomp "$LIBSECCOMP_VERSION")
cd "$d"
log_run "$work/libseccomp.log" ./configure --host="$HOST" --prefix="$sysroot" \
	--disable-shared --enable-static --disable-python
log_run "$work/libseccomp-make.log" make -j"$jobs" -C src
log_run "$work/libseccomp-install.log" sh -c 'make -C src install && make -C include install'

say "kmod $KMOD_VERSION"
d=$(unpack kmod "$KMOD_VERSION")
cd "$d"
# Debian's tarball is a git snapshot: generate configure. gtk-doc is
# disabled, but automake still wants the file it would include.
mkdir -p libkmod/docs m4 build-aux
[ -f libkmod/docs/gtk-doc.make ] || : >libkmod/docs/gtk-doc.make
log_run "$work/kmod-autoreconf.log" autoreconf -fi
log_run "$work/kmod.log" ./configure --host="$HOST" --prefix="$sysroot" \
	--without-xz --without-zstd --without-zlib --without-openssl \
	--disable-manpages --disable-gtk-doc --disable-test-modules
# configure refuses --enable-static for libkmod itself, but its internal
# convenience libraries are static archives holding all of libkmod.
log_run "$work/kmod-make.log" make -j"$jobs" libkmod/libkmod-internal.la shared/libshared.la
rm -f "$sysroot/lib/libkmod.a"
ar crsT "$sysroot/lib/libkmod.a.thin" libkmod/.libs/libkmod-internal.a shared/.libs/libshared.a
# Flatten the thin archive so the sysroot does not point into the build tree.
(
	t=$(mktemp -d)
	cd "$t"
	ar x "$d/libkmod/.libs/libkmod-internal.a"
	for o in *.o; do mv "$o" "kmod-$o"; done
	ar x "$d/shared/.libs/libshared.a"
	ar crs "$sysroot/lib/libkmod.a" ./*.o
	rm -rf "$t"
)
rm -f "$sysroot/lib/libkmod.a.thin"
install -m 0644 libkmod/libkmod.h "$sysroot/include/libkmod.h"

say "util-linux $UTIL_LINUX_VERSION (libmount, libblkid, libsmartcols)"
d=$(unpack util-linux "$UTIL_LINUX_VERSION")
cd "$d"
log_run "$work/util-linux.log" ./configure --host="$HOST" --prefix="$sysroot" \
	--disable-all-programs --enable-libmount --enable-libblkid --enable-libsmartcols \
	--disable-shared --enable-static --disable-nls \
	--without-python --without-systemd --without-udev --without-selinux \
	--without-audit --without-ncurses --without-ncursesw --without-tinfo \
	--without-readline --without-cap-ng --without-libz --without-btrfs \
	--without-cryptsetup --without-smack --without-econf --without-libmagic \
	--without-user --disable-bash-completion --disable-pylibmount \
	--disable-asciidoc --disable-poman
log_run "$work/util-linux-make.log" make -j"$jobs" libmount.la libblkid.la libsmartcols.la
install -m 0644 .libs/libmount.a .libs/libblkid.a .libs/libsmartcols.a "$sysroot/lib/"
mkdir -p "$sysroot/include/libmount" "$sysroot/include/blkid" "$sysroot/include/libsmartcols"
install -m 0644 libmount/src/libmount.h "$sysroot/include/libmount/libmount.h"
install -m 0644 libblkid/src/blkid.h "$sysroot/include/blkid/blkid.h"
install -m 0644 libsmartcols/src/libsmartcols.h "$sysroot/include/libsmartcols/libsmartcols.h"
say "zlib $ZLIB_VERSION"
d=$(unpack zlib "$ZLIB_VERSION")
cd "$d"
# zlib's own configure (not autoconf): no --host, the static archive only.
log_run "$work/zlib.log" env AR="${AR:-ar}" ./configure --static --prefix="$sysroot"
log_run "$work/zlib-make.log" make -j"$jobs" libz.a
install -m 0644 libz.a "$sysroot/lib/"
install -m 0644 zlib.h zconf.h "$sysroot/include/"
say "sysroot ready: $sysroot"
