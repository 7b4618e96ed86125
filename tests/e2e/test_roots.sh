#!/bin/sh
# A real x86-64 distribution as the root: the Debian amd64 tree that
# `make debian-amd64` builds, booted from a host directory (virtio-fs) and
# from its ext4 image (virtio-blk), with python3, dpkg, argv[0] and a
# coreutils pipeline run through the translator; writes kept on a disk and
# thrown away under an overlay; and every bad root a named failure with a
# clean power-off. The cached tree and image are never written: the disk
# boots use a copy, the directory boots are read-only or overlaid.
. "$(dirname "$0")/lib.sh"

tree=$build/trees/debian-amd64
image=$build/trees/debian-amd64.ext4
work=$(mktemp -d "$logdir/roots.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -d "$tree/usr" ] || [ ! -f "$image" ]; then
	not_ok "the Debian amd64 tree and image exist (run: make debian-amd64)"
	exit 0
fi

# The checks run from a share of their own: an entry cannot carry quotes.
mkdir -p "$work/checks"
cat >"$work/checks/run.sh" <<'CHECKS'
python3 -c 'import platform; print("python:", platform.machine())'
echo "dpkg: $(dpkg --print-architecture)"
bash -c 'exec -a custom0 bash -c "echo argv0: \$0"'
echo "pipeline: $(printf 'b\na\nc\n' | sort | tr -d '\n' | tr a-c A-C)"
CHECKS
cat >"$work/checks/write.sh" <<'CHECKS'
echo "$1" >/root/written-by-guest && sync && echo "wrote: $(cat /root/written-by-guest)"
CHECKS
cat >"$work/checks/read.sh" <<'CHECKS'
echo "found: $(cat /root/written-by-guest 2>&1)"
CHECKS
checks="--share $work/checks:checks:ro"
# The entry's script, before the name of a check: mount the checks share.
mnt="mount -t virtiofs -o ro checks /mnt && sh /mnt"

# The root's line names what the preloader inserted: MODULES, after the disk's driver
# unless stage modules' coldplug inserted that first.
expect_ahead() { # MODULES DESCRIPTION
	if grep -qE "root \.\.\. ok .*; loaded ahead: (virtio_blk )?$1\$" "$log.txt"; then
		ok "$name: $2"
	else
		not_ok "$name: $2 (no 'loaded ahead: [virtio_blk ]$1' on the console)"
		show_log
	fi
}

expect_distro() { # the lines run.sh prints in a working Debian amd64 root
	expect_status 0 "the entry's status is 0"
	expect_line "python: x86_64"
	expect_line "dpkg: amd64"
	expect_line "argv0: custom0"
	expect_line "pipeline: ABC"
	expect_no_panic
}

boot debian-dir "$share" --root-dir "$tree" --root-ro $checks -- /bin/sh -c "$mnt/run.sh"
expect_distro
expect_text "): virtiofs:rosetta-root on /newroot, read-only" "the host directory is the root, read-only"

cp --sparse=always "$image" "$work/disk.ext4"
boot debian-image "$share" --root-image "$work/disk.ext4" $checks \
	-- /bin/sh -c "$mnt/run.sh && sh /mnt/write.sh kept"
expect_distro
expect_text "root: /dev/vda is /dev/vda (ext4, label debian-amd64)" "the disk image is the root"
expect_ahead 'ext4' "the disk's filesystem was loaded ahead of stage root"
expect_line "wrote: kept"
boot image-kept "$share" --root-image "$work/disk.ext4" $checks -- /bin/sh -c "$mnt/read.sh"
expect_line "found: kept"

sum=$(sha256sum <"$work/disk.ext4")
boot image-ephemeral "$share" --root-image "$work/disk.ext4" --ephemeral $checks \
	-- /bin/sh -c "$mnt/write.sh thrown-away"
expect_line "wrote: thrown-away"
boot image-overlay "$share" --root-image "$work/disk.ext4" --cmdline rosetta.overlay=tmpfs \
	$checks -- /bin/sh -c "$mnt/write.sh overlaid"
expect_line "wrote: overlaid"
expect_text "under a tmpfs overlay" "the init says the root is overlaid"
expect_ahead 'overlay ext4' "the overlay's module was loaded ahead too"
if [ "$(sha256sum <"$work/disk.ext4")" = "$sum" ]; then
	ok "image-overlay: --ephemeral and rosetta.overlay=tmpfs leave the image unchanged"
else
	not_ok "image-overlay: --ephemeral and rosetta.overlay=tmpfs leave the image unchanged"
fi
boot dir-ephemeral "$share" --root-dir "$tree" --ephemeral $checks -- /bin/sh -c "$mnt/write.sh gone"
expect_line "wrote: gone"
if [ -e "$tree/root/written-by-guest" ]; then
	not_ok "dir-ephemeral: nothing reaches the host directory"
else
	ok "dir-ephemeral: nothing reaches the host directory"
fi

# Bad roots: each fails stage root by name, powers off, never boots another tree.
mkdir -p "$work/no-loader/bin"
cp "$tree/usr/bin/dash" "$work/no-loader/bin/sh"
expect_stage_failure no-loader root \
	"the tree virtiofs:rosetta-root has no x86-64 dynamic loader /lib64/ld-linux-x86-64.so.2, which entry /bin/sh needs" \
	--root-dir "$work/no-loader" --root-ro -- /bin/sh -c true

expect_stage_failure label-missing root \
	"no block device matches LABEL=nowhere within 3 s; devices seen: vda (ext4, label 'debian-amd64')" \
	--root-image "$work/disk.ext4" --ephemeral --cmdline "rosetta.root=LABEL=nowhere rosetta.timeout=3" \
	-- /bin/true

truncate -s 16M "$work/zeros.img"
expect_stage_failure not-a-filesystem root "/dev/vda holds no filesystem that libblkid recognises" \
	--root-image "$work/zeros.img" -- /bin/true

expect_stage_failure unknown-root root "rosetta.root=floppy:0 is refused" \
	--cmdline rosetta.root=floppy:0 -- /bin/true
expect_no_text "run: started" "unknown-root: no other tree boots in its place"

# The initramfs plus a second archive whose one file needs more than the
# guest's rootfs can hold: the kernel stops unpacking, and the init says so.
mkdir -p "$work/big"
truncate -s 400M "$work/big/filler"
"$build/host/rosetta-mkinitramfs" -o "$work/big.cpio.gz" "$work/big" >"$logdir/big-initramfs.log" 2>&1
cat "$initrd" "$work/big.cpio.gz" >"$work/too-large.cpio.gz"
initrd_saved=$initrd
initrd=$work/too-large.cpio.gz
expect_stage_failure initramfs-too-large early "the kernel could not unpack the whole initramfs" \
	--memory 512 -- /bin/true
initrd=$initrd_saved
