#!/bin/sh
# Entries at the kernel's limits, which binfmtctl must read and register as
# the kernel does: a name of 255 bytes (NAME_MAX), an interpreter of 1100
# bytes (only the 1920-byte register string bounds it), a magic at offset
# 200 and one of 200 bytes (offset + magic up to BINPRM_BUF_SIZE, 256 since
# Linux 5.1), an extension of 300 bytes. list, show and conflicts read them
# all; none is left out.
#
# The entries are written to the register file with shell builtins, as
# another tool would, and exist only while binfmt_misc is disabled as a whole
# (no program of this host runs through them). Runs in a user and mount
# namespace on a private binfmt_misc (binfmtctl-ns.sh).
#
# Usage: test_binfmtctl_limits.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

ns_setup

# repeat N TEXT: TEXT N times.
repeat() {
	i=0
	r=
	while [ "$i" -lt "$1" ]; do
		r=$r$2
		i=$((i + 1))
	done
	printf '%s' "$r"
}

LONG=$(repeat 255 l)
INTERP=/$(repeat 1099 i)
EXT=$(repeat 300 e)
MAGIC200=$(repeat 200 '\xee')
HEX200=$(repeat 200 ee)

# Builtins only: printf writes each register string in one write.
t_setup() {
	echo 0 >"$D/status" &&
		printf ':%s:M:200:\\xde\\xad::/bin/true:' "$LONG" >"$D/register" &&
		printf ':off200:M:200:\\xde\\xad\\xbe\\xef::/bin/true:' >"$D/register" &&
		printf ':magic200:M:56:%s::/bin/true:' "$MAGIC200" >"$D/register" &&
		printf ':interp1100:M:200:\\xde\\xaf::%s:' "$INTERP" >"$D/register" &&
		printf ':ext300:E::%s::/bin/true:' "$EXT" >"$D/register" &&
		[ -e "$D/$LONG" ] && [ -e "$D/off200" ] && [ -e "$D/magic200" ] &&
		[ -e "$D/interp1100" ] && [ -e "$D/ext300" ]
}

t_list() {
	run 0 ctl list && has "$out" "$LONG" && has "$out" "off200" && has "$out" "magic200" &&
		has "$out" "$INTERP" && has "$out" "ext300" && lacks "$err" "Invalid argument"
}

t_list_json() {
	run 0 ctl --json list &&
		python3 -c '
import json, sys
entries = {e["name"]: e for e in json.load(open(sys.argv[1]))["entries"]}
assert entries[sys.argv[2]]["offset"] == 200, entries.keys()
assert entries["magic200"]["magic"] == sys.argv[3]
assert entries["interp1100"]["interpreter"] == sys.argv[4]
assert entries["ext300"]["extension"] == sys.argv[5]
' "$out" "$LONG" "$HEX200" "$INTERP" "$EXT"
}

t_show_long_name() {
	run 0 ctl show "$LONG" && has "$out" "name:        $LONG" && has "$out" "offset:      200" &&
		has "$out" "magic:       dead"
}

t_show_magic200() {
	run 0 ctl show magic200 && has "$out" "offset:      56" && has "$out" "magic:       $HEX200"
}

t_show_interp() {
	run 0 ctl show interp1100 && has "$out" "interpreter: $INTERP"
}

t_show_ext() {
	run 0 ctl show ext300 && has "$out" "matches:     extension .$EXT"
}

t_conflicts_of_long() {
	run 1 ctl conflicts "$LONG" && grep -q "^off200 *enabled *$LONG *enabled" "$out" &&
		has "$err" "1 enabled entry matches the same files as $LONG"
}

t_conflicts_all() {
	run 1 ctl conflicts --all && grep -q "^$LONG *enabled *off200 *enabled" "$out" &&
		lacks "$err" "Invalid argument"
}

t_register_at_limits() {
	run 0 ctl register ":$(repeat 255 r):M:250:\\xde\\xad\\xbe\\xef\\x01\\x02::/bin/true:" &&
		has "$out" "$(repeat 255 r): added"
}

t_register_past_limits() {
	run 1 ctl register ":$(repeat 256 r):M::\\xde\\xad::/bin/true:" &&
		has "$err" "is over 255 bytes" &&
		run 1 ctl register ":r251:M:251:\\xde\\xad\\xbe\\xef\\x01\\x02::/bin/true:" &&
		has "$err" "256 bytes"
}

t_teardown() {
	echo -1 >"$D/status" && echo 1 >"$D/status" && run 0 ctl status &&
		has "$out" "entries:     0"
}

t "the kernel takes the five entries (binfmt_misc off)" t_setup
t "list shows every entry, none refused" t_list
t "list --json: offset 200, 200-byte magic, 1100-byte interpreter, 300-byte extension" \
	t_list_json
t "show of the 255-byte name" t_show_long_name
t "show of the 200-byte magic" t_show_magic200
t "show of the 1100-byte interpreter" t_show_interp
t "show of the 300-byte extension" t_show_ext
t "conflicts of the 255-byte name finds off200" t_conflicts_of_long
t "conflicts --all reads every entry" t_conflicts_all
t "register: a 255-byte name, magic up to byte 256" t_register_at_limits
t "register: a 256-byte name and offset + magic past 256 are refused by rule" \
	t_register_past_limits
t "entries removed, binfmt_misc back on" t_teardown
