#!/bin/sh
# rosetta-kconfig (the host build) on real configurations: Debian's arm64
# kernel passes with its options as modules; the minimal kernel's final
# configuration ($BUILD/kernel.config, written by `make kernel`) passes with
# every option built in; gzip'd copies read the same; a copy without each
# required option in turn fails, naming it; a configuration that is not
# arm64 and a running kernel without /proc/config.gz fail with their
# reasons. Then rules.awk refuses fragments that break its rules.
build=${1:?usage: $0 BUILD}
. "$(dirname "$0")/../tap.sh"
kc=$build/host/rosetta-kconfig
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run FILE...: rosetta-kconfig's output in $out, its errors in $err, its
# exit status in $status.
run() {
	"$kc" "$@" >"$work/out" 2>"$work/err"
	status=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

# The required options of FILE, one per line, with their DETAIL (the
# option Kconfig derives a choice's number into) where they have one.
required() { # FILE
	"$kc" -r -n -o OPTION,LEVEL,DETAIL "$1" | awk '$2 == "required" { print $1, $3 }'
}

# FILE without OPTION (and without DERIVED, the number Kconfig derives from
# a choice: a kernel without CONFIG_ARM64_4K_PAGES has another page shift).
remove() { # FILE OPTION DERIVED
	sed -e "/^$2=/d" -e "/^# $2 is not set\$/d" ${3:+-e "/^$3=/d"} "$1"
}

# passes NAME FILE STATE: the file passes, its options' states include
# STATE, and so do those of its gzip'd copy, the same otherwise.
passes() { # NAME FILE STATE
	run "$2"
	if [ "$status" = 0 ] && [ -z "$err" ]; then ok "$1 passes"; else
		not_ok "$1 passes (exit $status: $err)"; fi
	if printf '%s\n' "$out" | grep -q "^CONFIG_[A-Z0-9_]* *required *$3 "; then
		ok "$1 has required options $3"; else not_ok "$1 has required options $3"; fi
	if printf '%s\n' "$out" | grep -q '^page size: *4K$' &&
		printf '%s\n' "$out" | grep -q '^va bits: *48$'; then
		ok "$1: 4K pages, 48-bit virtual addresses"; else
		not_ok "$1: 4K pages, 48-bit virtual addresses"; fi
	plain=$(printf '%s\n' "$out" | grep -v '^file:')
	gzip -c "$2" >"$work/config.gz"
	run "$work/config.gz"
	if [ "$status" = 0 ] && [ "$(printf '%s\n' "$out" | grep -v '^file:')" = "$plain" ]; then
		ok "$1, gzip'd, reads the same"; else not_ok "$1, gzip'd, reads the same (exit $status: $err)"; fi
	head -c 1000 "$work/config.gz" >"$work/cut.gz"
	run "$work/cut.gz"
	if [ "$status" = 1 ] && printf '%s\n' "$err" | grep -q 'truncated gzip data'; then
		ok "$1, gzip'd and cut short, fails as truncated"; else
		not_ok "$1, gzip'd and cut short, fails as truncated (exit $status: $err)"; fi
}

# Each required option of FILE removed in turn fails, naming it.
each_required() { # NAME FILE
	n=0
	bad=
	required "$2" >"$work/required"
	while read -r option detail; do
		n=$((n + 1))
		derived=$(printf '%s\n' "$detail" | grep -o 'CONFIG_[A-Z0-9_]*' | head -n 1)
		remove "$2" "$option" "$derived" >"$work/without"
		run "$work/without"
		if [ "$status" != 1 ] ||
			! printf '%s\n' "$err" | grep -q "required option $option is missing"; then
			bad="$bad $option"
			echo "# without $option: exit $status: $err"
		fi
	done <"$work/required"
	if [ "$n" -gt 15 ] && [ -z "$bad" ]; then
		ok "$1 without each of its $n required options fails, naming it"; else
		not_ok "$1 without each of its $n required options fails, naming it:${bad:- too few}"; fi
}

if [ ! -x "$kc" ]; then
	not_ok "rosetta-kconfig is built (run: make host)"
	exit 0
fi

debian=$(ls "$build"/pkgs/kernel/boot/config-* 2>/dev/null | head -n 1)
if [ -n "$debian" ]; then
	passes "Debian's $(basename "$debian")" "$debian" module
	each_required "Debian's config" "$debian"
else
	not_ok "Debian's arm64 kernel configuration is in $build/pkgs/kernel/boot (run: make rootfs)"
fi

minimal=$build/kernel.config
if [ -f "$minimal" ]; then
	passes "the minimal kernel's configuration" "$minimal" built-in
	if printf '%s\n' "$out" | grep -q '^CONFIG_[A-Z0-9_]* *required *module '; then
		not_ok "the minimal kernel builds every required option in"; else
		ok "the minimal kernel builds every required option in"; fi
	each_required "the minimal kernel's configuration" "$minimal"
	run -J "$minimal"
	if printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
k = d["kernel"][0]
assert k["page_size"] == 4096 and k["va_bits"] >= 48 and k["modules"] is False, k
assert all(o["state"] in ("built-in", "satisfied") for o in d["options"] if o["level"] == "required")
assert isinstance(d["warnings"], list)
'; then ok "--json: one document with the kernel, the options and the warnings"; else
		not_ok "--json: one document with the kernel, the options and the warnings"; fi
else
	not_ok "the minimal kernel's configuration is $minimal (run: make kernel)"
fi

# Not arm64: the header's architecture named.
printf '#\n# Linux/x86 6.1.0 Kernel Configuration\n#\nCONFIG_X86_64=y\nCONFIG_BINFMT_MISC=y\n' \
	>"$work/x86.config"
run "$work/x86.config"
if [ "$status" = 1 ] && printf '%s\n' "$err" | grep -q 'is not an arm64 kernel configuration.*Linux/x86 6.1.0'; then
	ok "an x86 configuration fails as not arm64"; else
	not_ok "an x86 configuration fails as not arm64 (exit $status: $err)"; fi

# No /proc/config.gz: an empty /proc in a mount namespace of our own.
if unshare --user --map-root-user --mount true 2>/dev/null; then
	unshare --user --map-root-user --mount sh -c 'mount -t tmpfs none /proc && exec "$1"' _ "$kc" \
		>"$work/out" 2>"$work/err"
	status=$?
	if [ "$status" = 1 ] && grep -q '/proc/config.gz does not exist.*CONFIG_IKCONFIG_PROC=y' "$work/err"; then
		ok "without /proc/config.gz: exit 1, naming CONFIG_IKCONFIG_PROC"; else
		not_ok "without /proc/config.gz: exit 1, naming CONFIG_IKCONFIG_PROC (exit $status: $(cat "$work/err"))"; fi
else
	not_ok "without /proc/config.gz (cannot create user and mount namespaces)"
fi

# The command line: usage errors are 2, --help and --version 0, a report
# that cannot be written 3.
usage_is() { # STATUS WHAT ARG...
	want=$1 what=$2
	shift 2
	run "$@"
	if [ "$status" = "$want" ]; then ok "$what: exit $want"; else
		not_ok "$what: exit $want (got $status: $err)"; fi
}
usage_is 2 "-J with -r" -J -r "$work/x86.config"
usage_is 2 "an unknown column" -o OPTION,COLOUR "$work/x86.config"
usage_is 2 "two files" "$work/x86.config" "$work/x86.config"
usage_is 2 "an unknown option" --frobnicate
usage_is 0 "--help" --help
if printf '%s\n' "$out" | grep -q '^ WHY '; then ok "--help lists the columns"; else
	not_ok "--help lists the columns"; fi
usage_is 0 "--version" --version
if [ -n "$debian" ]; then
	"$kc" "$debian" >/dev/full 2>/dev/null
	status=$?
	if [ "$status" = 3 ]; then ok "a report to a full disk: exit 3"; else
		not_ok "a report to a full disk: exit 3 (got $status)"; fi
fi

# rules.awk: each fragment written against its rules stops the build.
refuses() { # WHAT TEXT
	printf '%b' "$2" >"$work/required.config"
	if awk -f kernel-config/rules.awk "$work/required.config" >/dev/null 2>"$work/err"; then
		not_ok "rules.awk refuses $1"; else ok "rules.awk refuses $1: $(sed "s|$work/||g" "$work/err")"; fi
}
refuses "an option without a why" '# head\n\nCONFIG_A=y\n'
refuses "a why of two lines" '# why,\n# and more\nCONFIG_A=y\n'
refuses "an option twice" '# a\nCONFIG_A=y\n# again\nCONFIG_A=m\n'
refuses "a line that is no option" '# a\nCONFIG_A = y\n'
refuses "an empty fragment" '# nothing\n'
printf '# why\nCONFIG_A=y\n' >"$work/other.config"
if awk -f kernel-config/rules.awk "$work/other.config" >/dev/null 2>&1; then
	not_ok "rules.awk refuses a fragment that is not a level's"; else
	ok "rules.awk refuses a fragment that is not a level's"; fi
