/* Platforms ("os/arch[/variant]"): the one asked for, the ones an index offers
 * and the one an image config says, compared field by field. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "reader.h"

/* Copy a field; -EINVAL when it is empty, too long or has a '/' or a blank. */
static int field_set(char *to, size_t size, const char *from, size_t len)
{
	if (len == 0 || len >= size || memchr(from, '/', len))
		return -EINVAL;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)from[i] <= ' ')
			return -EINVAL;
	memcpy(to, from, len);
	to[len] = '\0';
	return 0;
}

int platform_parse(const char *text, struct platform *p, struct error_record *e)
{
	const char *s1 = strchr(text, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	const char *end = text + strlen(text);
	int r;

	memset(p, 0, sizeof(*p));
	if (!s1)
		return error_set(e, -EINVAL, "platform \"%.64s\" is not OS/ARCH[/VARIANT]", text);
	r = field_set(p->os, sizeof(p->os), text, (size_t)(s1 - text));
	if (r == 0)
		r = field_set(p->arch, sizeof(p->arch), s1 + 1,
			      (size_t)((s2 ? s2 : end) - (s1 + 1)));
	if (r == 0 && s2)
		r = field_set(p->variant, sizeof(p->variant), s2 + 1, (size_t)(end - (s2 + 1)));
	if (r < 0)
		return error_set(e, r, "platform \"%.64s\" is not OS/ARCH[/VARIANT]", text);
	return 0;
}

static void copy_field(char *to, size_t size, const char *from)
{
	snprintf(to, size, "%s", from ? from : "");
}

int platform_from_json(json_t *obj, struct platform *p)
{
	const char *os = json_str(obj, "os"), *arch = json_str(obj, "architecture");

	memset(p, 0, sizeof(*p));
	if (!os || !arch || !*os || !*arch)
		return -ENOENT;
	copy_field(p->os, sizeof(p->os), os);
	copy_field(p->arch, sizeof(p->arch), arch);
	copy_field(p->variant, sizeof(p->variant), json_str(obj, "variant"));
	return 0;
}

bool platform_matches(const struct platform *want, const struct platform *have)
{
	return strcmp(want->os, have->os) == 0 && strcmp(want->arch, have->arch) == 0 &&
	       (!want->variant[0] || strcmp(want->variant, have->variant) == 0);
}

void platform_format(const struct platform *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s%s%s", p->os, p->arch, p->variant[0] ? "/" : "", p->variant);
}

void platform_list_add(char *list, size_t size, const struct platform *p)
{
	char text[80];

	platform_format(p, text, sizeof(text));
	name_list_add(list, size, text);
}
