# TAP lines for the test scripts, sourced by them: `ok N - what` and
# `not ok N - what`, numbered in order, which tests/run counts.
tap_n=0
ok() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $*"
}
not_ok() {
	tap_n=$((tap_n + 1))
	echo "not ok $tap_n - $*"
}
# check DESCRIPTION COMMAND...: one line, ok when COMMAND succeeds (its
# output is not shown).
check() {
	desc=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}
