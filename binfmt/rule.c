/* The words and errnos for libbinfmt's rules, so that every program
 * reports a broken rule in the same words ("file:line: <phrase>"). */
#include "rule.h"
#include "lib/array_size.h"

#include <errno.h>
#include <string.h>

/* Indexed by enum binfmt_error; each says which rule was broken. */
static const char *const messages[] = {
	[BINFMT_OK] = "success",
	[BINFMT_E_SYNTAX] = "not a register string :name:type:offset:magic:mask:interpreter:flags",
	[BINFMT_E_TOO_LONG] = "register string is longer than the 1920 bytes the kernel takes",
	[BINFMT_E_NAME] =
	    "name is empty, reserved (. .. register status), holds '/' or is over 255 bytes",
	[BINFMT_E_TYPE] = "type must be M (magic) or E (extension)",
	[BINFMT_E_OFFSET] = "offset is not a non-negative decimal number",
	[BINFMT_E_MAGIC_EMPTY] = "magic (or extension) is empty",
	[BINFMT_E_MAGIC_LONG] = "magic is longer than 256 bytes",
	[BINFMT_E_ESCAPE] = "\\x must be followed by two hex digits",
	[BINFMT_E_MASK_LENGTH] = "mask length differs from magic length",
	[BINFMT_E_RANGE] = "offset + magic length exceeds the 256 bytes the kernel reads",
	[BINFMT_E_EXTENSION] = "an extension (E) entry has an offset, a mask, or '/' in it",
	[BINFMT_E_INTERPRETER] = "interpreter is not an absolute path (or is too long)",
	[BINFMT_E_FLAGS] = "flags must be letters from P, O, C, F",
	[BINFMT_E_DELIMITER] = "name, interpreter or extension hold every delimiter (: , | # !)",
	[BINFMT_E_KEY] = "unknown key, or a key without a value",
	[BINFMT_E_DETECTOR] = "detector programs are not supported (update-binfmts 'detector')",
	[BINFMT_E_MISSING] = "package, interpreter, or magic/extension is missing",
	[BINFMT_E_VALUE] = "value must be yes or no (or a decimal offset)",
	[BINFMT_E_BOTH] = "magic and extension exclude each other",
	[BINFMT_E_INTERP_MISSING] = "interpreter does not exist",
	[BINFMT_E_INTERP_DIR] = "interpreter is a directory",
	[BINFMT_E_INTERP_NOT_REGULAR] = "interpreter is not a regular file",
	[BINFMT_E_INTERP_NOT_EXEC] = "interpreter is not executable",
	[BINFMT_E_INTERP_NOEXEC_MOUNT] = "interpreter is on a noexec mount",
};

/* Too long is E2BIG; the interpreter rules are what the kernel's
 * open_exec() would fail with; every other broken rule is EINVAL. */
static int rule_errno(enum binfmt_error broken)
{
	switch (broken) {
	case BINFMT_E_TOO_LONG:
	case BINFMT_E_MAGIC_LONG:
		return E2BIG;
	case BINFMT_E_INTERP_MISSING:
		return ENOENT;
	case BINFMT_E_INTERP_DIR:
		return EISDIR;
	case BINFMT_E_INTERP_NOT_REGULAR:
	case BINFMT_E_INTERP_NOT_EXEC:
	case BINFMT_E_INTERP_NOEXEC_MOUNT:
		return EACCES;
	default:
		return EINVAL;
	}
}

const char *binfmt_rule_text(enum binfmt_error broken)
{
	if ((size_t)broken < ARRAY_SIZE(messages) && messages[broken])
		return messages[broken];
	return "unknown libbinfmt error";
}

const char *binfmt_error_text(int err, const struct binfmt_rule *rule)
{
	if (rule && rule->broken != BINFMT_OK)
		return binfmt_rule_text(rule->broken);
	return strerror(-err);
}

int binfmt_rule_break(struct binfmt_rule *rule, enum binfmt_error broken)
{
	if (rule)
		rule->broken = broken;
	return -rule_errno(broken);
}

void binfmt_rule_clear(struct binfmt_rule *rule)
{
	if (rule)
		rule->broken = BINFMT_OK;
}
