#!/bin/sh
# rosetta-init's register stage, run on the host against a private
# binfmt_misc in a new user and mount namespace: it registers the Rosetta
# entry, disables and names a rival x86-64 handler, keeps an identical entry
# on a second run, and replaces one with other flags.
#
# Entries matching x86-64 ELF would take over every program of this x86-64
# host, so binfmt_misc is disabled as a whole (its status file) while they
# exist; the entries' own enabled state is what the stage changes.
#
# Usage: test_init_register.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

if [ "${STAGE_IN_NS:-}" != 1 ]; then
	err=$(unshare --user --map-root-user --mount true 2>&1) ||
		broken="cannot create a user and mount namespace: $err"
	[ -z "${broken:-}" ] && STAGE_IN_NS=1 exec unshare --user --map-root-user --mount sh "$script" "$build"
	STAGE_IN_NS=1 STAGE_BROKEN=${broken:-} exec sh "$script" "$build"
fi

stage=$build/test/stage-register
translator=$build/share/rosetta
work=$(mktemp -d)
D=$work/binfmt_misc
. "$(dirname "$0")/../tap.sh"
check() { # DESCRIPTION COMMAND...
	desc=$1
	shift
	if [ -n "${STAGE_BROKEN:-}" ]; then
		not_ok "$desc ($STAGE_BROKEN)"
	elif "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/#   /' "$work/log" 2>/dev/null
	fi
}
cleanup() {
	[ -e "$D/status" ] && echo -1 >"$D/status" 2>/dev/null
	umount "$D" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$D"
if [ -z "${STAGE_BROKEN:-}" ]; then
	if ! err=$(mount -t binfmt_misc binfmt_misc "$D" 2>&1); then
		STAGE_BROKEN="this kernel gives no binfmt_misc to a user namespace: $err"
	elif ! echo 0 >"$D/status"; then
		STAGE_BROKEN="cannot disable the private binfmt_misc"
	fi
fi

rival=':qemu-x86_64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00:\xff\xff\xff\xff\xff\xfe\xfe\xfc\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/usr/bin/qemu-x86_64-static:OPF'
[ -z "${STAGE_BROKEN:-}" ] && printf '%s' "$rival" >"$D/register" 2>"$work/log"

run_stage() { "$stage" "$D" "$translator" "$@" >"$work/log" 2>&1; }
has() { grep -q "$1" "$2"; }

check "the stage registers the Rosetta entry" run_stage
check "the entry reads back enabled" has '^enabled$' "$D/rosetta"
check "the entry names the translator" has "^interpreter $translator\$" "$D/rosetta"
check "the entry has flags POCF" has '^flags: POCF$' "$D/rosetta"
check "the rival qemu-x86_64 handler is disabled" has '^disabled$' "$D/qemu-x86_64"
check "the rival is named in the log" has 'disabled .*/qemu-x86_64 (/usr/bin/qemu-x86_64-static)' "$work/log"
check "a second run keeps the identical entry" run_stage
check "and says so" has 'already registered' "$work/log"
check "other flags replace the entry" run_stage CF
check "and say so" has 'replaced' "$work/log"
check "the replaced entry has flags OCF" has '^flags: OCF$' "$D/rosetta"
check "flags without F fail under rosetta.verify=strict" sh -c '! "$1" "$2" "$3" CP >"$4" 2>&1' \
	_ "$stage" "$D" "$translator" "$work/log"
check "and name the remedy" has 'has no F, which rosetta.verify=strict requires' "$work/log"
check "the entry is left as it was" has '^flags: OCF$' "$D/rosetta"
check "rosetta.verify=elf registers without F" run_stage CP "$translator" elf
check "the entry has flags POC (C implies O)" has '^flags: POC$' "$D/rosetta"
cp "$translator" "$work/checked-copy"
check "a translator other than the checked one fails the stage" \
	sh -c '! "$1" "$2" "$3" CF "$4" >"$5" 2>&1' _ "$stage" "$D" "$translator" \
	"$work/checked-copy" "$work/log"
check "the failure says it changed" has 'changed between verify and register' "$work/log"
check "and the entry is gone" test ! -e "$D/rosetta"
check "the checked file itself registers" run_stage CF
check "a missing translator fails the stage" sh -c '! "$1" "$2" /nonexistent/rosetta >"$3" 2>&1' \
	_ "$stage" "$D" "$work/log"
check "the failure names the path" has 'registering rosetta in .*: No such file or directory' "$work/log"
check "a failed replacement keeps the old entry" has "^interpreter $translator\$" "$D/rosetta"
