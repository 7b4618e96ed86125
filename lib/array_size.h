/* The number of elements of an array. Given a pointer instead, the division
 * would be wrong silently; -Wsizeof-pointer-div (in -Wall) refuses it. */
#ifndef LIB_ARRAY_SIZE_H
#define LIB_ARRAY_SIZE_H

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
