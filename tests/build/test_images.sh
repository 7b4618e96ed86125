#!/bin/sh
# The test images from `make test-images` and `make test-images-debian`
# (rootfs/images.sh) are what rosetta-mkroot's and rosetta-launch's tests
# take them for, in each of their forms (OCI layout, oci-archive,
# docker-save tar): platform, layer count, configuration; umoci's own unpack
# of busybox shows the whiteout and the opaque directory applied. The hostile
# image generator (tests/integration/hostile-images.py) writes layouts that
# are well formed down to the broken part.
build=${1:?usage: $0 BUILD}
img=$build/images
fix="(run: make test-images)"
. "$(dirname "$0")/../tap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# py EXPR: EXPR over the JSON on stdin, bound to j.
py() { python3 -c "import json, sys; j = json.load(sys.stdin); print($1)"; }
# conf REF EXPR: EXPR over the image configuration of skopeo's REF.
conf() { skopeo inspect --config "$1" 2>/dev/null | py "$2"; }
# is WANT CMD...: CMD's output is WANT.
is() {
	want=$1
	shift
	[ "$("$@")" = "$want" ]
}
forms() { # NAME: skopeo's references to each form of image NAME
	echo "oci:$img/$1:latest oci-archive:$img/$1.oci.tar docker-archive:$img/$1.docker.tar"
}

# image NAME ARCH LAYERS CMD-JSON [FIX]
image() {
	for ref in $(forms "$1"); do
		check "$ref is $2/linux ${5:-$fix}" is "$2 linux" conf "$ref" "j['architecture'], j['os']"
		check "$ref has $3 layers ${5:-$fix}" is "$3" \
			sh -c "skopeo inspect '$ref' 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)[\"Layers\"]))'"
		check "$ref runs $4 ${5:-$fix}" is "$4" conf "$ref" "json.dumps(j['config'].get('Cmd'))"
	done
}
image busybox amd64 3 '["/bin/sh", "-c", "echo hello from busybox; id -u; pwd"]'
image exit3 amd64 3 '["/bin/sh", "-c", "exit 3"]'
image busybox-arm64 arm64 1 '["/bin/busybox", "true"]'
image debian amd64 1 '["python3", "-c", "import platform; print(\"hello from python on\", platform.machine())"]' \
	"(run: make test-images-debian)"
for ref in $(forms busybox); do
	check "$ref sets Env, WorkingDir /srv and User 1000:1000" \
		is "['PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'GREETING=hello', 'IMAGE_NOTE=two words'] /srv 1000:1000" \
		conf "$ref" "j['config']['Env'], j['config']['WorkingDir'], j['config']['User']"
done

# The multi-platform index lists arm64 first, then amd64; skopeo picks each.
for ref in "oci:$img/multiarch:latest" "oci-archive:$img/multiarch.oci.tar"; do
	check "$ref is an image index of arm64 then amd64 $fix" is "linux/arm64 linux/amd64" \
		sh -c "skopeo inspect --raw '$ref' | python3 -c 'import json, sys; print(*(m[\"platform\"][\"os\"] + \"/\" + m[\"platform\"][\"architecture\"] for m in json.load(sys.stdin)[\"manifests\"]))'"
	for arch in amd64 arm64; do
		check "$ref offers $arch $fix" is "$arch" \
			sh -c "skopeo --override-arch $arch inspect --config '$ref' | python3 -c 'import json, sys; print(json.load(sys.stdin)[\"architecture\"])'"
	done
done

# umoci's unpack as the reference for what rosetta-mkroot must make of busybox.
root=$work/bundle/rootfs
umoci unpack --image "$img/busybox:latest" "$work/bundle" >/dev/null 2>&1
check "umoci unpacks busybox $fix" test -x "$root/bin/busybox"
check "busybox's /bin/busybox is an x86-64 ELF" sh -c "file -b '$root/bin/busybox' | grep -q 'ELF 64-bit LSB .*x86-64'"
check "busybox's /bin/sh is a hard link to /bin/busybox" test "$root/bin/sh" -ef "$root/bin/busybox"
check "busybox's /bin/ls is a symlink to ../bin/busybox" is ../bin/busybox readlink "$root/bin/ls"
check "busybox's second layer deleted /etc/motd" sh -c "test -f '$root/etc/passwd' && ! test -e '$root/etc/motd'"
check "busybox's opaque /opt/data holds only the last layer's entry" is new ls -A "$root/opt/data"
check "busybox's /home/user is 750 1000:1000" is "750 1000:1000" stat -c '%a %u:%g' "$root/home/user"
check "busybox's /home/user/note is 600 1000:1000" is "600 1000:1000" stat -c '%a %u:%g' "$root/home/user/note"
check "busybox's /tmp is 1777" is 1777 stat -c %a "$root/tmp"
check "busybox has no /srv (the unpacker makes the WorkingDir)" sh -c "! test -e '$root/srv'"

# The layers as written: whiteouts by umoci repack, the opaque one by umoci insert.
layers() { # LAYOUT: the layers' blob paths, in order
	m=$(py "j['manifests'][0]['digest'][7:]" <"$1/index.json")
	py "'\n'.join(l['digest'][7:] for l in j['layers'])" <"$1/blobs/sha256/$m" | sed "s|^|$1/blobs/sha256/|"
}
# GNU tar lists umoci insert's layer, then complains of its missing end blocks.
list() { { zcat "$1" | tar -t -P 2>/dev/null; } || true; }
# shellcheck disable=SC2046 # blob paths: no spaces
set -- $(layers "$img/busybox")
check "busybox's second layer is the whiteout etc/.wh.motd" is etc/.wh.motd list "$2"
check "busybox's third layer opens with the opaque whiteout of opt/data" \
	is "opt/data/.wh..wh..opq" sh -c "$(command -v zcat) '$3' | tar -t 2>/dev/null | head -n 1"

# The cache key.
key=$(sh rootfs/images.sh busybox "$build" --print-key 2>/dev/null)
check "build/images/busybox is the cache entry of the current inputs, $key $fix" \
	sh -c "readlink '$img/busybox' | grep -q '/images-src/$key/busybox\$'"
copy=$work/copy
mkdir -p "$copy/rootfs/images" "$copy/mk"
cp mk/cache-dir.sh "$copy/mk/"
cp rootfs/images.sh rootfs/debian-common.sh rootfs/busybox-links.sh "$copy/rootfs/"
cp rootfs/images/index.py "$copy/rootfs/images/"
copy_key() { sh "$copy/rootfs/images.sh" busybox "$build" --print-key 2>/dev/null; }
check "the cache key is the same from a copy of the scripts" is "$key" copy_key
echo '# changed' >>"$copy/rootfs/images.sh"
check "the cache key changes with the script" sh -c "k=\$(sh '$copy/rootfs/images.sh' busybox '$build' --print-key 2>/dev/null); [ -n \"\$k\" ] && [ \"\$k\" != '$key' ]"

# The hostile generator.
hz=$work/hostile
python3 tests/integration/hostile-images.py "$hz"
check "the generator lists 13 cases" is 13 sh -c "wc -l <'$hz/CASES'"
while IFS='	' read -r case _ rule; do
	check "hostile $case: skopeo reads its manifest" skopeo inspect --raw "oci:$hz/$case:latest"
	[ -n "$rule" ] || not_ok "hostile $case: no rule"
done <"$hz/CASES"
for case in dotdot absolute symlink-file symlink-dotdot-file symlink-hardlink hardlink-outside \
	hardlink-absolute bare-whiteout whiteout-dotdot; do
	named=$(grep "^$case	" "$hz/CASES" | cut -f2)
	check "hostile $case: its layer holds the entry $named" sh -c "zcat '$(layers "$hz/$case")' | tar -t -P | grep -qxF -- '$named'"
	check "hostile $case: skopeo reads its amd64 configuration" is amd64 conf "oci:$hz/$case:latest" "j['architecture']"
done
blob=$(layers "$hz/digest-mismatch")
check "hostile digest-mismatch: the layer's content differs from its digest" \
	sh -c "[ \"\$(sha256sum <'$blob' | cut -d' ' -f1)\" != '$(basename "$blob")' ]"
blob=$(layers "$hz/truncated-blob")
m=$(py "j['manifests'][0]['digest'][7:]" <"$hz/truncated-blob/index.json")
check "hostile truncated-blob: the layer is shorter than its descriptor says" \
	sh -c "[ \$(stat -c %s '$blob') -lt \$(python3 -c 'import json; print(json.load(open(\"$hz/truncated-blob/blobs/sha256/$m\"))[\"layers\"][0][\"size\"])') ]"
check "hostile digest-path: the layer's digest is a path" sh -c "grep -q 'sha256:\.\./' '$hz'/digest-path/blobs/sha256/*"
check "hostile arm64-only: its only manifest is arm64" is arm64 conf "oci:$hz/arm64-only:latest" "j['architecture']"
