#!/bin/sh
# rosettactl activate and deactivate, run on the host against a private
# binfmt_misc (binfmtctl-ns.sh: a new user and mount namespace), with a
# share directory holding the aarch64 stand-in translator
# (build/share/rosetta), a fixture sysfs and a fixture kernel command line:
# no share attached is one line and exit 0; activate registers the entry
# through the init's stages and disables the rival qemu-x86_64 handler,
# recording it; a second activate says it is already active; after the
# entry is removed (binfmtctl remove), activate registers it again and the
# record keeps the rival; deactivate removes the entry and enables the
# rival again, twice without harm; a translator verify refuses, a self-test
# that fails and a missing self-test program leave the system as it was.
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
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

rctl=$build/host/rosettactl
share=$work/share
state=$work/run/activated
rival=':qemu-x86_64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-x86_64-static:OPF'

ns_setup "$rctl" "$build/share/rosetta" "$build/selftest-x86_64"
if [ -z "$broken" ]; then
	if ! echo 0 >"$D/status" || ! printf '%s' "$rival" >"$D/register"; then
		broken="cannot disable the private binfmt_misc or register the rival in it"
	fi
	mkdir -p "$work/proc" "$work/sys" "$share"
	cp "$build/share/rosetta" "$share/rosetta"
	printf '# as /etc/rosetta-init.conf\nverify=elf\n' >"$work/rosetta-init.conf"
	echo "BOOT_IMAGE=/vmlinuz console=ttyAMA0 rosetta.selftest=0" >"$work/proc/cmdline"
fi

# act WANT ARGS...: rosettactl ARGS on the fixture system; its report (on
# stderr) in $err.
act() {
	want=$1
	shift
	run "$want" "$rctl" "$@" --proc "$work/proc" --sys "$work/sys" --binfmt-dir "$D" \
		--config "$work/rosetta-init.conf" --mount "$share" --state "$state"
}

one_line() { # FILE
	[ "$(wc -l <"$1")" = 1 ] && return 0
	echo "more than one line in $1:"
	sed 's/^/  /' "$1"
	return 1
}

is() { # NAME enabled|disabled: the entry's state as the kernel reports it
	[ "$(head -n 1 "$D/$1" 2>/dev/null)" = "$2" ] && return 0
	echo "entry $1 is not $2"
	return 1
}

no_record() {
	[ ! -e "$state" ] && return 0
	echo "$state exists:"
	sed 's/^/  /' "$state"
	return 1
}

no_device() {
	act 0 activate && one_line "$err" &&
		has "$err" "no Rosetta share attached (no virtio-fs device (tag 'rosetta'))" &&
		absent rosetta && is qemu-x86_64 enabled && no_record
}

other_tag() {
	mkdir -p "$work/sys/bus/virtio/devices/virtio0" "$work/sys/fs/virtiofs/0"
	echo 0x001a >"$work/sys/bus/virtio/devices/virtio0/device"
	echo elsewhere >"$work/sys/fs/virtiofs/0/tag"
	act 0 activate && one_line "$err" &&
		has "$err" "(1 virtio-fs device(s), none tagged 'rosetta'): nothing to activate" &&
		absent rosetta && is qemu-x86_64 enabled
}

registers() {
	act 0 activate --no-mount &&
		has "$err" "rosettactl: share: $share used as it is, not mounted" &&
		has "$err" "verify ... ok (" &&
		has "$err" "): $share/rosetta is a static aarch64 executable" &&
		has "$err" "): registered $D/rosetta -> $share/rosetta (flags POCF)" &&
		has "$err" "register ... ok (" &&
		has "$err" "selftest: skipped (rosetta.selftest=0)" &&
		has "$err" "rosettactl: activated: $D/rosetta -> $share/rosetta" &&
		is rosetta enabled && has "$D/rosetta" "interpreter $share/rosetta"
}

rival_disabled_and_recorded() {
	is qemu-x86_64 disabled &&
		has "$err" "warning: register: disabled $D/qemu-x86_64 (/usr/bin/qemu-x86_64-static)" &&
		has "$state" "entry rosetta" && has "$state" "rival qemu-x86_64"
}

already_active() {
	act 0 activate --no-mount && one_line "$err" &&
		has "$err" "already active: $D/rosetta -> $share/rosetta (flags POCF)" &&
		has "$state" "rival qemu-x86_64"
}

again_after_remove() {
	echo -1 >"$D/rosetta"
	act 0 activate --no-mount && is rosetta enabled && is qemu-x86_64 disabled &&
		lacks "$err" "warning: register: disabled" && has "$state" "rival qemu-x86_64"
}

deactivates() {
	act 0 deactivate && absent rosetta && is qemu-x86_64 enabled &&
		has "$err" "removed $D/rosetta" && has "$err" "enabled $D/qemu-x86_64 again" &&
		no_record
}

deactivates_again() {
	act 0 deactivate && one_line "$err" &&
		has "$err" "not active: no entry $D/rosetta: nothing to undo" &&
		is qemu-x86_64 enabled
}

verify_refuses() {
	cp "$build/selftest-x86_64" "$share/rosetta"
	act 1 activate --no-mount
	r=$?
	cp "$build/share/rosetta" "$share/rosetta"
	[ $r = 0 ] && has "$err" "error: verify failed: $share/rosetta is an x86-64" &&
		has "$err" "error: remedy: " && absent rosetta && is qemu-x86_64 enabled && no_record
}

selftest_fails() {
	echo "rosetta.selftest=1" >"$work/proc/cmdline"
	act 1 activate --no-mount --program "$build/selftest-x86_64" &&
		has "$err" "error: selftest failed: running $build/selftest-x86_64 through $share/rosetta" &&
		has "$err" "selftest: unregistered $D/rosetta" &&
		has "$err" "activate: enabled $D/qemu-x86_64 again" &&
		absent rosetta && is qemu-x86_64 enabled && no_record
}

selftest_program_missing() {
	act 1 activate --no-mount --program "$work/none" &&
		has "$err" "error: selftest failed: looking for the self-test program $work/none: No such file or directory" &&
		lacks "$err" "share:" && absent rosetta && is qemu-x86_64 enabled
}

t "activate with no virtio-fs device: one line, exit 0, nothing changed" no_device
t "activate with a virtio-fs device of another tag: the same, naming the tag" other_tag
t "activate --no-mount registers the entry through the init's stages, with their lines" registers
t "activate disables the rival qemu-x86_64 handler, names it and records it" \
	rival_disabled_and_recorded
t "a second activate says, in one line, it is already active" already_active
t "after binfmtctl remove rosetta, activate registers it again; the record keeps the rival" \
	again_after_remove
t "deactivate removes the entry, enables the rival again and forgets the record" deactivates
t "a second deactivate has nothing to undo" deactivates_again
t "a translator verify refuses fails activate with the init's words; nothing changed" \
	verify_refuses
t "a failed self-test: the entry removed, the rival enabled again, nothing recorded" \
	selftest_fails
t "a missing self-test program fails activate before anything is registered" \
	selftest_program_missing
