#!/bin/sh
# The Debian arm64 systemd image that `make debian-arm64` builds, booted the
# way distro images boot: the minimal kernel straight into the image's own
# systemd (root=/dev/vda rw init=/lib/systemd/systemd), no initramfs at all.
# A test unit, written into a copy of the image with debugfs, waits for
# `systemctl is-system-running --wait`, prints the state, the failed units
# and systemd's startup time, runs an x86-64 program of the amd64 tree at
# /srv/x86-64 through the stand-in translator, and powers off; the launcher
# (--expect-poweroff) returns 0 for that clean power-off. The cached image is
# never written.
#
# Until the rosetta-guest package is in the image, the unit registers the
# share's translator by hand: the share mounted read-only, binfmt_misc's
# x86-64 entry with F.
. "$(dirname "$0")/lib.sh"

kernel=$build/Image.gz
initrd=
image=$build/trees/debian-arm64.ext4
work=$(mktemp -d "$logdir/systemd.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -f "$kernel" ] || [ ! -f "$image" ]; then
	not_ok "the minimal kernel and the Debian arm64 image exist (run: make kernel debian-arm64)"
	exit 0
fi

# The unit writes to the console itself, without the journal's prefix; the
# serial getty is masked on the command line so that its prompt does not
# share a line with the unit's output. Simple, not oneshot: the unit's start job must end at once, or the wait for
# the system to be running would wait for itself.
cat >"$work/rosetta-e2e.service" <<'UNIT'
[Unit]
Description=rosetta-guest e2e check
After=multi-user.target

[Service]
Type=simple
ExecStart=/bin/sh /usr/local/sbin/rosetta-e2e-check
StandardOutput=tty
StandardError=tty
TTYPath=/dev/console

[Install]
WantedBy=multi-user.target
UNIT
cat >"$work/rosetta-e2e-check" <<'CHECK'
say() { echo "e2e: $*"; }
say "system state: $(systemctl is-system-running --wait)"
failed=$(systemctl --failed --no-legend --plain | awk '{ print $1 }')
say "failed units: $(echo $failed | wc -w)${failed:+ ($(echo $failed))}"
say "$(systemd-analyze time | head -n 1)"
mkdir -p /run/rosetta
mount -t virtiofs -o ro,nodev,nosuid rosetta /run/rosetta || say "cannot mount the share"
[ -e /proc/sys/fs/binfmt_misc/register ] ||
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
printf '%s' ':rosetta:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/run/rosetta/rosetta:F' \
	>/proc/sys/fs/binfmt_misc/register || say "cannot register the translator"
say "x86-64 uname -m: $(chroot /srv/x86-64 /bin/uname -m 2>&1)"
say "native uname -m: $(uname -m)"
# F keeps the translator open: unregister, so the share unmounts at shutdown.
echo -1 >/proc/sys/fs/binfmt_misc/rosetta
systemctl poweroff
CHECK

disk=$work/disk.ext4
cp --sparse=always "$image" "$disk"
debugfs -w -f - "$disk" >"$logdir/systemd-debugfs.log" 2>&1 <<EOF
write $work/rosetta-e2e.service /etc/systemd/system/rosetta-e2e.service
write $work/rosetta-e2e-check /usr/local/sbin/rosetta-e2e-check
mkdir /etc/systemd/system/multi-user.target.wants
symlink /etc/systemd/system/multi-user.target.wants/rosetta-e2e.service /etc/systemd/system/rosetta-e2e.service
symlink /etc/systemd/system/multi-user.target.wants/rosetta-e2e.service /etc/systemd/system/rosetta-e2e.service
EOF
# debugfs reports a missing path on stderr and still exits 0: look for its
# stat output instead.
in_disk() { debugfs -R "stat $1" "$disk" 2>/dev/null | grep -q '^Inode: .*Type: '; }
check "the test unit is enabled in the copy of the image" \
	in_disk /etc/systemd/system/multi-user.target.wants/rosetta-e2e.service

start=$(date +%s)
boot systemd-direct "$share" --root-image "$disk" --expect-poweroff \
	--cmdline "root=/dev/vda rw init=/lib/systemd/systemd systemd.mask=serial-getty@ttyAMA0.service"
echo "# systemd-direct: launch to power-off in $(($(date +%s) - start)) s"
expect_status 0 "systemd's clean power-off is exit status 0 (--expect-poweroff)"
expect_no_text "Run /init as init process" "no initramfs: the kernel runs the root's own init"
expect_line "e2e: system state: running"
expect_line "e2e: failed units: 0"
expect_text "e2e: Startup finished in" "systemd-analyze reports the startup time"
expect_line "e2e: x86-64 uname -m: x86_64"
expect_line "e2e: native uname -m: aarch64"
expect_no_text "FAILED" "no unit fails, at boot or at shutdown"
expect_text "reboot: Power down" "the VM powers off"
expect_no_panic
grep -F 'e2e: Startup finished' "$log.txt" | sed 's/^/# systemd-direct: /'
