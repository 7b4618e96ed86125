#!/bin/sh
# rosettactl test and bench on the host, which runs the x86-64 self-test
# program natively: test runs it in the init's sandbox and prints what ran,
# through which handler (none, in an empty binfmt_misc directory), with its
# exit code, line and time, as fields or JSON; a program that fails or is
# missing fails the command with the init's words. bench times the three
# kinds of start (the translator named is env(1) here, which starts its
# argument), prints their medians as a table or JSON, and names a start
# that fails; the usage errors exit 2.
#
# Usage: test_rosettactl_run.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
rctl=$build/host/rosettactl
selftest=$build/selftest-x86_64
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The sandbox runs programs as nobody, who must see into it.
chmod 755 "$work"
log=$work/log
mkdir -p "$work/binfmt_misc"
. "$(dirname "$0")/../tap.sh"

broken=
[ -x "$rctl" ] || broken="missing $rctl (run: make host)"
[ -x "$selftest" ] || broken=${broken:-"missing $selftest (run: make)"}
check() { # DESCRIPTION COMMAND...
	desc=$1
	shift
	if [ -n "$broken" ]; then
		not_ok "$desc ($broken)"
	elif "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$log" 2>/dev/null
	fi
}
# Exit status STATUS from rosettactl ARGS..., output in $log.
status_is() { # STATUS ARGS...
	want=$1
	shift
	"$rctl" "$@" --binfmt-dir "$work/binfmt_misc" >"$log" 2>&1
	[ $? = "$want" ]
}
has() { grep -q -- "$1" "$log"; }
rows() { [ "$(grep -c "$1" "$log")" = "$2" ]; }

check "test passes the self-test program" status_is 0 test --program "$selftest"
check "naming the program" has "^program: *$selftest\$"
check "the handler the kernel picks (none here)" has "^handler: *none\$"
check "its exit code" has "^exit code: *42\$"
check "its line" has "^output: *rosetta-selftest: x86-64 code ran\$"
check "its time in ms" has "^ms: *[0-9][0-9]*\$"
check "test -J prints JSON" status_is 0 test -J --program "$selftest"
check "with the exit code a number" has '"exit_code": 42'
check "and the time" has '"ms": [0-9]'
check "test of a program exiting 0 fails" status_is 1 test --program /bin/true
check "naming the rule, as the init does" has "error: selftest failed: the x86-64 self-test exited with another code than expected (exit code 0, expected 42"
check "with the remedy" has "error: remedy: "
check "test of a missing program fails" status_is 1 test --program "$work/none"
check "naming the program" has "selftest failed: running $work/none through .*: No such file or directory"

check "bench with env as the translator" status_is 0 bench --runs 3 --program "$selftest" --translator /usr/bin/env
check "prints a heading" has "^KIND *MEDIAN_US *VS_NATIVE *RUNS *COMMAND"
check "a binfmt row" has "^binfmt *[0-9][0-9]* *[0-9.]* *3 *$selftest\$"
check "a translator row" has "^translator *[0-9][0-9]* *[0-9.]* *3 */usr/bin/env $selftest\$"
check "a native row, rosettactl itself" has "^native *[0-9][0-9]* *1.00 *3 *.*rosettactl --version\$"
check "bench -J" status_is 0 bench -J --runs 2 --program "$selftest" --translator /usr/bin/env
check "gives three objects" rows '"kind": ' 3
check "with the medians as numbers" rows '"median_us": [0-9]' 3
check "and the runs" rows '"runs": 2' 3
check "bench without an entry or --translator fails" status_is 1 bench --program "$selftest"
check "saying where it looked" has "no entry $work/binfmt_misc/rosetta to take the translator from (give --translator)"
check "bench of a program that does not exit 42 fails" status_is 1 bench --program /bin/true --translator /usr/bin/env
check "naming the kind and the program" has "binfmt: /bin/true did not exit 42"
check "bench --runs 0 is a usage error" status_is 2 bench --runs 0
check "saying what --runs takes" has "rosettactl: --runs takes 1 to 1000, not '0'"
check "test --runs is a usage error" status_is 2 test --runs 3
check "test --root is a usage error" status_is 2 test --root /
