#!/bin/sh
# rosetta-init's root and switch stages on the host, in new user, PID and
# mount namespaces, against a scratch "initramfs": a tmpfs holding init
# files, the x86-64 tree at /x86, stand-ins (and a real proc) mounted on
# /dev /proc /sys /run, and other filesystems mounted inside it.
# switchroot-harness chroots there, runs the stages as the init does with
# rosetta.root=initramfs:/x86, and checks that the API mounts moved, the tree
# became /, the old contents were freed but for the tree, and no other
# filesystem was entered. A second run on an old root that is no tmpfs
# checks that nothing is deleted there.
#
# Usage: test_switchroot.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
harness=$build/test/switchroot-harness
. "$(dirname "$0")/ns-lib.sh"

# The initramfs-like tree in $1, already a mount; a disk directory in $2
# becomes a filesystem mounted inside it.
cat >"$work/setup.sh" <<'EOF'
set -e
R=$1
disk=$2
mkdir -p "$R/etc" "$R/lib/modules/6.1" "$R/x86/bin" "$R/dev" "$R/proc" "$R/sys" "$R/run" \
	"$R/other" "$R/mnt/disk" "$R/newroot"
echo init >"$R/init"
echo guest >"$R/etc/hostname"
echo mod >"$R/lib/modules/6.1/fuse.ko"
echo tree >"$R/x86/tree-marker"
printf '#!/bin/sh\n' >"$R/x86/bin/sh"
chmod 755 "$R/x86/bin/sh"
mount -t tmpfs dev "$R/dev" && touch "$R/dev/dev-marker"
mount -t proc proc "$R/proc"
mount -t tmpfs sys "$R/sys" && touch "$R/sys/sys-marker"
mount -t tmpfs run "$R/run" && touch "$R/run/run-marker"
mount -t tmpfs other "$R/other" && touch "$R/other/keep-me"
mount --bind "$disk" "$R/mnt/disk" && touch "$R/mnt/disk/keep-me"
ln -s /other/keep-me "$R/link-to-other"
EOF

# run NAME KIND: KIND tmpfs mounts a tmpfs as the old root, other a bind
# mount of a disk directory.
run() {
	name=$1
	log=$work/$name.log
	: >"$log"
	[ -n "$broken" ] && return
	mkdir -p "$work/$name/root" "$work/$name/disk"
	if [ "$2" = tmpfs ]; then
		mount_root="mount -t tmpfs initramfs $work/$name/root"
	else
		mount_root="mount --bind $work/$name/root $work/$name/root"
	fi
	timeout -k 5 60 unshare --user --map-root-user --pid --fork --mount-proc sh -c \
		"$mount_root && sh $work/setup.sh $work/$name/root $work/$name/disk &&
		 exec $harness $work/$name/root $2" >"$log" 2>&1
}

# One TAP line per PASS/FAIL line of the harness; the expected checks must
# all be there, so a harness that dies early fails.
report() { # EXPECTED-COUNT DESCRIPTION-PREFIX
	if [ -n "$broken" ]; then
		not_ok "$2: switch_root in a namespace ($broken)"
		return
	fi
	seen=0
	while read -r verdict what; do
		case $verdict in
		PASS)
			ok "$2: $what"
			seen=$((seen + 1))
			;;
		FAIL)
			not_ok "$2: $what"
			seen=$((seen + 1))
			;;
		esac
	done <"$log"
	if [ "$seen" != "$1" ]; then
		not_ok "$2: the harness ran $seen of $1 checks"
		sed 's/^/#   /' "$log"
	elif grep -q '^FAIL' "$log"; then
		sed 's/^/#   /' "$log"
	fi
}
has() { # PATTERN DESCRIPTION
	if [ -z "$broken" ] && grep -q -- "$1" "$log"; then ok "$2"; else not_ok "$2"; fi
}

run initramfs tmpfs
report 16 "tmpfs initramfs"
has "switch: freed the initramfs (" "tmpfs initramfs: the init says it freed the initramfs"
run disk other
report 9 "old root on a disk"
has "switch: old root is not a ramfs or tmpfs, left as it is" \
	"old root on a disk: the init says it left it"
