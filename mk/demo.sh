#!/bin/sh
# make demo: boot the guest and run x86-64 programs in it.
# Usage: demo.sh BUILD
set -u
build=$1
cat <<'MSG'

==> Booting the ARM64 guest (qemu-system-aarch64). rosetta-init mounts the
    translator share, verifies and registers it in binfmt_misc, switches root
    into the x86-64 busybox tree and runs the entry below.

MSG
"$build/host/rosetta-launch" --kernel "$build/vmlinuz" --initrd "$build/initramfs.cpio.gz" \
	--rosetta-dir "$build/share" --timeout 300 -- /bin/sh -c \
	'echo; echo x86-64 program says: uname -m = $(uname -m); echo the kernel underneath: $(cat /proc/sys/kernel/arch); echo the program is: $(busybox | head -n 1); echo' </dev/null
status=$?
echo
if [ "$status" = 0 ]; then
	echo "==> The guest ran an x86-64 program through the translator (exit status 0)."
else
	echo "==> The demo failed: rosetta-launch exited $status (see the console above)."
fi
exit "$status"
