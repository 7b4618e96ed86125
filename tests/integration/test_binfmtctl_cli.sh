#!/bin/sh
# binfmtctl refuses bad input with the exit codes of docs/CONVENTIONS.md:
# 2 for usage errors, 1 for a bad register string or file; --help and
# --version; and the guest (aarch64) build answers the same way.
#
# No binfmt_misc is needed: --procdir always names a directory that does
# not exist, where mount(2) cannot succeed, so the machine's binfmt_misc is
# never touched and none is mounted.
#
# Usage: test_binfmtctl_cli.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
ctl=$build/host/binfmtctl
guest=$build/guest/binfmtctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nowhere=$work/no-such-dir
out=$work/out
err=$work/err
n=0

# expect DESCRIPTION STATUS STDERR_TEXT COMMAND...: the command exits with
# STATUS and its stderr holds STDERR_TEXT (fixed string; empty: anything).
expect() {
	desc=$1 want=$2 text=$3
	shift 3
	n=$((n + 1))
	"$@" >"$out" 2>"$err"
	got=$?
	if [ "$got" = "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$err"; }; then
		echo "ok $n - $desc"
		return
	fi
	echo "not ok $n - $desc"
	echo "#   '$*' exited $got (expected $want), stderr should hold '$text':"
	sed 's/^/#   stdout: /' "$out"
	sed 's/^/#   stderr: /' "$err"
}

# has DESCRIPTION TEXT: the last command's stdout holds TEXT.
has() {
	n=$((n + 1))
	if grep -qF -- "$2" "$out"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#   stdout: /' "$out"
	fi
}

expect "no command: usage error" 2 "no command given" "$ctl"
expect "usage errors point to --help" 2 "Try 'binfmtctl --help' for more information." "$ctl" -q
expect "unknown option: exit 2" 2 "unknown option --frob" "$ctl" --frob list
expect "unknown command: exit 2" 2 "unknown command 'lsit'" "$ctl" lsit
expect "option without its argument: exit 2" 2 "option --procdir needs an argument" \
	"$ctl" list --procdir
expect "option of another command: exit 2" 2 "option --install does not apply to 'list'" \
	"$ctl" list --install
expect "missing NAME: exit 2" 2 "'show' needs an entry NAME" "$ctl" show
expect "too many operands: exit 2" 2 "unexpected argument 'b'" "$ctl" show a b
expect "bad --flags: exit 2" 2 "bad --flags 'CQ'" "$ctl" rosetta --flags CQ
expect "bad register string: exit 1, rule named" 1 "bad register string ':x:Q::ab::/bin/true:'" \
	"$ctl" --procdir "$nowhere" register ':x:Q::ab::/bin/true:'
expect "relative interpreter: exit 1" 1 "bad register string" \
	"$ctl" --procdir "$nowhere" register ':x:M::ab::bin/true:'
expect "bad rosetta --interpreter: exit 1" 1 "cannot make the Rosetta entry rosetta for rel/x" \
	"$ctl" rosetta --interpreter rel/x
expect "read-only command on a missing directory: exit 1" 1 \
	"cannot list entries in $nowhere: No such file or directory" "$ctl" --procdir "$nowhere" list
mkdir "$work/plain"
expect "read-only command where binfmt_misc is not mounted: exit 1" 1 \
	"cannot list entries in $work/plain: binfmt_misc is not mounted there" \
	"$ctl" --procdir "$work/plain" list
expect "a command that writes cannot mount on a missing directory: exit 1" 1 \
	"cannot mount binfmt_misc on $nowhere: No such file or directory" \
	"$ctl" --procdir "$nowhere" remove x
expect "--help: exit 0" 0 "" "$ctl" --help
has "--help shows the usage" "Usage:"
for cmd in list show register remove enable disable status load import rosetta conflicts; do
	has "--help names $cmd" " $cmd"
done
expect "--version: exit 0" 0 "" "$ctl" --version
has "--version says binfmtctl from rosetta-guest 0.1" "binfmtctl from rosetta-guest 0.1"
expect "rosetta --print: exit 0" 0 "" "$ctl" rosetta
has "rosetta --print writes the register string" \
	':rosetta:M:0:\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:'
has "rosetta --print: default interpreter and flags" ':/run/rosetta/rosetta:POCF'
expect "rosetta --print --flags CF --name x86_64" 0 "" "$ctl" rosetta --flags CF --name x86_64 \
	--interpreter /mnt/lima-rosetta/rosetta
has "rosetta --print honours --flags, --name, --interpreter" ':/mnt/lima-rosetta/rosetta:OCF'

qemu=/usr/bin/qemu-aarch64-static
expect "guest binfmtctl is a static aarch64 program that runs (--version)" 0 "" \
	"$qemu" "$guest" --version
has "guest binfmtctl --version" "binfmtctl from rosetta-guest 0.1"
expect "guest binfmtctl: usage error exits 2" 2 "unknown command 'lsit'" "$qemu" "$guest" lsit
expect "guest binfmtctl: bad register string exits 1" 1 "bad register string" \
	"$qemu" "$guest" --procdir "$nowhere" register ':x:Q::ab::/bin/true:'
