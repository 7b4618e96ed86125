# rosetta-mkinitramfs: reproducible newc cpio (initramfs) writer, and its unit tests.

HOST_PROGS += rosetta-mkinitramfs
# binfmt/source.c: the project's bounded, non-blocking whole-file reader, for --spec.
rosetta-mkinitramfs_SRCS := $(wildcard tools/rosetta-mkinitramfs/*.c) binfmt/source.c

MKINITRAMFS_LIB := $(filter-out %/main.c,$(wildcard tools/rosetta-mkinitramfs/*.c)) \
	binfmt/source.c

UNIT_TESTS += test_cpio test_mkinitramfs_spec test_mkinitramfs_tree test_mkinitramfs_output \
	test_mkinitramfs_tmpfile
test_cpio_SRCS := tests/unit/test_cpio.c tools/rosetta-mkinitramfs/cpio.c
test_mkinitramfs_spec_SRCS := tests/unit/test_mkinitramfs_spec.c $(MKINITRAMFS_LIB)
test_mkinitramfs_tree_SRCS := tests/unit/test_mkinitramfs_tree.c $(MKINITRAMFS_LIB)
test_mkinitramfs_output_SRCS := tests/unit/test_mkinitramfs_output.c $(MKINITRAMFS_LIB)
test_mkinitramfs_tmpfile_SRCS := tests/unit/test_mkinitramfs_tmpfile.c $(MKINITRAMFS_LIB)

# Runs the real binary. Order-only: the link rule links every normal prerequisite ($^), and
# the test only needs the binary built.
UNIT_TESTS += test_mkinitramfs_cli
test_mkinitramfs_cli_SRCS := tests/unit/test_mkinitramfs_cli.c
$(BUILD)/unit/test_mkinitramfs_cli: | $(BUILD)/host/rosetta-mkinitramfs
