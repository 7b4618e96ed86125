#!/bin/sh
# The Debian arm64 systemd image that `make debian-arm64` builds, with the
# rosetta-guest package of `make deb` installed into a copy of it by dpkg in
# the booted image itself, then booted the ways distro images boot:
#   (a) the minimal kernel straight into the image's own systemd
#       (root=/dev/vda rw init=/lib/systemd/systemd), no initramfs at all;
#   (b) through rosetta-init's exec mode (rosetta.exec=/lib/systemd/systemd);
# and once with no Rosetta share for its tag. A test unit, written into the
# copy with debugfs, does what the boot's rosetta_e2e= word says: install the
# package, or wait for `systemctl is-system-running --wait` and check that
# x86-64 programs of the amd64 tree at /srv/x86-64 run, and keep running
# after `systemctl restart systemd-binfmt` and after a rival qemu-x86_64
# binfmt.d file appears; then it powers off, which the launcher
# (--expect-poweroff) reports as status 0. The cached image is never written.
. "$(dirname "$0")/lib.sh"

kernel=$build/Image.gz
initrd=
image=$build/trees/debian-arm64.ext4
deb=$(ls "$build"/rosetta-guest_*_arm64.deb 2>/dev/null | head -n 1)
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
# Bounded: systemd's jobs (a restart carried to rosetta-activate by PartOf=)
# settle in seconds.
settle() { i=0; while [ -n "$(systemctl list-jobs --no-legend)" ] && [ $i -lt 60 ]; do sleep 1; i=$((i + 1)); done; }
x86() { say "x86-64 uname -m $1: $(chroot /srv/x86-64 /bin/uname -m 2>&1)"; }
mode=$(sed -n 's/.*rosetta_e2e=\([a-z]*\).*/\1/p' /proc/cmdline)
say "system state: $(systemctl is-system-running --wait)"
failed=$(systemctl --failed --no-legend --plain | awk '{ print $1 }')
say "failed units: $(echo $failed | wc -w)${failed:+ ($(echo $failed))}"
case $mode in
install)
	mkdir -p /mnt/pkg && mount -t virtiofs -o ro pkg /mnt/pkg
	dpkg -i /mnt/pkg/*.deb >/dev/null 2>&1
	say "dpkg -i: $?"
	say "rosetta-activate: $(systemctl is-enabled rosetta-activate.service)"
	;;
check)
	say "$(systemd-analyze time | head -n 1)"
	say "rosetta-activate: $(systemctl is-active rosetta-activate.service)"
	x86 "after boot"
	systemctl restart systemd-binfmt
	settle
	x86 "after restarting systemd-binfmt"
	# What qemu-user-binfmt installs: a handler registered after ours.
	printf '%s\n' ':qemu-x86_64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/env:F' \
		>/etc/binfmt.d/qemu-x86_64.conf
	systemctl restart systemd-binfmt
	settle
	say "qemu-x86_64 entry: $(head -n 1 /proc/sys/fs/binfmt_misc/qemu-x86_64 2>&1)"
	x86 "with a rival"
	/usr/sbin/rosettactl doctor rivals >/dev/null 2>&1
	say "doctor rivals: $?"
	rm /etc/binfmt.d/qemu-x86_64.conf
	;;
noshare)
	say "rosetta-activate: $(systemctl is-active rosetta-activate.service)"
	say "activate said: $(journalctl -b -u rosetta-activate.service -o cat --no-pager | grep -m1 'Rosetta share')"
	;;
esac
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

cmdline="root=/dev/vda rw init=/lib/systemd/systemd systemd.mask=serial-getty@ttyAMA0.service"
if [ ! -f "$deb" ]; then
	not_ok "the rosetta-guest package exists at $deb (run: make deb)"
	exit 0
fi
mkdir -p "$work/pkg"
cp "$deb" "$work/pkg/"

boot systemd-install "$share" --root-image "$disk" --expect-poweroff --share "$work/pkg:pkg:ro" \
	--cmdline "$cmdline rosetta_e2e=install"
expect_status 0 "systemd's clean power-off is exit status 0 (--expect-poweroff)"
expect_no_text "Run /init as init process" "no initramfs: the kernel runs the root's own init"
expect_line "e2e: system state: running"
expect_line "e2e: dpkg -i: 0"
expect_line "e2e: rosetta-activate: enabled"
expect_no_panic

# The checks of a booted image with the package: (a) then (b).
expect_rosetta() { # how it booted
	expect_status 0 "systemd's clean power-off is exit status 0"
	expect_line "e2e: system state: running"
	expect_line "e2e: failed units: 0"
	expect_line "e2e: rosetta-activate: active"
	expect_line "e2e: x86-64 uname -m after boot: x86_64"
	expect_line "e2e: x86-64 uname -m after restarting systemd-binfmt: x86_64"
	expect_text "e2e: qemu-x86_64 entry: disabled" "rosetta-activate disabled the rival qemu-x86_64 handler"
	expect_line "e2e: x86-64 uname -m with a rival: x86_64"
	expect_line "e2e: doctor rivals: 0"
	# In exec mode binfmt_misc is mounted already (the init registered the
	# entry through it), so systemd's automount for it refuses to start and
	# says FAILED; the mount is there all the same. Any other FAILED counts.
	if grep -F 'FAILED' "$log.txt" | grep -vq 'Failed to set up automount'; then
		not_ok "$name: no unit fails, at boot or at shutdown ($1)"
		show_log
	else
		ok "$name: no unit fails, at boot or at shutdown ($1)"
	fi
	expect_text "reboot: Power down" "the VM powers off"
	expect_no_panic
}
start=$(date +%s)
boot systemd-direct "$share" --root-image "$disk" --expect-poweroff --cmdline "$cmdline rosetta_e2e=check"
echo "# systemd-direct: launch to power-off in $(($(date +%s) - start)) s"
expect_rosetta "systemd as PID 1"
grep -F 'e2e: Startup finished' "$log.txt" | sed 's/^/# systemd-direct: /'

boot systemd-no-share "$share" --root-image "$disk" --expect-poweroff \
	--cmdline "$cmdline rosetta.tag=absent rosetta_e2e=noshare"
expect_status 0 "systemd's clean power-off is exit status 0"
expect_line "e2e: system state: running"
expect_line "e2e: failed units: 0"
expect_line "e2e: rosetta-activate: active"
expect_text "e2e: activate said: " "rosetta-activate says in one line that there is no Rosetta share"
expect_text "no Rosetta share attached" "and why"

initrd=$build/initramfs-minimal.cpio.gz
boot systemd-exec "$share" --root-image "$disk" --expect-poweroff \
	--cmdline "rosetta.exec=/lib/systemd/systemd systemd.mask=serial-getty@ttyAMA0.service rosetta_e2e=check"
expect_text "register ... ok" "rosetta-init registered the translator before systemd"
expect_rosetta "through rosetta-init's exec mode"
