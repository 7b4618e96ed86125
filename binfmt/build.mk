# libbinfmt: binfmt_misc entries, configuration file parsers, operations on
# a mounted binfmt_misc, and ELF checks for interpreters.
ARCHIVES += libbinfmt
libbinfmt_SRCS := $(wildcard binfmt/*.c)
libbinfmt_LIBS := $(SECCOMP_LIBS)
BINFMT_ARCHIVES := libbinfmt librosetta

# Every tests/unit/test_binfmt_*.c is a unit test of the library.
BINFMT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_binfmt_*.c))
UNIT_TESTS += $(BINFMT_TESTS)
$(foreach t,$(BINFMT_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(BINFMT_TESTS),$(eval $(t)_ARCHIVES := $(BINFMT_ARCHIVES)))

# The qemu files test reads Debian's qemu-user-static as the build unpacks
# it. PKGS (mk/rootfs.mk) is not defined yet when this file is read, and
# make expands prerequisites as it reads them, so the path is spelled out.
$(BUILD)/unit/test_binfmt_qemu_files: | $(BUILD)/pkgs/.stamp
