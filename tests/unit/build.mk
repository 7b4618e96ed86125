# What every unit test links after its own archives (mk/flavors.mk adds it):
# the scratch directory helper, which needs only libc and cmocka.
ARCHIVES += libunittest
libunittest_SRCS := tests/unit/scratch.c tests/unit/scratch_elf.c
UNIT_ARCHIVES += libunittest

# Host programs the unit tests run.
TEST_HOST_PROGS += fake-translator
fake-translator_SRCS := tests/unit/fake-translator.c
$(BUILD)/unit/test_binfmt_sandbox: | $(BUILD)/test/fake-translator

UNIT_TESTS += test_scratch
test_scratch_SRCS := tests/unit/test_scratch.c
test_scratch_ARCHIVES := librosetta
