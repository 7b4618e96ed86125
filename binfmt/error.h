/* libbinfmt's own error codes: the rule an entry or a line breaks. Functions
 * return 0, one of these (> 0), or a negative errno for system errors. */
#ifndef BINFMT_ERROR_H
#define BINFMT_ERROR_H

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

/* The rule as a phrase, "magic is longer than 256 bytes"; negative values
 * are errno codes and give strerror's text. */
const char *binfmt_strerror(int err);

#endif
