# The guest's boot images, assembled from the guest binaries and the Debian
# packages downloaded by `make deps`:
#   build/vmlinuz              the arm64 kernel
#   build/initramfs.cpio.gz    /init, modules + modules.dep, the x86-64 tree at /x86,
#                              the x86-64 self-test program at /lib/rosetta/selftest,
#                              the guest tools (binfmtctl, rosetta-kconfig) in the tree's /usr/sbin
#   build/share/rosetta        the stand-in translator (qemu-x86_64-static, aarch64)
# and, from `make kernel`, the minimal kernel with everything built in:
#   build/Image, build/Image.gz, build/kernel.config   (kernel-config/build.sh)
#   build/initramfs-minimal.cpio.gz   the same initramfs without modules

PKGS := $(BUILD)/pkgs
INITRAMFS := $(BUILD)/initramfs.cpio.gz
KERNEL := $(BUILD)/vmlinuz
SHARE := $(BUILD)/share

# The native debug shell (Debian's aarch64 busybox-static as /bin/sh in the
# initramfs) for rosetta.break and rosetta.emergency=shell: on by default,
# `make DEBUG_SHELL=0` builds an image without it (about 1 MB smaller).
DEBUG_SHELL ?= 1
DEBUG_BUSYBOX := $(if $(filter 1,$(DEBUG_SHELL)),$(PKGS)/busybox-arm64/bin/busybox)

$(PKGS)/.stamp: rootfs/extract-debs.sh $(wildcard $(BUILD)/debs/*.deb)
	@sh rootfs/extract-debs.sh $(BUILD)/debs $(PKGS)
	@touch $@

$(KERNEL): $(PKGS)/.stamp
	cp $$(ls $(PKGS)/kernel/boot/vmlinuz-* | head -n 1) $@

# Switching DEBUG_SHELL rebuilds the image.
$(BUILD)/.debug-shell-$(DEBUG_SHELL):
	@rm -f $(BUILD)/.debug-shell-*
	@mkdir -p $(@D) && touch $@

$(BUILD)/x86/.stamp: rootfs/x86-tree.sh rootfs/busybox-links.sh $(PKGS)/.stamp
	@sh rootfs/x86-tree.sh $(PKGS)/busybox/bin/busybox $(BUILD)/x86
	@touch $@

$(SHARE)/rosetta: rootfs/share.sh $(PKGS)/.stamp
	@sh rootfs/share.sh $(PKGS)/qemu/usr/bin/qemu-x86_64-static $(SHARE)

# Guest tools placed in the x86-64 tree's /usr/sbin.
GUEST_TOOLS := $(addsuffix .stripped,$(addprefix $(BUILD)/guest/,$(filter-out rosetta-init,$(GUEST_PROGS))))

INITRAMFS_INPUTS := rootfs/initramfs.sh rootfs/busybox-links.sh $(BUILD)/guest/rosetta-init.stripped \
	$(SELFTEST_PROG) $(BUILD)/x86/.stamp $(GUEST_TOOLS) $(BUILD)/.debug-shell-$(DEBUG_SHELL)
# $(call stage_initramfs,KERNELDIR,MODULES_LIST): stage $(@D).
stage_initramfs = @DEBUG_BUSYBOX=$(DEBUG_BUSYBOX) sh rootfs/initramfs.sh $(BUILD)/guest/rosetta-init.stripped \
	$(SELFTEST_PROG) $(1) $(BUILD)/x86 $(2) $(@D) $(GUEST_TOOLS)

$(BUILD)/initramfs.d/init: $(INITRAMFS_INPUTS) rootfs/modules.list
	$(call stage_initramfs,$(PKGS)/kernel,rootfs/modules.list)

$(BUILD)/initramfs-minimal.d/init: $(INITRAMFS_INPUTS)
	$(call stage_initramfs,-,-)

# initramfs.cpio.gz from initramfs.d, initramfs-minimal.cpio.gz from initramfs-minimal.d.
$(BUILD)/initramfs%cpio.gz: $(BUILD)/initramfs%d/init rootfs/initramfs.spec $(BUILD)/host/rosetta-mkinitramfs
	$(BUILD)/host/rosetta-mkinitramfs --spec rootfs/initramfs.spec -o $@ $(<D)

rootfs: $(KERNEL) $(INITRAMFS) $(SHARE)/rosetta

# The minimal kernel is cached outside the clone (mk/cache-dir.sh); the
# script's key check is its stamp, as for the Debian tree below.
kernel: $(BUILD)/initramfs-minimal.cpio.gz
	@JOBS=$(JOBS) sh kernel-config/build.sh $(BUILD)

.PHONY: rootfs kernel

# A Debian bookworm amd64 tree (minbase + python3-minimal) and its ext4 image,
# made by mmdebstrap (root) and cached outside the clone (mk/cache-dir.sh),
# keyed by every input; build/trees/ holds symlinks to the cache entry.
# No stamp: the script's own key check is the stamp (a cache hit takes well
# under a second), and it also sees DEBIAN_SUITE, DEBIAN_PACKAGES and
# DEBIAN_SOURCES change and a cleared cache. Rules that need to rebuild when
# the tree changes can depend on $(BUILD)/trees/debian-amd64.key, rewritten
# only then.
debian-amd64:
	@sh rootfs/debian-amd64.sh $(BUILD)/trees

# A Debian bookworm arm64 systemd image (minbase + systemd-sysv, udev, dbus)
# with the amd64 tree above copied in at /srv/x86-64, built the same way; on
# an x86-64 machine its maintainer scripts run through qemu-aarch64-static
# registered in a private binfmt_misc (rootfs/with-aarch64-binfmt.sh), never
# the machine's. DEBIAN_ARM64_DEBS=PATHS installs .deb files too (the
# rosetta-guest package), each part of the key by its content.
debian-arm64: debian-amd64
	@sh rootfs/debian-arm64.sh $(BUILD)/trees

.PHONY: debian-amd64 debian-arm64

# Container images for the tests of rosetta-mkroot and rosetta-launch, made
# by umoci and skopeo (rootfs/images.sh) and cached outside the clone like
# the trees: build/images/NAME (OCI layout, tag latest), NAME.oci.tar and
# NAME.docker.tar for busybox, exit3, busybox-arm64, multiarch (an index
# of the last two; no docker form) and, from test-images-debian, debian (the
# Debian amd64 tree as one layer). build/images/hostile/ holds the
# hand-written hostile ones (tests/integration/hostile-images.py), which the
# tests rewrite. No stamps: the script's key check is (a cache hit takes
# well under a second).
test-images:
	@sh rootfs/images.sh busybox $(BUILD)
	@python3 tests/integration/hostile-images.py $(BUILD)/images/hostile

test-images-debian: debian-amd64
	@sh rootfs/images.sh debian $(BUILD)

.PHONY: test-images test-images-debian
