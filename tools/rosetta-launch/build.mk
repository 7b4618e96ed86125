# rosetta-launch: the host launcher (qemu backend), a main over liblaunch, and
# the unit tests of its parts.
ARCHIVES += liblaunch
liblaunch_SRCS := $(filter-out %/main.c,$(wildcard tools/rosetta-launch/*.c))
# A raw root image's filesystem type, for rosetta.rootfstype.
liblaunch_LIBS := $(shell pkg-config --libs blkid 2>/dev/null || echo -lblkid)
LAUNCH_ARCHIVES := liblaunch libmkroot librosetta

HOST_PROGS += rosetta-launch
rosetta-launch_SRCS := tools/rosetta-launch/main.c
rosetta-launch_ARCHIVES := $(LAUNCH_ARCHIVES)

# Options, command lines, qemu's argv, the console, its non-blocking relay,
# the children, the host's files and sockets, the preflight checks, the outcome.
LAUNCH_TESTS := test_launch_options test_launch_cmdline test_launch_argv test_launch_console \
	test_launch_relay test_launch_children test_launch_host test_launch_preflight \
	test_launch_outcome test_launch_vfkit
UNIT_TESTS += $(LAUNCH_TESTS)
$(foreach t,$(LAUNCH_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(LAUNCH_TESTS),$(eval $(t)_ARCHIVES := $(LAUNCH_ARCHIVES)))

# The launcher's command lines, read by rosetta-init's own parser.
UNIT_TESTS += test_contract
test_contract_SRCS := tests/unit/test_contract.c
test_contract_ARCHIVES := liblaunch $(INIT_ARCHIVES)

# Runs the real binary (and itself as stand-ins for virtiofsd and qemu).
UNIT_TESTS += test_launch_cli
test_launch_cli_SRCS := tests/unit/test_launch_cli.c
$(BUILD)/unit/test_launch_cli: | $(BUILD)/host/rosetta-launch
