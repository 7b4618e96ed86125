#!/bin/sh
# make install / uninstall / deb: every file where mk/install.mk's table
# says, with its mode; the units' commands resolved; the sample
# configuration's keys the init's own and never overwritten; uninstall
# leaving only directories and the kept configuration; the package's
# files, architecture and maintainer scripts; systemd-analyze verify of
# the units and lintian of the package, when they are installed.
build=${1:?usage: $0 BUILD}
. "$(dirname "$0")/../tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
mk() { make --no-print-directory BUILD="$build" "$@" >"$tmp/make.out" 2>&1; }

# What the table must install with PREFIX=/usr, mode and path.
expected='755 /usr/sbin/rosettactl
755 /usr/sbin/binfmtctl
755 /usr/sbin/rosetta-kconfig
755 /usr/lib/rosetta-guest/rosetta-init
755 /usr/lib/rosetta/selftest
644 /usr/share/man/man8/rosettactl.8
644 /usr/share/man/man8/rosetta-init.8
644 /usr/share/man/man8/rosetta-activate.service.8
644 /usr/share/man/man1/binfmtctl.1
644 /usr/share/man/man1/rosetta-kconfig.1
644 /units/rosetta-activate.service
644 /units/rosetta-cache.service
644 /etc/rosetta-init.conf'
files() { (cd "$1" && find . -type f -printf '%m /%P\n' | sort); }

if mk install DESTDIR="$dest" PREFIX=/usr UNITDIR=/units SYSCONFDIR=/etc; then
	ok "make install DESTDIR"
else
	not_ok "make install DESTDIR: $(tail -n 3 "$tmp/make.out")"
fi
got=$(files "$dest")
want=$(printf '%s\n' "$expected" | sort)
if [ "$got" = "$want" ]; then ok "install: every file, mode and path"; else
	not_ok "install: files differ: $(printf '%s\n' "$got" | diff - "$(printf '%s\n' "$want" >"$tmp/want"; echo "$tmp/want")" | grep '^[<>]' | tr '\n' ' ')"
fi
for p in rosettactl binfmtctl rosetta-kconfig; do
	check "install: /usr/sbin/$p is the stripped guest build" cmp "$dest/usr/sbin/$p" "$build/guest/$p.stripped"
done
check "install: the self-test program is the one rosetta-mkselftest writes" \
	cmp "$dest/usr/lib/rosetta/selftest" "$build/selftest-x86_64"

unit=$dest/units/rosetta-activate.service
check "activate unit: runs the installed rosettactl with the installed self-test" \
	grep -qx 'ExecStart=/usr/sbin/rosettactl activate --program /usr/lib/rosetta/selftest' "$unit"
check "activate unit: its stop is rosettactl deactivate" \
	grep -qx 'ExecStop=/usr/sbin/rosettactl deactivate' "$unit"
check "activate unit: after systemd-binfmt, and restarted with it" \
	sh -c "grep -qx 'After=systemd-binfmt.service' '$unit' && grep -qx 'PartOf=systemd-binfmt.service' '$unit'"
check "activate unit: oneshot, active after its run" \
	sh -c "grep -qx 'Type=oneshot' '$unit' && grep -qx 'RemainAfterExit=yes' '$unit'"
if grep -q '@' "$dest"/units/*.service; then not_ok "units: no @NAME@ left unreplaced"; else
	ok "units: no @NAME@ left unreplaced"; fi

# Each key of the sample is a key rosetta-init(8) documents for the command line.
conf=$dest/etc/rosetta-init.conf
keys=$(sed -n 's/^#\([a-z][a-z.]*\)\(=.*\)\?$/\1/p' "$conf")
bad=""
for k in $keys; do
	grep -q "^\.B[IR]* rosetta\.$k\( \|=\|\$\)" docs/rosetta-init.8 || bad="$bad $k"
done
if [ -n "$keys" ] && [ -z "$bad" ]; then ok "sample configuration: $(echo $keys | wc -w) keys, each rosetta-init's"; else
	not_ok "sample configuration: keys rosetta-init(8) does not document:${bad:- none found}"; fi
if grep -v '^#' "$conf" | grep -q .; then not_ok "sample configuration: every line a comment (the defaults)"; else
	ok "sample configuration: every line a comment (the defaults)"; fi

echo 'tag=mine' >"$conf"
mk install DESTDIR="$dest" PREFIX=/usr UNITDIR=/units SYSCONFDIR=/etc
check "install again: an existing /etc/rosetta-init.conf is kept" grep -qx 'tag=mine' "$conf"

mk uninstall DESTDIR="$dest" PREFIX=/usr UNITDIR=/units SYSCONFDIR=/etc
left=$(files "$dest")
if [ "$left" = "644 /etc/rosetta-init.conf" ]; then ok "uninstall: only directories and the kept configuration left"; else
	not_ok "uninstall: left $(echo $left)"; fi

# The host tools.
if mk install-host DESTDIR="$tmp/host" PREFIX=/usr && [ -x "$tmp/host/usr/bin/rosetta-launch" ] &&
	[ -x "$tmp/host/usr/bin/rosetta-mkselftest" ] && [ -f "$tmp/host/usr/share/man/man1/rosetta-launch.1" ]; then
	ok "install-host: the host tools in PREFIX/bin, their man pages"
else
	not_ok "install-host: the host tools in PREFIX/bin, their man pages"
fi

# systemd-analyze verify, with the commands where the units name them.
if command -v systemd-analyze >/dev/null; then
	mk install PREFIX="$tmp/sys" UNITDIR="$tmp/sys/units" SYSCONFDIR="$tmp/sys/etc"
	out=$(systemd-analyze verify --man=no "$tmp"/sys/units/*.service 2>&1 |
		grep -v '^rosetta-cache.service: Command /run/rosetta/rosettad is not executable')
	if [ -z "$out" ]; then ok "systemd-analyze verify: both units (rosettad is on the share)"; else
		not_ok "systemd-analyze verify: $out"; fi
else
	not_ok "systemd-analyze verify: systemd-analyze not found (make deps installs systemd)"
fi

# The package.
version=$(sed -n 's/^#define PROJECT_VERSION "\(.*\)"$/\1/p' lib/cli.h)
deb=$build/rosetta-guest_${version}_arm64.deb
if mk deb && [ -f "$deb" ]; then ok "make deb: $deb"; else not_ok "make deb: $(tail -n 3 "$tmp/make.out")"; fi
field() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
check "deb: Package rosetta-guest, Architecture arm64, Version $version" \
	test "$(field Package) $(field Architecture) $(field Version)" = "rosetta-guest arm64 $version"
debfiles=$(dpkg-deb -c "$deb" 2>/dev/null | awk '$1 !~ /^d/ { print $NF }' | sed 's|^\./|/|' | sort)
want=$({
	printf '%s\n' "$expected" | sed 's/^[0-9]* //; s|^/units/|/lib/systemd/system/|; s|/man/\(.*\)$|/man/\1.gz|'
	printf '%s\n' /usr/share/doc/rosetta-guest/changelog.gz /usr/share/doc/rosetta-guest/copyright \
		/usr/share/lintian/overrides/rosetta-guest
} | sort)
if [ "$debfiles" = "$want" ]; then ok "deb: the installed files, man pages compressed, copyright, changelog"; else
	not_ok "deb: files differ: $(printf '%s\n' "$debfiles" | diff - "$(printf '%s\n' "$want" >"$tmp/want"; echo "$tmp/want")" | grep '^[<>]' | tr '\n' ' ')"
fi
if dpkg-deb -c "$deb" | awk '{ print $2 }' | grep -qv '^root/root$'; then not_ok "deb: every file owned by root"; else
	ok "deb: every file owned by root"; fi
ctl=$tmp/control
dpkg-deb -e "$deb" "$ctl" 2>/dev/null
for s in postinst prerm postrm; do
	check "deb: $s present, executable, sh -n clean" sh -c "[ -x '$ctl/$s' ] && sh -n '$ctl/$s'"
done
check "deb: /etc/rosetta-init.conf is a conffile" grep -qx /etc/rosetta-init.conf "$ctl/conffiles"
check "deb: triggered by binfmt handler files" grep -qx 'interest-noawait /usr/lib/binfmt.d' "$ctl/triggers"
if command -v lintian >/dev/null; then
	tags=$(lintian "$deb" 2>/dev/null | grep '^[EW]:')
	if [ -z "$tags" ]; then ok "lintian: no error or warning"; else not_ok "lintian: $tags"; fi
else
	not_ok "lintian: not found (make deps installs it)"
fi
