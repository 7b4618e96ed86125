# The four builds of the same sources, and how a component becomes an archive
# and a program a main file linked with archives.
#
# A build.mk declares:
#   ARCHIVES += libNAME       libNAME_SRCS := its files   libNAME_LIBS := system
#                             libraries it needs (-lseccomp), added to every link using it
#   GUEST_PROGS, HOST_PROGS, UNIT_TESTS, FUZZ_TARGETS, TEST_HOST_PROGS += NAME
#                             NAME_SRCS := the program's own files (its main)
#                             NAME_ARCHIVES := the archives it links, users before providers
#                             NAME_LIBS := system libraries of its own
#                             NAME_LDFLAGS := linker options of its own (guest programs)
#   UNIT_ARCHIVES += libNAME  archives every unit test links after its own
# Flavors: guest (static aarch64 musl), host (the build machine's tools), unit
# (ASan + UBSan, for cmocka tests), fuzz (clang, libFuzzer). Each compiles into
# $(BUILD)/obj/FLAVOR and archives into $(BUILD)/lib/FLAVOR; an archive is
# built in a flavor only when something of that flavor links it.

FLAVORS := guest host unit fuzz

guest_CC = $(GUEST_CC)
guest_CFLAGS = $(GUEST_CFLAGS)
guest_AR = $(GUEST_AR)
host_CC = $(HOST_CC)
host_CFLAGS = $(HOST_CFLAGS)
host_AR = ar
unit_CC = $(HOST_CC)
unit_CFLAGS = $(UNIT_CFLAGS)
unit_AR = ar
fuzz_CC = $(FUZZ_CC)
fuzz_CFLAGS = $(FUZZ_CFLAGS)
fuzz_AR = ar

# $(call objs,FLAVOR,SRCS), $(call archive_files,FLAVOR,NAMES)
objs = $(patsubst %.c,$(BUILD)/obj/$(1)/%.o,$(2))
archive_files = $(foreach a,$(2),$(BUILD)/lib/$(1)/$(a).a)
# $(call link_inputs,FLAVOR,PROG): what a link reads, in order.
link_inputs = $(call objs,$(1),$($(2)_SRCS)) $(call archive_files,$(1),$($(2)_ARCHIVES))
# $(call link_libs,PROG): its system libraries and its archives'.
link_libs = $($(1)_LIBS) $(foreach a,$($(1)_ARCHIVES),$($(a)_LIBS))

$(BUILD)/obj/guest/%.o: %.c $(SYSROOT_STAMP)
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c -o $@ $<

define compile_rule
$(BUILD)/obj/$(1)/%.o: %.c
	@mkdir -p $$(@D)
	$$($(1)_CC) $$($(1)_CFLAGS) -MMD -MP -c -o $$@ $$<
endef
$(foreach f,host unit fuzz,$(eval $(call compile_rule,$(f))))

define archive_rule
$(BUILD)/lib/$(1)/$(2).a: $(call objs,$(1),$($(2)_SRCS))
	@mkdir -p $$(@D)
	@rm -f $$@
	$$($(1)_AR) rcs $$@ $$^
endef
$(foreach f,$(FLAVORS),$(foreach a,$(ARCHIVES),$(eval $(call archive_rule,$(f),$(a)))))

# $(call link_rule,FLAVOR,OUTPUT DIR,PROG,LINK COMMAND PREFIX,TRAILING LIBS)
define link_rule
$(BUILD)/$(2)/$(3): $(call link_inputs,$(1),$(3))
	@mkdir -p $$(@D)
	$(4) -o $$@ $$^ $(5)
endef

# The guest's link map shows what each library costs in the static binary.
GUEST_MAP = -Wl,-Map,$@.map
$(foreach p,$(GUEST_PROGS),$(eval $(call link_rule,guest,guest,$(p),\
	$$(GUEST_CC) $$(GUEST_LDFLAGS) $$($(p)_LDFLAGS) $$(GUEST_MAP),$$(GUEST_LIBS))))
$(foreach p,$(HOST_PROGS),$(eval $(call link_rule,host,host,$(p),$$(HOST_CC) $$(HOST_LDFLAGS),\
	$(call link_libs,$(p)))))
$(foreach p,$(TEST_HOST_PROGS),$(eval $(call link_rule,host,test,$(p),\
	$$(HOST_CC) $$(HOST_LDFLAGS),$(call link_libs,$(p)))))
$(foreach t,$(UNIT_TESTS),$(eval $(t)_ARCHIVES += $(UNIT_ARCHIVES)))
$(foreach t,$(UNIT_TESTS),$(eval $(call link_rule,unit,unit,$(t),$$(HOST_CC) $$(UNIT_LDFLAGS),\
	$(call link_libs,$(t)) $$(UNIT_LIBS))))
$(foreach t,$(FUZZ_TARGETS),$(eval $(call link_rule,fuzz,fuzz,$(t),$$(FUZZ_CC) $$(FUZZ_LDFLAGS),\
	$(call link_libs,$(t)))))

$(BUILD)/guest/%.stripped: $(BUILD)/guest/%
	$(GUEST_STRIP) -o $@ $<

guest: $(addprefix $(BUILD)/guest/,$(GUEST_PROGS) $(addsuffix .stripped,$(GUEST_PROGS)))
host: $(addprefix $(BUILD)/host/,$(HOST_PROGS))
unit-build: $(addprefix $(BUILD)/unit/,$(UNIT_TESTS))
fuzz-build: $(addprefix $(BUILD)/fuzz/,$(FUZZ_TARGETS))
TEST_PROGS += $(addprefix test/,$(TEST_HOST_PROGS))

.PHONY: guest host unit-build fuzz-build
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
