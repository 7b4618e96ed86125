#!/bin/sh
# The roots users boot: the Debian amd64 tree of `make debian-amd64` from a
# host directory (virtio-fs, read-only) and from its ext4 image (virtio-blk;
# --ephemeral, so the cached image is never written), by rosetta-init and by
# the reference script mounting the same root (bench/reference-init with
# ROOT=), RUNS times each, alternating, after one boot of each kind that
# warms the host's page cache (not counted). The entry is the tree's x86-64
# python3 through the translator; once it has printed its first line it
# mounts a share holding the probe (which the tree has not) and execs it,
# and the probe reads the boot's trace as in bench/run's timing boots:
#   init_to_entry_exec_us  /init's exec to python3's
#   init_to_first_line_us  /init's exec to python3's first line
# Both skip the self-test. Prints the samples as "root-KIND-INIT KEY VALUE",
# KIND virtiofs or ext4, INIT rosetta or script.
# Usage: bench/roots.sh BUILD RUNS
set -eu
build=$1
runs=$2
out=$build/bench/logs
launch=$build/host/rosetta-launch
image=$build/bench/initramfs.cpio.gz
tree=$build/trees/debian-amd64
disk=$build/trees/debian-amd64.ext4

. "$(dirname "$0")/lib.sh"

check_debian_tree "$build"
for f in "$launch" "$build/vmlinuz" "$image" "$build/bench/probe"; do
	[ -e "$f" ] || die "missing $f (run: make bench-image)"
done
mkdir -p "$out"
probe_dir=$(mktemp -d "${TMPDIR:-/tmp}/rosetta-bench-roots.XXXXXX")
trap 'rm -rf "$probe_dir"' EXIT
cp "$build/bench/probe" "$probe_dir/probe"

python=/usr/bin/python3
# The line is flushed before the exec, which would lose a buffered one.
code="print('bench: entry', flush=True); import os; os.execl('/bin/sh', 'sh', '-c', \
'mount -t virtiofs -o ro bench /mnt && exec /mnt/probe $python')"

# One word for the shell, in single quotes (as rosetta-launch quotes the
# entry's words for rosetta.entry=): the script's ENTRY= takes the same.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# boot KIND INIT RUN SCRIPT-ROOT LAUNCH-ROOT...: one guest; its "bench:
# KEY=VALUE" lines are printed as "root-KIND-INIT KEY VALUE".
boot() {
	kind=$1 init=$2 run=$3 script_root=$4
	shift 4
	log=$out/root-$kind-$init-$run.log
	cmdline="$COMMON $NO_SELFTEST trace_event=$TIMING_EVENTS"
	[ "$init" = script ] &&
		cmdline="$cmdline $SCRIPT $script_root ENTRY=\"$python -c $(quote "$code")\""
	printf 'bench: boot %-22s ' "root-$kind-$init-$run" >&2
	timeout -k 10 600 "$launch" --kernel "$build/vmlinuz" --initrd "$image" \
		--rosetta-dir "$build/share" --timeout 540 "$@" --share "$probe_dir:bench:ro" \
		--cmdline "$cmdline" -- "$python" -c "$code" </dev/null >"$log" 2>&1 || true
	probe_samples "$log" "root-$kind-$init-$run" "root-$kind-$init"
	echo done >&2
}

virtiofs() { # INIT RUN
	boot virtiofs "$1" "$2" "ROOT=virtiofs:rosetta-root ROOTFLAGS=ro" --root-dir "$tree" --root-ro
}

ext4() { # INIT RUN
	boot ext4 "$1" "$2" "ROOT=/dev/vda ROOTFSTYPE=ext4" --root-image "$disk" --ephemeral
}

# The first boot of a kind reads the tree or the image from the host's disk
# into its page cache, which every later boot finds there: one boot of each
# kind, not counted, so that neither init pays for it alone.
for kind in virtiofs ext4; do
	$kind rosetta 0 >/dev/null
done

i=1
while [ "$i" -le "$runs" ]; do
	# A B, then B A: drift over the series falls on both alike.
	for kind in virtiofs ext4; do
		if [ $((i % 2)) = 1 ]; then
			$kind rosetta "$i" && $kind script "$i"
		else
			$kind script "$i" && $kind rosetta "$i"
		fi
	done
	i=$((i + 1))
done
