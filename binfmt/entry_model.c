/* The entry model: the Rosetta entry, flags in the kernel's order, and the
 * rules every entry must keep to be registered (validation). */
#include "entry_model.h"

#include <errno.h>
#include <string.h>

#include "field.h"
#include "register_string.h"
#include "lib/array_size.h"

/* The first 20 bytes of an x86-64 ELF header: class 64, little-endian,
 * version 1, any OS/ABI, e_type ET_EXEC or ET_DYN (the mask clears bit 0 of
 * the low byte), e_machine EM_X86_64. The layout Apple's guide registers. */
static const unsigned char x86_64_magic[20] = { 0x7f, 'E',  'L',  'F',	0x02, 0x01, 0x01,
						0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
						0x00, 0x00, 0x02, 0x00, 0x3e, 0x00 };
static const unsigned char x86_64_mask[20] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xfe,
					       0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					       0xff, 0xff, 0xfe, 0xff, 0xff, 0xff };

int binfmt_flags_normalize(const char *flags, char out[8])
{
	bool has[4] = { false };
	static const char order[] = "POCF";
	size_t n = 0;

	for (const char *p = flags; *p; p++) {
		const char *at = strchr(order, *p);

		if (!at)
			return -EINVAL;
		has[at - order] = true;
	}
	if (has[2])
		has[1] = true; /* the kernel sets O whenever C is given */
	for (size_t i = 0; i < 4; i++)
		if (has[i])
			out[n++] = order[i];
	out[n] = '\0';
	return 0;
}

int binfmt_entry_rosetta(struct binfmt_entry *e, const char *name, const char *interpreter,
			 const char *flags)
{
	int r;

	memset(e, 0, sizeof(*e));
	if (!*name || strchr(name, '/') || strchr(name, ':'))
		return -EINVAL;
	r = field_copy(e->name, sizeof(e->name), name);
	if (r == 0)
		r = field_copy(e->interpreter, sizeof(e->interpreter), interpreter);
	if (r == 0 && strlen(flags) >= sizeof(e->flags))
		r = -EINVAL;
	if (r == 0)
		r = field_copy(e->flags, sizeof(e->flags), flags);
	if (r < 0)
		return r;
	e->type = 'M';
	memcpy(e->magic, x86_64_magic, sizeof(x86_64_magic));
	e->magic_len = sizeof(x86_64_magic);
	memcpy(e->mask, x86_64_mask, sizeof(x86_64_mask));
	e->mask_len = sizeof(x86_64_mask);
	return binfmt_flags_normalize(flags, e->flags) < 0 ? -EINVAL : 0;
}

int binfmt_name_validate(const char *name, struct binfmt_rule *rule)
{
	/* "." and ".." are directory entries, "register" and "status" the
	 * control files beside the entries; systemd-binfmt refuses them too. */
	static const char *const reserved[] = { ".", "..", "register", "status" };

	binfmt_rule_clear(rule);
	if (!field_terminated(name, BINFMT_NAME_MAX + 1) || !*name || strchr(name, '/'))
		return binfmt_rule_break(rule, BINFMT_E_NAME);
	for (size_t i = 0; i < ARRAY_SIZE(reserved); i++)
		if (!strcmp(name, reserved[i]))
			return binfmt_rule_break(rule, BINFMT_E_NAME);
	return 0;
}

static int validate_extension(const struct binfmt_entry *e, struct binfmt_rule *rule)
{
	if (e->offset || e->mask_len || memchr(e->magic, '/', e->magic_len) ||
	    memchr(e->magic, '\0', e->magic_len))
		return binfmt_rule_break(rule, BINFMT_E_EXTENSION);
	return 0;
}

static int validate_match(const struct binfmt_entry *e, struct binfmt_rule *rule)
{
	if (e->type != 'M' && e->type != 'E')
		return binfmt_rule_break(rule, BINFMT_E_TYPE);
	if (e->magic_len == 0)
		return binfmt_rule_break(rule, BINFMT_E_MAGIC_EMPTY);
	/* An extension is bounded by the register string alone. */
	if (e->magic_len > (e->type == 'E' ? sizeof(e->magic) : BINFMT_MAGIC_MAX))
		return binfmt_rule_break(rule, BINFMT_E_MAGIC_LONG);
	if (e->type == 'E')
		return validate_extension(e, rule);
	if (e->mask_len && e->mask_len != e->magic_len)
		return binfmt_rule_break(rule, BINFMT_E_MASK_LENGTH);
	if (e->offset > BINFMT_MAGIC_MAX - e->magic_len)
		return binfmt_rule_break(rule, BINFMT_E_RANGE);
	return 0;
}

static int validate_exec(const struct binfmt_entry *e, struct binfmt_rule *rule)
{
	if (!field_terminated(e->interpreter, BINFMT_PATH_MAX) || e->interpreter[0] != '/')
		return binfmt_rule_break(rule, BINFMT_E_INTERPRETER);
	if (!field_terminated(e->flags, sizeof(e->flags)) || e->flags[strspn(e->flags, "POCF")])
		return binfmt_rule_break(rule, BINFMT_E_FLAGS);
	return 0;
}

/* Our own rule: the entry must be something binfmt_entry_format() writes
 * and the kernel takes, so that every valid entry can be registered. */
static int validate_serializable(const struct binfmt_entry *e, struct binfmt_rule *rule)
{
	char line[BINFMT_REGISTER_MAX + 1];
	int n = binfmt_entry_format(e, line, sizeof(line));

	if (n == -EINVAL)
		return binfmt_rule_break(rule, BINFMT_E_DELIMITER);
	return n < 0 ? binfmt_rule_break(rule, BINFMT_E_TOO_LONG) : 0;
}

int binfmt_entry_validate(const struct binfmt_entry *e, struct binfmt_rule *rule)
{
	int r;

	r = binfmt_name_validate(e->name, rule);
	if (r == 0)
		r = validate_match(e, rule);
	if (r == 0)
		r = validate_exec(e, rule);
	return r < 0 ? r : validate_serializable(e, rule);
}
