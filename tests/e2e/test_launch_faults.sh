#!/bin/sh
# The launcher against the real guest when its host side fails: the translator share's
# virtiofsd killed while the guest runs (once the entry has started, and once right after
# the share was mounted) must end the launch at once, with one message and status 125, long
# before --timeout, and leave no child and no run directory behind.
. "$(dirname "$0")/lib.sh"

lost="rosetta-launch: virtiofsd for tag 'rosetta' killed by signal 9 (Killed) while the guest was running"

now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# kill_share_when NAME CONSOLE-TEXT: boot an entry that would run for 60 s, and kill -9 the
# translator share's virtiofsd (found among the launcher's children by its socket) as soon
# as CONSOLE-TEXT shows. Sets status, elapsed (ms from the kill to the launcher's end),
# vfs and qemu (the pids killed and left), xdg (the launch's XDG_RUNTIME_DIR).
kill_share_when() {
	name=$1
	when=$2
	log=$logdir/$name.log
	xdg=$(mktemp -d "$logdir/xdg.XXXXXX")
	vfs=
	qemu=
	rm -f "$log"
	XDG_RUNTIME_DIR=$xdg timeout -k 10 $((BOOT_TIMEOUT + 30)) "$launch" --kernel "$kernel" \
		--initrd "$initrd" --rosetta-dir "$share" --timeout "$BOOT_TIMEOUT" \
		-- /bin/sh -c 'echo entry running; sleep 60' </dev/null >"$log" 2>&1 &
	pid=$!
	tenths=0
	while ! grep -qF -- "$when" "$log" 2>/dev/null && kill -0 "$pid" 2>/dev/null &&
		[ "$tenths" -lt $((BOOT_TIMEOUT * 10)) ]; do
		sleep 0.1
		tenths=$((tenths + 1))
	done
	lpid=$(pgrep -P "$pid" -x rosetta-launch)
	if [ -n "$lpid" ]; then
		vfs=$(pgrep -P "$lpid" -f 'socket-path=.*/vfs0\.sock')
		qemu=$(pgrep -P "$lpid" -f qemu-system-aarch64)
	fi
	[ -n "$vfs" ] && kill -9 "$vfs"
	t0=$(now_ms)
	wait "$pid"
	status=$?
	elapsed=$(($(now_ms) - t0))
	tr -d '\r' <"$log" >"$log.txt"
}

expect_ended_cleanly() {
	if [ -n "$vfs" ] && [ -n "$qemu" ]; then
		ok "$name: the launcher's virtiofsd and qemu were found (pids $vfs, $qemu)"
	else
		not_ok "$name: the launcher's virtiofsd and qemu were found (virtiofsd '$vfs', qemu '$qemu')"
		show_log
	fi
	expect_status 125 "a lost file server is the launcher's failure"
	n=$(grep -cF -- "$lost" "$log.txt")
	if [ "$n" = 1 ]; then
		ok "$name: one message names the share and how its virtiofsd ended"
	else
		not_ok "$name: one message names the share and how its virtiofsd ended ($n found)"
		show_log
	fi
	if [ "$elapsed" -lt 10000 ]; then
		ok "$name: the launch ended ${elapsed} ms after the kill (--timeout $BOOT_TIMEOUT s)"
	else
		not_ok "$name: the launch ended ${elapsed} ms after the kill, not within 10 s"
	fi
	expect_no_text "ran past --timeout" "the timeout played no part"
	if [ -n "$qemu" ] && kill -0 "$qemu" 2>/dev/null; then
		not_ok "$name: qemu was stopped (pid $qemu still runs)"
	else
		ok "$name: qemu was stopped"
	fi
	if [ -z "$(ls -A "$xdg")" ]; then
		ok "$name: the run directory was removed"
	else
		not_ok "$name: the run directory was removed ($(ls -A "$xdg") left in $xdg)"
	fi
	rm -rf "$xdg"
}

kill_share_when virtiofsd-killed-in-entry "run: started"
expect_text "entry running" "the entry was running when its file server went"
expect_ended_cleanly

kill_share_when virtiofsd-killed-after-mount "share ... ok"
expect_no_text "rosetta-init: exit status" "the guest reported no status of its own"
expect_ended_cleanly
