# rosetta-launch: the host launcher (qemu backend) and its unit tests.

HOST_PROGS += rosetta-launch
rosetta-launch_SRCS := $(wildcard tools/rosetta-launch/*.c) lib/contract.c

rosetta-launch_DIR := tools/rosetta-launch
# The option parser: getopt, the --share values, the rules between options, the contract.
LAUNCH_OPTIONS_SRCS := $(rosetta-launch_DIR)/options.c $(rosetta-launch_DIR)/share_arg.c \
	$(rosetta-launch_DIR)/config_check.c $(rosetta-launch_DIR)/error.c lib/contract.c

UNIT_TESTS += test_launch_options
test_launch_options_SRCS := tests/unit/test_launch_options.c $(LAUNCH_OPTIONS_SRCS)

UNIT_TESTS += test_launch_cmdline
test_launch_cmdline_SRCS := tests/unit/test_launch_cmdline.c $(rosetta-launch_DIR)/cmdline.c \
	$(LAUNCH_OPTIONS_SRCS)

UNIT_TESTS += test_launch_argv
test_launch_argv_SRCS := tests/unit/test_launch_argv.c $(rosetta-launch_DIR)/argv.c \
	$(rosetta-launch_DIR)/plan.c $(rosetta-launch_DIR)/accel.c $(rosetta-launch_DIR)/cmdline.c \
	$(LAUNCH_OPTIONS_SRCS)

UNIT_TESTS += test_launch_console
test_launch_console_SRCS := tests/unit/test_launch_console.c $(rosetta-launch_DIR)/console.c

# The console's way out: the non-blocking queue, the relay and the scanner behind it.
UNIT_TESTS += test_launch_relay
test_launch_relay_SRCS := tests/unit/test_launch_relay.c $(rosetta-launch_DIR)/relay.c \
	$(rosetta-launch_DIR)/outbuf.c $(rosetta-launch_DIR)/console.c

UNIT_TESTS += test_launch_children
test_launch_children_SRCS := tests/unit/test_launch_children.c \
	$(rosetta-launch_DIR)/children.c $(rosetta-launch_DIR)/process.c

UNIT_TESTS += test_launch_host
test_launch_host_SRCS := tests/unit/test_launch_host.c $(rosetta-launch_DIR)/host.c \
	$(rosetta-launch_DIR)/unixsock.c $(rosetta-launch_DIR)/rundir.c $(rosetta-launch_DIR)/process.c \
	$(rosetta-launch_DIR)/tty.c

# The preflight checks against real files: the option parser, the plan and the host.
UNIT_TESTS += test_launch_preflight
test_launch_preflight_SRCS := tests/unit/test_launch_preflight.c \
	$(rosetta-launch_DIR)/preflight.c $(rosetta-launch_DIR)/host.c $(rosetta-launch_DIR)/plan.c \
	$(rosetta-launch_DIR)/accel.c $(rosetta-launch_DIR)/cmdline.c $(LAUNCH_OPTIONS_SRCS)

# The launcher's command lines, read by rosetta-init's own parser.
UNIT_TESTS += test_contract
test_contract_SRCS := tests/unit/test_contract.c $(rosetta-launch_DIR)/cmdline.c \
	$(LAUNCH_OPTIONS_SRCS) init/config.c $(LIBBINFMT_SRCS)
test_contract_LIBS := $(LIBBINFMT_LIBS)

# Runs the real binary (and itself as stand-ins for virtiofsd and qemu). Order-only: the
# link rule links every normal prerequisite ($^), and the test only needs the binary built.
UNIT_TESTS += test_launch_cli
test_launch_cli_SRCS := tests/unit/test_launch_cli.c
$(BUILD)/unit/test_launch_cli: | $(BUILD)/host/rosetta-launch
