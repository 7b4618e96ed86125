/* How binfmtctl shows an entry: the match summary, the flags in words, the
 * fields of `show`, the `list` table and the JSON object, as libsmartcols
 * prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "binfmt/ctl/command.h"

/* What ctl_print_rows writes for rows under the options of a. */
static char *render(const struct table_column_set *set, const struct ctl_args *a,
		    const struct ctl_row *rows, size_t n)
{
	struct report rep;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	struct ctl_ctx ctx = { .args = a, .out = f, .rep = &rep };

	assert_non_null(f);
	report_init(&rep);
	assert_int_equal(ctl_print_rows(&ctx, set, rows, n, sizeof(rows[0])), CLI_EXIT_OK);
	assert_int_equal(rep.count, 0);
	assert_int_equal(fclose(f), 0);
	report_free(&rep);
	return text;
}

static void assert_contains(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("'%s' lacks '%s'", text, needle);
}

static struct ctl_row rosetta_row(void)
{
	struct ctl_row row = { .enabled = true };

	assert_int_equal(binfmt_entry_rosetta(&row.e, "rosetta", "/run/rosetta/rosetta", "CFP"), 0);
	return row;
}

/* qemu-user-static's aarch64 entry, as the integration test registers it. */
static struct ctl_row aarch64_row(void)
{
	static const unsigned char magic[20] = { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0,	0,
						 0,    0,   0,	 0,   0, 0, 2, 0, 0xb7, 0 };
	static const unsigned char mask[20] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
						0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
						0xff, 0xff, 0xfe, 0xff, 0xff, 0xff };
	struct ctl_row row = { .enabled = false };

	strcpy(row.e.name, "qemu-aarch64");
	row.e.type = 'M';
	memcpy(row.e.magic, magic, sizeof(magic));
	row.e.magic_len = sizeof(magic);
	memcpy(row.e.mask, mask, sizeof(mask));
	row.e.mask_len = sizeof(mask);
	strcpy(row.e.interpreter, "/usr/bin/qemu-aarch64-static");
	strcpy(row.e.flags, "F");
	return row;
}

static struct ctl_row jar_row(void)
{
	struct ctl_row row = { .enabled = true };

	strcpy(row.e.name, "jar");
	row.e.type = 'E';
	memcpy(row.e.magic, "jar", 3);
	row.e.magic_len = 3;
	strcpy(row.e.interpreter, "/usr/bin/jexec");
	return row;
}

static void test_hex(void **state)
{
	char out[16];

	(void)state;
	assert_string_equal(ctl_hex((const unsigned char *)"\x7f"
							   "E\x00\xff",
				    4, out),
			    "7f4500ff");
	assert_string_equal(ctl_hex((const unsigned char *)"", 0, out), "");
}

static void test_match_summary(void **state)
{
	struct ctl_row r = rosetta_row(), a = aarch64_row(), j = jar_row();
	struct binfmt_entry dos = { .type = 'M', .offset = 2, .magic_len = 2 };
	struct binfmt_entry long_magic = { .type = 'M', .magic_len = 10 };
	char buf[64];

	(void)state;
	assert_string_equal(ctl_match_summary(&r.e, buf, sizeof(buf)), "ELF64 LSB x86-64");
	assert_string_equal(ctl_match_summary(&a.e, buf, sizeof(buf)), "ELF64 LSB aarch64");
	assert_string_equal(ctl_match_summary(&j.e, buf, sizeof(buf)), "extension .jar");
	memcpy(dos.magic, "MZ", 2);
	assert_string_equal(ctl_match_summary(&dos, buf, sizeof(buf)), "magic 4d5a at 2");
	memset(long_magic.magic, 0xab, 10);
	assert_string_equal(ctl_match_summary(&long_magic, buf, sizeof(buf)),
			    "magic abababababababab... at 0");
}

/* A mask that lets the machine bytes vary names no machine. */
static void test_match_summary_masked_machine(void **state)
{
	struct ctl_row a = aarch64_row();
	char buf[64];

	(void)state;
	a.e.mask[18] = 0;
	assert_string_equal(ctl_match_summary(&a.e, buf, sizeof(buf)), "ELF64 LSB");
	a.e.magic_len = 6;
	a.e.magic[4] = 1;
	a.e.magic[5] = 2;
	assert_string_equal(ctl_match_summary(&a.e, buf, sizeof(buf)), "ELF32 MSB");
}

static void test_flags_words(void **state)
{
	char buf[128];

	(void)state;
	assert_string_equal(ctl_flags_words("", buf, sizeof(buf)), "none");
	assert_string_equal(ctl_flags_words("F", buf, sizeof(buf)), "F (fix-binary)");
	assert_string_equal(ctl_flags_words("POCF", buf, sizeof(buf)),
			    "P (preserve-argv0), O (open-binary), C (credentials), F (fix-binary)");
	/* Too small a buffer keeps whole words only. */
	assert_string_equal(ctl_flags_words("PF", buf, 24), "P (preserve-argv0)");
}

static void test_print_entry(void **state)
{
	struct ctl_row a = aarch64_row(), j = jar_row();
	struct ctl_args args = { 0 };
	char *text;

	(void)state;
	text = render(&ctl_show_columns, &args, &a, 1);
	assert_contains(text, "name:        qemu-aarch64\n");
	assert_contains(text, "state:       disabled\n");
	assert_contains(text, "matches:     ELF64 LSB aarch64\n");
	assert_contains(text, "type:        magic\n");
	assert_contains(text, "offset:      0\n");
	assert_contains(text, "magic:       7f454c460201010000000000000000000200b700\n");
	assert_contains(text, "mask:        ffffffffffffff00fffffffffffffffffeffffff\n");
	assert_contains(text, "interpreter: /usr/bin/qemu-aarch64-static\n");
	assert_contains(text, "flags:       F (fix-binary)\n");
	assert_contains(text, "register:    :qemu-aarch64:M:0:\\x7f\\x45\\x4c\\x46");
	free(text);

	text = render(&ctl_show_columns, &args, &j, 1);
	assert_contains(text, "type:        extension\n");
	assert_contains(text, "matches:     extension .jar\n");
	assert_contains(text, "flags:       none\n");
	assert_null(strstr(text, "magic:"));
	free(text);
}

/* -n leaves the field names out: one value per line, for a script. */
static void test_show_values(void **state)
{
	struct ctl_row a = aarch64_row();
	struct ctl_args args = { .format = { .columns = "interpreter,state", .noheadings = true } };
	char *text;

	(void)state;
	text = render(&ctl_show_columns, &args, &a, 1);
	assert_string_equal(text, "/usr/bin/qemu-aarch64-static\ndisabled\n");
	free(text);
}

static void test_table(void **state)
{
	struct ctl_row rows[2] = { aarch64_row(), rosetta_row() };
	struct ctl_args args = { 0 };
	char *text;

	(void)state;
	text = render(&ctl_entry_columns, &args, rows, 2);
	assert_string_equal(
	    text, "NAME         STATE    FLAGS INTERPRETER                  MATCHES\n"
		  "qemu-aarch64 disabled F     /usr/bin/qemu-aarch64-static ELF64 LSB aarch64\n"
		  "rosetta      enabled  POCF  /run/rosetta/rosetta         ELF64 LSB x86-64\n");
	free(text);

	/* No rows, no table: as lsblk and findmnt print nothing. */
	text = render(&ctl_entry_columns, &args, rows, 0);
	assert_string_equal(text, "");
	free(text);
}

static void test_raw_noheadings_columns(void **state)
{
	struct ctl_row rows[2] = { aarch64_row(), jar_row() };
	struct ctl_args args = { .format = {
				     .columns = "name,MATCHES", .raw = true, .noheadings = true } };
	char *text;

	(void)state;
	text = render(&ctl_entry_columns, &args, rows, 2);
	assert_string_equal(text, "qemu-aarch64 ELF64\\x20LSB\\x20aarch64\n"
				  "jar extension\\x20.jar\n");
	free(text);
	args = (struct ctl_args){ .format = { .columns = "+TYPE", .raw = true } };
	text = render(&ctl_entry_columns, &args, rows + 1, 1);
	assert_string_equal(text, "NAME STATE FLAGS INTERPRETER MATCHES TYPE\n"
				  "jar enabled  /usr/bin/jexec extension\\x20.jar extension\n");
	free(text);
}

static void test_json_entry(void **state)
{
	struct ctl_row r = rosetta_row(), j = jar_row();
	struct ctl_args args = { .format.json = true };
	char *text;

	(void)state;
	text = render(&ctl_show_columns, &args, &r, 1);
	assert_string_equal(
	    text, "{\n"
		  "   \"entries\": [\n"
		  "      {\n"
		  "         \"name\": \"rosetta\",\n"
		  "         \"enabled\": true,\n"
		  "         \"type\": \"magic\",\n"
		  "         \"offset\": 0,\n"
		  "         \"magic\": \"7f454c4602010100000000000000000002003e00\",\n"
		  "         \"mask\": \"fffffffffffefe00fffffffffffffffffeffffff\",\n"
		  "         \"extension\": null,\n"
		  "         \"interpreter\": \"/run/rosetta/rosetta\",\n"
		  "         \"flags\": \"POCF\",\n"
		  "         \"matches\": \"ELF64 LSB x86-64\",\n"
		  "         \"register\": \":rosetta:M:0:"
		  "\\\\x7f\\\\x45\\\\x4c\\\\x46\\\\x02\\\\x01\\\\x01\\\\x00\\\\x00\\\\x00\\\\x00"
		  "\\\\x00\\\\x00\\\\x00\\\\x00\\\\x00\\\\x02\\\\x00\\\\x3e\\\\x00:"
		  "\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xfe\\\\xfe\\\\x00\\\\xff\\\\xff\\\\xff"
		  "\\\\xff\\\\xff\\\\xff\\\\xff\\\\xff\\\\xfe\\\\xff\\\\xff\\\\xff:"
		  "/run/rosetta/rosetta:POCF\"\n"
		  "      }\n"
		  "   ]\n"
		  "}\n");
	free(text);

	text = render(&ctl_entry_columns, &args, &j, 1);
	assert_contains(text, "\"type\": \"extension\"");
	assert_contains(text, "\"magic\": null,\n         \"mask\": null,\n"
			      "         \"extension\": \"jar\"");
	/* libsmartcols writes an empty string as null. */
	assert_contains(text, "\"flags\": null");
	free(text);

	/* No rows: the array is still there, empty. */
	text = render(&ctl_entry_columns, &args, &j, 0);
	assert_string_equal(text, "{\n   \"entries\": [\n\n   ]\n}\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_match_summary),
		cmocka_unit_test(test_match_summary_masked_machine),
		cmocka_unit_test(test_flags_words),
		cmocka_unit_test(test_print_entry),
		cmocka_unit_test(test_show_values),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_raw_noheadings_columns),
		cmocka_unit_test(test_json_entry),
	};

	return cmocka_run_group_tests_name("binfmtctl_format", tests, NULL, NULL);
}
