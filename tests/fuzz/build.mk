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
