#!/bin/sh
# binfmtctl checks the interpreter before it writes to register, whatever
# the flags: a directory, a missing file, a file that is not executable, one
# that is not a regular file and one on a noexec mount are each refused by
# name with exit status 1 (with F the kernel itself would answer "Permission
# denied" or "No such file or directory"), and nothing is registered.
#
# Runs in a user and mount namespace on a private binfmt_misc
# (binfmtctl-ns.sh).
#
# Usage: test_binfmtctl_interp.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

ns_setup

# refused NAME FLAGS PATH PHRASE: register is refused, exit 1, with PHRASE
# after the path, and no entry appears.
refused() {
	run 1 ctl register ":$1:M::\\x51\\x52\\x53::$3:$2" &&
		has "$err" "cannot register $1 in $D: $3: $4" && lacks "$err" "Permission denied" &&
		absent "$1"
}

t_prepare() {
	mkdir "$work/dir" "$work/noexec" && printf 'x\n' >"$work/plain" &&
		chmod 0644 "$work/plain" && mkfifo "$work/fifo" &&
		mount -t tmpfs -o noexec tmpfs "$work/noexec" && cp /bin/true "$work/noexec/true"
}

t_dir_f() { refused t-dir F "$work/dir" "interpreter is a directory"; }
t_dir() { refused t-dir2 "" "$work/dir" "interpreter is a directory"; }
t_missing_f() { refused t-missing F "$work/missing" "interpreter does not exist"; }
t_missing() { refused t-missing2 P "$work/missing" "interpreter does not exist"; }
t_plain_f() { refused t-plain OCF "$work/plain" "interpreter is not executable"; }
t_plain() { refused t-plain2 "" "$work/plain" "interpreter is not executable"; }
t_fifo() { refused t-fifo F "$work/fifo" "interpreter is not a regular file"; }
t_noexec() { refused t-noexec F "$work/noexec/true" "interpreter is on a noexec mount"; }

t_rosetta() {
	run 1 ctl rosetta --install --interpreter "$work/dir" &&
		has "$err" "cannot register rosetta in $D: $work/dir: interpreter is a directory" &&
		absent rosetta
}

t_good() {
	run 0 ctl register ":t-good:M::\\x51\\x52\\x53::/bin/true:F" && has "$out" "t-good: added" &&
		run 0 ctl remove t-good
}

# load --root: without F the kernel opens the interpreter when a program of
# the image runs, so it is looked for in the image; with F it opens it now,
# here.
t_load_root() {
	img=$work/img
	mkdir -p "$img/etc/binfmt.d" "$img/usr/bin" &&
		cp /bin/true "$img/usr/bin/only-in-image" &&
		printf '%s\n' ':t-img:M::\x51\x54::/usr/bin/only-in-image:' \
			':t-imgf:M::\x51\x55::/usr/bin/only-in-image:F' \
			':t-host:M::\x51\x56::/bin/true:' >"$img/etc/binfmt.d/a.conf" &&
		run 1 ctl --root "$img" load && has "$out" "t-img: added" &&
		has "$err" "cannot register t-imgf ($img/etc/binfmt.d/a.conf:2) in $D: /usr/bin/only-in-image: interpreter does not exist" &&
		has "$err" "cannot register t-host ($img/etc/binfmt.d/a.conf:3) in $D: /bin/true: interpreter does not exist" &&
		absent t-imgf && absent t-host && run 0 ctl remove t-img
}

t "scratch files: a directory, a plain file, a FIFO, a noexec mount" t_prepare
t "flag F, a directory: refused by name, exit 1" t_dir_f
t "no flag, a directory: refused by name, exit 1" t_dir
t "flag F, a missing file: refused by name, exit 1" t_missing_f
t "flag P, a missing file: refused by name, exit 1" t_missing
t "flags OCF, a file that is not executable: refused by name, exit 1" t_plain_f
t "no flag, a file that is not executable: refused by name, exit 1" t_plain
t "flag F, a FIFO: refused by name, exit 1" t_fifo
t "flag F, a file on a noexec mount: refused by name, exit 1" t_noexec
t "rosetta --install with a directory as translator: refused by name, exit 1" t_rosetta
t "an executable interpreter is registered" t_good
t "load --root: without F the interpreter is looked for in the image, with F here" \
	t_load_root
