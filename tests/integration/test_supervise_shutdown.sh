#!/bin/sh
# rosetta-init's shutdown on the host, in new user, PID and mount
# namespaces: supervise-harness, as PID 1, shuts down below a scratch tmpfs
# and against a private binfmt_misc. Checks that the mounts below are taken
# down children first (a parent is unmounted, not found busy), a busy one is
# remounted read-only, stacked mounts and escaped names are handled, an API
# filesystem is left alone, the root is remounted read-only, and only the
# binfmt_misc entries with flag F (which pin their interpreter) are removed.
#
# Usage: test_supervise_shutdown.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
harness=$build/test/supervise-harness
. "$(dirname "$0")/ns-lib.sh"
cd "$work" || exit 1
log=$work/shutdown.log

R=$work/root
B=$work/binfmt_misc
mkdir -p "$R" "$B"
# Run as PID 1 of the namespaces, then replaced by the harness, which keeps
# fd 3 open in $R/busy. Mount points are listed by the -x command, which
# runs where the init would call reboot(2).
cat >"$work/setup.sh" <<EOF
set -e
mount -t tmpfs root "$R"
mkdir "$R/a" "$R/busy" "$R/stack" "$R/with space" "$R/back\\slash" "$R/proc" "$R/bind"
mount -t tmpfs a "$R/a"
mkdir "$R/a/b"
mount -t tmpfs b "$R/a/b"
mount -t tmpfs -o nosuid,nodev busy "$R/busy"
echo data >"$R/busy/file"
mount -t tmpfs lower "$R/stack"
mount -t tmpfs upper "$R/stack"
mount -t tmpfs spaced "$R/with space"
mount -t tmpfs slashed "$R/back\\slash"
mount --bind "$R/a/b" "$R/bind"
mount -t proc proc "$R/proc"
if mount -t binfmt_misc binfmt_misc "$B" 2>"$work/binfmt.err"; then
	printf ':pinned:M::ZZROSETTATEST1::/bin/true:F' >"$B/register"
	printf ':loose:M::ZZROSETTATEST2::/bin/true:' >"$B/register"
fi
exec 3<"$R/busy/file"
exec "$harness" -f "$work/shutdown.conf" -u "$R" -b "$B" -x '
	grep -F " $R" /proc/self/mountinfo | cut -d" " -f5,6 | sed "s|^$R/*|mount: /|"
	for e in "$B"/*; do echo "binfmt: \${e##*/}"; done' \
	-- /bin/sh -c 'sleep 60 & exit 0'
EOF
echo shutdown.timeout=1 >"$work/shutdown.conf"

if [ -z "$broken" ]; then
	timeout -k 5 60 unshare --user --map-root-user --pid --fork --mount-proc \
		sh "$work/setup.sh" >"$log" 2>&1
	status=$?
	grep -q '^binfmt: register$' "$log" ||
		broken="no private binfmt_misc: $(cat "$work/binfmt.err" 2>/dev/null)"
fi

check "the shutdown runs to its (pretend) reboot" has_line "harness: reboot(poweroff)"
check "the entry's status passes through" test "${status:-}" = 0
check "a process left by the entry is stopped first" has "shutdown: every process ended in"
check "a binfmt_misc entry with flag F is removed" \
	has "shutdown: removed binfmt_misc entry pinned, which held /bin/true open"
check "and is gone" lacks "^binfmt: pinned$"
check "an entry without F is kept" has_line "binfmt: loose"
check "a nested mount is unmounted" lacks "^mount: /a/b "
check "its parent is unmounted after it, not found busy" lacks "^mount: /a "
check "a bind mount is unmounted" lacks "^mount: /bind "
check "both of two stacked mounts are unmounted" lacks "^mount: /stack "
check "a mount point with a blank in its name is unmounted" lacks "^mount: /with\\\\040space "
check "a mount point with a backslash in its name is unmounted" lacks "^mount: /back\\\\134slash "
check "a busy mount is remounted read-only" has "shutdown: $R/busy is busy, remounted read-only"
check "and stays, read-only, keeping nosuid and nodev" has_line "mount: /busy ro,nosuid,nodev,relatime"
check "an API filesystem (proc) is left alone" has_line "mount: /proc rw,relatime"
check "the root is remounted read-only" has_line "mount: / ro,relatime"
check "the tally adds up" has "shutdown: 7 unmounted, 1 remounted read-only, 0 failed; $R read-only"
check "nothing else failed" lacks "warning:"
