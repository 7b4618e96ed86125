# `make bench`: the boot, footprint, memory and exec measurements of
# bench/run, on an initramfs that is the product's plus what they need:
#   /bench/reference-init                    the busybox ash init it is compared with
#   /x86/usr/lib/rosetta-bench/entry         the x86-64 entry (a shell script)
#   /x86/usr/lib/rosetta-bench/probe         the native probe that measures
#   /x86/usr/lib/rosetta-bench/tiny-x86_64   the self-test program, for exec timing
#   /x86/usr/lib/rosetta-bench/tiny-aarch64  its native counterpart
# and, beside it, the system call names the report gives PID 1's calls.

BENCH := $(BUILD)/bench
BENCH_IMAGE := $(BENCH)/initramfs.cpio.gz
BENCH_PROBE_SRCS := bench/probe.c bench/marks.c bench/trace.c lib/execloop.c bench/guestinfo.c \
	lib/contract.c
BENCH_DIR := $(BENCH)/initramfs.d/x86/usr/lib/rosetta-bench

# Plain static musl programs: no library but libc.
$(BENCH)/probe: $(BENCH_PROBE_SRCS) $(wildcard bench/*.h) lib/execloop.h lib/contract.h
	@mkdir -p $(@D)
	$(GUEST_CC) $(COMMON_CFLAGS) -Os -static -o $@ $(BENCH_PROBE_SRCS)

$(BENCH)/tiny-aarch64: bench/tiny.c
	@mkdir -p $(@D)
	$(GUEST_CC) $(COMMON_CFLAGS) -Os -static -s -o $@ $<

# From the kernel headers the guest is built with (bench/syscall-names.sh).
$(BENCH)/syscall-names.txt: bench/syscall-names.sh $(UAPI)/.stamp
	@mkdir -p $(@D)
	sh bench/syscall-names.sh $(GUEST_CC) -isystem $(UAPI) >$@.tmp
	mv $@.tmp $@

$(BENCH)/.staged: $(BUILD)/initramfs.d/init bench/reference-init bench/entry $(BENCH)/probe \
		$(BENCH)/tiny-aarch64 $(SELFTEST_PROG)
	rm -rf $(BENCH)/initramfs.d
	cp -a $(BUILD)/initramfs.d $(BENCH)/initramfs.d
	install -D -m 0755 bench/reference-init $(BENCH)/initramfs.d/bench/reference-init
	install -D -m 0755 bench/entry $(BENCH_DIR)/entry
	$(GUEST_STRIP) -o $(BENCH_DIR)/probe $(BENCH)/probe
	install -m 0755 $(BENCH)/tiny-aarch64 $(BENCH_DIR)/
	install -m 0755 $(SELFTEST_PROG) $(BENCH_DIR)/tiny-x86_64
	@touch $@

$(BENCH_IMAGE): $(BENCH)/.staged rootfs/initramfs.spec $(BUILD)/host/rosetta-mkinitramfs
	$(BUILD)/host/rosetta-mkinitramfs --spec rootfs/initramfs.spec -o $@ $(BENCH)/initramfs.d

bench-image: all kernel test-images test-images-debian $(BENCH_IMAGE) $(BENCH)/syscall-names.txt

bench: deps
	@$(MAKE) --no-print-directory bench-image
	@sh bench/run $(BUILD)

UNIT_TESTS += test_bench_marks
test_bench_marks_SRCS := tests/unit/test_bench_marks.c bench/trace.c bench/marks.c
test_bench_marks_ARCHIVES := librosetta

.PHONY: bench bench-image

# `make check` builds the probe and the names, so that they cannot rot
# between benchmarks (tests/build/test_bench_report.sh reads the names).
TEST_PROGS += bench/probe bench/tiny-aarch64 bench/syscall-names.txt
