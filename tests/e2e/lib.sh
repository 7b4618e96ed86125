# Shared by the e2e tests: boot the real guest under QEMU with
# rosetta-launch and check its console. Each check prints one TAP line.
# Sourced with BUILD as $1.

build=${1:?usage: $0 BUILD}
launch=$build/host/rosetta-launch
kernel=$build/vmlinuz
initrd=$build/initramfs.cpio.gz
share=$build/share
logdir=$build/test/e2e
mkdir -p "$logdir"
. "$(dirname "$0")/../tap.sh"

# Generous: TCG boots take about 10 s here; a hang must still end the test.
BOOT_TIMEOUT=${BOOT_TIMEOUT:-180}


# boot NAME SHAREDIR [LAUNCH-OPTION...] [-- ENTRY ARG...]
# Leaves the console in $log and rosetta-launch's exit code in $status.
# With initrd empty the kernel boots the root's own init (--no-initrd).
boot() {
	name=$1
	dir=$2
	shift 2
	log=$logdir/$name.log
	for f in "$launch" "$kernel" ${initrd:+"$initrd"}; do
		if [ ! -e "$f" ]; then
			echo "missing $f (run: make)" >"$log"
			status=255
			return
		fi
	done
	if [ -n "$initrd" ]; then
		set -- --initrd "$initrd" "$@"
	else
		set -- --no-initrd "$@"
	fi
	timeout -k 10 $((BOOT_TIMEOUT + 30)) "$launch" --kernel "$kernel" \
		--rosetta-dir "$dir" --timeout "$BOOT_TIMEOUT" "$@" </dev/null >"$log" 2>&1
	status=$?
	tr -d '\r' <"$log" >"$log.txt"
}

# What a failed check shows: the end of the console.
show_log() {
	tail -n 25 "$log.txt" | sed 's/^/#   /'
}

expect_status() { # CODE DESCRIPTION
	if [ "$status" = "$1" ]; then
		ok "$name: $2"
	else
		not_ok "$name: $2 (rosetta-launch exited $status, expected $1)"
		show_log
	fi
}

expect_line() { # EXACT-LINE
	if grep -qxF -- "$1" "$log.txt"; then
		ok "$name: console shows '$1'"
	else
		not_ok "$name: console shows '$1'"
		show_log
	fi
}

expect_text() { # FIXED-STRING DESCRIPTION
	if grep -qF -- "$1" "$log.txt"; then
		ok "$name: $2"
	else
		not_ok "$name: $2 (no '$1' on the console)"
		show_log
	fi
}

expect_no_panic() {
	if grep -q 'Kernel panic' "$log.txt"; then
		not_ok "$name: no kernel panic"
		show_log
	else
		ok "$name: no kernel panic"
	fi
}

expect_no_text() { # FIXED-STRING DESCRIPTION
	if grep -qF -- "$1" "$log.txt"; then
		not_ok "$name: $2 ('$1' is on the console)"
		show_log
	else
		ok "$name: $2"
	fi
}

# A boot that must stop at STAGE, name CAUSE, give a remedy and power off.
expect_stage_failure() { # NAME STAGE CAUSE [LAUNCH-OPTION...] -- ENTRY...
	n=$1
	stage=$2
	cause=$3
	shift 3
	boot "$n" "$share" "$@"
	expect_status 126 "no exit status: the entry never ran"
	expect_text "error: $stage failed: $cause" "$stage fails naming the cause"
	expect_text "error: remedy:" "a remedy is printed"
	expect_text "reboot: Power down" "the VM powers off"
	expect_no_panic
}

# A share directory holding FILE as `rosetta` with MODE; prints its path.
make_share() { # FILE MODE
	dir=$(mktemp -d "$logdir/share.XXXXXX")
	cp "$1" "$dir/rosetta"
	chmod "$2" "$dir/rosetta"
	echo "$dir"
}

# A translator the init must refuse: the boot stops at verify, with the
# reason, nothing is registered, and the VM powers off without a panic.
expect_refused() { # NAME SHARE REASON [LAUNCH-OPTION...]
	n=$1
	dir=$2
	reason=$3
	shift 3
	boot "$n" "$dir" "$@" -- /bin/true
	expect_status 126 "no exit status: the entry never ran"
	expect_text "verify failed: $reason" "refused: $reason"
	expect_text "remedy:" "a remedy is printed"
	expect_no_text "register ... ok" "nothing is registered"
	expect_text "reboot: Power down" "the VM powers off"
	expect_no_panic
}

# Drive the console like a person: boot with stdin on a FIFO, wait until
# PROMPT shows on the console, then type the lines of INPUT. Bounded: the
# prompt must come within BOOT_TIMEOUT, the boot ends within its own.
boot_driven() { # NAME SHAREDIR PROMPT INPUT [LAUNCH-OPTION...] [-- ENTRY...]
	name=$1
	dir=$2
	prompt=$3
	input=$4
	shift 4
	log=$logdir/$name.log
	fifo=$logdir/$name.fifo
	rm -f "$fifo" "$log"
	mkfifo "$fifo"
	timeout -k 10 $((BOOT_TIMEOUT + 30)) "$launch" --kernel "$kernel" --initrd "$initrd" \
		--rosetta-dir "$dir" --timeout "$BOOT_TIMEOUT" "$@" <"$fifo" >"$log" 2>&1 &
	pid=$!
	exec 9>"$fifo"
	waited=0
	while ! grep -qF -- "$prompt" "$log" 2>/dev/null && [ "$waited" -lt "$BOOT_TIMEOUT" ] &&
		kill -0 "$pid" 2>/dev/null; do
		sleep 1
		waited=$((waited + 1))
	done
	sleep 1
	cat "$input" >&9
	exec 9>&-
	wait "$pid"
	status=$?
	rm -f "$fifo"
	tr -d '\r' <"$log" >"$log.txt"
}
