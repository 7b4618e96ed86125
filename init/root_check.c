/* Checks of a program inside the new root; see root_check.h. Paths are
 * resolved with RESOLVE_IN_ROOT, so absolute symlinks such as
 * /bin/sh -> /bin/dash stay inside the tree, as they will after the switch. */
#include "root_check.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "binfmt/elf.h"
#include "lib/in_root.h"

/* A script's "#!" line names one interpreter, at most this long. */
#define SHEBANG_MAX 256

int root_open_in(int tree_fd, const char *path, int flags)
{
	return in_root_open(tree_fd, path, flags | O_CLOEXEC, 0);
}

/* The interpreter a "#!" line names, or "" when the file is no script. */
static void shebang(int fd, char *interp, size_t size)
{
	char line[SHEBANG_MAX + 3];
	ssize_t n = pread(fd, line, sizeof(line) - 1, 0);
	char *p;

	interp[0] = '\0';
	if (n < 3 || line[0] != '#' || line[1] != '!')
		return;
	line[n] = '\0';
	p = line + 2 + strspn(line + 2, " \t");
	p[strcspn(p, " \t\n")] = '\0';
	if (*p == '/' && strlen(p) < size)
		memcpy(interp, p, strlen(p) + 1);
}

static int check_loader(int tree_fd, const char *tree, const char *what, const char *prog, int fd,
			struct failure *f)
{
	char interp[PATH_MAX], mbuf[24];
	uint16_t machine = 0;
	int r = elf_interp_fd(fd, interp, sizeof(interp), &machine), lfd;

	if (r <= 0)
		return 0; /* static, or no ELF: the kernel and binfmt_misc judge */
	lfd = root_open_in(tree_fd, interp, O_PATH);
	if (lfd >= 0) {
		close(lfd);
		return 0;
	}
	return fail(f, -lfd,
		    "install the C library in the tree (Debian: libc6 of the tree's architecture, "
		    "e.g. libc6:amd64), or use a statically linked program",
		    "the tree %s has no %s dynamic loader %s, which %s %s needs", tree,
		    elf_machine_name(machine, mbuf, sizeof(mbuf)), interp, what, prog);
}

static int check_file(int tree_fd, const char *tree, const char *what, const char *prog, int depth,
		      struct failure *f)
{
	char interp[SHEBANG_MAX];
	struct stat st;
	int fd = root_open_in(tree_fd, prog, O_RDONLY | O_NONBLOCK | O_NOCTTY), r;

	if (fd < 0)
		return fail(f, -fd, "set rosetta.entry= to a program inside the x86-64 tree",
			    "%s %s in %s", what, prog, tree);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		close(fd);
		return fail(f, EACCES, "set rosetta.entry= to an executable file",
			    "%s %s in %s is not an executable file", what, prog, tree);
	}
	shebang(fd, interp, sizeof(interp));
	if (interp[0] && depth == 0) {
		char nested[SHEBANG_MAX + 32];

		snprintf(nested, sizeof(nested), "%.*s's interpreter", SHEBANG_MAX, prog);
		r = check_file(tree_fd, tree, nested, interp, depth + 1, f);
	} else {
		r = check_loader(tree_fd, tree, what, prog, fd, f);
	}
	close(fd);
	return r;
}

int root_check_program(int tree_fd, const char *tree, const char *what, const char *prog,
		       struct failure *f)
{
	return check_file(tree_fd, tree, what, prog, 0, f);
}
