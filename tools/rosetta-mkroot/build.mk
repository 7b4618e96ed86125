# rosetta-mkroot: an x86-64 container image (OCI layout, oci-archive, docker
# save) made into a root tree for the guest. Host only: libarchive reads the
# layers, jansson the JSON, nettle checks every blob's SHA-256.
ARCHIVES += libmkroot
libmkroot_SRCS := $(filter-out %/main.c,$(wildcard tools/rosetta-mkroot/*.c))
libmkroot_LIBS := $(shell pkg-config --libs libarchive jansson nettle 2>/dev/null || \
	echo -larchive -ljansson -lnettle)
# libbinfmt for binfmt_open_in_root: the image's files are read inside the root.
MKROOT_ARCHIVES := libmkroot librosetta

# Every tests/unit/test_mkroot_*.c is a unit test of libmkroot, with the test
# images of mkroot_fixture.c (hand-written layouts, docker saves and tars).
MKROOT_TESTS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_mkroot_*.c))
UNIT_TESTS += $(MKROOT_TESTS)
$(foreach t,$(MKROOT_TESTS),$(eval $(t)_SRCS := tests/unit/$(t).c tests/unit/mkroot_fixture.c))
$(foreach t,$(MKROOT_TESTS),$(eval $(t)_ARCHIVES := $(MKROOT_ARCHIVES)))

HOST_PROGS += rosetta-mkroot
rosetta-mkroot_SRCS := tools/rosetta-mkroot/main.c
rosetta-mkroot_ARCHIVES := $(MKROOT_ARCHIVES)

# The image config parser, platforms and digests on any bytes.
FUZZ_TARGETS += fuzz_mkroot_config
fuzz_mkroot_config_SRCS := tests/fuzz/fuzz_mkroot_config.c
fuzz_mkroot_config_ARCHIVES := $(MKROOT_ARCHIVES)

# The layer applier's tests write their tars with tests/unit/mkroot_layer_tar.c.
MKROOT_LAYER_TESTS := $(filter test_mkroot_layer%,$(MKROOT_TESTS))
$(foreach t,$(MKROOT_LAYER_TESTS),$(eval $(t)_SRCS += tests/unit/mkroot_layer_tar.c))

# Arbitrary bytes as a layer, applied onto a scratch root: nothing may appear
# or change outside it (tests/fuzz/fuzz_mkroot_layer.c).
FUZZ_TARGETS += fuzz_mkroot_layer
fuzz_mkroot_layer_SRCS := tests/fuzz/fuzz_mkroot_layer.c
fuzz_mkroot_layer_ARCHIVES := $(MKROOT_ARCHIVES)

# The image config as libmkroot renders it, read back by rosetta-init's own
# parser: the same argv, variables, working directory and user.
UNIT_TESTS += test_init_conf_roundtrip
test_init_conf_roundtrip_SRCS := tests/unit/test_init_conf_roundtrip.c
test_init_conf_roundtrip_ARCHIVES := libmkroot $(INIT_ARCHIVES)
