# Host programs the unit tests run.
TEST_HOST_PROGS += fake-translator
fake-translator_SRCS := tests/unit/fake-translator.c
$(BUILD)/unit/test_binfmt_sandbox: | $(BUILD)/test/fake-translator
