#!/bin/sh
# rosetta-init's services on the host, under supervise-harness as PID 1 of a
# new PID namespace: restart policies with a doubling backoff and a limit,
# the seccomp deny list (a denied call kills with SIGSYS), what a service
# starts with (stdin /dev/null, its own session, /), and the Rosetta AOT
# cache as a built-in service, with a stand-in rosettad.
#
# Usage: test_supervise_services.sh BUILD
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
	timeout -k 5 60 unshare --user --map-root-user --pid --fork --mount-proc \
		"$harness" "$@" >"$log" 2>&1
	status=$?
}

# conf NAME <TEXT: the configuration file $work/NAME.conf, in
# /etc/rosetta-init.conf's syntax, for run's -f.
conf() { cat >"$work/$1.conf"; }

count_is() { [ "$(grep -c -- "$1" "$log")" = "$2" ]; }
# Milliseconds of the Nth log line matching (its [seconds.millis] stamp).
stamp() { grep -- "$1" "$log" | sed -n "${2}p" | awk -F'[][]' '{ printf "%d\n", $2 * 1000 + 0.5 }'; }
# start_gap N LOW HIGH: LOW <= (start N+1) - (start N) < HIGH, for service crash.
start_gap() {
	a=$(stamp "service crash: started" "$1") b=$(stamp "service crash: started" $(($1 + 1)))
	[ -n "$a" ] && [ -n "$b" ] && gap=$((b - a)) && echo "#   start $1 to $(($1 + 1)): $gap ms" &&
		[ "$gap" -ge "$2" ] && [ "$gap" -lt "$3" ]
}

# --- restart with backoff, then give up ---
conf backoff <<'EOF'
service.crash.argv=/bin/sh -c 'echo crash ran; exit 1'
service.crash.restart=on-failure
service.crash.backoff=0.2
service.crash.max-restarts=3
EOF
run backoff -f "$work/backoff.conf" -- /bin/sh -c 'sleep 3'
check "a failing service runs 1 + 3 times" count_is "^crash ran\$" 4
check "its restarts are logged with the delay" \
	has "service crash: exited with status 1; restarting in 200 ms (restart 1 of 3)"
check "the delay doubles (400 ms)" has "restarting in 400 ms (restart 2 of 3)"
check "and doubles again (800 ms)" has "restarting in 800 ms (restart 3 of 3)"
check "it is given up after its limit" has "service crash: exited with status 1; gave up after 3 restarts"
check "the first restart comes 200 ms later (up to 450)" start_gap 1 200 450
check "the second 400 ms later (up to 650)" start_gap 2 400 650
check "the third 800 ms later (up to 1050)" start_gap 3 800 1050
check "the entry was not disturbed" status_is 0

# --- policies ---
conf policies <<'EOF'
service.tick.argv=/bin/true
service.tick.restart=always
service.tick.backoff=0.1
service.tick.max-restarts=2
service.once.argv=/bin/false
service.once.restart=never
service.fine.argv=/bin/true
service.fine.restart=on-failure
service.fine.backoff=0.1
service.rel.argv=sh -c true
service.rel.restart=never
EOF
run policies -f "$work/policies.conf" -- /bin/sh -c 'sleep 1.5'
check "restart=always restarts a clean exit" has "service tick: exited with status 0; restarting in 100 ms"
check "and gives up after its limit too" has "service tick: exited with status 0; gave up after 2 restarts"
check "restart=never does not restart" \
	has "service once: exited with status 1; not restarted (restart=never)"
check "and starts it once" count_is "service once: started" 1
check "restart=on-failure leaves a clean exit alone" \
	has "service fine: exited with status 0; not restarted (restart=on-failure)"
check "a service without an absolute path is refused" \
	has "service.rel.argv: 'sh -c true' is not a command line of at most 255 bytes and 31 words, the first an absolute path (ignored)"
check "and dropped" has "service.rel: no service.rel.argv, service dropped"
check "and never started" lacks "service rel: started"

# --- the deny list ---
conf deny <<'EOF'
service.denied.argv=/bin/uname -m
service.denied.restart=never
service.denied.deny=uname,no_such_call
service.allowed.argv=/bin/sh -c 'echo allowed ran'
service.allowed.restart=never
service.allowed.deny=reboot,kexec_load
EOF
run deny -f "$work/deny.conf" -- /bin/sh -c 'sleep 0.5'
check "a denied system call kills the service with SIGSYS" \
	has "service denied: killed by signal 31 (Bad system call)"
check "an unknown name in the deny list is warned about" \
	has "service denied: unknown system call 'no_such_call' in its deny list, skipped"
check "a service that makes no denied call runs" has_line "allowed ran"
check "and exits 0" has "service allowed: exited with status 0"

# --- what a service starts with ---
cat >"$work/io.sh" <<'EOF'
set -- $(cat /proc/$$/stat)
echo "svc pid=$1 pgrp=$5 sid=$6"
echo "svc stdin=$(readlink /proc/$$/fd/0)"
echo "svc cwd=$(pwd)"
echo "svc FOO=$FOO"
EOF
conf io <<EOF
env.FOO=bar
service.io.argv=/bin/sh $work/io.sh
service.io.restart=never
EOF
run io -f "$work/io.conf" -- /bin/sh -c 'sleep 0.5'
check "a service's stdin is /dev/null" has_line "svc stdin=/dev/null"
check "a service leads its own session and process group" grep -qE '^svc pid=([0-9]+) pgrp=\1 sid=\1$' "$log"
check "a service runs in /" has_line "svc cwd=/"
check "a service gets the run environment" has_line "svc FOO=bar"
check "a service's output reaches the console" has_line "svc cwd=/"

# --- the AOT cache: a stand-in rosettad on a stand-in share ---
mkdir -p "$work/share" "$work/empty"
ln -s "$harness" "$work/share/rosettad"
cache=$work/cache/rosettad
link=$work/run/rosettad/rosetta.sock
cat >"$work/cache.sh" <<EOF
sock=$cache/uds/rosetta.sock
echo "entry: socket mode \$(stat -c '%a %F' "\$sock")"
echo "entry: link \$(readlink $link)"
for p in /proc/[0-9]*; do
	case \$(tr '\\0' ' ' <\$p/cmdline 2>/dev/null) in
	*"rosettad daemon"*) kill \${p#/proc/} ;;
	esac
done
# Restarted after its 1 s backoff, with a new socket, exposed anew.
i=0
while [ \$i -lt 100 ] && [ "\$(grep -c 'is linked at' "$work/cache.log")" -lt 2 ]; do
	i=\$((i + 1))
	sleep 0.05
done
mode=\$(stat -c %a "\$sock")
echo "entry: after restart mode \$mode"
EOF
printf 'mount=%s\ncache=%s\n' "$work/share" "$cache" | conf cache
run cache -f "$work/cache.conf" -l "$work/run/rosettad" -- /bin/sh "$work/cache.sh"
check "rosettad runs from the share with daemon and the cache directory" \
	has "service rosettad: started $work/share/rosettad (pid"
check "the cache directory is created" test -d "$cache"
check "the entry starts after the socket exists, mode 666" has_line "entry: socket mode 666 socket"
check "the socket is linked where the host looks" has_line "entry: link $cache/uds/rosetta.sock"
check "the init says so" has "cache: rosettad's socket $cache/uds/rosetta.sock is linked at $link"
check "a killed rosettad is restarted" has "service rosettad: killed by signal 15 (Terminated); restarting in 1000 ms"
check "and its new socket is made usable by all again" has_line "entry: after restart mode 666"
check "and linked again" count_is "is linked at" 2

printf 'mount=%s\ncache=%s\n' "$work/empty" "$work/cache2" | conf nocache
run nocache -f "$work/nocache.conf" -- /bin/sh -c 'exit 0'
check "without rosettad on the share the init warns" \
	has "rosetta.cache: no rosettad on the share, continuing without the AOT cache"
check "and the entry runs all the same" status_is 0
