# Tests: `make check` runs every tier and ends with "N passed, N failed".

check: deps
	@$(MAKE) --no-print-directory all unit-build
	@sh tests/run $(BUILD)

unit: unit-build
	@sh tests/run $(BUILD) unit

e2e: all
	@sh tests/run $(BUILD) e2e

.PHONY: check unit e2e
