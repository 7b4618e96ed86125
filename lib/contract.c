/* The rosetta.root syntax, the tag and variable name rules, and the quoting
 * of rosetta.entry; see contract.h. */
#include "contract.h"
#include "array_size.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

const char contract_root_forms[] = "one of initramfs:/PATH, virtiofs:TAG, /dev/NAME, LABEL=LABEL, "
				   "UUID=UUID, PARTUUID=PARTUUID, of at most 255 bytes";

const char *const contract_stage_names[STAGE_COUNT + 1] = {
	[STAGE_EARLY] = "early", [STAGE_CONFIG] = "config",	[STAGE_MODULES] = "modules",
	[STAGE_SHARE] = "share", [STAGE_VERIFY] = "verify",	[STAGE_REGISTER] = "register",
	[STAGE_ROOT] = "root",	 [STAGE_SELFTEST] = "selftest", [STAGE_SWITCH] = "switch",
	[STAGE_RUN] = "run",	 [STAGE_COUNT] = NULL,
};

int contract_stage_find(const char *name)
{
	for (int i = 0; i < STAGE_COUNT; i++)
		if (!strcmp(name, contract_stage_names[i]))
			return i;
	return -1;
}

bool contract_tag_ok(const char *tag)
{
	size_t len = strlen(tag);

	return len > 0 && len <= TAG_MAX && strspn(tag, TAG_CHARS) == len;
}

static const struct {
	const char *prefix;
	enum root_type type;
	bool keep_prefix; /* /dev/NAME is a path: the prefix is part of it */
} forms[] = {
	{ "initramfs:", ROOT_INITRAMFS, false }, { "virtiofs:", ROOT_VIRTIOFS, false },
	{ "/dev/", ROOT_DEVICE, true },		 { "LABEL=", ROOT_LABEL, false },
	{ "UUID=", ROOT_UUID, false },		 { "PARTUUID=", ROOT_PARTUUID, false },
};

static bool arg_ok(enum root_type type, const char *arg)
{
	switch (type) {
	case ROOT_INITRAMFS:
		return arg[0] == '/';
	case ROOT_VIRTIOFS:
		return contract_tag_ok(arg);
	case ROOT_DEVICE:
		/* /dev/ alone, or a path that climbs out of /dev, names no device. */
		return arg[5] != '\0' && !strstr(arg, "/..");
	default:
		return arg[0] != '\0' && !strpbrk(arg, " \t\n");
	}
}

int contract_root_parse(const char *value, struct root_spec *spec)
{
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		size_t n = strlen(forms[i].prefix);
		const char *arg = forms[i].keep_prefix ? value : value + n;

		if (strncmp(value, forms[i].prefix, n) != 0)
			continue;
		if (!arg_ok(forms[i].type, arg))
			return -EINVAL;
		spec->type = forms[i].type;
		spec->arg = arg;
		return 0;
	}
	return -EINVAL;
}

bool contract_root_is_block(enum root_type type)
{
	return type == ROOT_DEVICE || type == ROOT_LABEL || type == ROOT_UUID ||
	       type == ROOT_PARTUUID;
}

bool contract_env_name_ok(const char *name)
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
	static const char alnum[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789";

	return *name && strchr(alpha, *name) && strspn(name, alnum) == strlen(name);
}

const char *contract_entry_refusal(const char *s, enum entry_medium m)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' && m == ENTRY_ON_CMDLINE)
			return "a double quote";
		if (c == '\n')
			return "a newline";
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return "a control character";
	}
	return NULL;
}

/* word, quoted when it has to be, at buf + *len. */
static int quote_word(const char *word, char *buf, size_t size, size_t *len)
{
	bool quote = *word == '\0' || strpbrk(word, " \t'\"\\");
	size_t at = *len;

	for (const char *p = quote ? "'" : ""; *p; p++)
		if (at + 1 < size)
			buf[at++] = *p;
		else
			return -E2BIG;
	for (const char *p = word; *p; p++) {
		const char *put = *p == '\'' ? "'\\''" : NULL;
		size_t n = put ? strlen(put) : 1;

		if (at + n >= size)
			return -E2BIG;
		memcpy(buf + at, put ? put : p, n);
		at += n;
	}
	if (quote && at + 1 >= size)
		return -E2BIG;
	if (quote)
		buf[at++] = '\'';
	buf[at] = '\0';
	*len = at;
	return 0;
}

int contract_entry_quote(char *const *args, size_t n, enum entry_medium m, char *buf, size_t size,
			 size_t *bad)
{
	size_t len = 0;

	if (!size)
		return -E2BIG;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int r;

		if (contract_entry_refusal(args[i], m)) {
			if (bad)
				*bad = i;
			return -EINVAL;
		}
		if (i && len + 1 >= size)
			return -E2BIG;
		if (i)
			buf[len++] = ' ';
		r = quote_word(args[i], buf, size, &len);
		if (r < 0)
			return r;
	}
	return 0;
}
