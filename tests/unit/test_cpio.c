/* Unit tests for the newc encoder: header fields, name and data padding, trailer and the
 * 512-byte padding of the whole archive. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/rosetta-mkinitramfs/cpio.h"
#include "lib/array_size.h"

struct membuf {
	unsigned char *p;
	size_t len;
	size_t cap;
	int fail; /* when non-zero, writes return -fail */
};

static int mem_write(void *ctx, const void *buf, size_t len)
{
	struct membuf *m = ctx;

	if (m->fail)
		return -m->fail;
	if (m->len + len > m->cap) {
		m->cap = (m->len + len) * 2;
		m->p = realloc(m->p, m->cap);
		assert_non_null(m->p);
	}
	memcpy(m->p + m->len, buf, len);
	m->len += len;
	return 0;
}

/* Reads header field i (0 = ino ... 12 = check) back from 8 hex digits. */
static unsigned long field(const unsigned char *h, int i)
{
	char digits[9];

	memcpy(digits, h + 6 + (size_t)8 * i, 8);
	digits[8] = '\0';
	for (int d = 0; d < 8; d++)
		assert_true(strchr("0123456789ABCDEF", digits[d]) != NULL);
	return strtoul(digits, NULL, 16);
}

static void test_header_fields_encoding(void **state)
{
	const struct cpio_hdr h = { 0x12345678, 0100644, 1, 2,	3,  4,	       0xffffffff,
				    7,		8,	 9, 10, 11, 0xabcdef01 };
	unsigned char out[CPIO_HDR_LEN + 1];
	const uint64_t want[] = { 0x12345678, 0100644, 1, 2,  3,  4,	     0xffffffff,
				  7,	      8,       9, 10, 11, 0xabcdef01 };

	(void)state;
	memset(out, 'Z', sizeof(out));
	assert_int_equal(cpio_encode_header((char *)out, &h), 0);
	assert_memory_equal(out, "070701", 6);
	assert_memory_equal(out + 6, "12345678", 8);
	assert_memory_equal(out + 6 + 8, "000081A4", 8);
	assert_memory_equal(out + 6 + (size_t)6 * 8, "FFFFFFFF", 8);
	for (int i = 0; i < 13; i++)
		assert_int_equal(field(out, i), want[i]);
	assert_int_equal(out[CPIO_HDR_LEN], 'Z'); /* exactly 110 bytes, no NUL */
}

static void test_header_field_overflow(void **state)
{
	unsigned char out[CPIO_HDR_LEN];
	struct cpio_hdr h = { 0 };
	uint64_t *const f[] = { &h.ino,	      &h.mode,	   &h.uid,	&h.gid,	     &h.nlink,
				&h.mtime,     &h.filesize, &h.devmajor, &h.devminor, &h.rdevmajor,
				&h.rdevminor, &h.namesize, &h.check };

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		memset(&h, 0, sizeof(h));
		*f[i] = CPIO_FIELD_MAX;
		assert_int_equal(cpio_encode_header((char *)out, &h), 0);
		assert_memory_equal(out + 6 + 8 * i, "FFFFFFFF", 8);
		*f[i] = CPIO_FIELD_MAX + 1;
		assert_int_equal(cpio_encode_header((char *)out, &h), -EOVERFLOW);
	}
}

static void test_name_padding(void **state)
{
	(void)state;
	for (size_t len = 1; len <= 9; len++) {
		struct membuf m = { 0 };
		struct cpio_out o = { .write = mem_write, .ctx = &m };
		struct cpio_hdr h = { .mode = 0100644 };
		char name[16];
		size_t unpadded = CPIO_HDR_LEN + len + 1;

		memset(name, 'n', len);
		name[len] = '\0';
		assert_int_equal(cpio_write_header(&o, &h, name), 0);
		assert_int_equal(h.namesize, len + 1);
		assert_int_equal(field(m.p, 11), len + 1);
		assert_int_equal(m.len, (unpadded + 3) & ~(size_t)3);
		assert_int_equal(o.off, m.len);
		assert_memory_equal(m.p + CPIO_HDR_LEN, name, len);
		for (size_t i = CPIO_HDR_LEN + len; i < m.len; i++)
			assert_int_equal(m.p[i], 0);
		free(m.p);
	}
}

static void test_data_padding(void **state)
{
	(void)state;
	for (size_t len = 0; len <= 8; len++) {
		struct membuf m = { 0 };
		struct cpio_out o = { .write = mem_write, .ctx = &m };
		struct cpio_hdr h = { .mode = 0100644, .filesize = len };
		const char data[] = "abcdefgh";
		size_t start;

		assert_int_equal(cpio_write_header(&o, &h, "odd"), 0);
		start = m.len;
		assert_int_equal(start % 4, 0);
		assert_int_equal(cpio_write_data(&o, data, len), 0);
		assert_int_equal(cpio_pad(&o, CPIO_ALIGN), 0);
		assert_int_equal(m.len - start, (len + 3) & ~(size_t)3);
		assert_memory_equal(m.p + start, data, len);
		for (size_t i = start + len; i < m.len; i++)
			assert_int_equal(m.p[i], 0);
		free(m.p);
	}
}

static void test_trailer_and_block_padding(void **state)
{
	struct membuf m = { 0 };
	struct cpio_out o = { .write = mem_write, .ctx = &m };
	struct cpio_hdr h = { .ino = 1, .mode = 0100644, .nlink = 1, .filesize = 3 };
	size_t trailer;

	(void)state;
	assert_int_equal(cpio_write_header(&o, &h, "abc"), 0);
	assert_int_equal(cpio_write_data(&o, "xyz", 3), 0);
	assert_int_equal(cpio_pad(&o, CPIO_ALIGN), 0);
	trailer = m.len;
	assert_int_equal(cpio_write_trailer(&o), 0);
	assert_int_equal(m.len % CPIO_BLOCK, 0);
	assert_true(m.len > trailer + CPIO_HDR_LEN + 11);
	assert_memory_equal(m.p + trailer, "070701", 6);
	for (int i = 0; i < 13; i++)
		assert_int_equal(field(m.p + trailer, i), i == 4 ? 1 : i == 11 ? 11 : 0);
	assert_memory_equal(m.p + trailer + CPIO_HDR_LEN, "TRAILER!!!", 11);
	for (size_t i = trailer + CPIO_HDR_LEN + 11; i < m.len; i++)
		assert_int_equal(m.p[i], 0);
	free(m.p);
}

/* An archive already at a 512 boundary before the trailer still ends at one, and an empty
 * archive is the trailer alone in one block. */
static void test_trailer_only_archive(void **state)
{
	struct membuf m = { 0 };
	struct cpio_out o = { .write = mem_write, .ctx = &m };

	(void)state;
	assert_int_equal(cpio_write_trailer(&o), 0);
	assert_int_equal(m.len, CPIO_BLOCK);
	assert_int_equal(o.off, CPIO_BLOCK);
	free(m.p);
}

static void test_pad_when_aligned_writes_nothing(void **state)
{
	struct membuf m = { 0 };
	struct cpio_out o = { .write = mem_write, .ctx = &m };

	(void)state;
	assert_int_equal(cpio_write_data(&o, "abcd", 4), 0);
	assert_int_equal(cpio_pad(&o, CPIO_ALIGN), 0);
	assert_int_equal(m.len, 4);
	assert_int_equal(cpio_pad(&o, CPIO_BLOCK), 0);
	assert_int_equal(m.len, CPIO_BLOCK);
	free(m.p);
}

static void test_write_error_propagates(void **state)
{
	struct membuf m = { .fail = ENOSPC };
	struct cpio_out o = { .write = mem_write, .ctx = &m };
	struct cpio_hdr h = { .mode = 0100644 };

	(void)state;
	assert_int_equal(cpio_write_header(&o, &h, "x"), -ENOSPC);
	assert_int_equal(cpio_write_data(&o, "x", 1), -ENOSPC);
	assert_int_equal(cpio_write_trailer(&o), -ENOSPC);
	assert_int_equal(o.off, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_fields_encoding),
		cmocka_unit_test(test_header_field_overflow),
		cmocka_unit_test(test_name_padding),
		cmocka_unit_test(test_data_padding),
		cmocka_unit_test(test_trailer_and_block_padding),
		cmocka_unit_test(test_trailer_only_archive),
		cmocka_unit_test(test_pad_when_aligned_writes_nothing),
		cmocka_unit_test(test_write_error_propagates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
