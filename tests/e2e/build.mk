# Programs the e2e boots put on translator shares.

# Deliberately not static: the verify stage must refuse what has PT_INTERP.
$(BUILD)/test/dynamic-aarch64: tests/e2e/dynamic-aarch64.c
	@mkdir -p $(@D)
	$(GUEST_CC) -Os -o $@ $<

TEST_PROGS += test/dynamic-aarch64
