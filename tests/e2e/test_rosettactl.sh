#!/bin/sh
# rosettactl in real guests, on the minimal kernel (fast boots): doctor
# passes a healthy guest whose root is the Debian amd64 tree; faults made at
# boot and from the entry (an entry without P, a rival x86-64 handler
# registered after ours, our entry disabled, a root without the x86-64
# dynamic loader) are each named with a remedy and a failing status; and
# activate brings x86-64 programs back after the entry was removed, with the
# init's own stages, idempotently, and deactivate undoes it.
. "$(dirname "$0")/lib.sh"

kernel=$build/Image.gz
initrd=$build/initramfs-minimal.cpio.gz
image=$build/trees/debian-amd64.ext4
ctl=$build/guest/rosettactl.stripped
work=$(mktemp -d "$logdir/rosettactl.XXXXXX")
trap 'rm -rf "$work"' EXIT

for f in "$kernel" "$initrd" "$image" "$ctl"; do
	if [ ! -f "$f" ]; then
		not_ok "$f exists (run: make kernel debian-amd64)"
		exit 0
	fi
done

# The checks run from a share of their own (an entry cannot carry quotes),
# with the guest's rosettactl for roots that lack it.
mkdir -p "$work/checks"
cp "$ctl" "$work/checks/rosettactl"
checks="--share $work/checks:checks:ro"
run="mkdir -p /run/checks && mount -t virtiofs -o ro checks /run/checks && sh /run/checks"

# Every check's verdict as "doctor: CHECK VERDICT" lines, then the status.
cat >"$work/checks/healthy.sh" <<'CHECKS'
/run/checks/rosettactl doctor -r -n | awk '{ print "doctor:", $1, $2 }'
echo "doctor-exit: $(/run/checks/rosettactl doctor >/dev/null 2>&1; echo $?)"
/run/checks/rosettactl status -J >/dev/null
echo "status-exit: $?"
CHECKS
cp "$image" "$work/disk.ext4"
boot rosettactl-healthy "$share" --root-image "$work/disk.ext4" --ephemeral $checks \
	-- /bin/sh -c "$run/healthy.sh"
expect_status 0 "the entry's status is 0"
expect_line "doctor-exit: 0"
expect_line "status-exit: 0"
for c in share share-fs translator translator-runs binfmt-misc entry interpreter flag-C flag-P \
	flag-F rivals page-size va-bits kernel-config proc loader; do
	expect_line "doctor: $c ok"
done
if grep -q '^doctor: [^ ]* failed$' "$log.txt"; then
	not_ok "$name: no check fails in a healthy guest"
	show_log
else
	ok "$name: no check fails in a healthy guest"
fi

# An entry without P: programs that look at their argv[0] break (busybox's
# applets among them), so doctor itself is the entry.
boot rosettactl-no-p "$share" --cmdline rosetta.binfmt.flags=CF -- /usr/sbin/rosettactl doctor flag-P flag-C flag-F
expect_status 0 "a missing P is a warning: doctor's status is 0"
expect_text "lack P" "the missing P is named"
expect_text "add P to rosetta.binfmt.flags" "with its remedy"

# A rival registered after ours, then our entry disabled: only native
# programs run once it is; echo is the shell's own.
cat >"$work/checks/faults.sh" <<'CHECKS'
ctl=/usr/sbin/rosettactl
/usr/sbin/binfmtctl rosetta --install --name qemu-x86_64 >/dev/null
$ctl doctor rivals; echo "rivals-exit: $?"
/usr/sbin/binfmtctl remove qemu-x86_64
/usr/sbin/binfmtctl disable rosetta
$ctl doctor entry; echo "disabled-exit: $?"
CHECKS
boot rosettactl-faults "$share" $checks -- /bin/sh -c "$run/faults.sh"
expect_line "rivals-exit: 1"
expect_text "qemu-x86_64" "the rival registered after ours is named"
expect_line "disabled-exit: 1"
expect_text "disabled" "the disabled entry is named"
expect_no_panic

# A root without the x86-64 dynamic loader, rosettactl itself the entry.
mkdir -p "$work/no-loader/usr/sbin" "$work/no-loader/proc" "$work/no-loader/sys" \
	"$work/no-loader/dev" "$work/no-loader/run" "$work/no-loader/tmp"
cp "$ctl" "$work/no-loader/usr/sbin/rosettactl"
boot rosettactl-no-loader "$share" --root-dir "$work/no-loader" --root-ro -- /usr/sbin/rosettactl doctor loader
expect_status 1 "doctor's status is 1"
expect_text "/lib64/ld-linux-x86-64.so.2" "the missing loader is named"
expect_text "libc6:amd64" "with its remedy"

# activate after the entry was removed; again (nothing to do); deactivate;
# and the self-test on demand, from the program the tree carries.
cat >"$work/checks/activate.sh" <<'CHECKS'
/usr/sbin/binfmtctl remove rosetta
/bin/true; echo "true-exit: $?"
/usr/sbin/rosettactl activate; echo "activate-exit: $?"
/bin/true && echo "x86-ran"
/usr/sbin/rosettactl activate; echo "again-exit: $?"
/usr/sbin/rosettactl deactivate; echo "deactivate-exit: $?"
/bin/true; echo "after-deactivate: $?"
/usr/sbin/rosettactl activate >/dev/null 2>&1
/usr/sbin/rosettactl test; echo "test-exit: $?"
CHECKS
boot rosettactl-activate "$share" --cmdline rosetta.selftest=0 $checks -- /bin/sh -c "$run/activate.sh"
expect_line "true-exit: 126"
expect_text "): registered /proc/sys/fs/binfmt_misc/rosetta" \
	"activate registers with the init's register stage"
expect_line "activate-exit: 0"
expect_line "x86-ran"
expect_text "rosettactl: already active" "a second activate finds it active"
expect_line "again-exit: 0"
expect_line "deactivate-exit: 0"
expect_line "after-deactivate: 126"
expect_line "test-exit: 0"
expect_no_panic
