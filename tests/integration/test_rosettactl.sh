#!/bin/sh
# rosettactl, the host build, against fixture trees (--root) and a real
# binfmt_misc: the exit statuses of doctor (0 healthy, 1 a check failed, 2 a
# usage error) and status, their JSON documents, and the handler the kernel
# really runs x86-64 programs through (the newest registered of two). The
# translator run in the sandbox is the unit tests' (test_rosettactl_share):
# in a user namespace the sandbox cannot become nobody.
#
# It runs in a new user and mount namespace with a binfmt_misc of its own
# (binfmtctl-ns.sh). x86-64 entries would take over every program of this
# x86-64 host, so they exist only while binfmt_misc is off as a whole, and
# are written with shell builtins.
#
# Usage: test_rosettactl.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

rctl=$build/host/rosettactl
hello=$build/test/hello-aarch64
fake=$build/test/fake-translator
root=$work/root
X86_64=':M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

# put FILE TEXT: FILE under the root, its directories made.
put() {
	mkdir -p "$root/$(dirname "$1")" && printf '%s' "$2" >"$root/$1"
}

# entry NAME STATE FLAGS: an x86-64 entry as the kernel reports it.
entry() {
	put "proc/sys/fs/binfmt_misc/$1" "$2
interpreter /run/rosetta/rosetta
flags: $3
offset 0
magic 7f454c4602010100000000000000000002003e00
mask fffffffffffefe00fffffffffffffffffeffffff
"
}

# A healthy guest: the share mounted read-only, the entry registered with
# POCF, 4K pages, /proc, the loader.
make_tree() {
	rm -rf "$root"
	put proc/self/mountinfo "1 0 8:1 / / rw - ext4 /dev/vda rw
20 1 0:20 / /proc rw - proc proc rw
30 1 0:30 / /run/rosetta ro,nosuid,nodev - virtiofs rosetta ro
40 20 0:40 / /proc/sys/fs/binfmt_misc rw - binfmt_misc binfmt_misc rw
"
	put proc/cmdline "console=hvc0 rosetta.verify=elf"
	ln -s /usr/sbin/rosettactl "$root/proc/self/exe"
	python3 -c 'import struct, sys; sys.stdout.buffer.write(struct.pack("<6Q", 6, 4096, 16, 0, 0, 0))' >"$root/proc/self/auxv"
	put proc/sys/fs/binfmt_misc/status "enabled
"
	entry rosetta enabled POCF
	put sys/bus/virtio/devices/virtio0/device "0x001a"
	put sys/fs/virtiofs/0/tag "rosetta"
	put lib64/ld-linux-x86-64.so.2 "" && chmod 0755 "$root/lib64/ld-linux-x86-64.so.2"
	install -D -m 0755 "$hello" "$root/run/rosetta/rosetta"
}

# json FILE EXPRESSION: EXPRESSION (Python, over the document d) is true.
json() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
' "$1" "$2" && return 0
	echo "not true of $1: $2"
	sed 's/^/  /' "$1"
	return 1
}

# Every check but those that run the translator: on this host it is an
# aarch64 program.
checks_here() {
	"$rctl" doctor -J --root "$root" >"$work/all" 2>/dev/null
	python3 -c '
import json, sys
print(" ".join(c["check"] for c in json.load(open(sys.argv[1]))["checks"]
               if c["check"] != "translator-runs"))' "$work/all"
}

t_doctor_healthy() {
	make_tree
	# shellcheck disable=SC2046 # the check names are words
	run 0 "$rctl" doctor -J --root "$root" $(checks_here) &&
		json "$out" 'all(c["verdict"] in ("ok", "skipped", "warning") for c in d["checks"])' &&
		json "$out" 'len(d["checks"]) >= 20'
}

t_doctor_names_the_faults() {
	make_tree
	entry rosetta disabled POC
	entry qemu-x86_64 enabled POCF
	run 1 "$rctl" doctor -J --root "$root" &&
		json "$out" '{c["check"]: c["verdict"] for c in d["checks"]}["entry"] == "failed"' &&
		json "$out" '{c["check"]: c["verdict"] for c in d["checks"]}["flag-F"] == "failed"' &&
		json "$out" '{c["check"]: c["verdict"] for c in d["checks"]}["rivals"] == "failed"' &&
		json "$out" 'all(c["remedy"] for c in d["checks"] if c["verdict"] == "failed")' &&
		has "$err" "checks failed"
}

t_doctor_table() {
	make_tree
	rm "$root/lib64/ld-linux-x86-64.so.2"
	run 1 "$rctl" --root "$root" doctor loader proc &&
		has "$out" "CHECK" && has "$out" "libc6:amd64" && has "$err" "1 of 2 checks failed"
}

t_doctor_usage() {
	run 2 "$rctl" doctor no-such-check && has "$err" "no check called 'no-such-check'" &&
		run 2 "$rctl" frobnicate && run 2 "$rctl" status -J -r
}

t_status_json() {
	make_tree
	run 0 "$rctl" status -J --root "$root" &&
		json "$out" 'sorted(d) == ["cache", "entry", "handlers", "kernel", "share", "translator"]' &&
		json "$out" 'd["entry"][0]["state"] == "enabled" and d["entry"][0]["flags"] == "POCF"' &&
		json "$out" 'd["share"][0]["mounted"] and d["share"][0]["source"] == "rosetta"' &&
		json "$out" 'd["translator"][0]["elf"].startswith("aarch64")' &&
		json "$out" '[h["name"] for h in d["handlers"]] == ["rosetta"]'
}

t_status_without_anything() {
	mkdir -p "$work/empty"
	run 0 "$rctl" status --root "$work/empty" && has "$out" "state:" && has "$out" "missing"
}

# register NAME: an x86-64 entry with F on the namespace's binfmt_misc, off
# as a whole meanwhile (builtins only).
register() {
	echo ":$1$X86_64:$fake:F" >"$D/register"
}

# The newest registered of two matching entries is the one the kernel runs.
t_rivals_in_kernel_order() {
	echo 0 >"$D/status"
	register rosetta
	register qemu-x86_64
	"$rctl" --binfmt-dir "$D" --proc "$work/none" doctor -J rivals >"$out" 2>"$err"
	code1=$?
	echo -1 >"$D/qemu-x86_64"
	echo -1 >"$D/rosetta"
	register qemu-x86_64
	register rosetta
	"$rctl" --binfmt-dir "$D" --proc "$work/none" doctor -J rivals >"$work/out2" 2>"$err"
	code2=$?
	echo -1 >"$D/status"
	echo 1 >"$D/status"
	[ "$code1" = 1 ] && [ "$code2" = 0 ] || {
		echo "exit statuses $code1 (qemu newest) and $code2 (rosetta newest), expected 1 and 0"
		cat "$out" "$work/out2"
		return 1
	}
	json "$out" '"through qemu-x86_64" in d["checks"][0]["evidence"]' &&
		json "$work/out2" '"through rosetta" in d["checks"][0]["evidence"]'
}

setup() {
	command -v python3 >/dev/null || {
		broken="python3 is missing"
		return
	}
	[ -x "$rctl" ] || {
		broken="$rctl is missing (make host)"
		return
	}
	ns_setup "$hello" "$fake"
}
[ -n "$broken" ] || setup

t "doctor passes a healthy fixture, exit 0, one JSON document" t_doctor_healthy
t "doctor names a disabled entry, no F and a rival with remedies, exit 1" t_doctor_names_the_faults
t "doctor CHECK... prints a table of those checks" t_doctor_table
t "doctor: an unknown check or command is a usage error, exit 2" t_doctor_usage
t "status -J: one document of share, translator, entry, handlers, cache, kernel" t_status_json
t "status on an empty root says what is missing, exit 0" t_status_without_anything
t "rivals: the newest registered of two x86-64 handlers is the one named" t_rivals_in_kernel_order
