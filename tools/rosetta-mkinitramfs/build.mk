# rosetta-mkinitramfs: reproducible newc cpio (initramfs) writer, a main over
# libmkinitramfs, and its unit tests.
ARCHIVES += libmkinitramfs
libmkinitramfs_SRCS := $(filter-out %/main.c,$(wildcard tools/rosetta-mkinitramfs/*.c))
MKINITRAMFS_ARCHIVES := libmkinitramfs librosetta

HOST_PROGS += rosetta-mkinitramfs
rosetta-mkinitramfs_SRCS := tools/rosetta-mkinitramfs/main.c
rosetta-mkinitramfs_ARCHIVES := $(MKINITRAMFS_ARCHIVES)

MKINITRAMFS_TESTS := test_cpio test_mkinitramfs_spec test_mkinitramfs_tree \
	test_mkinitramfs_output test_mkinitramfs_tmpfile test_mkinitramfs_options
UNIT_TESTS += $(MKINITRAMFS_TESTS)
$(foreach t,$(MKINITRAMFS_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(MKINITRAMFS_TESTS),$(eval $(t)_ARCHIVES := $(MKINITRAMFS_ARCHIVES)))

# Runs the real binary.
UNIT_TESTS += test_mkinitramfs_cli
test_mkinitramfs_cli_SRCS := tests/unit/test_mkinitramfs_cli.c
$(BUILD)/unit/test_mkinitramfs_cli: | $(BUILD)/host/rosetta-mkinitramfs
