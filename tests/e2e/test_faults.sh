#!/bin/sh
# The fault matrix of rosetta-init: one boot per fault, each with the message
# and outcome a user must see. None may panic the kernel or hang (every boot
# is bounded; expect_no_panic fails on a "Kernel panic" line).
. "$(dirname "$0")/lib.sh"

expect_stage_failure tag-missing share \
	"1 virtio-fs device(s) present, none tagged 'elsewhere' within 2 s" \
	--cmdline "rosetta.tag=elsewhere rosetta.timeout=2" -- /bin/true

expect_stage_failure binfmt-misc-unavailable modules "loading module binfmt_misc" \
	--cmdline "module_blacklist=binfmt_misc" -- /bin/true

expect_stage_failure root-missing root "x86-64 tree initramfs:/nowhere: No such file or directory" \
	--cmdline "rosetta.root=initramfs:/nowhere" -- /bin/true

expect_stage_failure entry-missing root "entry /bin/nothing-here in initramfs:/x86: No such file or directory" \
	-- /bin/nothing-here

expect_stage_failure entry-not-executable root "entry /etc/passwd in initramfs:/x86 is not an executable file" \
	-- /etc/passwd

boot entry-sigsegv "$share" -- /bin/sh -c 'kill -SEGV $$'
expect_status 139 "an entry killed by SIGSEGV gives 128 + 11"
expect_line "rosetta-init: exit status 139"
expect_no_panic

boot entry-exit-0 "$share" -- /bin/true
expect_status 0 "an entry that exits 0 gives 0"

boot bad-values "$share" --cmdline "rosetta.timeout=abc rosetta.verify=paranoid rosetta.colour=blue" \
	-- /bin/sh -c 'echo booted anyway'
expect_status 0 "bad values keep their defaults and the boot goes on"
expect_text "rosetta.timeout: 'abc' is not a number of seconds from 1 to 3600" \
	"a bad number names the key, the value and what is accepted"
expect_text "rosetta.verify: 'paranoid' is not one of strict, elf, off" \
	"a bad word names the accepted ones"
expect_text "rosetta.colour" "an unknown key is warned about"
expect_line "booted anyway"

boot poweroff-request "$share" -- /bin/sh -c 'echo entry running; kill -USR2 1; sleep 60'
expect_text "entry running" "the entry ran"
expect_text "poweroff requested" "PID 1 takes SIGUSR2 from the entry's session as poweroff"
expect_text "reboot: Power down" "the VM powers off without waiting for the entry"
expect_no_panic

printf 'echo share: $(ls /run/rosetta), binfmt_misc mounts: $(grep -c binfmt_misc /proc/mounts)\nexit\n' \
	>"$logdir/break-input"
boot_driven break-register "$share" "rosetta-init# " "$logdir/break-input" \
	--cmdline "rosetta.break=register" \
	-- /bin/sh -c 'echo after the break: $(uname -m)'
expect_text "break: stopped before stage register (rosetta.break)" "the boot stops before register"
expect_line "share: rosetta, binfmt_misc mounts: 0" "the native shell runs with the share mounted, nothing registered"
expect_text "break: debug shell exited, going on with register" "exit continues the boot"
expect_line "after the break: x86_64"
expect_status 0 "the entry ran after the break"

# Before run the initramfs is gone: the shell is the tree's own, x86-64.
printf 'echo in the tree: $(uname -m)\nexit\n' \
	>"$logdir/break-run-input"
boot_driven break-run "$share" "rosetta-init# " "$logdir/break-run-input" \
	--cmdline "rosetta.break=run" -- /bin/sh -c 'echo the entry ran'
expect_text "break: stopped before stage run (rosetta.break)" "rosetta.break=run stops before the entry"
expect_line "in the tree: x86_64" "the shell is the switched tree's, x86-64"
expect_text "break: debug shell exited, going on with run" "exit continues with run"
expect_line "the entry ran"
expect_status 0 "the entry ran after the break"

printf 'echo in the emergency shell\nexit\n' >"$logdir/emergency-input"
empty=$(mktemp -d "$logdir/empty-share.XXXXXX")
boot_driven emergency-shell "$empty" "rosetta-init# " "$logdir/emergency-input" \
	--cmdline "rosetta.emergency=shell" -- /bin/true
rm -rf "$empty"
expect_text "verify failed" "the failure is reported first"
expect_line "in the emergency shell"
expect_text "reboot: Power down" "the VM powers off when the shell exits"
expect_no_panic

boot cache-without-rosettad "$share" --cmdline "rosetta.cache=/var/cache/rosetta" -- /bin/true
expect_status 0 "the boot goes on without rosettad"
expect_text "rosetta.cache: no rosettad on the share, continuing without the AOT cache" \
	"the missing rosettad is warned about"

# Exec mode: PID 1 becomes the tree's own program (here the x86-64 shell,
# through the translator), which must see itself as PID 1.
printf 'echo exec-mode pid: $$\npoweroff -f\n' >"$logdir/exec-input"
boot_driven exec-mode "$share" "handing PID 1 to /bin/sh" "$logdir/exec-input" \
	--cmdline "rosetta.exec=/bin/sh"
expect_text "run: handing PID 1 to /bin/sh" "rosetta.exec hands PID 1 over"
expect_line "exec-mode pid: 1"
expect_text "reboot: Power down" "the tree's program can power the VM off"
expect_no_panic
