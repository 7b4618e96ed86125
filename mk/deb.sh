#!/bin/sh
# Make the Debian package from a tree `make install` wrote: man pages
# compressed, the copyright and changelog where Debian keeps them, the
# control file and maintainer scripts of packaging/debian, then dpkg-deb
# with root as the owner of every file.
# Usage: mk/deb.sh ROOT VERSION OUTPUT.deb
set -eu
root=${1:?usage: mk/deb.sh ROOT VERSION OUTPUT}
version=${2:?}
out=${3:?}
src=packaging/debian
doc=$root/usr/share/doc/rosetta-guest

command -v dpkg-deb >/dev/null || { echo "mk/deb.sh: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }

# The date of the last commit, so that the same tree makes the same package.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
date=$(LC_ALL=C date -u -R -d "@$epoch")
first=$(git log --reverse --format=%ad --date=format:%Y 2>/dev/null | head -n 1)
last=$(LC_ALL=C date -u -d "@$epoch" +%Y)
years=${first:-$last}
[ "$years" = "$last" ] || years="$years-$last"
# The maintainer of a package built here: DEB_MAINTAINER, or the author of
# the last commit.
maintainer=${DEB_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null)}
[ -n "$maintainer" ] || { echo "mk/deb.sh: set DEB_MAINTAINER='Name <address>'" >&2; exit 1; }
subst() { # FILE
	sed -e "s|@VERSION@|$version|g" -e "s|@DATE@|$date|g" -e "s|@YEARS@|$years|g" \
		-e "s|@MAINTAINER@|$maintainer|g" -e "s|@INSTALLED_SIZE@|${size:-}|g" "$1"
}

find "$root/usr/share/man" -type f ! -name '*.gz' -exec gzip -9n {} +
mkdir -p "$doc"
subst "$src/copyright" >"$doc/copyright"
# A native package (VERSION has no Debian revision): changelog.gz.
subst "$src/changelog" | gzip -9n >"$doc/changelog.gz"
mkdir -p "$root/usr/share/lintian/overrides"
install -m 0644 "$src/lintian-overrides" "$root/usr/share/lintian/overrides/rosetta-guest"
chmod 0644 "$doc/copyright" "$doc/changelog.gz"

mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
subst "$src/control.in" >"$root/DEBIAN/control"
for s in postinst prerm postrm; do
	install -m 0755 "$src/$s" "$root/DEBIAN/$s"
done
install -m 0644 "$src/triggers" "$root/DEBIAN/triggers"
(cd "$root" && find etc -type f | sed 's|^|/|' | sort) >"$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print |
	sed 's|^\./||' | sort | xargs md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

find "$root" -newermt "@$epoch" -exec touch -h -d "@$epoch" {} +
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "deb: $out"
