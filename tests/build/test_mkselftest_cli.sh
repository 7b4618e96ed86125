#!/bin/sh
# rosetta-mkselftest's command line: --help and -V/--version on stdout with
# status 0, a usage error named with the --help hint and status 2, and a
# standard output that cannot be written reported with status 3.
build=${1:?usage: $0 BUILD}
tool=$build/host/rosetta-mkselftest
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
result() { # STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# run ARGS...: sets code, out and err
run() {
	"$tool" "$@" >"$work/out" 2>"$work/err"
	code=$?
	out=$(cat "$work/out")
	err=$(cat "$work/err")
}

if [ ! -x "$tool" ]; then
	result 1 "rosetta-mkselftest is built ($tool missing: run make host)"
	exit 0
fi

run --help
[ "$code" = 0 ] && [ -z "$err" ] && case $out in "Usage: rosetta-mkselftest [options] OUTPUT"*"--version"*) true ;; *) false ;; esac
result $? "--help prints the usage and the options on stdout, status 0 (got $code)"

for v in -V --version; do
	run $v
	[ "$code" = 0 ] && [ "$out" = "rosetta-mkselftest from rosetta-guest 0.1" ] && [ -z "$err" ]
	result $? "$v prints the version line, status 0 (got $code, '$out')"
done

for args in "" "-x" "--frobnicate" "a b"; do
	# shellcheck disable=SC2086 # the words are separate arguments
	run $args
	[ "$code" = 2 ] && [ -z "$out" ] &&
		case $err in "rosetta-mkselftest: "*"Try 'rosetta-mkselftest --help' for more information.") true ;; *) false ;; esac
	result $? "'$args' is a usage error: a message, the --help hint, status 2 (got $code)"
	[ "$code" = 2 ] || echo "$err" | sed 's/^/#   /'
done

run -- "$work/-selftest"
[ "$code" = 0 ] && [ -x "$work/-selftest" ]
result $? "after --, an OUTPUT that starts with '-' is written (got $code)"

if [ -w /dev/full ]; then
	"$tool" --version >/dev/full 2>"$work/err"
	code=$?
	[ "$code" = 3 ] && grep -q "cannot write the standard output" "$work/err"
	result $? "--version to a full disk fails with a message, status 3 (got $code)"
fi
