# rosetta-init: PID 1 of the guest. libinit holds every stage, so that other
# programs and the tests call the same code; main.c is PID 1's own setup.
ARCHIVES += libinit
libinit_SRCS := $(filter-out init/main.c init/open_direct.c,$(wildcard init/*.c))
libinit_LIBS := $(MOUNT_LIBS)
INIT_ARCHIVES := libinit $(BINFMT_ARCHIVES)

GUEST_PROGS += rosetta-init
rosetta-init_SRCS := init/main.c init/open_direct.c
# Every open() of PID 1, musl's own included, is open_direct.c's.
rosetta-init_LDFLAGS := -Wl,--wrap=open
rosetta-init_ARCHIVES := $(INIT_ARCHIVES)

# The configuration readers and the log; the entry's workdir and user and the
# image config (on scratch roots); the root stage's checks and block
# device probing, on scratch trees and images; the self-test begun early,
# with the fake translator; the root's preloader and the children's
# reports; the key and stage tables against the man page.
INIT_TESTS := test_init_config test_init_config_file test_init_config_log test_init_root \
	test_init_config_image test_init_selftest_runner test_init_root_preload \
	test_init_child_report \
	test_docs_contract
UNIT_TESTS += $(INIT_TESTS)
$(foreach t,$(INIT_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(INIT_TESTS),$(eval $(t)_ARCHIVES := $(INIT_ARCHIVES)))
$(BUILD)/unit/test_init_selftest_runner: | $(BUILD)/test/fake-translator
