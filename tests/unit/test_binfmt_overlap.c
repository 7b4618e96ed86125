/* libbinfmt: which entries compete for the same files, which files an
 * entry takes, and entries read back from the kernel's status files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <elf.h>
#include <errno.h>
#include <string.h>

#include "binfmt/entry.h"
#include "binfmt/pick.h"

/* Debian's qemu-user-static entries (usr/lib/binfmt.d). qemu's x86-64 mask
 * keeps the top bits of EI_ABIVERSION (\xfc) where Rosetta's ignores it. */
static const char qemu_x86_64[] =
    ":qemu-x86_64:M::"
    "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
    "\\x02\\x00\\x3e\\x00:"
    "\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\xfc\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
    "\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/x86_64-binfmt-P:OPF";
static const char qemu_aarch64[] =
    ":qemu-aarch64:M::"
    "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
    "\\x02\\x00\\xb7\\x00:"
    "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
    "\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OPF";

/* The first 64 bytes of real x86-64 programs: Debian amd64's /usr/bin/true
 * (a PIE, ET_DYN, EI_OSABI SYSV) and busybox from busybox-static:amd64
 * (static, ET_EXEC, EI_OSABI GNU/Linux, which qemu's \xfc mask lets pass). */
static const unsigned char true_header[64] = {
	0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x03, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00, 0xd0, 0x23,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x90, 0x83, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x38, 0x00, 0x0d, 0x00, 0x40, 0x00, 0x1f, 0x00, 0x1e, 0x00,
};
static const unsigned char busybox_header[64] = {
	0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x02, 0x00, 0x3e, 0x00, 0x01, 0x00, 0x00, 0x00, 0xf0, 0xeb,
	0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x70, 0x38, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x40, 0x00, 0x38, 0x00, 0x0a, 0x00, 0x40, 0x00, 0x1b, 0x00, 0x1a, 0x00,
};

static struct binfmt_entry parsed(const char *line)
{
	struct binfmt_entry e;

	assert_int_equal(binfmt_entry_parse(line, strlen(line), &e, NULL), 0);
	return e;
}

static struct binfmt_entry rosetta(void)
{
	struct binfmt_entry e;

	assert_int_equal(binfmt_entry_rosetta(&e, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	return e;
}

static void qemu_x86_64_competes_with_rosetta(void **state)
{
	struct binfmt_entry r = rosetta(), q = parsed(qemu_x86_64);

	(void)state;
	assert_true(binfmt_entries_overlap(&r, &q));
	assert_true(binfmt_entries_overlap(&q, &r));
	assert_true(binfmt_entries_overlap(&r, &r));
}

/* A handler for x86-64 PIEs only (e_type 3 and e_machine 62 at offset 16,
 * no mask) claims some of Rosetta's files, although only Rosetta's mask
 * frees the bit where their magics differ; the same for aarch64 claims
 * none. */
static void partial_handlers_compete(void **state)
{
	struct binfmt_entry r = rosetta(), pie = parsed(":pie:M:16:\\x03\\x00\\x3e\\x00::/i:");
	struct binfmt_entry arm = parsed(":arm:M:16:\\x03\\x00\\xb7\\x00::/i:");

	(void)state;
	assert_true(binfmt_entries_overlap(&r, &pie));
	assert_true(binfmt_entries_overlap(&pie, &r));
	assert_false(binfmt_entries_overlap(&r, &arm));
	assert_false(binfmt_entries_overlap(&arm, &r));
}

static void qemu_aarch64_does_not(void **state)
{
	struct binfmt_entry r = rosetta(), q = parsed(qemu_aarch64);

	(void)state;
	assert_false(binfmt_entries_overlap(&r, &q));
	assert_false(binfmt_entries_overlap(&q, &r));
}

static void overlap_respects_masks_and_offsets(void **state)
{
	struct binfmt_entry a, b;

	(void)state;
	/* A bit one mask ignores cannot conflict. */
	a = parsed(":a:M::\\x10:\\xf0:/i:");
	b = parsed(":b:M::\\x1f:\\xf0:/i:");
	assert_true(binfmt_entries_overlap(&a, &b));
	b = parsed(":b:M::\\x20::/i:");
	assert_false(binfmt_entries_overlap(&a, &b));
	/* Either side's mask can free a bit: 0x10 matches both of these. */
	a = parsed(":a:M::\\x10::/i:");
	b = parsed(":b:M::\\x11:\\xfe:/i:");
	assert_true(binfmt_entries_overlap(&a, &b));
	assert_true(binfmt_entries_overlap(&b, &a));
	/* Disjoint windows: some file has both. */
	a = parsed(":a:M:0:AB::/i:");
	b = parsed(":b:M:2:CD::/i:");
	assert_true(binfmt_entries_overlap(&a, &b));
	/* Windows that meet at byte 1 disagree there. */
	b = parsed(":b:M:1:CD::/i:");
	assert_false(binfmt_entries_overlap(&a, &b));
	b = parsed(":b:M:1:BD::/i:");
	assert_true(binfmt_entries_overlap(&a, &b));
}

static void extensions_overlap_when_equal(void **state)
{
	struct binfmt_entry a = parsed(":a:E::exe::/i:"), b = parsed(":b:E::exe::/j:F");
	struct binfmt_entry c = parsed(":c:E::ex::/i:"), r = rosetta();

	(void)state;
	assert_true(binfmt_entries_overlap(&a, &b));
	assert_false(binfmt_entries_overlap(&a, &c));
	assert_false(binfmt_entries_overlap(&c, &a));
	/* Names and contents are separate tests. */
	assert_false(binfmt_entries_overlap(&a, &r));
	assert_false(binfmt_entries_overlap(&r, &a));
}

static void matches_real_x86_64_headers(void **state)
{
	struct binfmt_entry r = rosetta(), q = parsed(qemu_x86_64), a = parsed(qemu_aarch64);
	unsigned char h[64];

	(void)state;
	assert_true(binfmt_entry_matches(&r, true_header, sizeof(true_header), NULL));
	assert_true(binfmt_entry_matches(&q, true_header, sizeof(true_header), NULL));
	assert_false(binfmt_entry_matches(&a, true_header, sizeof(true_header), NULL));
	assert_true(binfmt_entry_matches(&r, busybox_header, sizeof(busybox_header), NULL));
	assert_true(binfmt_entry_matches(&q, busybox_header, sizeof(busybox_header), NULL));
	assert_false(binfmt_entry_matches(&a, busybox_header, sizeof(busybox_header), NULL));
	memcpy(h, true_header, sizeof(h));
	h[7] = 0x09; /* EI_OSABI FreeBSD: Rosetta ignores it, qemu does not */
	assert_true(binfmt_entry_matches(&r, h, sizeof(h), NULL));
	assert_false(binfmt_entry_matches(&q, h, sizeof(h), NULL));
	memcpy(h, true_header, sizeof(h));
	h[16] = 0x04; /* ET_CORE */
	assert_false(binfmt_entry_matches(&r, h, sizeof(h), NULL));
	h[16] = 0x03;
	h[18] = 0xb7; /* EM_AARCH64 */
	assert_false(binfmt_entry_matches(&r, h, sizeof(h), NULL));
	assert_true(binfmt_entry_matches(&a, h, sizeof(h), NULL));
	h[4] = 0x01; /* ELFCLASS32 */
	assert_false(binfmt_entry_matches(&a, h, sizeof(h), NULL));
	/* A short file reads as zeros past its end, as in the kernel's buffer. */
	assert_false(binfmt_entry_matches(&r, true_header, 10, NULL));
	assert_true(binfmt_entry_matches(&r, true_header, 19, NULL)); /* byte 19 is 0 */
}

/* The header binfmt_fs_pick tries entries with: what Rosetta's and qemu's
 * entries claim, for executables and PIEs alike, and the aarch64 one not. */
static void made_x86_64_headers_match(void **state)
{
	struct binfmt_entry r = rosetta(), q = parsed(qemu_x86_64), a = parsed(qemu_aarch64);
	unsigned char h[BINFMT_ELF64_HEADER];

	(void)state;
	for (uint16_t type = ET_EXEC; type <= ET_DYN; type++) {
		binfmt_x86_64_header(h, type);
		assert_true(binfmt_entry_matches(&r, h, sizeof(h), NULL));
		assert_true(binfmt_entry_matches(&q, h, sizeof(h), NULL));
		assert_false(binfmt_entry_matches(&a, h, sizeof(h), NULL));
	}
	binfmt_x86_64_header(h, ET_REL);
	assert_false(binfmt_entry_matches(&r, h, sizeof(h), NULL));
}

static void extension_matches_the_last_dot(void **state)
{
	struct binfmt_entry e = parsed(":wine:E::exe::/usr/bin/wine:");

	(void)state;
	assert_true(binfmt_entry_matches(&e, NULL, 0, "/home/u/setup.exe"));
	assert_false(binfmt_entry_matches(&e, NULL, 0, "/home/u/setup.exe.bak"));
	assert_false(binfmt_entry_matches(&e, NULL, 0, "/home/u/exe"));
	assert_false(binfmt_entry_matches(&e, NULL, 0, "/home/u/setup.EXE"));
	assert_false(binfmt_entry_matches(&e, NULL, 0, NULL));
	assert_false(binfmt_entry_matches(&e, true_header, sizeof(true_header), "a.out"));
}

static void status_of_an_extension_entry(void **state)
{
	static const char text[] = "enabled\n"
				   "interpreter /usr/bin/wine\n"
				   "flags: \n"
				   "extension .exe\n";
	struct binfmt_status st;
	struct binfmt_entry e, want = parsed(":wine:E::exe::/usr/bin/wine:");

	(void)state;
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_int_equal(st.type, 'E');
	assert_int_equal(st.magic_len, 3);
	assert_memory_equal(st.magic, "exe", 3);
	assert_true(binfmt_status_matches(&st, &want));
	assert_int_equal(binfmt_status_to_entry(&st, "wine", &e), 0);
	assert_true(binfmt_entries_overlap(&e, &want));
	assert_int_equal(e.type, 'E');
	assert_string_equal(e.interpreter, "/usr/bin/wine");
	want = parsed(":wine:E::com::/usr/bin/wine:");
	assert_false(binfmt_status_matches(&st, &want));
	assert_int_equal(binfmt_status_parse("extension exe\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("extension .\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("magic 41\nextension .exe\n", &st), -EINVAL);
}

static void status_to_entry_reads_back_qemu(void **state)
{
	static const char text[] = "enabled\n"
				   "interpreter /usr/libexec/qemu-binfmt/x86_64-binfmt-P\n"
				   "flags: POF\n"
				   "offset 0\n"
				   "magic 7f454c4602010100000000000000000002003e00\n"
				   "mask fffffffffffefefcfffffffffffffffffeffffff\n";
	struct binfmt_status st;
	struct binfmt_entry e, q = parsed(qemu_x86_64), r = rosetta();

	(void)state;
	assert_int_equal(binfmt_status_parse(text, &st), 0);
	assert_int_equal(st.type, 'M');
	assert_int_equal(binfmt_status_to_entry(&st, "qemu-x86_64", &e), 0);
	assert_string_equal(e.name, "qemu-x86_64");
	assert_string_equal(e.flags, "POF");
	assert_int_equal(e.magic_len, q.magic_len);
	assert_memory_equal(e.mask, q.mask, q.mask_len);
	assert_true(binfmt_status_matches(&st, &q));
	assert_true(binfmt_entries_overlap(&e, &r));
	assert_int_equal(binfmt_status_to_entry(&st, "register/x", &e),
			 0); /* names are the caller's */
	assert_int_equal(binfmt_status_parse("enabled\n", &st), 0);
	assert_int_equal(binfmt_status_to_entry(&st, "x", &e), -EINVAL); /* no magic */
}

static void status_rejects_bad_values(void **state)
{
	struct binfmt_status st;

	(void)state;
	assert_int_equal(binfmt_status_parse("flags: PX\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("offset x\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("offset \n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("magic \n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("enabledx\n", &st), -EINVAL);
	assert_int_equal(binfmt_status_parse("offset 255\nmagic 41\n", &st), 0);
	assert_int_equal(st.offset, 255); /* kernels from 5.1 read 256 bytes */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_x86_64_competes_with_rosetta),
		cmocka_unit_test(qemu_aarch64_does_not),
		cmocka_unit_test(partial_handlers_compete),
		cmocka_unit_test(overlap_respects_masks_and_offsets),
		cmocka_unit_test(extensions_overlap_when_equal),
		cmocka_unit_test(matches_real_x86_64_headers),
		cmocka_unit_test(made_x86_64_headers_match),
		cmocka_unit_test(extension_matches_the_last_dot),
		cmocka_unit_test(status_of_an_extension_entry),
		cmocka_unit_test(status_to_entry_reads_back_qemu),
		cmocka_unit_test(status_rejects_bad_values),
	};

	return cmocka_run_group_tests_name("binfmt_overlap", tests, NULL, NULL);
}
