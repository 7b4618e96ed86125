# libbinfmt: binfmt_misc entries, configuration file parsers, operations on
# a mounted binfmt_misc, and ELF checks for interpreters. Every
# tests/unit/test_binfmt_*.c is a unit test linked with the whole library.
LIBBINFMT_SRCS := $(wildcard binfmt/*.c)
LIBBINFMT_LIBS := $(shell pkg-config --libs libseccomp 2>/dev/null || echo -lseccomp)

BINFMT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_binfmt_*.c))
UNIT_TESTS += $(BINFMT_TESTS)
$(foreach t,$(BINFMT_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c $(LIBBINFMT_SRCS)))
$(foreach t,$(BINFMT_TESTS),$(eval $(t)_LIBS := $(LIBBINFMT_LIBS)))

# The qemu files test reads Debian's qemu-user-static as the build unpacks
# it. PKGS (mk/rootfs.mk) is not defined yet when this file is read, and
# make expands prerequisites as it reads them, so the path is spelled out.
$(BUILD)/unit/test_binfmt_qemu_files: | $(BUILD)/pkgs/.stamp
