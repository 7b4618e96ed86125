#!/bin/sh
# Install or uninstall the rows of a table of mk/install.mk, read one a line
# on standard input: KIND SOURCE DESTINATION. Under DESTDIR; a unit's
# @SBINDIR@ and @SELFTEST@ become SBINDIR and SELFTEST.
# Usage: ... | DESTDIR=D SBINDIR=S SELFTEST=P sh mk/install.sh install|uninstall
set -eu
action=${1:?usage: mk/install.sh install|uninstall}
: "${DESTDIR=}" "${SBINDIR:?}" "${SELFTEST:?}"

say() { printf 'install: %s\n' "$*"; }

install_row() { # KIND SOURCE DEST
	dest=$DESTDIR$3
	mkdir -p "$(dirname "$dest")"
	case $1 in
	prog) install -m 0755 "$2" "$dest" ;;
	data) install -m 0644 "$2" "$dest" ;;
	unit)
		sed -e "s|@SBINDIR@|$SBINDIR|g" -e "s|@SELFTEST@|$SELFTEST|g" "$2" >"$dest.tmp"
		chmod 0644 "$dest.tmp"
		mv -f "$dest.tmp" "$dest"
		;;
	conf)
		if [ -e "$dest" ]; then
			say "kept $dest (the new sample is $2)"
			return 0
		fi
		install -m 0644 "$2" "$dest"
		;;
	*)
		echo "mk/install.sh: unknown kind '$1' for $2" >&2
		exit 1
		;;
	esac
	say "$dest"
}

uninstall_row() { # KIND SOURCE DEST
	dest=$DESTDIR$3
	if [ "$1" = conf ]; then
		[ -e "$dest" ] && say "kept $dest"
		return 0
	fi
	[ -e "$dest" ] || return 0
	rm -f "$dest"
	say "removed $dest"
}

while read -r kind src dest; do
	case $action in
	install) install_row "$kind" "$src" "$dest" ;;
	uninstall) uninstall_row "$kind" "$src" "$dest" ;;
	*)
		echo "mk/install.sh: unknown action '$action'" >&2
		exit 2
		;;
	esac
done
