# rosetta-mkinitramfs: reproducible newc cpio (initramfs) writer, and its unit tests.

HOST_PROGS += rosetta-mkinitramfs
rosetta-mkinitramfs_SRCS := $(wildcard tools/rosetta-mkinitramfs/*.c)

MKINITRAMFS_LIB := $(filter-out %/main.c,$(wildcard tools/rosetta-mkinitramfs/*.c))

UNIT_TESTS += test_cpio test_mkinitramfs_spec test_mkinitramfs_tree test_mkinitramfs_output
test_cpio_SRCS := tests/unit/test_cpio.c tools/rosetta-mkinitramfs/cpio.c
test_mkinitramfs_spec_SRCS := tests/unit/test_mkinitramfs_spec.c $(MKINITRAMFS_LIB)
test_mkinitramfs_tree_SRCS := tests/unit/test_mkinitramfs_tree.c $(MKINITRAMFS_LIB)
test_mkinitramfs_output_SRCS := tests/unit/test_mkinitramfs_output.c $(MKINITRAMFS_LIB)
