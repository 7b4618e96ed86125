/* image_config_parse: Entrypoint's words then Cmd's (either null, absent or alone), Env,
 * WorkingDir and User as written, and what is not a config refused; platforms and tags. */
#include <errno.h>
#include <string.h>

#include "tools/rosetta-mkroot/image_config.h"
#include "tools/rosetta-mkroot/reader.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static int parse(const char *json, struct image_config *ic, struct error_record *e)
{
	return image_config_parse(json, strlen(json), ic, e);
}

static void entrypoint_then_cmd(void **state)
{
	struct image_config ic;
	struct error_record e;

	(void)state;
	assert_int_equal(
	    parse("{\"config\":{\"Entrypoint\":[\"/bin/app\",\"--x\"],\"Cmd\":[\"run\"],"
		  "\"Env\":[\"PATH=/usr/bin\",\"EMPTY=\"],\"WorkingDir\":\"/srv\","
		  "\"User\":\"app:staff\"}}",
		  &ic, &e),
	    0);
	assert_int_equal(ic.entry_count, 3);
	assert_string_equal(ic.entry[0], "/bin/app");
	assert_string_equal(ic.entry[1], "--x");
	assert_string_equal(ic.entry[2], "run");
	assert_null(ic.entry[3]);
	assert_int_equal(ic.env_count, 2);
	assert_string_equal(ic.env[1], "EMPTY=");
	assert_string_equal(ic.workdir, "/srv");
	assert_string_equal(ic.user, "app:staff");
	image_config_free(&ic);
	image_config_free(&ic);
}

static void either_alone_or_null(void **state)
{
	struct image_config ic;
	struct error_record e;

	(void)state;
	assert_int_equal(parse("{\"config\":{\"Entrypoint\":[\"/e\"]}}", &ic, &e), 0);
	assert_int_equal(ic.entry_count, 1);
	assert_string_equal(ic.entry[0], "/e");
	image_config_free(&ic);
	assert_int_equal(
	    parse("{\"config\":{\"Entrypoint\":null,\"Cmd\":[\"/c\",\"a b\"]}}", &ic, &e), 0);
	assert_int_equal(ic.entry_count, 2);
	assert_string_equal(ic.entry[1], "a b");
	image_config_free(&ic);
	assert_int_equal(parse("{\"config\":{\"Entrypoint\":[],\"Cmd\":null,\"WorkingDir\":\"\","
			       "\"User\":\"\"}}",
			       &ic, &e),
			 0);
	assert_null(ic.entry);
	assert_int_equal(ic.entry_count, 0);
	assert_null(ic.workdir);
	assert_null(ic.user);
	image_config_free(&ic);
	assert_int_equal(parse("{\"architecture\":\"amd64\"}", &ic, &e), 0);
	assert_null(ic.entry);
	assert_null(ic.env);
	image_config_free(&ic);
}

static void not_a_config(void **state)
{
	struct image_config ic;
	struct error_record e;

	(void)state;
	assert_int_equal(parse("{\"config\":{\"Cmd\":\"/bin/sh -c true\"}}", &ic, &e), -EINVAL);
	assert_string_equal(e.msg[0].text, "image config: Cmd is not a list of strings");
	assert_null(ic.entry);
	assert_int_equal(parse("{\"config\":{\"Entrypoint\":[\"/a\"],\"Cmd\":[\"x\",1]}}", &ic, &e),
			 -EINVAL);
	assert_string_equal(e.msg[0].text, "image config: Cmd has an entry that is not a string");
	assert_null(ic.entry);
	assert_int_equal(parse("{\"config\":{\"Env\":[\"NOEQUALS\"]}}", &ic, &e), -EINVAL);
	assert_string_equal(e.msg[0].text,
			    "image config: Env entry \"NOEQUALS\" is not NAME=VALUE");
	assert_int_equal(parse("{\"config\":{\"Env\":[\"=x\"]}}", &ic, &e), -EINVAL);
	assert_int_equal(parse("{\"config\":{\"User\":0}}", &ic, &e), -EINVAL);
	assert_int_equal(parse("{\"config\":[]}", &ic, &e), -EINVAL);
	assert_int_equal(parse("[]", &ic, &e), -EINVAL);
	assert_int_equal(parse("{\"config\":{}", &ic, &e), -EINVAL);
	assert_int_equal(parse("{\"a\":1,\"a\":2}", &ic, &e), -EINVAL);
	assert_int_equal(parse("{\"config\":{\"Cmd\":[\"a\\u0000b\"]}}", &ic, &e), -EINVAL);
}

static void platforms(void **state)
{
	struct platform want, have;
	struct error_record e;
	char list[64] = "";

	(void)state;
	assert_int_equal(platform_parse("linux/amd64", &want, &e), 0);
	assert_string_equal(want.os, "linux");
	assert_string_equal(want.arch, "amd64");
	assert_string_equal(want.variant, "");
	assert_int_equal(platform_parse("linux/arm/v7", &have, &e), 0);
	assert_string_equal(have.variant, "v7");
	assert_false(platform_matches(&want, &have));
	assert_int_equal(platform_parse("linux/amd64/v2", &have, &e), 0);
	assert_true(platform_matches(&want, &have));  /* no variant asked: any */
	assert_false(platform_matches(&have, &want)); /* v2 asked: v2 only */
	assert_int_equal(platform_parse("linux", &have, &e), -EINVAL);
	assert_int_equal(platform_parse("/amd64", &have, &e), -EINVAL);
	assert_int_equal(platform_parse("linux/", &have, &e), -EINVAL);
	assert_int_equal(platform_parse("linux/amd64/v2/x", &have, &e), -EINVAL);
	assert_int_equal(platform_parse("linux/amd 64", &have, &e), -EINVAL);
	platform_list_add(list, sizeof(list), &want);
	platform_list_add(list, sizeof(list), &want);
	platform_parse("linux/arm/v7", &have, &e);
	platform_list_add(list, sizeof(list), &have);
	assert_string_equal(list, "linux/amd64, linux/arm/v7");
}

static void tags(void **state)
{
	char list[16] = "";

	(void)state;
	assert_true(tag_matches("latest", "latest"));
	assert_true(tag_matches("docker.io/library/alpine:latest", "latest"));
	assert_false(tag_matches("docker.io/library/alpine:latest", "test"));
	assert_false(tag_matches("mylatest", "latest"));
	name_list_add(list, sizeof(list), "a");
	name_list_add(list, sizeof(list), "ab");
	name_list_add(list, sizeof(list), "a");
	name_list_add(list, sizeof(list), "b");
	assert_string_equal(list, "a, ab, b");
	name_list_add(list, sizeof(list), "longer than it fits");
	assert_string_equal(list, "a, ab, b");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entrypoint_then_cmd),
		cmocka_unit_test(either_alone_or_null),
		cmocka_unit_test(not_a_config),
		cmocka_unit_test(platforms),
		cmocka_unit_test(tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
