# libkconfig: rosetta-kconfig's library, which the guest's tools call too:
# reading a kernel configuration (plain or gzip, through zlib), judging it
# by the rules, the facts and the version warnings, and the report's
# columns. The rules are the fragments required.config and
# recommended.config, turned into C by rules.awk at build time, so that an
# option is written in one place only.
KCONFIG_FRAGMENTS := kernel-config/required.config kernel-config/recommended.config
KCONFIG_RULES_C := $(BUILD)/gen/kernel-config/rules.c

$(KCONFIG_RULES_C): kernel-config/rules.awk $(KCONFIG_FRAGMENTS)
	@mkdir -p $(@D)
	awk -f kernel-config/rules.awk $(KCONFIG_FRAGMENTS) >$@

ARCHIVES += libkconfig
libkconfig_SRCS := $(wildcard kernel-config/*.c) $(KCONFIG_RULES_C)
libkconfig_LIBS := $(ZLIB_LIBS)
KCONFIG_ARCHIVES := libkconfig librosetta

# Reading and parsing (plain, gzip, truncated, malformed, bounded); the
# verdicts, facts and warnings; the rules made from the fragments.
KCONFIG_TESTS := test_kconfig_parse test_kconfig_read test_kconfig_check test_kconfig_rules
UNIT_TESTS += $(KCONFIG_TESTS)
$(foreach t,$(KCONFIG_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(KCONFIG_TESTS),$(eval $(t)_ARCHIVES := $(KCONFIG_ARCHIVES)))
