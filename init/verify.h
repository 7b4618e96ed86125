/* What stage verify checks of the translator for each rosetta.verify
 * policy, for the tools that judge a translator as the init would. */
#ifndef INIT_VERIFY_H
#define INIT_VERIFY_H

#include "binfmt/interp.h"
#include "config.h"

/* The interp_check() policy of rosetta.verify=verify. */
const struct interp_policy *verify_interp_policy(enum verify_policy verify);

/* The remedy stage verify gives for a translator that breaks rule. */
const char *verify_remedy(enum interp_rule rule);

#endif
