/*
 * The value of --share: DIR:TAG or DIR:TAG:ro. Pure.
 */
#ifndef ROSETTA_LAUNCH_SHARE_ARG_H
#define ROSETTA_LAUNCH_SHARE_ARG_H

#include "lib/error.h"
#include "options.h"

/*
 * A trailing ":ro" marks the share read-only when a DIR:TAG remains before it; that splits
 * at its last colon, since DIR may hold colons and TAG cannot. So "DIR:ro" is the tag ro,
 * and "DIR:ro:ro" the tag ro, read-only. 0, or -EINVAL / -ENAMETOOLONG with err naming
 * the value.
 */
int launch_parse_share(const char *arg, struct launch_extra_share *out, struct error_record *err);

#endif
