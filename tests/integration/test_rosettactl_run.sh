#!/bin/sh
# rosettactl test and bench on the host, which runs the x86-64 self-test
# program natively: test runs it in the init's sandbox and prints what ran,
# through which handler (none, in an empty binfmt_misc directory), with its
# exit code, line and time, as fields or JSON; a program that fails or is
# missing fails the command with the init's words. bench times the three
# kinds of start (the translator named is env(1) here, which starts its
# argument), prints their medians as a table or JSON, and names a start
# that fails; usage errors exit 2.
#
# Usage: test_rosettactl_run.sh BUILD
build=${1:?usage: $0 BUILD}
rctl=$build/host/rosettactl
st=$build/selftest-x86_64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The sandbox runs the program as nobody, who must see into it.
chmod 755 "$work"
mkdir "$work/binfmt_misc"
out=$work/out
n=0
missing=
for f in "$rctl" "$st"; do
	[ -x "$f" ] || missing="$f is missing (run: make host test-progs)"
done

# expect CODE DESCRIPTION -- ARGS... -- PATTERN...: the exit code, and each
# pattern (grep) in the output, stdout and stderr together.
expect() {
	code=$1
	desc=$2
	shift 3
	n=$((n + 1))
	if [ -n "$missing" ]; then
		echo "not ok $n - $desc ($missing)"
		return
	fi
	args=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		args="$args $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	"$rctl" $args --binfmt-dir "$work/binfmt_misc" >"$out" 2>&1
	got=$?
	why=
	[ "$got" = "$code" ] || why="exit $got, expected $code"
	for p in "$@"; do
		grep -q -- "$p" "$out" || why="${why:+$why; }no '$p'"
	done
	if [ -z "$why" ]; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc ($why)"
		sed 's/^/#   /' "$out"
	fi
}

expect 0 "test passes the self-test program, naming it, the handler, code, line, time" \
	-- test --program "$st" -- "^program: *$st\$" "^handler: *none\$" "^exit code: *42\$" \
	"^output: *rosetta-selftest: x86-64 code ran\$" "^ms: *[0-9][0-9]*\$"
expect 0 "test -J prints JSON, numbers as numbers" -- test -J --program "$st" -- \
	'"selftest": \[' '"exit_code": 42' '"ms": [0-9]' '"translator": null'
expect 1 "test of a program exiting 0 fails with the init's rule and remedy" \
	-- test --program /bin/true -- \
	"error: selftest failed: the x86-64 self-test exited with another code than expected (exit code 0, expected 42" \
	"error: remedy: "
expect 1 "test of a missing program fails naming it" -- test --program "$work/none" -- \
	"selftest failed: running $work/none through .*: No such file or directory"

expect 0 "bench with env as the translator: a row per kind, medians of --runs" \
	-- bench --runs 3 --program "$st" --translator /usr/bin/env -- \
	"^KIND *MEDIAN_US *VS_NATIVE *RUNS *COMMAND" "^binfmt *[0-9][0-9]* *[0-9.]* *3 *$st\$" \
	"^translator *[0-9][0-9]* *[0-9.]* *3 */usr/bin/env $st\$" \
	"^native *[0-9][0-9]* *1.00 *3 *.*rosettactl --version\$"
expect 0 "bench -J: the three kinds, medians and runs as numbers" \
	-- bench -J --runs 2 --program "$st" --translator /usr/bin/env -- '"bench": \[' \
	'"kind": "binfmt"' '"kind": "translator"' '"kind": "native"' '"median_us": [0-9]' \
	'"runs": 2'
expect 1 "bench without an entry or --translator fails saying where it looked" \
	-- bench --program "$st" -- \
	"no entry $work/binfmt_misc/rosetta to take the translator from (give --translator)"
expect 1 "bench of a program that does not exit 42 names the kind and the program" \
	-- bench --program /bin/true --translator /usr/bin/env -- "binfmt: /bin/true did not exit 42"
expect 2 "bench --runs 0 is a usage error" -- bench --runs 0 -- \
	"rosettactl: --runs takes 1 to 1000, not '0'"
expect 2 "test takes no --runs" -- test --runs 3 -- "option --runs does not apply to 'test'"
expect 2 "test takes no --root" -- test --root / -- "--root does not apply to 'test'"
