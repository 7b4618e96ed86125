#!/bin/sh
# rosettactl activate and deactivate, run on the host against a private
# binfmt_misc in a new user and mount namespace, with a share directory
# holding the aarch64 stand-in translator (build/share/rosetta), a fixture
# sysfs and a fixture kernel command line: no share attached is one line
# and exit 0; activate registers the entry through the init's stages and
# disables the rival qemu-x86_64 handler, recording it; a second activate
# says it is already active; after the entry is removed (binfmtctl remove),
# activate registers it again and the record keeps the rival; deactivate
# removes the entry and enables the rival again, twice without harm; a
# translator verify refuses and a self-test that fails leave the system as
# it was.
#
# The share is no virtio-fs mount here: --no-mount takes its directory as
# it is, and rosetta.verify=elf (from the configuration file) skips the
# FUSE check. Entries matching x86-64 ELF would take over every program of
# this x86-64 host, so binfmt_misc is disabled as a whole (its status
# file) while they exist; the entries' own state is what the commands
# change. Only root is mapped into the namespace, so the self-test sandbox
# cannot become nobody: with rosetta.selftest=1 the self-test fails here,
# which is how its failure is tested; the passing runs set
# rosetta.selftest=0 on the command line.
#
# Usage: test_rosettactl_activate.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

if [ "${RCTL_IN_NS:-}" != 1 ]; then
	err=$(unshare --user --map-root-user --mount true 2>&1) ||
		broken="cannot create a user and mount namespace: $err"
	[ -z "${broken:-}" ] && RCTL_IN_NS=1 exec unshare --user --map-root-user --mount sh "$script" "$build"
	RCTL_IN_NS=1 RCTL_BROKEN=${broken:-} exec sh "$script" "$build"
fi

rctl=$build/host/rosettactl
work=$(mktemp -d)
D=$work/binfmt_misc
log=$work/log
. "$(dirname "$0")/../tap.sh"
[ -x "$rctl" ] || RCTL_BROKEN=${RCTL_BROKEN:-"missing $rctl (run: make host)"}
[ -f "$build/share/rosetta" ] || RCTL_BROKEN=${RCTL_BROKEN:-"missing $build/share/rosetta (run: make)"}
check() { # DESCRIPTION COMMAND...
	desc=$1
	shift
	if [ -n "${RCTL_BROKEN:-}" ]; then
		not_ok "$desc ($RCTL_BROKEN)"
	elif "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$log" 2>/dev/null
	fi
}
cleanup() {
	[ -e "$D/status" ] && echo -1 >"$D/status" 2>/dev/null
	umount "$D" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$D" "$work/proc" "$work/sys" "$work/share"
if [ -z "${RCTL_BROKEN:-}" ]; then
	if ! err=$(mount -t binfmt_misc binfmt_misc "$D" 2>&1); then
		RCTL_BROKEN="this kernel gives no binfmt_misc to a user namespace: $err"
	elif ! echo 0 >"$D/status"; then
		RCTL_BROKEN="cannot disable the private binfmt_misc"
	fi
fi
rival=':qemu-x86_64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-x86_64-static:OPF'
[ -z "${RCTL_BROKEN:-}" ] && printf '%s' "$rival" >"$D/register"
cp "$build/share/rosetta" "$work/share/rosetta" 2>/dev/null
printf '# as /etc/rosetta-init.conf\nverify=elf\n' >"$work/rosetta-init.conf"
echo "BOOT_IMAGE=/vmlinuz console=ttyAMA0 rosetta.selftest=0" >"$work/proc/cmdline"

where="--proc $work/proc --sys $work/sys --binfmt-dir $D --config $work/rosetta-init.conf"
where="$where --mount $work/share --state $work/run/activated"
# shellcheck disable=SC2086
rctl() { "$rctl" "$@" $where >"$log" 2>&1; }
# shellcheck disable=SC2086
rctl_fails() { ! "$rctl" "$@" $where >"$log" 2>&1; }
has() { grep -q -- "$1" "$2"; }
lacks() { ! grep -q -- "$1" "$2"; }
one_line() { [ "$(wc -l <"$log")" = 1 ]; }
entry_gone() { [ ! -e "$D/rosetta" ]; }

check "no virtio-fs device: activate exits 0" rctl activate
check "with one line that says so" one_line
check "naming what was looked for" has "no Rosetta share attached (no virtio-fs device (tag 'rosetta'))" "$log"
check "and registers nothing" entry_gone
mkdir -p "$work/sys/bus/virtio/devices/virtio0" "$work/sys/fs/virtiofs/0"
echo 0x001a >"$work/sys/bus/virtio/devices/virtio0/device"
echo elsewhere >"$work/sys/fs/virtiofs/0/tag"
check "a virtio-fs device with another tag: activate exits 0" rctl activate
check "with one line naming the tag" sh -c '[ "$(wc -l <"$1")" = 1 ] && grep -q "none tagged .rosetta." "$1"' _ "$log"
check "and registers nothing" entry_gone

check "activate --no-mount registers the entry" rctl activate --no-mount
check "through the init's stages and their lines" has "^rosettactl: register: registered $D/rosetta -> $work/share/rosetta (flags POCF)" "$log"
check "the verify stage's line" has "verify: $work/share/rosetta is a static aarch64 executable" "$log"
check "each stage timed" has "register ... ok (" "$log"
check "the self-test skipped as rosetta.selftest=0 says" has "selftest: skipped (rosetta.selftest=0)" "$log"
check "the entry reads back enabled" has '^enabled$' "$D/rosetta"
check "the entry names the translator in the share" has "^interpreter $work/share/rosetta\$" "$D/rosetta"
check "the rival qemu-x86_64 handler is disabled" has '^disabled$' "$D/qemu-x86_64"
check "and named" has "warning: register: disabled $D/qemu-x86_64" "$log"
check "the state file records the entry" has '^entry rosetta$' "$work/run/activated"
check "and the rival" has '^rival qemu-x86_64$' "$work/run/activated"

check "a second activate exits 0" rctl activate --no-mount
check "saying, in one line, it is already active" sh -c '[ "$(wc -l <"$1")" = 1 ] && grep -q "already active: " "$1"' _ "$log"

[ -e "$D/rosetta" ] && echo -1 >"$D/rosetta"
check "after binfmtctl remove rosetta, activate registers it again" rctl activate --no-mount
check "the entry is back" has '^enabled$' "$D/rosetta"
check "the record still names the rival the first activation disabled" has '^rival qemu-x86_64$' "$work/run/activated"

check "deactivate exits 0" rctl deactivate
check "the entry is removed" entry_gone
check "the rival is enabled again" has '^enabled$' "$D/qemu-x86_64"
check "saying so" has "enabled $D/qemu-x86_64 again" "$log"
check "the state file is gone" test ! -e "$work/run/activated"
check "a second deactivate exits 0" rctl deactivate
check "saying there is nothing to undo" has "not active: no entry $D/rosetta" "$log"
check "the rival stays enabled" has '^enabled$' "$D/qemu-x86_64"

cp "$build/selftest-x86_64" "$work/share/rosetta" 2>/dev/null
check "a translator verify refuses fails activate" rctl_fails activate --no-mount
check "naming the stage and the rule" has "error: verify failed: $work/share/rosetta is an x86-64" "$log"
check "with the init's remedy" has "error: remedy: " "$log"
check "nothing is registered" entry_gone
check "the rival is untouched" has '^enabled$' "$D/qemu-x86_64"
check "nothing is recorded" test ! -e "$work/run/activated"

cp "$build/share/rosetta" "$work/share/rosetta" 2>/dev/null
echo "rosetta.selftest=1" >"$work/proc/cmdline"
check "a self-test that fails fails activate" rctl_fails activate --no-mount --program "$build/selftest-x86_64"
check "naming the self-test" has "error: selftest failed: running $build/selftest-x86_64 through $work/share/rosetta" "$log"
check "the stage removed the entry" has "selftest: unregistered $D/rosetta" "$log"
check "the rival register disabled is enabled again" has "activate: enabled $D/qemu-x86_64 again" "$log"
check "and is" has '^enabled$' "$D/qemu-x86_64"
check "nothing is left registered" entry_gone
check "nothing is recorded" test ! -e "$work/run/activated"
check "a missing self-test program fails before anything is registered" \
	rctl_fails activate --no-mount --program "$work/none"
check "and says where it looked" has "error: selftest failed: looking for the self-test program $work/none: No such file or directory" "$log"
check "no stage before it ran" lacks "share:" "$log"
