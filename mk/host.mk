# Host flavor: tools that run on the build machine, and the unit tests
# (ASan + UBSan, cmocka).

$(BUILD)/obj/host/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/unit/%.o: %.c
	@mkdir -p $(@D)
	$(HOST_CC) $(UNIT_CFLAGS) -MMD -MP -c -o $@ $<

define host_prog
$(BUILD)/host/$(1): $$(patsubst %.c,$(BUILD)/obj/host/%.o,$$($(1)_SRCS))
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(HOST_LDFLAGS) -o $$@ $$^ $$($(1)_LIBS)
endef
$(foreach p,$(HOST_PROGS),$(eval $(call host_prog,$(p))))

define unit_test
$(BUILD)/unit/$(1): $$(patsubst %.c,$(BUILD)/obj/unit/%.o,$$($(1)_SRCS))
	@mkdir -p $$(@D)
	$$(HOST_CC) $$(UNIT_LDFLAGS) -o $$@ $$^ $$($(1)_LIBS) $$(UNIT_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test,$(t))))

# Fuzz targets: clang with libFuzzer, ASan and UBSan. FUZZ_TARGETS += NAME
# with NAME_SRCS; NAME.c defines LLVMFuzzerTestOneInput.
FUZZ_CC ?= clang
FUZZ_FLAGS := -std=gnu11 -D_GNU_SOURCE -I. -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all

define fuzz_target
$(BUILD)/fuzz/$(1): $$($(1)_SRCS) $$(wildcard binfmt/*.h tests/fuzz/*.h)
	@mkdir -p $$(@D)
	$$(FUZZ_CC) $$(FUZZ_FLAGS) -o $$@ $$(filter %.c,$$^) $$($(1)_LIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_target,$(t))))

host: $(addprefix $(BUILD)/host/,$(HOST_PROGS))
fuzz-build: $(addprefix $(BUILD)/fuzz/,$(FUZZ_TARGETS))
unit-build: $(addprefix $(BUILD)/unit/,$(UNIT_TESTS))

.PHONY: host unit-build fuzz-build
-include $(shell find $(BUILD)/obj/host $(BUILD)/obj/unit -name '*.d' 2>/dev/null)
