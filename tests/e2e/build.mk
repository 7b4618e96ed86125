# Programs the e2e boots put on translator shares.

# Deliberately not static: the verify stage must refuse what has PT_INTERP.
$(BUILD)/test/dynamic-aarch64: tests/e2e/not-a-translator.c
	@mkdir -p $(@D)
	$(GUEST_CC) -Os -o $@ $<

# Static: passes verify, so the self-test must refuse it.
$(BUILD)/test/static-aarch64: tests/e2e/not-a-translator.c
	@mkdir -p $(@D)
	$(GUEST_CC) -Os -static -o $@ $<

TEST_PROGS += test/dynamic-aarch64 test/static-aarch64
