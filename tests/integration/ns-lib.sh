# Shared by the supervisor and switch_root integration tests: TAP lines,
# checks over a harness's log, and the user + PID + mount namespace the
# harness runs in as PID 1. Source it with $harness set; it sets $work (a
# scratch directory removed on exit), $NS and $broken (why the namespace or
# the harness cannot be had: then every check fails with that reason).

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../tap.sh"

NS="unshare --user --map-root-user --pid --fork --mount-proc"
broken=
[ -x "$harness" ] || broken="missing $harness (run: make test-progs)"
if [ -z "$broken" ]; then
	# shellcheck disable=SC2086
	err=$($NS true 2>&1) || broken="cannot create user, PID and mount namespaces: $err"
fi

check() { # DESCRIPTION COMMAND...
	desc=$1
	shift
	if [ -n "$broken" ]; then
		not_ok "$desc ($broken)"
	elif "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$log"
	fi
}
has() { grep -q -- "$1" "$log"; }
has_line() { grep -qxF -- "$1" "$log"; }
lacks() { ! grep -q -- "$1" "$log"; }
status_is() { [ "$status" = "$1" ]; }
