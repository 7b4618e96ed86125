#!/bin/sh
# rosetta-mkroot against its command-line contract, on the images of
# `make test-images` (rootfs/images.sh: made by umoci and skopeo) in each
# form, and on the hostile layouts this test writes
# (tests/integration/hostile-images.py):
#   rosetta-mkroot [--platform P] [--format dir|ext4] IMAGE OUTPUT
# exits 0 with the image's tree (whiteouts and opaque directories applied,
# modes and owners kept, the WorkingDir made, /etc/rosetta-image.conf
# written), does nothing on a second run of the same image, exits 1 on an
# image it refuses with a "rosetta-mkroot: " message naming the entry (or
# blob, or platform) and the rule, leaving the output's parent directory as
# it was and nothing outside, and 2 on a usage error.
#
# Usage: test_mkroot.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
mkroot=$build/host/rosetta-mkroot
img=$build/images
hostile=$img/hostile
fix="(run: make test-images)"
. "$(dirname "$0")/../tap.sh"
work=$(mktemp -d)
# The names the hostile layers aim at outside the tree (hostile-images.py).
escapes="/tmp/rosetta-hostile-absolute /tmp/rosetta-hostile-symlink /tmp/rosetta-hostile-symlink-dotdot"
target=/tmp/rosetta-hostile-target
cleanup() {
	rm -rf "$work"
	# shellcheck disable=SC2086 # the names have no spaces
	rm -f $escapes "$target"
}
trap cleanup EXIT
out=$work/stdout
err=$work/stderr

check "rosetta-mkroot is built at $mkroot (run: make host)" test -x "$mkroot"
check "the busybox image is built at $img/busybox $fix" test -f "$img/busybox/index.json"

# mk DESCRIPTION STATUS ARG...: rosetta-mkroot ARG... exits STATUS; else
# its output is shown.
mk() {
	desc=$1 want=$2
	shift 2
	"$mkroot" "$@" >"$out" 2>"$err"
	got=$?
	if [ "$got" = "$want" ]; then
		ok "$desc"
		return 0
	fi
	not_ok "$desc"
	echo "#   rosetta-mkroot $* exited $got (expected $want):"
	sed 's/^/#   stdout: /' "$out"
	sed 's/^/#   stderr: /' "$err"
	return 1
}
# said TEXT: a "rosetta-mkroot: " line of the last run's stderr holds TEXT.
said() { grep '^rosetta-mkroot: ' "$err" | grep -qF -- "$1"; }
# said_rule ERE: one matches ERE, ignoring case.
said_rule() { grep '^rosetta-mkroot: ' "$err" | grep -qiE -- "$1"; }
# prefixed: the last run wrote to stderr, every line "rosetta-mkroot: ".
# (A usage error adds the one "Try 'rosetta-mkroot --help'" line.)
prefixed() { [ -s "$err" ] && ! grep -v "^Try 'rosetta-mkroot --help'" "$err" | grep -qv '^rosetta-mkroot: '; }
# snap DIR: every entry under DIR with its type, mode, owner, size, mtime,
# link target and content's hash, and DIR's own.
snap() {
	find "$1" -mindepth 1 -printf '%P %y %m %U:%G %s %T@ %l\n' 2>/dev/null | sort
	find "$1" -type f -exec sha256sum {} + 2>/dev/null | sort
}
# has FILE TEXT: FILE has TEXT (a fixed string).
has() { grep -qF -- "$2" "$1"; }
is() {
	want=$1
	shift
	[ "$("$@")" = "$want" ]
}

# tree ROOT LABEL: ROOT is busybox's tree, as umoci unpacks it
# (tests/build/test_images.sh) plus the WorkingDir and the configuration.
tree() {
	r=$1 l=$2
	check "$l: /bin/busybox is an x86-64 ELF, 755 0:0" sh -c \
		"file -b '$r/bin/busybox' | grep -q 'ELF 64-bit LSB .*x86-64' && [ \"\$(stat -c '%a %u:%g' '$r/bin/busybox')\" = '755 0:0' ]"
	check "$l: /bin/sh is a hard link to /bin/busybox" test "$r/bin/sh" -ef "$r/bin/busybox"
	check "$l: /bin/ls is a symlink to ../bin/busybox" is ../bin/busybox readlink "$r/bin/ls"
	check "$l: /usr/bin/env is a symlink to ../../bin/busybox" is ../../bin/busybox readlink "$r/usr/bin/env"
	check "$l: /etc/passwd is there" has "$r/etc/passwd" 'user:x:1000:1000:'
	check "$l: /etc/motd, whited out by the second layer, is absent" sh -c "test -d '$r/etc' && ! test -e '$r/etc/motd' && ! test -L '$r/etc/motd'"
	check "$l: the opaque /opt/data holds only the last layer's entry" is new ls -A "$r/opt/data"
	check "$l: /opt/data/new has the last layer's content" has "$r/opt/data/new" 'the only entry of the opaque /opt/data'
	check "$l: /home/user is 750 1000:1000" is "750 1000:1000" stat -c '%a %u:%g' "$r/home/user"
	check "$l: /home/user/note is 600 1000:1000" is "600 1000:1000" stat -c '%a %u:%g' "$r/home/user/note"
	check "$l: /tmp is 1777" is 1777 stat -c %a "$r/tmp"
	check "$l: /root is 700" is 700 stat -c %a "$r/root"
	check "$l: the WorkingDir /srv was made" test -d "$r/srv"
	check "$l: no whiteout file is left" sh -c "test -d '$r/etc' && [ -z \"\$(find '$r' -name '.wh.*')\" ]"
	conf=$r/etc/rosetta-image.conf
	check "$l: /etc/rosetta-image.conf is there" test -f "$conf"
	for text in 'echo hello from busybox; id -u; pwd' /bin/sh env.GREETING=hello 'env.IMAGE_NOTE=two words' /srv 1000:1000; do
		check "$l: /etc/rosetta-image.conf holds '$text'" has "$conf" "$text"
	done
}

# unpack LABEL IMAGE [OPTION...]: into a fresh OUTPUT; its path printed.
n_out=0
unpack() {
	n_out=$((n_out + 1))
	mkdir "$work/$n_out"
	o=$work/$n_out/root
	l=$1 i=$2
	shift 2
	mk "$l: rosetta-mkroot $* exits 0" 0 "$@" "$i" "$o"
}

# Each form of busybox; a second run of the same image leaves the tree alone.
for form in busybox busybox:latest busybox.oci.tar busybox.docker.tar; do
	unpack "$form" "$img/$form" --format dir
	tree "$o" "$form"
	snap "$o" >"$work/before"
	mk "$form: a second run exits 0" 0 --format dir "$img/$form" "$o"
	snap "$o" >"$work/after"
	check "$form: a second run leaves the tree and its mtimes alone" \
		sh -c "test -d '$o/etc' && cmp -s '$work/before' '$work/after'"
done
unpack "busybox, the default format" "$img/busybox"
check "busybox, the default format: a directory" test -x "$o/bin/busybox"

for form in exit3 exit3.oci.tar exit3.docker.tar; do
	unpack "$form" "$img/$form"
	check "$form: /etc/rosetta-image.conf holds 'exit 3'" has "$o/etc/rosetta-image.conf" 'exit 3'
done

# The index lists arm64 first: rosetta-mkroot picks amd64.
for form in multiarch multiarch.oci.tar; do
	unpack "$form" "$img/$form"
	tree "$o" "$form"
	unpack "$form --platform linux/amd64" "$img/$form" --platform linux/amd64
	check "$form --platform linux/amd64: /bin/busybox is x86-64" sh -c "file -b '$o/bin/busybox' | grep -q x86-64"
done

# ext4: one image file, the same tree inside, left alone by a second run.
in_image() { debugfs -R "stat $2" "$1" 2>/dev/null | grep -q '^Inode: .*Type: '; }
e4stat() { debugfs -R "stat $2" "$1" 2>/dev/null | sed -n 's/.*User: *\([0-9]*\) *Group: *\([0-9]*\).*/\1:\2/p'; }
# debugfs's ls: "INODE (RECLEN) NAME" groups on lines; the names, without . and ..
e4ls() { debugfs -R "ls $2" "$1" 2>/dev/null | tr -s ' ' '\n' | sed '/^$/d;/^[0-9(]/d;/^\.\.\{0,1\}$/d'; }
for form in busybox.oci.tar busybox.docker.tar; do
	n_out=$((n_out + 1))
	mkdir "$work/$n_out"
	e=$work/$n_out/root.ext4
	mk "$form --format ext4: exits 0" 0 --format ext4 "$img/$form" "$e"
	check "$form --format ext4: an ext4 image" is ext4 blkid -p -o value -s TYPE "$e"
	check "$form --format ext4: e2fsck -fn finds it clean" e2fsck -fn "$e"
	for p in /bin/busybox /bin/sh /etc/passwd /etc/rosetta-image.conf /srv /opt/data/new; do
		check "$form --format ext4: has $p" in_image "$e" "$p"
	done
	check "$form --format ext4: /etc/motd is absent" sh -c "test -s '$e' && ! debugfs -R 'stat /etc/motd' '$e' 2>/dev/null | grep -q '^Inode:'"
	check "$form --format ext4: /opt/data holds only new" is new e4ls "$e" /opt/data
	check "$form --format ext4: /home/user/note is owned by 1000:1000" is 1000:1000 e4stat "$e" /home/user/note
	check "$form --format ext4: / lists bin, etc, home, opt, srv" sh -c \
		"debugfs -R 'ls -l /' '$e' 2>/dev/null | grep -q ' bin *\$' && debugfs -R 'ls -l /' '$e' 2>/dev/null | grep -q ' srv *\$'"
	before=$(stat -c '%Y %s %i' "$e" 2>/dev/null || echo "no $e")
	mk "$form --format ext4: a second run exits 0" 0 --format ext4 "$img/$form" "$e"
	check "$form --format ext4: a second run leaves the image alone" is "$before" stat -c '%Y %s %i' "$e"
done

# Usage errors: 2, with a message.
n_out=$((n_out + 1))
mkdir "$work/$n_out"
o=$work/$n_out/root
mk "no arguments: exits 2" 2 && check "no arguments: a rosetta-mkroot: message" prefixed
# IMAGE alone: the root goes into the cache, named by the manifest, and its path is printed.
ROSETTA_CACHE=$work/cache
export ROSETTA_CACHE
mk "IMAGE alone: exits 0" 0 "$img/busybox"
cached=$(cat "$out")
check "IMAGE alone: the root is in the cache's roots/ (got $cached)" sh -c "case '$cached' in '$work/cache/roots/'*) test -d '$cached/bin' ;; *) false ;; esac"
check "IMAGE alone: the root names its manifest" sh -c "head -n 1 '$cached/etc/rosetta-image.conf' | grep -q '^# rosetta-mkroot: manifest sha256:'"
mk "IMAGE alone, --format ext4: exits 2" 2 --format ext4 "$img/busybox"
unset ROSETTA_CACHE
mk "three arguments: exits 2" 2 "$img/busybox" "$o" extra
mk "an OUTPUT ending in '/': exits 2" 2 "$img/busybox" "$o/"
mk "an unknown option: exits 2" 2 --no-such-option "$img/busybox" "$o"
mk "--format tar: exits 2" 2 --format tar "$img/busybox" "$o"
mk "--format without its value: exits 2" 2 "$img/busybox" "$o" --format
check "no usage error made the output" sh -c "! test -e '$o'"
mk "a missing image: exits 1" 1 "$work/no-such-image" "$o" && check "a missing image: the message names it" said "$work/no-such-image"
mk "a missing tag: exits 1" 1 "$img/busybox:no-such-tag" "$o" && check "a missing tag: the message names it" said no-such-tag

# refused LABEL ENTRY RULE FORMAT IMAGE: exit 1, the message, nothing touched.
refused() {
	l=$1 named=$2 rule=$3 format=$4 image=$5
	n_out=$((n_out + 1))
	parent=$work/$n_out
	mkdir "$parent"
	echo sentinel >"$parent/sentinel"
	# shellcheck disable=SC2086
	rm -f $escapes
	printf 'target\n' >"$target"
	snap "$parent" >"$work/before"
	o=$parent/root
	[ "$format" = ext4 ] && o=$parent/root.ext4
	if mk "$l: exits 1" 1 --format "$format" "$image" "$o"; then
		check "$l: every stderr line starts 'rosetta-mkroot: '" prefixed
		check "$l: the message names '$named'" said "$named"
		check "$l: the message says the rule ($rule)" said_rule "$rule"
	fi
	snap "$parent" >"$work/after"
	check "$l: the output's parent is untouched" cmp -s "$work/before" "$work/after"
	check "$l: nothing was written outside (/tmp/rosetta-hostile-*)" sh -c \
		"! ls $escapes >/dev/null 2>&1 && [ \"\$(stat -c '%h %s' '$target')\" = '1 7' ]"
}

for form in busybox-arm64 busybox-arm64.oci.tar busybox-arm64.docker.tar; do
	refused "$form" arm64 'platform|amd64' dir "$img/$form"
done

python3 "$(dirname "$0")/hostile-images.py" "$hostile"
check "the hostile images are written to $hostile" test -s "$hostile/CASES"
while IFS='	' read -r case named rule; do
	refused "hostile $case" "$named" "$rule" dir "$hostile/$case"
	refused "hostile $case --format ext4" "$named" "$rule" ext4 "$hostile/$case"
	tar -cf "$work/$case.oci.tar" -C "$hostile/$case" .
	refused "hostile $case as an oci-archive" "$named" "$rule" dir "$work/$case.oci.tar"
done <"$hostile/CASES"
