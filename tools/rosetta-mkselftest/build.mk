# rosetta-mkselftest: writes the x86-64 self-test program at build time.
HOST_PROGS += rosetta-mkselftest
rosetta-mkselftest_SRCS := tools/rosetta-mkselftest/main.c
rosetta-mkselftest_ARCHIVES := librosetta

SELFTEST_PROG := $(BUILD)/selftest-x86_64
$(SELFTEST_PROG): $(BUILD)/host/rosetta-mkselftest
	$(BUILD)/host/rosetta-mkselftest $@
