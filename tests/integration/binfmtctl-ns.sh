# Shared by the binfmtctl integration tests that need a binfmt_misc, and by
# rosettactl's activate test: the script runs again inside a new user and
# mount namespace, where a private binfmt_misc is mounted on $D (Linux 6.7
# and later give each user namespace its own). The machine's binfmt_misc is
# never named: every binfmtctl call gets --procdir "$D", every rosettactl
# call --binfmt-dir "$D". When the namespace or its binfmt_misc cannot be had,
# every test fails with the reason ($broken).
#
# Source it with $build set (an absolute path); then call ns_setup with the
# files the script needs, and t DESCRIPTION FUNCTION for each test. It sets
# $ctl, $work (scratch, removed on exit), $D, $out and $err.

# A reason goes into every TAP line: newlines and runs of blanks become one space.
one_line() { printf '%s' "$1" | tr -s '\n\t ' '   '; }

if [ "${BINFMTCTL_IN_NS:-}" != 1 ]; then
	ns_script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
	ns_reason=
	if ! ns_err=$(unshare --user --map-root-user --mount true 2>&1); then
		ns_reason="cannot create a user and mount namespace: $(one_line "$ns_err")"
	fi
	if [ -z "$ns_reason" ]; then
		BINFMTCTL_IN_NS=1 exec unshare --user --map-root-user --mount sh "$ns_script" "$build"
	fi
	BINFMTCTL_IN_NS=1 BINFMTCTL_BROKEN=$ns_reason exec sh "$ns_script" "$build"
fi

ctl=$build/host/binfmtctl
broken=${BINFMTCTL_BROKEN:-}
work=$(mktemp -d)
D=$work/binfmt_misc
out=$work/out
err=$work/err
n=0

cleanup() {
	# Builtins only: a leftover entry could stop umount from running.
	[ -e "$D/status" ] && echo -1 >"$D/status" 2>/dev/null
	[ -e "$work/auto/status" ] && echo -1 >"$work/auto/status" 2>/dev/null
	# Every mount under $work, the deepest first.
	for m in $(awk -v w="$work/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo |
		sort -r); do
		umount "$m" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT

# t DESCRIPTION FUNCTION: run one test; the function returns non-zero and
# writes why to stdout when it fails. After a broken setup every test fails.
t() {
	n=$((n + 1))
	if [ -n "$broken" ]; then
		echo "not ok $n - $1 ($broken)"
		return
	fi
	if why=$("$2" 2>&1); then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$why" | sed 's/^/#   /'
	fi
}

# run WANT_STATUS COMMAND...: stdout to $out, stderr to $err.
run() {
	want=$1
	shift
	"$@" >"$out" 2>"$err"
	got=$?
	[ "$got" = "$want" ] && return 0
	echo "'$*' exited $got, expected $want"
	sed 's/^/stdout: /' "$out"
	sed 's/^/stderr: /' "$err"
	return 1
}

has() { # FILE TEXT: the file holds TEXT (fixed string)
	grep -qF -- "$2" "$1" && return 0
	echo "'$2' not in $1:"
	sed 's/^/  /' "$1"
	return 1
}

lacks() { # FILE TEXT
	! grep -qF -- "$2" "$1" && return 0
	echo "'$2' unexpectedly in $1"
	return 1
}

absent() { # NAME: no such entry
	[ ! -e "$D/$1" ] && return 0
	echo "entry $1 exists:"
	sed 's/^/  /' "$D/$1"
	return 1
}

ctl() { "$ctl" --procdir "$D" "$@"; }

# ns_setup FILE...: the files the script runs must be there; then mount the
# namespace's binfmt_misc on $D. Sets $broken when something is missing.
ns_setup() {
	[ -z "$broken" ] || return
	for f in "$ctl" "$@"; do
		[ -x "$f" ] || {
			broken="$f is missing (make host test-progs; apt-get install qemu-user-static)"
			return
		}
	done
	mkdir -p "$D" || {
		broken="cannot create $D"
		return
	}
	if ! e=$(mount -t binfmt_misc binfmt_misc "$D" 2>&1); then
		broken="this kernel has no binfmt_misc per user namespace: mount failed: $(one_line "$e")"
	fi
}
