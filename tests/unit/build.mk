# Host programs the unit tests run.

$(BUILD)/test/fake-translator: tests/unit/fake-translator.c binfmt/selftest.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $<

TEST_PROGS += test/fake-translator
$(BUILD)/unit/test_binfmt_sandbox: | $(BUILD)/test/fake-translator
