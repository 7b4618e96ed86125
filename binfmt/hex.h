/* Hex digits, as magic, mask and digest text spell bytes. */
#ifndef BINFMT_HEX_H
#define BINFMT_HEX_H

/* The value of one hex digit of either case, or -1. */
int hex_digit_value(char c);

#endif
