#!/bin/sh
# binfmtctl against a real binfmt_misc: register, read back, keep, replace,
# enable, disable, remove, global status, conflicts, binfmt.d and
# update-binfmts files, JSON, and a real exec of an aarch64 program through
# a handler registered with binfmtctl.
#
# Everything runs in a new user and mount namespace, on a binfmt_misc
# instance of that namespace mounted on a temporary directory (Linux 6.7 and
# later give each user namespace its own). The machine's binfmt_misc is
# never named: every binfmtctl call gets --procdir. When the namespace or
# its binfmt_misc cannot be had, every test fails with the reason.
#
# Entries that match x86-64 ELF files (the Rosetta-like and qemu-like ones
# of the conflict tests) would take over every program of this x86-64 host,
# the shell's helpers included, so they exist only while binfmt_misc is
# disabled as a whole, and are set up and torn down with shell builtins.
#
# Usage: test_binfmtctl.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

hello=$build/test/hello-aarch64
qemu=/usr/bin/qemu-aarch64-static
root=$work/root

# The aarch64 entry qemu-user-static registers, with F so that the
# interpreter is opened now, in this namespace.
AARCH64=':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-aarch64-static:F'
AARCH64_MAGIC=7f454c460201010000000000000000000200b700
QEMU_X86='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

# Exec without a shell in between: shells run a file the kernel refuses
# (ENOEXEC) as a script, which would hide the refusal.
try_exec() {
	python3 -c '
import os, sys
try:
    os.execv(sys.argv[1], sys.argv[1:])
except OSError as e:
    print("exec: " + e.strerror, file=sys.stderr)
    sys.exit(126)
' "$@"
}

setup() {
	command -v python3 >/dev/null || {
		broken="python3 is missing"
		return
	}
	ns_setup "$hello" "$qemu"
}
[ -n "$broken" ] || setup

# ---- one entry, from register to remove ------------------------------------

t_status_empty() {
	run 0 ctl status && has "$out" "enabled" && has "$out" "entries:     0"
}

t_exec_refused() {
	run 126 try_exec "$hello" && has "$err" "Exec format error"
}

t_register() {
	run 0 ctl register "$AARCH64" && has "$out" "qemu-aarch64: added"
}

t_read_back() {
	f=$D/qemu-aarch64
	has "$f" "enabled" && has "$f" "interpreter $qemu" && has "$f" "flags: F" &&
		has "$f" "offset 0" && has "$f" "magic $AARCH64_MAGIC" &&
		has "$f" "mask ffffffffffffff00fffffffffffffffffeffffff"
}

t_register_again_kept() {
	run 0 ctl register "$AARCH64" && has "$out" "qemu-aarch64: kept"
}

t_exec_through_handler() {
	run 7 try_exec "$hello" one two && has "$out" "hello from aarch64 one two"
}

t_disable() {
	run 0 ctl disable qemu-aarch64 && has "$D/qemu-aarch64" "disabled" &&
		run 126 try_exec "$hello" && has "$err" "Exec format error"
}

t_enable() {
	run 0 ctl enable qemu-aarch64 && has "$D/qemu-aarch64" "enabled" &&
		run 7 try_exec "$hello" && has "$out" "hello from aarch64"
}

t_replace() {
	line=$(printf '%s' "$AARCH64" | sed 's/:F$/:PF/')
	run 0 ctl register "$line" && has "$out" "qemu-aarch64: replaced" &&
		has "$D/qemu-aarch64" "flags: PF" && run 7 try_exec "$hello" x &&
		has "$out" "hello from aarch64 x"
}

t_show() {
	run 0 ctl show qemu-aarch64 && has "$out" "name:        qemu-aarch64" &&
		has "$out" "state:       enabled" && has "$out" "matches:     ELF64 LSB aarch64" &&
		has "$out" "interpreter: $qemu" && has "$out" "magic:       $AARCH64_MAGIC" &&
		has "$out" "register:    :qemu-aarch64:M:0:\\x7f\\x45\\x4c\\x46"
}

t_list() {
	run 0 ctl list && has "$out" "NAME" && grep -q "^qemu-aarch64 *enabled *PF *$qemu" "$out"
}

t_global_status() {
	run 0 ctl status && has "$out" "state:       enabled" && has "$out" "entries:     1"
}

json_ok() { # the JSON output of a command parses
	"$@" >"$out" 2>"$err" || true
	python3 -m json.tool "$out" >"$work/pretty" 2>&1 && return 0
	echo "'$*' gave no valid JSON:"
	cat "$out" "$work/pretty"
	return 1
}

t_json() {
	json_ok ctl --json list && has "$work/pretty" '"name": "qemu-aarch64"' &&
		json_ok ctl show qemu-aarch64 --json && has "$work/pretty" '"enabled": true' &&
		has "$work/pretty" "\"magic\": \"$AARCH64_MAGIC\"" &&
		json_ok ctl --json status && has "$work/pretty" '"entries": 1' &&
		json_ok ctl --json conflicts qemu-aarch64 && has "$work/pretty" '"conflicts": []'
}

t_remove() {
	run 0 ctl remove qemu-aarch64 && absent qemu-aarch64 && run 126 try_exec "$hello"
}

t_remove_missing() {
	run 1 ctl remove qemu-aarch64 &&
		has "$err" "binfmtctl: cannot remove qemu-aarch64 in $D: No such file or directory"
}

# ---- conflicts between two x86-64 handlers ---------------------------------

t_conflicts_setup() {
	echo 0 >"$D/status" || return 1
	run 0 ctl rosetta --install --interpreter /bin/true && has "$out" "rosetta: added" &&
		has "$D/rosetta" "flags: POCF" &&
		run 0 ctl register ":qemu-x86_64:M::$QEMU_X86:/bin/false:F" &&
		has "$out" "qemu-x86_64: added"
}

t_rosetta_install_warns() {
	run 0 ctl rosetta --install --interpreter /bin/true && has "$out" "rosetta: kept" &&
		has "$err" "warning: qemu-x86_64 matches the same files as rosetta"
}

t_conflicts_found() {
	run 1 ctl conflicts && grep -q "^qemu-x86_64 *enabled *rosetta *enabled" "$out" &&
		has "$err" "1 enabled entry matches the same files as rosetta"
}

t_conflicts_all() {
	run 1 ctl conflicts --all && grep -q "^qemu-x86_64 *enabled *rosetta *enabled" "$out"
}

t_conflicts_disable() {
	run 0 ctl conflicts --disable && grep -q "^qemu-x86_64 *disabled now *rosetta" "$out" &&
		has "$D/qemu-x86_64" "disabled" && has "$D/rosetta" "enabled" &&
		run 0 ctl conflicts && grep -q "^qemu-x86_64 *disabled *rosetta *enabled" "$out"
}

t_conflicts_teardown() {
	echo -1 >"$D/rosetta" && echo -1 >"$D/qemu-x86_64" && echo 1 >"$D/status" &&
		absent rosetta && absent qemu-x86_64 && run 0 ctl status && has "$out" "entries:     0"
}

# ---- binfmt.d files ----------------------------------------------------------

make_tree() {
	mkdir -p "$root/etc/binfmt.d" "$root/run/binfmt.d" "$root/usr/lib/binfmt.d" "$root/bin"
	# Entries without F have their interpreter checked in the image, where
	# their programs will run.
	cp /bin/true "$root/bin/true"
	cat >"$root/etc/binfmt.d/10-test.conf" <<'EOF'
# good, bad, good
:t-one:M::\x01\x02\x03\x04::/bin/true:
:t-bad:X::zz::/bin/true:
   ; a comment after blanks

:t-two:E::tfoo::/bin/true:
EOF
	printf '%s\n' ':t-shadowed:M::\x05\x06::/bin/true:' >"$root/usr/lib/binfmt.d/10-test.conf"
	printf '%s\n' ':t-three:M:2:\x07\x08:\xff\xfe:/bin/true:' >"$root/usr/lib/binfmt.d/20-lib.conf"
	printf '%s\n' ':t-masked:M::\x09\x0a::/bin/true:' >"$root/usr/lib/binfmt.d/30-masked.conf"
	: >"$root/etc/binfmt.d/30-masked.conf"
}

t_load_tree() {
	make_tree
	run 1 "$ctl" --procdir "$D" --root "$root" load &&
		has "$err" "$root/etc/binfmt.d/10-test.conf:3:" && lacks "$err" "10-test.conf:1:" &&
		has "$out" "t-one: added" && has "$out" "t-two: added" && has "$out" "t-three: added" &&
		has "$D/t-one" "magic 01020304" && has "$D/t-two" "extension .tfoo" &&
		has "$D/t-three" "offset 2" && absent t-bad && absent t-shadowed && absent t-masked
}

t_load_again_kept() {
	run 1 "$ctl" --procdir "$D" --root "$root" load && has "$out" "t-one: kept" &&
		has "$out" "t-two: kept" && has "$out" "t-three: kept"
}

t_load_dir_and_file() {
	mkdir -p "$work/conf.d"
	printf '%s\n' ':t-dir:M::\x11\x12::/bin/true:' >"$work/conf.d/a.conf"
	printf '%s\n' ':t-ignored:M::\x13\x14::/bin/true:' >"$work/conf.d/b.txt"
	printf '%s\n' ':t-file:M::\x15\x16::/bin/true:' >"$work/single"
	run 0 ctl load "$work/conf.d" "$work/single" && has "$D/t-dir" "magic 1112" &&
		has "$D/t-file" "magic 1516" && absent t-ignored
}

t_load_missing_file() {
	run 1 ctl load "$work/nope.conf" && has "$err" "$work/nope.conf" &&
		has "$err" "No such file or directory"
}

t_register_file() {
	printf '# one entry\n:t-regfile:M::\\x21\\x22::/bin/true:\n' >"$work/one.conf"
	run 0 ctl register --file "$work/one.conf" && has "$D/t-regfile" "magic 2122"
}

# ---- update-binfmts files ----------------------------------------------------

t_import() {
	mkdir -p "$work/binfmts"
	cat >"$work/binfmts/t-import" <<'EOF'
package binfmtctl-test
interpreter /bin/true
magic \x0a\x0b\x0c
offset 4
credentials yes
EOF
	run 0 ctl import "$work/binfmts/t-import" && has "$out" "t-import: added" &&
		has "$D/t-import" "offset 4" && has "$D/t-import" "magic 0a0b0c" &&
		has "$D/t-import" "flags: OC"
}

t_import_comments() {
	cat >"$work/binfmts/t-comments" <<'EOF'
# An update-binfmts file with comment lines, as Debian's sbcl ships one.
package binfmtctl-test
  # indented
interpreter /bin/true
magic \x0f\x0e\x0d
EOF
	run 0 ctl import "$work/binfmts/t-comments" && has "$out" "t-comments: added" &&
		has "$D/t-comments" "magic 0f0e0d"
}

t_import_refused() {
	cat >"$work/binfmts/t-detector" <<'EOF'
package binfmtctl-test
interpreter /bin/true
magic \x0d\x0e
detector /bin/false
EOF
	run 1 ctl import "$work/binfmts/t-detector" && has "$err" "$work/binfmts/t-detector:4:" &&
		absent t-detector
}

# ---- mounting ------------------------------------------------------------------

t_mounts_when_missing() {
	mkdir -p "$work/auto"
	run 0 "$ctl" --procdir "$work/auto" register ':t-auto:M::\x31\x32::/bin/true:' &&
		has "$out" "t-auto: added" &&
		grep " $work/auto " /proc/self/mountinfo >"$work/mnt" && has "$work/mnt" "binfmt_misc" &&
		has "$work/mnt" "nosuid" && has "$work/mnt" "nodev" && has "$work/mnt" "noexec"
}

t "binfmt_misc of this user namespace is mounted on a private directory" true
t "status: enabled, no entries" t_status_empty
t "before any handler, exec of an aarch64 program fails (Exec format error)" t_exec_refused
t "register LINE adds qemu-aarch64" t_register
t "the status file reads back what was registered" t_read_back
t "register of the identical line keeps the entry" t_register_again_kept
t "the aarch64 program runs through the handler (output, argv, exit status)" t_exec_through_handler
t "disable: status file says disabled, exec fails again" t_disable
t "enable: status file says enabled, exec works again" t_enable
t "register of a different line replaces the entry" t_replace
t "show prints every field" t_show
t "list prints the entry" t_list
t "status counts the entry" t_global_status
t "--json output of list, show, status, conflicts parses" t_json
t "remove: the entry is gone, exec fails" t_remove
t "remove of a missing entry: exit 1 naming object, operation, cause" t_remove_missing
t "rosetta --install and a qemu-like x86-64 entry register (binfmt_misc off)" t_conflicts_setup
t "rosetta --install keeps the entry and warns of the competitor" t_rosetta_install_warns
t "conflicts: exit 1 naming qemu-x86_64" t_conflicts_found
t "conflicts --all: the pair, exit 1" t_conflicts_all
t "conflicts --disable: qemu-x86_64 disabled, exit 0" t_conflicts_disable
t "x86-64 entries removed, binfmt_misc back on" t_conflicts_teardown
t "load --root: good lines registered, bad one named file:line, exit 1" t_load_tree
t "load again: identical entries kept" t_load_again_kept
t "load DIR takes its *.conf files, load FILE that file" t_load_dir_and_file
t "load of a missing file: named, exit 1" t_load_missing_file
t "register --file" t_register_file
t "import of an update-binfmts file" t_import
t "import skips comment lines" t_import_comments
t "import refuses a detector line, file:line named, exit 1" t_import_refused
t "commands that write mount binfmt_misc (nosuid,nodev,noexec) when missing" t_mounts_when_missing
