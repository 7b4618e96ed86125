# Compilers and flags for the two build flavors.

HOST_ARCH := $(shell uname -m)

# Guest: static aarch64 musl. Cross from other hosts, native musl-gcc on arm64.
ifeq ($(HOST_ARCH),aarch64)
GUEST_CC ?= musl-gcc
else
GUEST_CC ?= aarch64-linux-musl-gcc
endif
GUEST_HOST_TRIPLET := aarch64-linux-musl
GUEST_STRIP ?= $(if $(filter aarch64,$(HOST_ARCH)),strip,aarch64-linux-gnu-strip)
GUEST_AR ?= $(if $(filter aarch64,$(HOST_ARCH)),ar,aarch64-linux-gnu-ar)

SYSROOT := $(BUILD)/sysroot-aarch64
UAPI := $(BUILD)/uapi-aarch64

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
COMMON_CFLAGS := -std=gnu11 -D_GNU_SOURCE $(WARN) -I.

GUEST_CFLAGS := $(COMMON_CFLAGS) -Os -ffunction-sections -fdata-sections \
	-isystem $(UAPI) -isystem $(SYSROOT)/include -isystem $(SYSROOT)/include/libmount \
	-isystem $(SYSROOT)/include/libsmartcols
GUEST_LDFLAGS := -static -Wl,--gc-sections -L$(SYSROOT)/lib
GUEST_LIBS := -lmount -lblkid -lsmartcols -lkmod -lseccomp -lz

# Host builds of guest code find Debian's libmount, libblkid and
# libsmartcols headers.
HOST_PKG_CFLAGS := $(shell pkg-config --cflags mount blkid smartcols 2>/dev/null)

HOST_CC ?= cc
HOST_CFLAGS := $(COMMON_CFLAGS) $(HOST_PKG_CFLAGS) -O2 -g
HOST_LDFLAGS :=

# Unit tests: the host compiler with ASan and UBSan, failing on any report.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_CFLAGS := $(COMMON_CFLAGS) $(HOST_PKG_CFLAGS) -O1 -g $(SAN) $(shell pkg-config --cflags cmocka 2>/dev/null)
UNIT_LDFLAGS := $(SAN)
UNIT_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# Fuzz targets: clang with libFuzzer, ASan and UBSan. Library objects get the
# coverage instrumentation; the link adds libFuzzer's main.
FUZZ_CC ?= clang
FUZZ_SAN := address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu11 -D_GNU_SOURCE -I. $(HOST_PKG_CFLAGS) -g -O1 \
	-fsanitize=fuzzer-no-link,$(FUZZ_SAN)
FUZZ_LDFLAGS := -fsanitize=fuzzer,$(FUZZ_SAN)

# Host-side system libraries, by what needs them.
SECCOMP_LIBS := $(shell pkg-config --libs libseccomp 2>/dev/null || echo -lseccomp)
MOUNT_LIBS := $(shell pkg-config --libs mount blkid libkmod 2>/dev/null || echo -lmount -lblkid -lkmod)
SMARTCOLS_LIBS := $(shell pkg-config --libs smartcols 2>/dev/null || echo -lsmartcols)
ZLIB_LIBS := $(shell pkg-config --libs zlib 2>/dev/null || echo -lz)
