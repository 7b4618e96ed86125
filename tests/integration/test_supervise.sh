#!/bin/sh
# rosetta-init's supervisor on the host: supervise-harness runs it as PID 1
# of a new PID namespace (in new user and mount namespaces, with a /proc of
# its own), with the entry given on its command line, and prints the action
# where the init would call reboot(2). Covers the entry's status line and
# exit code, its session and environment, reaping of orphans, forwarding of
# signals sent from outside the namespace, power requests from the entry's
# session, and the bounded SIGTERM-to-SIGKILL wait of the shutdown.
#
# Usage: test_supervise.sh BUILD
# shellcheck disable=SC2016 # entry scripts expand in the namespace, not here
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
harness=$build/test/supervise-harness
. "$(dirname "$0")/ns-lib.sh"
cd "$work" || exit 1

# run NAME HARNESS-ARG...: the harness's output in $log, its status in $status.
run() {
	name=$1
	shift
	log=$work/$name.log
	: >"$log"
	status=255
	[ -n "$broken" ] && return
	# shellcheck disable=SC2086
	timeout -k 5 60 $NS "$harness" "$@" >"$log" 2>&1
	status=$?
}

# conf NAME <TEXT: the configuration file $work/NAME.conf, in
# /etc/rosetta-init.conf's syntax, for run's -f.
conf() { cat >"$work/$1.conf"; }

# Line number of the first line matching, for order checks.
line_of() { grep -n -m1 -- "$1" "$log" | cut -d: -f1; }
before() { a=$(line_of "$1") b=$(line_of "$2") && [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; }
# Milliseconds of the log line matching (its [seconds.millis] stamp).
stamp() { grep -m1 -- "$1" "$log" | awk -F'[][]' '{ printf "%d\n", $2 * 1000 + 0.5 }'; }
# gap_between A B LOW HIGH: LOW <= stamp(B) - stamp(A) < HIGH
gap_between() {
	a=$(stamp "$1") b=$(stamp "$2")
	[ -n "$a" ] && [ -n "$b" ] && gap=$((b - a)) && [ "$gap" -ge "$3" ] && [ "$gap" -lt "$4" ]
}

# Wait up to 10 s for a line in the log of a harness running in the background.
wait_for() {
	i=0
	while ! grep -q -- "$1" "$log"; do
		i=$((i + 1))
		[ "$i" -gt 200 ] && return 1
		sleep 0.05
	done
}

# The host pid of the namespace's PID 1 below pid (timeout, then unshare):
# the first descendant whose NSpid ends in 1.
ns_init() {
	p=$1
	while [ -n "$p" ]; do
		case $(grep '^NSpid:' "/proc/$p/status" 2>/dev/null) in
		*[!0-9]1) echo "$p" && return ;;
		esac
		p=$(cut -d' ' -f1 "/proc/$p/task/$p/children" 2>/dev/null)
	done
}

# --- the entry's end ---
run exit7 -- /bin/sh -c 'set -- $(cat /proc/$$/stat); echo "entry pid=$1 ppid=$4 pgrp=$5 sid=$6"; exit 7'
check "the entry's exit code passes through (7)" status_is 7
check "the entry's status line is printed" has_line "rosetta-init: exit status 7"
check "the entry's end powers off" has_line "harness: reboot(poweroff)"
check "the status line comes before the shutdown" before "exit status 7" "shutdown: sending SIGTERM"
check "the entry is PID 1's child, a session and process group leader" \
	has_line "entry pid=2 ppid=1 pgrp=2 sid=2"

run killed -- /bin/sh -c 'kill -KILL $$'
check "an entry killed by SIGKILL reports 137" status_is 137
check "and prints it" has_line "rosetta-init: exit status 137"
check "and the log names the signal" has "run: /bin/sh killed by signal 9"

run usr1 -- /bin/sh -c 'kill -USR1 $$'
check "an entry killed by SIGUSR1 reports 138" status_is 138

run missing -- /nonexistent/entry
check "an entry that cannot be executed reports 127" status_is 127
check "and says why" has "cannot run /nonexistent/entry: No such file or directory"

conf env <<'EOF'
env.FOO=bar
env.TERM=vt100
env.WITH_SPACE=a b
EOF
run env -f "$work/env.conf" -- /bin/sh -c 'echo "cwd=$(pwd)"; env'
check "the entry runs in /" has_line "cwd=/"
check "PATH defaults to the usual list" \
	has_line "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
check "HOME is /" has_line "HOME=/"
check "rosetta.env adds a variable" has_line "FOO=bar"
check "rosetta.env keeps a value's blanks" has_line "WITH_SPACE=a b"
check "rosetta.env replaces a default (TERM)" has_line "TERM=vt100"
check "and the default is gone" lacks "^TERM=linux"

# --- the entry's working directory and user ---
mkdir -p "$work/work dir"
printf 'workdir=%s\n' "$work/work dir" | conf workdir
run workdir -f "$work/workdir.conf" -- /bin/sh -c 'echo "cwd=$(pwd)"'
check "the entry runs in rosetta.workdir" has_line "cwd=$work/work dir"
check "and ends as it would" status_is 0
echo workdir=/nonexistent/dir | conf workdir-missing
run workdir-missing -f "$work/workdir-missing.conf" -- /bin/sh -c 'echo ran'
check "a workdir the entry cannot enter fails stage run, naming it" \
	has "run failed: changing to the entry's working directory /nonexistent/dir: No such file or directory"
check "with a remedy" has "remedy: set rosetta.workdir= to a directory of the tree"
check "the entry does not run elsewhere" lacks "^ran"
check "and its status is 126" status_is 126
# Unprivileged user namespaces deny setgroups(2): the step is named.
echo user=0:0 | conf user-refused
run user-refused -f "$work/user-refused.conf" -- /bin/sh -c 'echo ran'
check "groups the kernel refuses fail stage run, naming the step and the user" \
	has "run failed: setting the entry's groups to just 0 (rosetta.user=0:0): Operation not permitted"
check "the entry does not run as another user" lacks "^ran"
check "and its status is 126" status_is 126

# --- reaping ---
cat >"$work/reap.sh" <<'EOF'
zombies() {
	z=0
	for f in /proc/[0-9]*/stat; do
		read -r line <"$f" 2>/dev/null || continue
		case ${line##*) } in Z*) z=$((z + 1)) ;; esac
	done
	echo "$z"
}
# A parent that never waits (it exec'd sleep) keeps its child a zombie:
# proof that the count sees zombies. At 1 s it ends and PID 1 inherits it.
sh -c 'sleep 0.1 & exec sleep 1' &
sleep 0.5
echo "zombies while their parent lives: $(zombies)"
# Children that fork a grandchild and exit: the grandchildren are orphans.
for i in 1 2 3; do sh -c 'sh -c "sleep 0.2; exit 5" & exit 0'; done
wait
sleep 1
echo "zombies after the orphans ended: $(zombies)"
EOF
run reap -- /bin/sh "$work/reap.sh"
check "the zombie count of the test sees a zombie" has_line "zombies while their parent lives: 1"
check "no zombie is left once orphans end" has_line "zombies after the orphans ended: 0"
check "PID 1 reaped the 4 orphans (3 grandchildren, 1 zombie inherited)" \
	has_line "harness: orphans reaped: 4"
check "the entry's status is still its own" status_is 0

# --- forwarding, from outside the namespace (si_pid 0) ---
cat >"$work/traps.sh" <<EOF
for s in TERM INT HUP USR1 USR2 WINCH; do trap "echo got \$s" \$s; done
echo ready
while [ ! -e "$work/stop" ]; do sleep 0.05; done
exit 3
EOF
log=$work/forward.log
: >"$log"
if [ -z "$broken" ]; then
	# shellcheck disable=SC2086
	timeout -k 5 60 $NS "$harness" -- /bin/sh "$work/traps.sh" >"$log" 2>&1 &
	upid=$!
	wait_for ready
	hpid=$(ns_init "$upid")
fi
for s in TERM INT HUP USR1 USR2 WINCH; do
	[ -n "$broken" ] || [ -z "$hpid" ] || kill -s "$s" "$hpid"
	check "SIG$s from outside the namespace reaches the entry" wait_for "^got $s\$"
done
if [ -z "$broken" ]; then
	touch "$work/stop"
	wait "$upid"
	status=$?
fi
check "no forwarded signal was taken as a power request" lacks "requested"
check "the entry ends as it chose (3)" status_is 3

# --- power requests from the entry's session ---
run poweroff -- /bin/sh -c 'kill -USR2 1; sleep 5'
check "kill -USR2 1 in the session asks for poweroff" has "run: poweroff requested by SIGUSR2 from pid 2"
check "and the shutdown powers off" has_line "harness: reboot(poweroff)"
check "the entry stopped by the shutdown's SIGTERM reports 143" status_is 143
check "and its status line is printed" has_line "rosetta-init: exit status 143"
check "the request is logged before the shutdown" before "requested" "shutdown: sending SIGTERM"
check "a cooperative shutdown ends without SIGKILL" has "shutdown: every process ended in"
poweroff_ms=$(grep -o 'every process ended in [0-9]* ms' "$log" | grep -o '[0-9]*')
total_ms=$(grep -o 'shutdown took [0-9]* ms' "$log" | grep -o '[0-9]*')

run halt -- /bin/sh -c 'kill -USR1 1; sleep 5'
check "kill -USR1 1 in the session asks for halt" has_line "harness: reboot(halt)"
run reboot -- /bin/sh -c 'kill -TERM 1; sleep 5'
check "kill -TERM 1 in the session asks for reboot" has_line "harness: reboot(reboot)"
run external -- /bin/sh -c 'env kill -s USR2 1; sleep 5'
check "a request from a short-lived kill(1) in the session powers off" \
	has_line "harness: reboot(poweroff)"
run hup -- /bin/sh -c 'trap "echo got HUP; exit 4" HUP; kill -HUP 1; while :; do sleep 0.05; done'
check "SIGHUP from the session is forwarded, not a request" status_is 4
cat >"$work/othersession.sh" <<'EOF'
trap 'echo got USR2; exit 4' USR2
setsid sh -c 'kill -USR2 1; sleep 2' &
while :; do sleep 0.05; done
EOF
run othersession -- /bin/sh "$work/othersession.sh"
check "SIGUSR2 from another session in the namespace is forwarded" has_line "got USR2"
check "and is no power request" lacks "requested"

# --- a process that ignores SIGTERM ---
echo shutdown.timeout=1 | conf stubborn
run stubborn -f "$work/stubborn.conf" -- /bin/sh -c 'trap "" TERM; kill -USR2 1; while :; do sleep 0.05; done'
check "a process that ignores SIGTERM is killed after the timeout" \
	has "processes left after 1000 ms, sending SIGKILL"
check "SIGKILL comes 1000 ms after SIGTERM (up to 1500)" \
	gap_between "sending SIGTERM" "sending SIGKILL" 1000 1500
check "and the entry reports 137" status_is 137
stubborn_ms=$(grep -o 'shutdown took [0-9]* ms' "$log" | grep -o '[0-9]*')

# --- exec mode: the tree's init becomes PID 1 ---
cat >"$work/init.sh" <<'EOF'
#!/bin/sh
echo "init pid=$$ argv0=$0 args=$# cwd=$(pwd) TERM=$TERM FOO=$FOO"
grep '^SigBlk:' /proc/self/status
EOF
chmod 755 "$work/init.sh"
conf exec <<EOF
exec=$work/init.sh
env.FOO=bar
workdir=$work
user=0:0
service.svc.argv=/bin/true
service.svc.restart=never
EOF
run exec -f "$work/exec.conf" -- /bin/false
check "exec mode runs the tree's init as PID 1, in /, with the run environment" \
	has_line "init pid=1 argv0=$work/init.sh args=0 cwd=/ TERM=linux FOO=bar"
check "with no signal blocked" has_line "$(printf 'SigBlk:\t0000000000000000')"
check "the services are not started, and the init says so" \
	has "rosetta.exec: 1 configured service(s) not started"
check "nor is the entry" lacks "run: started"
check "workdir and user are not applied, and the init says so" \
	has "rosetta.exec: the entry's workdir and user are not applied"
echo exec=/nonexistent/init | conf exec-missing
run exec-missing -f "$work/exec-missing.conf"
check "a failed exec is reported with its cause" \
	has "run failed: executing /nonexistent/init (rosetta.exec): No such file or directory"
check "and a remedy" has "remedy: set rosetta.exec= to the tree's init"

# --- the classification of senders, with made-up siginfo ---
if [ -n "$broken" ]; then
	not_ok "classify power requests ($broken)"
else
	"$harness" classify >"$work/classify.log" 2>&1
	while read -r verdict what; do
		case $verdict in
		PASS) ok "$what" ;;
		*) not_ok "$what" ;;
		esac
	done <"$work/classify.log"
	[ -s "$work/classify.log" ] || not_ok "supervise-harness classify printed nothing"
fi

echo "# shutdown timings: all ended ${poweroff_ms:-?} ms after SIGTERM, shutdown took" \
	"${total_ms:-?} ms; with a SIGTERM-ignoring process and shutdown.timeout=1: ${stubborn_ms:-?} ms"
