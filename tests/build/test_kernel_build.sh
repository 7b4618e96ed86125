#!/bin/sh
# The minimal kernel of `make kernel` (kernel-config/build.sh): an arm64
# Image and its gzip'd form, a final .config holding every option of the
# fragments, an initramfs without modules, all built for the current inputs;
# and a cache key that changes with the fragments and the script.
build=${1:?usage: $0 BUILD}
script=kernel-config/build.sh
fix="(run: make kernel)"
. "$(dirname "$0")/../tap.sh"

check "build/Image is an arm64 kernel image $fix" \
	sh -c "file -bL '$build/Image' | grep -q 'Linux kernel ARM64 boot executable Image'"
check "build/Image.gz is the same kernel, gzip'd $fix" \
	sh -c "gzip -dc '$build/Image.gz' | cmp -s - '$build/Image'"
check "the kernel has no modules $fix" grep -qx '# CONFIG_MODULES is not set' "$build/kernel.config"

# Every option line of the fragments, as the final .config must have it.
missing=$(grep -h -E '^(CONFIG_|# CONFIG_.* is not set)' kernel-config/*.config | sort -u |
	grep -vxF -f "$build/kernel.config" | tr '\n' ' ')
check "every fragment option is in the final .config${missing:+ (not: $missing)} $fix" test -z "$missing"

check "initramfs-minimal carries no /lib/modules $fix" \
	sh -c "test -f '$build/initramfs-minimal.cpio.gz' && ! gzip -dc '$build/initramfs-minimal.cpio.gz' | cpio -it 2>/dev/null | grep -q '^lib/modules'"
check "initramfs-minimal has /init $fix" \
	sh -c "gzip -dc '$build/initramfs-minimal.cpio.gz' | cpio -it 2>/dev/null | grep -qx init"

is_key() { echo "$1" | grep -qx '[0-9a-f]\{16\}'; }
differ() { is_key "$1" && is_key "$2" && [ "$1" != "$2" ]; }
k=$(sh "$script" --print-key 2>/dev/null)
check "the cache key is 16 hex digits (got '$k')" is_key "$k"
check "the kernel was built for the current inputs, key $k $fix" \
	test "$k" = "$(cat "$build/kernel.key" 2>/dev/null)"

# A copy of the inputs, changed one at a time.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mk"
cp -r kernel-config "$work/"
cp mk/versions.sh mk/cache-dir.sh "$work/mk/"
copy_key() { sh "$work/$script" --print-key 2>/dev/null; }
check "a copy of the inputs has the same key" test "$k" = "$(copy_key)"
echo 'CONFIG_EXT2_FS=y' >>"$work/kernel-config/minimal.config"
check "the key changes with a fragment" differ "$k" "$(copy_key)"
cp kernel-config/minimal.config "$work/kernel-config/"
sed -i 's/^LINUX_SOURCE_VERSION=.*/LINUX_SOURCE_VERSION=6.1.999-1/' "$work/mk/versions.sh"
check "the key changes with the source version" differ "$k" "$(copy_key)"
cp mk/versions.sh "$work/mk/"
echo '# changed' >>"$work/$script"
check "the key changes with the script's content" differ "$k" "$(copy_key)"
