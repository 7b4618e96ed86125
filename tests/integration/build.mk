# Programs the integration tests run: a static aarch64 program that the host
# can only run through a binfmt_misc handler. It needs no library but libc,
# so it is built straight from the guest compiler, without the sysroot.
TEST_PROGS += test/hello-aarch64

$(BUILD)/test/hello-aarch64: tests/integration/hello-aarch64.c
	@mkdir -p $(@D)
	$(GUEST_CC) -static -Os $(WARN) -o $@ $<

# rosetta-init's register stage, built for the host, for test_init_register.sh.
STAGE_REGISTER_SRCS := tests/integration/stage-register.c init/register.c init/config.c lib/contract.c \
	init/log.c init/failure.c $(LIBBINFMT_SRCS)
TEST_PROGS += test/stage-register

$(BUILD)/test/stage-register: $(STAGE_REGISTER_SRCS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(STAGE_REGISTER_SRCS) $(LIBBINFMT_LIBS)

# rosetta-init's stage run (supervisor, services, shutdown), built for the
# host, for test_supervise*.sh; run as PID 1 of a new PID namespace.
SUPERVISE_HARNESS_SRCS := tests/integration/supervise-harness.c init/run.c init/supervise.c \
	init/service.c init/service_cache.c init/exec.c init/shutdown.c init/console.c init/config.c lib/contract.c \
	init/config_file.c init/switchroot.c init/mount.c init/log.c init/failure.c $(LIBBINFMT_SRCS)
TEST_PROGS += test/supervise-harness

$(BUILD)/test/supervise-harness: $(SUPERVISE_HARNESS_SRCS) $(wildcard init/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(shell pkg-config --cflags mount 2>/dev/null) -o $@ \
		$(SUPERVISE_HARNESS_SRCS) $(LIBBINFMT_LIBS) \
		$(shell pkg-config --libs mount 2>/dev/null || echo -lmount)

# rosetta-init's root and switch stages, built for the host, for
# test_switchroot.sh; run in a mount namespace on a scratch initramfs.
SWITCHROOT_HARNESS_SRCS := tests/integration/switchroot-harness.c init/root.c init/root_check.c \
	init/blockdev.c init/modules.c init/switchroot.c init/mount.c init/config.c lib/contract.c \
	init/log.c init/failure.c $(LIBBINFMT_SRCS)
TEST_PROGS += test/switchroot-harness

$(BUILD)/test/switchroot-harness: $(SWITCHROOT_HARNESS_SRCS) $(wildcard init/*.h)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(shell pkg-config --cflags mount 2>/dev/null) -o $@ \
		$(SWITCHROOT_HARNESS_SRCS) $(LIBBINFMT_LIBS) \
		$(shell pkg-config --libs mount blkid libkmod 2>/dev/null || echo -lmount -lblkid -lkmod)
