# binfmtctl: the binfmt_misc command line tool, for the host and the guest,
# and the unit tests of its pure parts (options, JSON, entry formatting).
BINFMTCTL_SRCS := $(wildcard binfmt/ctl/*.c)

HOST_PROGS += binfmtctl
GUEST_PROGS += binfmtctl
binfmtctl_SRCS := $(BINFMTCTL_SRCS) $(LIBBINFMT_SRCS)
binfmtctl_LIBS := $(LIBBINFMT_LIBS)

UNIT_TESTS += test_binfmtctl_args test_binfmtctl_json test_binfmtctl_format
test_binfmtctl_args_SRCS := tests/unit/test_binfmtctl_args.c binfmt/ctl/args.c
test_binfmtctl_json_SRCS := tests/unit/test_binfmtctl_json.c binfmt/ctl/json.c
test_binfmtctl_format_SRCS := tests/unit/test_binfmtctl_format.c binfmt/ctl/format.c \
	binfmt/ctl/json.c $(LIBBINFMT_SRCS)
test_binfmtctl_format_LIBS := $(LIBBINFMT_LIBS)

# The binfmt_misc directory operations binfmtctl builds on, on a scratch
# directory (the kernel's own is in tests/integration/test_binfmtctl.sh).
UNIT_TESTS += test_binfmtctl_fs
test_binfmtctl_fs_SRCS := tests/unit/test_binfmtctl_fs.c $(LIBBINFMT_SRCS)
test_binfmtctl_fs_LIBS := $(LIBBINFMT_LIBS)

# Rows of entries as list, show and conflicts read them, an entry not
# understood whole included, on a scratch directory.
UNIT_TESTS += test_binfmtctl_rows
test_binfmtctl_rows_SRCS := tests/unit/test_binfmtctl_rows.c binfmt/ctl/context.c \
	binfmt/ctl/report.c binfmt/ctl/format.c binfmt/ctl/json.c $(LIBBINFMT_SRCS)
test_binfmtctl_rows_LIBS := $(LIBBINFMT_LIBS)
