# rosetta-guest: run x86-64 Linux programs in an ARM64 guest through Rosetta.
# `make help` lists the targets.

BUILD ?= build
JOBS ?= $(shell nproc)

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:

include mk/toolchain.mk

# What the build.mk files declare; mk/flavors.mk says how.
ARCHIVES :=
HOST_PROGS :=
GUEST_PROGS :=
UNIT_TESTS :=
UNIT_ARCHIVES :=
FUZZ_TARGETS :=
TEST_HOST_PROGS :=
TEST_PROGS :=
include $(sort $(wildcard */build.mk */*/build.mk))

include mk/guest.mk
include mk/flavors.mk
include mk/rootfs.mk
include mk/test.mk
include mk/install.mk

.PHONY: all deps guest host help clean distclean format lint demo

all: guest host rootfs

deps:
	@sh mk/deps.sh

help:
	@echo 'make deps      install build and test dependencies from Debian (root)'
	@echo 'make           build guest binaries, host tools, initramfs and share'
	@echo 'make demo      deps + build + boot the guest and run an x86-64 program'
	@echo 'make check     all tests: unit, integration, e2e boots; ends "N passed, N failed"'
	@echo 'make kernel    minimal all-built-in arm64 kernel from Debian'"'"'s linux-source (cached in ROSETTA_CACHE)'
	@echo 'make debian-amd64  Debian amd64 tree + ext4 image in build/trees (root; cached in ROSETTA_CACHE)'
	@echo 'make debian-arm64  Debian arm64 systemd image with the amd64 tree at /srv/x86-64 (root; cached)'
	@echo 'make install   the guest programs, units and man pages for an ARM64 image (DESTDIR, PREFIX, ...)'
	@echo 'make install-host  the host tools in PREFIX/bin; make uninstall, uninstall-host'
	@echo 'make deb       build/rosetta-guest_VERSION_arm64.deb from make install'
	@echo 'make lint      clang-format check, cppcheck, clang-tidy'
	@echo 'make format    rewrite sources with clang-format'
	@echo 'make clean     remove build products (keeps downloads and the library sysroot)'
	@echo 'make distclean remove all of build/'

demo: deps
	@$(MAKE) --no-print-directory all
	@sh mk/demo.sh $(BUILD)

SOURCES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)

format:
	clang-format -i $(SOURCES)

lint:
	@sh mk/lint.sh $(BUILD) $(SOURCES)

clean:
	rm -rf $(BUILD)/guest $(BUILD)/host $(BUILD)/unit $(BUILD)/obj $(BUILD)/lib $(BUILD)/initramfs* \
		$(BUILD)/share $(BUILD)/test $(BUILD)/Image $(BUILD)/Image.gz $(BUILD)/kernel.* $(BUILD)/gen

distclean:
	rm -rf $(BUILD)
