/* A binfmt_misc entry and what libbinfmt does with one, for callers that
 * want all of it: the model and its rules (entry_model.h), the kernel's
 * register string (register_string.h), the per-entry status file
 * (status_file.h), and which files an entry claims (match.h). */
#ifndef BINFMT_ENTRY_H
#define BINFMT_ENTRY_H

#include "entry_model.h"
#include "match.h"
#include "register_string.h"
#include "status_file.h"

#endif
