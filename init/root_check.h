/* The root stage's checks of a program in the new tree, before the switch:
 * that it is there, executable, and that what it needs to start (an ELF
 * program's dynamic loader, a script's interpreter) is in the tree too. */
#ifndef INIT_ROOT_CHECK_H
#define INIT_ROOT_CHECK_H

#include "context.h"

/* The tree's checks share one descriptor of its directory, tree_fd (an
 * O_PATH descriptor, or AT_FDCWD for the running root): the tree is opened
 * once for all of them, not once a path. */

/* Open path inside the tree tree_fd, as if it were / (RESOLVE_IN_ROOT), with
 * flags | O_CLOEXEC. An fd, or -errno. */
int root_open_in(int tree_fd, const char *path, int flags);

/* Check prog (an absolute path inside the tree tree_fd, resolved as if the
 * tree were /). what names it in messages ("entry", "rosetta.exec"); tree
 * names the tree (the rosetta.root value). 0, or -1 with f filled. */
int root_check_program(int tree_fd, const char *tree, const char *what, const char *prog,
		       struct failure *f);

#endif
