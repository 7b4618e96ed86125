#!/bin/sh
# rosetta-launch --image: x86-64 container images made by umoci and skopeo
# (make test-images, make test-images-debian) booted in a fresh guest, in
# each of the three forms an image comes in: the image's own command, Env,
# WorkingDir and User, or a command given after --; the entry's status is the
# launcher's. A refused image never boots. The busybox image is unpacked into
# a cache of the test's own (cold, then found there); the Debian image uses
# the machine's cache, as a user's second launch would.
. "$(dirname "$0")/lib.sh"

images=$build/images
work=$(mktemp -d "$logdir/image.XXXXXX")
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/../../mk/cache-dir.sh"
machine_cache=$ROSETTA_CACHE
export ROSETTA_CACHE=$work/cache

for f in busybox/index.json busybox.docker.tar exit3.oci.tar debian/index.json \
	hostile/dotdot/index.json busybox-arm64.oci.tar; do
	if [ ! -e "$images/$f" ]; then
		not_ok "the test images exist (run: make test-images test-images-debian)"
		exit 0
	fi
done

# A launch that must fail before any guest starts.
expect_not_booted() { # DESCRIPTION
	if grep -q 'rosetta-init\|Linux version' "$log.txt"; then
		not_ok "$name: $1"
		show_log
	else
		ok "$name: $1"
	fi
}

boot image-busybox "$share" --verbose --image "$images/busybox:latest"
expect_status 0 "the image's command exits 0"
expect_line "hello from busybox"
expect_line "1000"
expect_line "/srv"
expect_text "(unpacked in" "a new cache: the image is unpacked"
expect_no_panic

boot image-busybox-again "$share" --verbose --image "$images/busybox"
expect_status 0 "the image's command exits 0 again"
expect_text "(cached in" "the second launch finds the root in the cache"
expect_line "hello from busybox"

boot image-docker-archive "$share" --image "$images/busybox.docker.tar" \
	-- /bin/sh -c 'echo $GREETING, $IMAGE_NOTE, $(id -u):$(id -g), $(pwd); exit 7'
expect_status 7 "a command after -- runs instead, and its status is the launcher's"
expect_line "hello, two words, 1000:1000, /srv"

boot image-exit3 "$share" --image "$images/exit3.oci.tar"
expect_status 3 "an entry that exits 3 makes the launcher exit 3"

ROSETTA_CACHE=$machine_cache
boot image-debian "$share" --image "$images/debian"
expect_status 0 "the Debian image's python3 command exits 0"
expect_line "hello from python on x86_64"
boot image-debian-status "$share" --image "$images/debian" \
	-- /usr/bin/python3 -c "import platform, sys; print('machine:', platform.machine()); sys.exit(4)"
expect_status 4 "python3's exit status comes back"
expect_line "machine: x86_64"

ROSETTA_CACHE=$work/cache
boot image-hostile "$share" --image "$images/hostile/dotdot"
expect_status 125 "a hostile layer: the launcher fails"
expect_text "../rosetta-hostile-dotdot" "the message names the entry"
expect_not_booted "a hostile image never boots"

boot image-arm64 "$share" --image "$images/busybox-arm64.oci.tar"
expect_status 125 "an arm64-only image: the launcher fails"
expect_text "no linux/amd64 manifest" "the message says the platform is missing"
expect_not_booted "an arm64-only image never boots"
