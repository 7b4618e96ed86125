/* Parsing a --share value; see share_arg.h. */
#include <errno.h>
#include <string.h>

#include "share_arg.h"

#define FORM "expected DIR:TAG or DIR:TAG:ro"

int launch_parse_share(const char *arg, struct launch_extra_share *out, struct error_record *err)
{
	size_t len = strlen(arg), dirlen;
	const char *colon;

	memset(out, 0, sizeof(*out));
	/* ":ro" ends the value only when a DIR:TAG is left before it. */
	if (len > 3 && strcmp(arg + len - 3, ":ro") == 0 && memchr(arg, ':', len - 3)) {
		out->ro = true;
		len -= 3;
	}
	colon = memrchr(arg, ':', len);
	if (!colon)
		return error_set(err, -EINVAL, "invalid --share value '%s': %s", arg, FORM);
	dirlen = (size_t)(colon - arg);
	if (dirlen == 0)
		return error_set(err, -EINVAL, "invalid --share value '%s': DIR is empty (%s)", arg,
				 FORM);
	if (dirlen >= sizeof(out->dir))
		return error_set(err, -ENAMETOOLONG, "--share directory is too long: %.64s...",
				 arg);
	len -= dirlen + 1; /* the tag's */
	if (len <= TAG_MAX)
		memcpy(out->tag, colon + 1, len);
	if (len > TAG_MAX || !contract_tag_ok(out->tag))
		return error_set(err, -EINVAL,
				 "invalid --share tag in '%s': use 1 to %d letters, digits, '.', "
				 "'_' or '-'",
				 arg, TAG_MAX);
	memcpy(out->dir, arg, dirlen);
	return 0;
}
