#!/bin/sh
# Translator verification in real boots: the stand-in passes (and a pin of
# its SHA-256, computed in the guest with AF_ALG, matches); wrong binaries
# and a wrong pin are refused before anything is registered.
. "$(dirname "$0")/lib.sh"

t=/run/rosetta/rosetta
share_x86=$(make_share "$build/x86/bin/busybox" 0755)
expect_refused x86-64-elf "$share_x86" "$t is an x86-64 ELF, expected aarch64"

script=$logdir/script.sh
printf '#!/bin/sh\nexec /usr/bin/qemu-x86_64 "$@"\n' >"$script"
share_script=$(make_share "$script" 0755)
expect_refused shell-script "$share_script" "$t is not an ELF file"

share_dynamic=$(make_share "$build/test/dynamic-aarch64" 0755)
expect_refused dynamic-aarch64 "$share_dynamic" \
	"$t is dynamically linked (has PT_INTERP), expected a static executable"

share_writable=$(make_share "$share/rosetta" 0775)
expect_refused group-writable "$share_writable" "$t is writable by group or others"

zeros=0000000000000000000000000000000000000000000000000000000000000000
expect_refused pin-mismatch "$share" "$t has SHA-256 " --cmdline "rosetta.sha256=$zeros"
expect_text "rosetta.sha256 pins $zeros" "the pin and the real hash are both named"

sum=$(sha256sum "$share/rosetta" | cut -d' ' -f1)
boot pin-match "$share" --cmdline "rosetta.sha256=$sum" -- /bin/sh -c 'echo machine: $(uname -m)'
expect_status 0 "a matching pin boots"
expect_text "): SHA-256 $sum matches the pin" "the pin is checked in the guest"
expect_line "machine: x86_64"

share_static=$(make_share "$build/test/static-aarch64" 0755)
boot not-a-translator "$share_static" -- /bin/true
expect_status 126 "not-a-translator: the entry never ran"
expect_text "verify ... ok" "a static aarch64 program passes verify"
expect_text "selftest failed: the x86-64 self-test exited with another code than expected (exit code 0, expected 42; output 'not a translator')" \
	"the self-test names what it saw"
expect_text "selftest: unregistered /proc/sys/fs/binfmt_misc/rosetta" "the entry is unregistered"
expect_text "reboot: Power down" "the VM powers off"
expect_no_panic

boot selftest-skipped "$share" --cmdline rosetta.selftest=0 -- /bin/true
expect_status 0 "rosetta.selftest=0 boots"
expect_text "selftest: skipped (rosetta.selftest=0)" "the skip is said"

rm -rf "$share_x86" "$share_script" "$share_dynamic" "$share_writable" "$share_static"
