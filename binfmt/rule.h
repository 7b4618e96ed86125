/* The rules libbinfmt checks input against, and how a broken one is told.
 * Every libbinfmt function returns 0 (or a count or size, where that is
 * its contract) or a negative errno. One that finds a rule broken returns
 * the errno that fits it (-EINVAL mostly, -E2BIG for too long, -ENOENT for
 * a missing interpreter) and names the rule in the caller's struct
 * binfmt_rule, whose phrase (binfmt_rule_text) is what users read. */
#ifndef BINFMT_RULE_H
#define BINFMT_RULE_H

enum binfmt_error {
	BINFMT_OK = 0,
	BINFMT_E_SYNTAX = 1,	 /* not :name:type:offset:magic:mask:interpreter:flags */
	BINFMT_E_TOO_LONG,	 /* longer than the kernel takes (1920), as given or written */
	BINFMT_E_NAME,		 /* empty, ".", "..", "register", "status", '/', over 255 bytes */
	BINFMT_E_TYPE,		 /* type is not M or E */
	BINFMT_E_OFFSET,	 /* offset is not a decimal number */
	BINFMT_E_MAGIC_EMPTY,	 /* no magic (M) or no extension (E) */
	BINFMT_E_MAGIC_LONG,	 /* magic longer than 256 bytes */
	BINFMT_E_ESCAPE,	 /* \x not followed by two hex digits */
	BINFMT_E_MASK_LENGTH,	 /* mask length differs from the magic's */
	BINFMT_E_RANGE,		 /* offset + magic length beyond the 256 bytes read */
	BINFMT_E_EXTENSION,	 /* type E with an offset, a mask, or a '/' in it */
	BINFMT_E_INTERPRETER,	 /* interpreter empty, not absolute, or too long */
	BINFMT_E_FLAGS,		 /* a flag outside P O C F */
	BINFMT_E_DELIMITER,	 /* fields hold every delimiter the serializer can use */
	BINFMT_E_KEY,		 /* update-binfmts: unknown key or missing value */
	BINFMT_E_DETECTOR,	 /* update-binfmts: detector programs are refused */
	BINFMT_E_MISSING,	 /* update-binfmts: no package/interpreter, or no magic/extension */
	BINFMT_E_VALUE,		 /* update-binfmts: yes/no or a number expected */
	BINFMT_E_BOTH,		 /* update-binfmts: both magic and extension */
	BINFMT_E_INTERP_MISSING, /* the interpreter does not exist */
	BINFMT_E_INTERP_DIR,	 /* the interpreter is a directory */
	BINFMT_E_INTERP_NOT_REGULAR,  /* a FIFO, device or socket */
	BINFMT_E_INTERP_NOT_EXEC,     /* no execute permission */
	BINFMT_E_INTERP_NOEXEC_MOUNT, /* on a mount with noexec */
};

/* The detail a function fills beside its negative errno. A caller passes
 * its own (or NULL when the errno is enough); functions that take one set
 * broken to BINFMT_OK first, so after a failure BINFMT_OK means the errno
 * came from the system (a read, an allocation), not from a rule. */
struct binfmt_rule {
	enum binfmt_error broken;
};

/* The rule as a phrase, "magic is longer than 256 bytes". */
const char *binfmt_rule_text(enum binfmt_error broken);

/* What to tell a user about a failure: the broken rule's phrase when rule
 * names one, else strerror(-err). rule may be NULL. */
const char *binfmt_error_text(int err, const struct binfmt_rule *rule);

/* For libbinfmt's parsers and checks: note broken in rule (which may be
 * NULL) and return the errno that fits it, so that "return
 * binfmt_rule_break(rule, BINFMT_E_NAME);" reports a rule. */
int binfmt_rule_break(struct binfmt_rule *rule, enum binfmt_error broken);

/* Start a function that fills rule: nothing broken yet. */
void binfmt_rule_clear(struct binfmt_rule *rule);

#endif
