#!/bin/sh
# binfmtctl load --root IMG resolves every path inside IMG, as if IMG were /:
# an image's absolute link to a file of the image is read, a relative link
# that climbs past IMG stays inside it (the host's files are never read), a
# binfmt.d directory that is a link is followed inside IMG, and a link to
# /dev/null still masks, as systemd-binfmt's conf_files_list does.
#
# Runs in a user and mount namespace on a private binfmt_misc
# (binfmtctl-ns.sh); the machine's binfmt_misc is never named.
#
# Usage: test_binfmtctl_root.sh BUILD
set -u
build=${1:?usage: $0 BUILD}
build=$(cd "$build" && pwd)
. "$(dirname "$0")/binfmtctl-ns.sh"

img=$work/img
host=$work/host

ns_setup

# One register string per file; magics no host program starts with.
entry() { # FILE NAME MAGIC
	mkdir -p "$(dirname "$1")"
	printf ':%s:M::%s::/bin/true:\n' "$2" "$3" >"$1"
}

make_image() {
	mkdir -p "$img/etc/binfmt.d" "$img/usr/lib/binfmt.d" "$img/run" "$img/bin" "$host"
	# Entries without F have their interpreter checked where their programs
	# will run: in the image.
	cp /bin/true "$img/bin/true"
	# An absolute link to a file of the image.
	entry "$img/opt/vendor/a.conf" t-vendor '\x41\x42\x43\x01'
	ln -s /opt/vendor/a.conf "$img/etc/binfmt.d/a.conf"
	# A relative link that climbs out of the image on the host, to a file
	# that exists there; inside the image it reaches the image's own file.
	entry "$host/b.conf" t-host '\x41\x42\x43\x02'
	entry "$img/host/b.conf" t-inside '\x41\x42\x43\x03'
	ln -s ../../../host/b.conf "$img/etc/binfmt.d/b.conf"
	# A link to /dev/null masks the file of the same name in /usr/lib, though
	# the image has no /dev/null.
	entry "$img/usr/lib/binfmt.d/c.conf" t-masked '\x41\x42\x43\x04'
	ln -s /dev/null "$img/etc/binfmt.d/c.conf"
	# A binfmt.d directory that is an absolute link into the image.
	entry "$img/srv/binfmt.d/d.conf" t-srv '\x41\x42\x43\x05'
	ln -s /srv/binfmt.d "$img/run/binfmt.d"
	# An absolute link to a file the host has and the image lacks: dangling
	# inside the image, so it masks; the host's file is not read.
	ln -s /etc/passwd "$img/etc/binfmt.d/e.conf"
}

t_load() {
	make_image
	run 0 ctl --root "$img" load
}

t_absolute_link() {
	has "$out" "t-vendor: added" && has "$D/t-vendor" "magic 41424301"
}

t_relative_link() {
	has "$out" "t-inside: added" && absent t-host && lacks "$out" t-host
}

t_dev_null() {
	absent t-masked
}

t_linked_dir() {
	has "$out" "t-srv: added"
}

t_host_file_unread() {
	lacks "$err" "passwd" && lacks "$err" "e.conf"
}

t "load --root: exit 0" t_load
t "an absolute link to /opt/vendor/a.conf is read inside the image" t_absolute_link
t "a relative ../../.. link stays inside the image, never reads the host's file" \
	t_relative_link
t "a link to /dev/null masks inside the image" t_dev_null
t "a binfmt.d directory that is an absolute link is followed inside the image" t_linked_dir
t "a link to a file only the host has masks, the host's file is not read" t_host_file_unread
