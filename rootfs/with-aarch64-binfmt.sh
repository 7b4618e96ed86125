#!/bin/sh
# Run a command (as root) where aarch64 programs run through Debian's
# qemu-aarch64-static, without touching this machine's binfmt_misc: in a new
# user namespace that maps uids and gids 0 to 65535 onto themselves (so files
# keep their real owners, and a package's system users can own theirs), with
# mount and pid namespaces of its own, a fresh /proc, and a private
# binfmt_misc (Linux 6.7 and later give each user namespace one) mounted on
# /proc/sys/fs/binfmt_misc, where qemu-aarch64 is registered with flag F.
# Everything it mounts goes away with it.
#
# Usage: with-aarch64-binfmt.sh COMMAND [ARG...]   (as root)
set -eu
die() { printf 'rootfs: error: %s\n' "$*" >&2; exit 1; }

qemu=/usr/bin/qemu-aarch64-static
conf=/usr/lib/binfmt.d/qemu-aarch64.conf
ids=65536

if [ "${ROSETTA_IN_AARCH64_NS:-}" = 1 ]; then
	mount -t proc proc /proc
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc ||
		die "cannot mount a binfmt_misc of this user namespace's own (it needs Linux 6.7 or later)"
	# Debian's entry, with the emulator itself as the interpreter and only F:
	# opened now, it need not exist inside the tree; P would need Debian's
	# wrapper.
	sed -n 's#^\(:qemu-aarch64:M::[^:]*:[^:]*:\)[^:]*:.*#\1'"$qemu"':F#p' "$conf" \
		>/proc/sys/fs/binfmt_misc/register || die "cannot register $qemu in the private binfmt_misc"
	unset ROSETTA_IN_AARCH64_NS
	exec "$@"
fi

[ "$(id -u)" = 0 ] || die "with-aarch64-binfmt.sh needs root (it maps uids 0 to $((ids - 1)) into the namespace)"
[ -x "$qemu" ] || die "$qemu not found (run: make deps; it is in qemu-user-static)"
[ -f "$conf" ] || die "$conf not found: the qemu-user-static package is incomplete"
[ $# -gt 0 ] || die "usage: with-aarch64-binfmt.sh COMMAND [ARG...]"

# unshare(1) maps a range of ids only through newuidmap; root writes the maps
# itself, once the child is in its namespace, and then lets it go on.
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
gate=$(mktemp -u "${TMPDIR:-/tmp}/aarch64-ns.XXXXXX")
mkfifo -m 0600 "$gate"
trap 'rm -f "$gate"' EXIT
ROSETTA_IN_AARCH64_NS=1 unshare --user sh -c 'read -r _ <"$1" && shift &&
	exec unshare --mount --propagation private --pid --fork --kill-child "$@"' \
	- "$gate" sh "$self" "$@" &
child=$!
me=$(readlink /proc/self/ns/user)
while [ "$(readlink "/proc/$child/ns/user" 2>/dev/null || echo "$me")" = "$me" ]; do
	kill -0 "$child" 2>/dev/null || die "unshare --user failed"
	sleep 0.05
done
echo "0 0 $ids" >"/proc/$child/uid_map" && echo "0 0 $ids" >"/proc/$child/gid_map" ||
	{ kill "$child"; die "cannot map uids and gids 0 to $((ids - 1)) into the new user namespace"; }
echo go >"$gate"
rc=0
wait "$child" || rc=$?
exit "$rc"
