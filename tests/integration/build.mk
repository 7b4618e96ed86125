# Programs the integration tests run: a static aarch64 program that the host
# can only run through a binfmt_misc handler. It needs no library but libc,
# so it is built straight from the guest compiler, without the sysroot.
TEST_PROGS += test/hello-aarch64

$(BUILD)/test/hello-aarch64: tests/integration/hello-aarch64.c
	@mkdir -p $(@D)
	$(GUEST_CC) -static -Os $(WARN) -o $@ $<

# rosetta-init's stages built for the host over libinit: the register stage
# (test_init_register.sh); the supervisor, services and shutdown, run as PID 1
# of a new PID namespace (test_supervise*.sh); the root and switch stages, in
# a mount namespace on a scratch initramfs (test_switchroot.sh).
TEST_HOST_PROGS += stage-register supervise-harness switchroot-harness
stage-register_SRCS := tests/integration/stage-register.c
supervise-harness_SRCS := tests/integration/supervise-harness.c
switchroot-harness_SRCS := tests/integration/switchroot-harness.c
$(foreach p,stage-register supervise-harness switchroot-harness,\
	$(eval $(p)_ARCHIVES := $(INIT_ARCHIVES)))
