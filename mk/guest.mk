# Guest flavor: the sysroot of static aarch64 musl libraries built from
# Debian's source packages, which every guest object is compiled against.

SYSROOT_STAMP := $(SYSROOT)/.built-$(shell cksum < mk/versions.sh | cut -d' ' -f1)

$(UAPI)/.stamp: mk/uapi-headers.sh
	@sh mk/uapi-headers.sh $(UAPI)
	@touch $@

$(SYSROOT_STAMP): mk/build-libs.sh mk/versions.sh $(UAPI)/.stamp
	@rm -f $(SYSROOT)/.built-*
	CC=$(GUEST_CC) AR=$(GUEST_AR) HOST=$(GUEST_HOST_TRIPLET) JOBS=$(JOBS) \
		sh mk/build-libs.sh $(BUILD)/src $(BUILD)/aarch64/libsrc $(SYSROOT) $(UAPI)
	@touch $@

sysroot: $(SYSROOT_STAMP)

.PHONY: sysroot
