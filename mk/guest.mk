# Guest flavor: static aarch64 musl programs linked with the libraries built
# from Debian's source packages.

SYSROOT_STAMP := $(SYSROOT)/.built-$(shell cksum < mk/versions.sh | cut -d' ' -f1)

$(UAPI)/.stamp: mk/uapi-headers.sh
	@sh mk/uapi-headers.sh $(UAPI)
	@touch $@

$(SYSROOT_STAMP): mk/build-libs.sh mk/versions.sh $(UAPI)/.stamp
	@rm -f $(SYSROOT)/.built-*
	CC=$(GUEST_CC) HOST=$(GUEST_HOST_TRIPLET) JOBS=$(JOBS) \
		sh mk/build-libs.sh $(BUILD)/src $(BUILD)/aarch64/libsrc $(SYSROOT) $(UAPI)
	@touch $@

sysroot: $(SYSROOT_STAMP)

$(BUILD)/obj/guest/%.o: %.c $(SYSROOT_STAMP)
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

define guest_prog
$(BUILD)/guest/$(1): $$(patsubst %.c,$(BUILD)/obj/guest/%.o,$$($(1)_SRCS))
	@mkdir -p $$(@D)
	$$(GUEST_CC) $$(GUEST_LDFLAGS) -Wl,-Map,$$@.map -o $$@ $$^ $$(GUEST_LIBS)
$(BUILD)/guest/$(1).stripped: $(BUILD)/guest/$(1)
	$$(GUEST_STRIP) -o $$@ $$<
endef
$(foreach p,$(GUEST_PROGS),$(eval $(call guest_prog,$(p))))

guest: $(addprefix $(BUILD)/guest/,$(GUEST_PROGS) $(addsuffix .stripped,$(GUEST_PROGS)))

.PHONY: sysroot
-include $(shell find $(BUILD)/obj/guest -name '*.d' 2>/dev/null)
