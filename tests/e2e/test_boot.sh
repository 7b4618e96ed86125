#!/bin/sh
# Walking skeleton, end to end: boot the guest with the stand-in translator,
# run x86-64 programs in the switched root, pass the entry's status out, and
# fail cleanly when the share holds no translator.
. "$(dirname "$0")/lib.sh"

boot x86-64-program "$share" -- /bin/sh -c \
	'echo machine: $(uname -m); echo kernel: $(cat /proc/sys/kernel/arch); test -e /init || echo root: switched'
expect_status 0 "entry exit status 0 is passed out"
expect_line "machine: x86_64"
expect_line "kernel: aarch64"
expect_line "root: switched"
expect_text "register ... ok" "the translator was registered"
expect_text "selftest ... ok" "the self-test ran x86-64 code through the handler"
expect_no_panic

boot exit-7 "$share" -- /bin/sh -c 'exit 7'
expect_status 7 "entry exit status 7 is passed out"
expect_line "rosetta-init: exit status 7"

empty=$(mktemp -d "$logdir/empty-share.XXXXXX")
boot no-translator "$empty" -- /bin/true
rm -rf "$empty"
expect_status 126 "no exit status is reported when boot fails"
expect_text "verify failed: opening /run/rosetta/rosetta: No such file or directory" \
	"the failing stage and its cause are named"
expect_text "remedy: give the VM the Rosetta share" "a remedy is printed"
expect_text "reboot: Power down" "the VM powers off"
expect_no_panic
