# Tests: `make check` runs every tier and ends with "N passed, N failed".

# Seconds each fuzz target runs: short in check, long in `make fuzz`.
FUZZ_SECONDS ?= 10

check: deps
	@$(MAKE) --no-print-directory all kernel deb unit-build fuzz-build test-progs debian-amd64 debian-arm64 \
		test-images test-images-debian bench-image
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/run $(BUILD)

# `make fuzz`: each target runs FUZZ_RUNS inputs (10^7 by default; about 3
# to 6 minutes each on 2 cores), from its seeds and Debian's handler files.
FUZZ_RUNS ?= 10000000
fuzz: fuzz-build rootfs
	@FUZZ_RUNS=$(FUZZ_RUNS) sh tests/run $(BUILD) fuzz

integration: host test-progs test-images
	@sh tests/run $(BUILD) integration

unit: unit-build
	@sh tests/run $(BUILD) unit

e2e: all kernel deb debian-amd64 debian-arm64 test-images test-images-debian bench-image
	@sh tests/run $(BUILD) e2e

# Programs the tests run: TEST_HOST_PROGS (mk/flavors.mk), or
# TEST_PROGS += path under $(BUILD) with a rule of its own.
test-progs: $(addprefix $(BUILD)/,$(TEST_PROGS))

.PHONY: check unit e2e fuzz integration test-progs
