# The guest's boot images, assembled from the guest binaries and the Debian
# packages downloaded by `make deps`:
#   build/vmlinuz              the arm64 kernel
#   build/initramfs.cpio.gz    /init, modules + modules.dep, the x86-64 tree at /x86,
#                              the x86-64 self-test program at /lib/rosetta/selftest,
#                              the guest tools (binfmtctl) in the tree's /usr/sbin
#   build/share/rosetta        the stand-in translator (qemu-x86_64-static, aarch64)

PKGS := $(BUILD)/pkgs
INITRAMFS := $(BUILD)/initramfs.cpio.gz
KERNEL := $(BUILD)/vmlinuz
SHARE := $(BUILD)/share

$(PKGS)/.stamp: rootfs/extract-debs.sh $(wildcard $(BUILD)/debs/*.deb)
	@sh rootfs/extract-debs.sh $(BUILD)/debs $(PKGS)
	@touch $@

$(KERNEL): $(PKGS)/.stamp
	cp $$(ls $(PKGS)/kernel/boot/vmlinuz-* | head -n 1) $@

$(BUILD)/x86/.stamp: rootfs/x86-tree.sh $(PKGS)/.stamp
	@sh rootfs/x86-tree.sh $(PKGS)/busybox/bin/busybox $(BUILD)/x86
	@touch $@

$(SHARE)/rosetta: rootfs/share.sh $(PKGS)/.stamp
	@sh rootfs/share.sh $(PKGS)/qemu/usr/bin/qemu-x86_64-static $(SHARE)

# Guest tools placed in the x86-64 tree's /usr/sbin.
GUEST_TOOLS := $(addsuffix .stripped,$(addprefix $(BUILD)/guest/,$(filter-out rosetta-init,$(GUEST_PROGS))))

$(BUILD)/initramfs.d/init: rootfs/initramfs.sh rootfs/modules.list \
		$(BUILD)/guest/rosetta-init.stripped $(SELFTEST_PROG) $(BUILD)/x86/.stamp $(GUEST_TOOLS)
	@sh rootfs/initramfs.sh $(BUILD)/guest/rosetta-init.stripped $(SELFTEST_PROG) \
		$(PKGS)/kernel $(BUILD)/x86 rootfs/modules.list $(BUILD)/initramfs.d $(GUEST_TOOLS)

$(INITRAMFS): $(BUILD)/initramfs.d/init rootfs/initramfs.spec $(BUILD)/host/rosetta-mkinitramfs
	$(BUILD)/host/rosetta-mkinitramfs --spec rootfs/initramfs.spec -o $@ $(BUILD)/initramfs.d

rootfs: $(KERNEL) $(INITRAMFS) $(SHARE)/rosetta

.PHONY: rootfs
