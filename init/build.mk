# rosetta-init: PID 1 of the guest (guest flavor only).
GUEST_PROGS += rosetta-init
rosetta-init_SRCS := $(wildcard init/*.c) $(LIBBINFMT_SRCS)

UNIT_TESTS += test_init_config
test_init_config_SRCS := tests/unit/test_init_config.c init/config.c $(LIBBINFMT_SRCS)
test_init_config_LIBS := $(LIBBINFMT_LIBS)
