#!/bin/sh
# Container images for the tests of rosetta-mkroot and rosetta-launch, made by
# the tools that make real ones: umoci builds each as an OCI layout (tag
# "latest"), skopeo converts it into an oci-archive and a docker-save tar.
#   SET busybox: OUTDIR/busybox     Debian's static amd64 busybox with its
#                                   applet links; three layers: the base, one
#                                   whiting out /etc/motd, one making /opt/data
#                                   opaque; Cmd, Env, WorkingDir /srv (absent
#                                   from the layers), User 1000:1000
#                OUTDIR/exit3       busybox with Cmd exiting 3
#                OUTDIR/busybox-arm64  the arm64 busybox, architecture arm64
#                OUTDIR/multiarch   an image index of busybox-arm64 and busybox
#                                   (rootfs/images/index.py), with its
#                                   oci-archive only: a docker-save tar holds
#                                   one platform
#   SET debian:  OUTDIR/debian      the Debian amd64 tree (make debian-amd64) as
#                                   one layer, Cmd python3
# each with NAME.oci.tar and NAME.docker.tar beside it, symlinks into the
# cache entry ROSETTA_CACHE/images-src/KEY, KEY a hash of every input: these
# scripts, the busybox packages or the Debian tree's key, umoci's and
# skopeo's versions. Each image's build time is printed.
#
# Usage: images.sh SET BUILD   build into BUILD/images, reading BUILD/debs and
#                            BUILD/trees
#        images.sh SET BUILD --print-key
. "$(dirname "$0")/debian-common.sh"

here=$(cd "$(dirname "$0")/images" && pwd)
set=${1:?usage: images.sh busybox|debian BUILD [--print-key]}
build=${2:?usage: images.sh busybox|debian BUILD [--print-key]}
out=$build/images
command -v umoci >/dev/null || die "umoci not found (run: make deps)"
command -v skopeo >/dev/null || die "skopeo not found (run: make deps)"

one_deb() { # ARCH -> the busybox-static package for ARCH
	set -- "$build"/debs/busybox-static_*_"$1".deb
	[ -f "$1" ] || die "no $(basename "$1") in $build/debs (run: make deps)"
	echo "$1"
}
sum() { sha256sum "$@" | cut -d' ' -f1 | paste -sd' ' -; }

case $set in
busybox)
	inputs="debs $(sum "$(one_deb amd64)" "$(one_deb arm64)")
links $(sum "$here/../busybox-links.sh")"
	;;
debian)
	tree=$build/trees/debian-amd64
	[ -d "$tree/usr/bin" ] || die "no Debian tree at $tree (run: make debian-amd64)"
	inputs="tree $(cat "$build/trees/debian-amd64.key")"
	;;
*) die "unknown image set $set (busybox or debian)" ;;
esac
inputs="set $set
$inputs
scripts $(sum "$0" "$here/index.py" "$debian_common")
$(umoci --version)
$(skopeo --version)"
key=$(debian_key "$inputs")
if [ "${3:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi

now() { date +%s.%N; }
# timed NAME COMMAND...: run and say how long it took.
timed() {
	t0=$(now)
	"$@"
	say "image $(basename "$2"): $(echo "$t0 $(now)" | awk '{printf "%.1f", $2 - $1}') s"
}

# layout DIR: an empty image DIR:latest for linux/amd64 and its unpacked
# bundle in DIR.bundle, whose rootfs the caller fills.
layout() {
	umoci init --layout "$1"
	umoci new --image "$1:latest"
	umoci unpack --image "$1:latest" "$1.bundle"
}
# repack DIR: one more layer, what changed in DIR.bundle/rootfs.
repack() { umoci repack --refresh-bundle --image "$1:latest" "$1.bundle"; }
# finish DIR ARG...: set the configuration (umoci config's options), drop
# the bundle and the blobs no tag uses.
finish() {
	d=$1
	shift
	umoci config --image "$d:latest" --os linux "$@"
	rm -rf "$d.bundle"
	umoci gc --layout "$d"
}
# archives DIR: DIR.oci.tar and DIR.docker.tar of DIR:latest.
archives() {
	skopeo --insecure-policy copy -q "oci:$1:latest" "oci-archive:$1.oci.tar:latest"
	skopeo --insecure-policy copy -q "oci:$1:latest" \
		"docker-archive:$1.docker.tar:rosetta-test/$(basename "$1"):latest"
}

# The base layer: busybox's applets as symlinks but /bin/sh a hard link,
# files with owners and modes to keep, /etc/motd for the next layer to
# delete and /opt/data for the last one to replace.
busybox_base() {
	r=$1
	sh "$here/../busybox-links.sh" "$2" "$r"
	ln -f "$r/bin/busybox" "$r/bin/sh"
	mkdir -p "$r/etc" "$r/tmp" "$r/root" "$r/home/user" "$r/opt/data/old"
	chmod 1777 "$r/tmp"
	chmod 0700 "$r/root"
	printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n' >"$r/etc/passwd"
	printf 'root:x:0:\nuser:x:1000:\n' >"$r/etc/group"
	echo 'deleted by the second layer' >"$r/etc/motd"
	echo 'hidden by the opaque /opt/data' >"$r/opt/data/old/file"
	echo 'hidden by the opaque /opt/data' >"$r/opt/data/old-file"
	echo 'owned by user' >"$r/home/user/note"
	chown -R 1000:1000 "$r/home/user"
	chmod 0750 "$r/home/user"
	chmod 0600 "$r/home/user/note"
}

busybox_image() { # DIR BUSYBOX
	layout "$1"
	busybox_base "$1.bundle/rootfs" "$2"
	repack "$1"
	# etc keeps its time, so the layer holds the whiteout alone: umoci repack
	# adds a directory whose time changed, and whether the deletion's time
	# falls in another second than the base's repack depends on the machine.
	touch -r "$1.bundle/rootfs/etc" "$1.etc-time"
	rm "$1.bundle/rootfs/etc/motd"
	touch -r "$1.etc-time" "$1.bundle/rootfs/etc"
	rm "$1.etc-time"
	repack "$1"
	# umoci insert --opaque is the tool that writes an opaque whiteout; its
	# layer lacks the tar's end blocks (umoci 0.4.7, fixed upstream by
	# PR 534), which docker's and libarchive's readers accept.
	mkdir "$1.opaque"
	echo 'the only entry of the opaque /opt/data' >"$1.opaque/new"
	umoci insert --image "$1:latest" --opaque "$1.opaque" /opt/data
	rm -r "$1.opaque"
	finish "$1" --architecture amd64 \
		--config.cmd /bin/sh --config.cmd -c --config.cmd 'echo hello from busybox; id -u; pwd' \
		--config.env PATH=/usr/sbin:/usr/bin:/sbin:/bin --config.env GREETING=hello \
		--config.env 'IMAGE_NOTE=two words' \
		--config.workingdir /srv --config.user 1000:1000
	archives "$1"
}

exit3_image() { # DIR BUSYBOX-DIR
	cp -a "$2" "$1"
	umoci config --image "$1:latest" --clear config.cmd \
		--config.cmd /bin/sh --config.cmd -c --config.cmd 'exit 3'
	umoci gc --layout "$1"
	archives "$1"
}

arm64_image() { # DIR BUSYBOX
	layout "$1"
	mkdir -p "$1.bundle/rootfs/bin"
	install -m 0755 "$2" "$1.bundle/rootfs/bin/busybox"
	repack "$1"
	finish "$1" --architecture arm64 --config.cmd /bin/busybox --config.cmd true
	archives "$1"
}

multiarch_image() { # DIR ARM64-DIR AMD64-DIR
	python3 "$here/index.py" "$1" "$2" "$3"
	skopeo --insecure-policy copy -q --all "oci:$1:latest" "oci-archive:$1.oci.tar:latest"
}

# Without /dev's nodes, as container images ship it.
debian_image() { # DIR TREE
	layout "$1"
	cp -a "$2/." "$1.bundle/rootfs/"
	find "$1.bundle/rootfs/dev" -mindepth 1 -delete
	repack "$1"
	finish "$1" --architecture amd64 \
		--config.cmd python3 --config.cmd -c \
		--config.cmd 'import platform; print("hello from python on", platform.machine())' \
		--config.env PATH=/usr/local/bin:/usr/bin:/bin --config.env LANG=C.UTF-8 \
		--config.workingdir /root
	archives "$1"
}

build_busybox() { # TMP
	debs=$1/debs
	mkdir -p "$debs/amd64" "$debs/arm64"
	dpkg-deb -x "$(one_deb amd64)" "$debs/amd64"
	dpkg-deb -x "$(one_deb arm64)" "$debs/arm64"
	timed busybox_image "$1/busybox" "$debs/amd64/bin/busybox"
	timed exit3_image "$1/exit3" "$1/busybox"
	timed arm64_image "$1/busybox-arm64" "$debs/arm64/bin/busybox"
	timed multiarch_image "$1/multiarch" "$1/busybox-arm64" "$1/busybox"
	rm -rf "$debs"
}

build_debian() { timed debian_image "$1/debian" "$tree"; }

build_set() { # TMP
	printf '%s\n' "$inputs" >"$1/inputs"
	"build_$set" "$1"
}

entry=$ROSETTA_CACHE/images-src/$key
[ -d "$entry" ] || debian_cache_build "$ROSETTA_CACHE/images-src" "$entry" build_set
mkdir -p "$out"
for p in "$entry"/*; do
	name=$(basename "$p")
	[ "$name" = inputs ] && continue
	rm -rf "${out:?}/$name"
	ln -s "$p" "$out/$name"
done
