# rosettactl: the guest's own debugging tool, built for the guest (the
# x86-64 tree's /usr/sbin) and for the host, where its checks run against
# fixture trees. A main over librosettactl (options, commands, checks,
# output), which calls libinit, libbinfmt and libkconfig rather than copy
# their checks.
ARCHIVES += librosettactl
librosettactl_SRCS := $(filter-out tools/rosettactl/main.c,$(wildcard tools/rosettactl/*.c))
librosettactl_LIBS := $(MOUNT_LIBS)
ROSETTACTL_ARCHIVES := librosettactl libinit libkconfig $(BINFMT_ARCHIVES)

HOST_PROGS += rosettactl
GUEST_PROGS += rosettactl
rosettactl_SRCS := tools/rosettactl/main.c
rosettactl_ARCHIVES := $(ROSETTACTL_ARCHIVES)

# The unit tests: the parser and the target; the probes' judging over
# fixture bytes; every doctor check failed and passed by a fixture tree
# (tests/unit/rosettactl_fixture.c: a healthy guest in a scratch directory).
ARCHIVES += librctlfixture
librctlfixture_SRCS := tests/unit/rosettactl_fixture.c
ROSETTACTL_TESTS := test_rosettactl_share test_rosettactl_entry test_rosettactl_kernel \
	test_rosettactl_system test_rosettactl_probes test_rosettactl_args
UNIT_TESTS += $(ROSETTACTL_TESTS)
$(foreach t,$(ROSETTACTL_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(ROSETTACTL_TESTS),$(eval $(t)_ARCHIVES := librctlfixture $(ROSETTACTL_ARCHIVES)))
$(BUILD)/unit/test_rosettactl_share: | $(BUILD)/test/fake-translator

# activate and deactivate's record and deactivate itself on a scratch
# binfmt_misc; the usage of test, bench, activate and deactivate.
RCTL_ACT_TESTS := test_rosettactl_activation test_rosettactl_act_args
UNIT_TESTS += $(RCTL_ACT_TESTS)
$(foreach t,$(RCTL_ACT_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c))
$(foreach t,$(RCTL_ACT_TESTS),$(eval $(t)_ARCHIVES := $(ROSETTACTL_ARCHIVES)))

# The readers of an aux vector and of a vDSO image, on any bytes
# (tests/fuzz/fuzz_rosettactl_probes.c).
FUZZ_TARGETS += fuzz_rosettactl_probes
fuzz_rosettactl_probes_SRCS := tests/fuzz/fuzz_rosettactl_probes.c
fuzz_rosettactl_probes_ARCHIVES := $(ROSETTACTL_ARCHIVES)
