# Programs the integration tests run: a static aarch64 program that the host
# can only run through a binfmt_misc handler. It needs no library but libc,
# so it is built straight from the guest compiler, without the sysroot.
TEST_PROGS += test/hello-aarch64

$(BUILD)/test/hello-aarch64: tests/integration/hello-aarch64.c
	@mkdir -p $(@D)
	$(GUEST_CC) -static -Os $(WARN) -o $@ $<

# rosetta-init's register stage, built for the host, for test_init_register.sh.
STAGE_REGISTER_SRCS := tests/integration/stage-register.c init/register.c init/config.c \
	init/log.c init/failure.c $(LIBBINFMT_SRCS)
TEST_PROGS += test/stage-register

$(BUILD)/test/stage-register: $(STAGE_REGISTER_SRCS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(STAGE_REGISTER_SRCS) $(LIBBINFMT_LIBS)
