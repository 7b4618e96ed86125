#!/bin/sh
# Each host tool's man page documents exactly the long options the tool
# prints in --help: an option the page lacks, or one it documents that the
# tool no longer has, fails. The page's options are the heads of its tagged
# paragraphs (.TP) that name \-\-NAME, so mentions of other programs' options
# in the text do not count. The built programs are asked, whatever parses
# their options.
build=${1:?usage: $0 BUILD}
. "$(dirname "$0")/../tap.sh"

# The long options a program's --help names, sorted.
help_options() { # PROGRAM
	"$1" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

# The long options in the .TP heads of a man page, sorted.
man_options() { # PAGE
	awk 'head { print; head = 0 } /^\.TP/ { head = 1 }' "$1" |
		sed 's/\\-/-/g; s/\\f[BIRP]//g' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u
}

# One line: the names only in the first list, or none.
only_in() { # LIST LIST
	printf '%s\n' "$1" | grep -vxF -e "$2" -e '' | tr '\n' ' ' | sed 's/ $//'
}

for tool in rosetta-launch:1 binfmtctl:1 rosetta-mkinitramfs:1 rosetta-kconfig:1 rosetta-mkroot:1 \
	rosettactl:8; do
	name=${tool%:*}
	prog=$build/host/$name
	page=docs/$name.${tool#*:}
	helped=$(help_options "$prog")
	documented=$(man_options "$page")
	if [ "$(printf '%s\n' "$helped" | grep -c .)" -lt 4 ]; then
		not_ok "$name --help lists its options (run: make host)"
		continue
	fi
	missing=$(only_in "$helped" "$documented")
	extra=$(only_in "$documented" "$helped")
	if [ -z "$missing" ]; then ok "$page documents every option of $name --help"; else
		not_ok "$page documents every option of $name --help: lacks $missing"; fi
	if [ -z "$extra" ]; then ok "every option $page documents is one of $name"; else
		not_ok "every option $page documents is one of $name: $name has no $extra"; fi
done
