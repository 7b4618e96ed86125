# libFuzzer targets (built by `make fuzz-build` into build/fuzz/, run from a
# copy of tests/fuzz/corpus/NAME by tests/run): libbinfmt's parsers, and
# rosetta-init's configuration readers (the kernel command line, the entry's
# word splitting and /etc/rosetta-init.conf), and rosetta-kconfig's parser of
# kernel configurations. rosettactl's readers of what the kernel hands a
# process (fuzz_rosettactl_probes) are declared with its archives, in
# tools/rosettactl/build.mk, which make reads after this file.
BINFMT_FUZZ := fuzz_register fuzz_binfmtd fuzz_update_binfmts fuzz_status
INIT_FUZZ := fuzz_cmdline fuzz_config_file
FUZZ_TARGETS += $(BINFMT_FUZZ) $(INIT_FUZZ)
$(foreach t,$(BINFMT_FUZZ),$(eval $(t)_SRCS := tests/fuzz/$(t).c tests/fuzz/fuzz_common.c))
$(foreach t,$(BINFMT_FUZZ),$(eval $(t)_ARCHIVES := $(BINFMT_ARCHIVES)))
$(foreach t,$(INIT_FUZZ),$(eval $(t)_SRCS := tests/fuzz/$(t).c tests/fuzz/fuzz_config_checks.c))
$(foreach t,$(INIT_FUZZ),$(eval $(t)_ARCHIVES := $(INIT_ARCHIVES)))

FUZZ_TARGETS += fuzz_kconfig
fuzz_kconfig_SRCS := tests/fuzz/fuzz_kconfig.c
fuzz_kconfig_ARCHIVES := $(KCONFIG_ARCHIVES)
