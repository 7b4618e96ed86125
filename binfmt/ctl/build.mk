# binfmtctl: the binfmt_misc command line tool, for the host and the guest: a
# main over libbinfmtctl (options, commands, output), and the unit tests of
# its parts.
ARCHIVES += libbinfmtctl
libbinfmtctl_SRCS := $(filter-out binfmt/ctl/main.c,$(wildcard binfmt/ctl/*.c))
BINFMTCTL_ARCHIVES := libbinfmtctl $(BINFMT_ARCHIVES)

HOST_PROGS += binfmtctl
GUEST_PROGS += binfmtctl
binfmtctl_SRCS := binfmt/ctl/main.c
binfmtctl_ARCHIVES := $(BINFMTCTL_ARCHIVES)

# Options, entry formatting and the libsmartcols output; the binfmt_misc
# directory operations on a scratch directory (the kernel's own is in
# tests/integration); rows of entries as list, show and conflicts read them,
# one not understood whole included.
BINFMTCTL_TESTS := test_binfmtctl_args test_binfmtctl_output test_binfmtctl_format \
	test_binfmtctl_fs test_binfmtctl_rows
UNIT_TESTS += $(BINFMTCTL_TESTS)
$(foreach t,$(BINFMTCTL_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(BINFMTCTL_TESTS),$(eval $(t)_ARCHIVES := $(BINFMTCTL_ARCHIVES)))
