# libFuzzer targets for libbinfmt's parsers (built by `make fuzz-build` into
# build/fuzz/, run from a copy of tests/fuzz/corpus/NAME by tests/run).
FUZZ_TARGETS += fuzz_register fuzz_binfmtd fuzz_update_binfmts fuzz_status
fuzz_register_SRCS := tests/fuzz/fuzz_register.c tests/fuzz/fuzz_common.c $(LIBBINFMT_SRCS)
fuzz_binfmtd_SRCS := tests/fuzz/fuzz_binfmtd.c tests/fuzz/fuzz_common.c $(LIBBINFMT_SRCS)
fuzz_update_binfmts_SRCS := tests/fuzz/fuzz_update_binfmts.c tests/fuzz/fuzz_common.c \
	$(LIBBINFMT_SRCS)
fuzz_status_SRCS := tests/fuzz/fuzz_status.c tests/fuzz/fuzz_common.c $(LIBBINFMT_SRCS)
fuzz_register_LIBS := $(LIBBINFMT_LIBS)
fuzz_binfmtd_LIBS := $(LIBBINFMT_LIBS)
fuzz_update_binfmts_LIBS := $(LIBBINFMT_LIBS)
fuzz_status_LIBS := $(LIBBINFMT_LIBS)

# rosetta-init's configuration readers: the kernel command line (and the
# entry's word splitting) and /etc/rosetta-init.conf.
FUZZ_TARGETS += fuzz_cmdline fuzz_config_file
fuzz_cmdline_SRCS := tests/fuzz/fuzz_cmdline.c tests/fuzz/fuzz_config_checks.c init/config.c lib/contract.c $(LIBBINFMT_SRCS)
fuzz_cmdline_LIBS := $(LIBBINFMT_LIBS)
fuzz_config_file_SRCS := tests/fuzz/fuzz_config_file.c tests/fuzz/fuzz_config_checks.c init/config.c lib/contract.c init/config_file.c \
	$(LIBBINFMT_SRCS)
fuzz_config_file_LIBS := $(LIBBINFMT_LIBS)
# The fuzz rule depends on binfmt/ headers only; these read init/ ones too.
$(BUILD)/fuzz/fuzz_cmdline $(BUILD)/fuzz/fuzz_config_file: init/config.h init/config_file.h \
	tests/fuzz/fuzz_config_checks.h lib/contract.h
