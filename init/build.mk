# rosetta-init: PID 1 of the guest (guest flavor only).
GUEST_PROGS += rosetta-init
rosetta-init_SRCS := $(wildcard init/*.c) lib/contract.c $(LIBBINFMT_SRCS)

UNIT_TESTS += test_init_config
test_init_config_SRCS := tests/unit/test_init_config.c init/config.c lib/contract.c $(LIBBINFMT_SRCS)
test_init_config_LIBS := $(LIBBINFMT_LIBS)

UNIT_TESTS += test_init_config_file test_init_config_log
test_init_config_file_SRCS := tests/unit/test_init_config_file.c init/config.c lib/contract.c \
	init/config_file.c $(LIBBINFMT_SRCS)
test_init_config_file_LIBS := $(LIBBINFMT_LIBS)
test_init_config_log_SRCS := tests/unit/test_init_config_log.c init/log.c

# The root stage's checks and block device probing, on scratch trees and images.
UNIT_TESTS += test_init_root
test_init_root_SRCS := tests/unit/test_init_root.c init/root_check.c init/blockdev.c \
	init/failure.c lib/contract.c binfmt/elf.c binfmt/inroot.c
test_init_root_LIBS := $(shell pkg-config --libs blkid 2>/dev/null || echo -lblkid)

# docs/rosetta-init.8 against the command line table and the stage table.
UNIT_TESTS += test_docs_contract
test_docs_contract_SRCS := tests/unit/test_docs_contract.c init/config.c lib/contract.c \
	$(LIBBINFMT_SRCS)
test_docs_contract_LIBS := $(LIBBINFMT_LIBS)
