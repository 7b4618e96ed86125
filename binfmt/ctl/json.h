/* A tiny streaming JSON writer: compact output, commas placed for the
 * caller, and strings escaped so that any bytes (entry names, interpreter
 * paths) come out as valid JSON text. */
#ifndef BINFMTCTL_JSON_H
#define BINFMTCTL_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	unsigned int depth;
	bool first[JSON_MAX_DEPTH + 1]; /* nothing written yet at that depth */
	bool after_key;			/* the next value completes a "key": pair */
};

void json_init(struct json *j, FILE *out);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* A member name inside an object; the next value call writes its value. */
void json_key(struct json *j, const char *key);

void json_string(struct json *j, const char *s);
void json_bool(struct json *j, bool v);
void json_uint(struct json *j, unsigned long long v);
void json_null(struct json *j);

/* Shorthands for a member: json_key and then the value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_bool(struct json *j, const char *key, bool v);
void json_kv_uint(struct json *j, const char *key, unsigned long long v);

/* Write s as a quoted JSON string: '"', '\' and control characters escaped,
 * bytes that are not valid UTF-8 written as the code points U+0080..U+00FF
 * (\u00XX) so that the output stays valid UTF-8. */
void json_write_string(FILE *out, const char *s);

#endif
