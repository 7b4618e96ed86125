#!/bin/sh
# The two guest kernels side by side: Debian's generic kernel (drivers as
# modules, carried in build/initramfs.cpio.gz) and the minimal all-built-in
# kernel of `make kernel` (build/initramfs-minimal.cpio.gz), booted RUNS
# times each, alternating, with the same share, QEMU settings and
# rosetta-init defaults (self-test included), and an x86-64 entry whose
# first line is the time it runs at (busybox's cat of /proc/uptime). Neither kernel needs tracing: both
# times are the guest's CLOCK_BOOTTIME, which starts with the kernel.
#   init_ms        kernel start to /init (the init's first stamp minus the
#                  duration of the stage it closes)
#   first_line_ms  kernel start to the x86-64 entry's first line
#   wall_ms        the host's time from rosetta-launch's start to its exit
# And Debian's kernel with the reference script (bench/reference-init, the
# recipe users copy, which has no self-test), first_line_ms only: the
# baseline the minimal kernel with rosetta-init is measured against.
# The minimal kernel is booted once more with rosetta.selftest=0, as
# "kernel-minimal-noselftest". Prints the samples as "kernel-VARIANT KEY VALUE".
# Usage: bench/kernels.sh BUILD RUNS
set -eu
build=$1
runs=$2
out=$build/bench/logs

. "$(dirname "$0")/lib.sh"

for f in "$build/vmlinuz" "$build/initramfs.cpio.gz" "$build/Image.gz" "$build/initramfs-minimal.cpio.gz" \
	"$build/bench/initramfs.cpio.gz"; do
	[ -e "$f" ] || die "missing $f (run: make bench-image)"
done
mkdir -p "$out"

# /proc/uptime: seconds since boot with centiseconds, then idle time.
first_line() { # VARIANT RUN
	sed -n "s/^\([0-9]*\)\.\([0-9][0-9]\) [0-9.]*\$/kernel-$1 first_line_ms \1\20/p" "$log.txt" | grep . ||
		die "boot $1-$2: the entry printed no time; its console is in $log.txt"
}

boot() { # VARIANT RUN KERNEL INITRD [CMDLINE]
	log=$out/kernel-$1-$2.log
	printf 'bench: boot %-14s ' "$1-$2" >&2
	start=$(date +%s%N)
	timeout -k 10 600 "$build/host/rosetta-launch" --kernel "$3" --initrd "$4" \
		--rosetta-dir "$build/share" --timeout 540 ${5:+--cmdline "$5"} \
		-- /bin/cat /proc/uptime </dev/null >"$log" 2>&1 ||
		die "boot $1-$2 failed; its console is in $log"
	end=$(date +%s%N)
	tr -d '\r' <"$log" >"$log.txt"
	first_line "$1" "$2"
	sed -n 's/^rosetta-init: \[ *\([0-9]*\)\.\([0-9]*\)\] early \.\.\. ok (\([0-9]*\) ms)$/\1 \2 \3/p' \
		"$log.txt" | awk -v v="kernel-$1" '{ print v, "init_ms", $1 * 1000 + $2 - $3 }' | grep . ||
		die "boot $1-$2: no 'early ... ok' line; its console is in $log.txt"
	echo "kernel-$1 wall_ms $(((end - start) / 1000000))"
	echo done >&2
}

# What users copy, for the kernels' comparison: Debian's kernel and the
# reference script (make bench's initramfs), the same entry. The script
# reports no exit status and its entry's end panics the kernel (PID 1
# exits), so only the entry's line counts.
script_boot() { # RUN
	log=$out/kernel-script-$1.log
	printf 'bench: boot %-14s ' "script-$1" >&2
	timeout -k 10 600 "$build/host/rosetta-launch" --kernel "$build/vmlinuz" \
		--initrd "$build/bench/initramfs.cpio.gz" --rosetta-dir "$build/share" --timeout 540 \
		--cmdline "$SCRIPT ENTRY=\"/bin/cat /proc/uptime\"" -- /bin/cat /proc/uptime \
		</dev/null >"$log" 2>&1 || true
	tr -d '\r' <"$log" >"$log.txt"
	first_line script "$1"
	echo done >&2
}

debian() { boot debian "$1" "$build/vmlinuz" "$build/initramfs.cpio.gz"; }
minimal() { boot minimal "$1" "$build/Image.gz" "$build/initramfs-minimal.cpio.gz"; }
# The same without the self-test, which the script does not have.
minimal_bare() {
	boot minimal-noselftest "$1" "$build/Image.gz" "$build/initramfs-minimal.cpio.gz" "$NO_SELFTEST"
}

i=1
while [ "$i" -le "$runs" ]; do
	# A B, then B A: drift over the series falls on both alike.
	if [ $((i % 2)) = 1 ]; then
		debian "$i" && minimal "$i" && script_boot "$i" && minimal_bare "$i"
	else
		minimal_bare "$i" && script_boot "$i" && minimal "$i" && debian "$i"
	fi
	i=$((i + 1))
done
