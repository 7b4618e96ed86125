#!/bin/sh
# The minimal all-built-in kernel that `make kernel` builds from the
# fragments in kernel-config/, with the initramfs that carries no modules:
# the modules stage has nothing to load and says so, x86-64 programs run
# from the initramfs's tree and from the Debian tree's ext4 image, and
# rosetta-kconfig, run inside the guest on the kernel's own
# /proc/config.gz, passes it with 4K pages and at least 48-bit user VAs.
. "$(dirname "$0")/lib.sh"

kernel=$build/Image.gz
initrd=$build/initramfs-minimal.cpio.gz
image=$build/trees/debian-amd64.ext4
work=$(mktemp -d "$logdir/minimal.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
	not_ok "the minimal kernel and its initramfs exist (run: make kernel)"
	exit 0
fi

# The checks run from a share of their own: an entry cannot carry quotes.
mkdir -p "$work/checks"
cat >"$work/checks/kconfig.sh" <<'CHECKS'
echo "x86-64 says: $(uname -m)"
rosetta-kconfig -J >/tmp/kconfig.json
echo "kconfig status: $?"
cat /tmp/kconfig.json
CHECKS
cat >"$work/checks/distro.sh" <<'CHECKS'
python3 -c 'import platform; print("python:", platform.machine())'
echo "dpkg: $(dpkg --print-architecture)"
CHECKS
checks="--share $work/checks:checks:ro"
run="mkdir -p /run/checks && mount -t virtiofs -o ro checks /run/checks && sh /run/checks"

boot minimal-kernel "$share" $checks -- /bin/sh -c "$run/kconfig.sh"
expect_status 0 "the entry's status is 0"
expect_text "): no /lib/modules/" "the modules stage has nothing to load and says so"
expect_no_text " loaded (rosetta.coldplug=" "no module is loaded"
expect_line "x86-64 says: x86_64"
expect_line "kconfig status: 0"
expect_text '"page_size": 4096' "rosetta-kconfig reports 4K pages from /proc/config.gz"
expect_text '"va_bits": 48' "rosetta-kconfig reports 48-bit user VAs"
expect_no_panic

if [ ! -f "$image" ]; then
	not_ok "the Debian amd64 image exists (run: make debian-amd64)"
	exit 0
fi
cp --sparse=always "$image" "$work/disk.ext4"
boot minimal-kernel-debian "$share" --root-image "$work/disk.ext4" --ephemeral $checks \
	-- /bin/sh -c "$run/distro.sh"
expect_status 0 "the entry's status is 0"
expect_text "root: /dev/vda is /dev/vda (ext4, label debian-amd64)" "the disk image is the root"
expect_line "python: x86_64"
expect_line "dpkg: amd64"
expect_no_panic
