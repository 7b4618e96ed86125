/* The entries competing for x86-64 programs; see handlers.h. */
#include "handlers.h"

#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "binfmt/binfmtfs.h"
#include "binfmt/pick.h"

struct walk {
	const struct rctl_target *t;
	struct rctl_handlers *hs;
};

static bool matches_x86_64(const struct binfmt_entry *e, uint16_t type)
{
	unsigned char h[BINFMT_ELF64_HEADER];

	binfmt_x86_64_header(h, type);
	return binfmt_entry_matches(e, h, sizeof(h), NULL);
}

static void read_one(const char *dir, const char *name, struct rctl_handler *h)
{
	struct binfmt_status st;
	int r = binfmt_fs_read(dir, name, &st);

	memset(h, 0, sizeof(*h));
	if (r == 0)
		r = binfmt_status_to_entry(&st, name, &h->e);
	snprintf(h->e.name, sizeof(h->e.name), "%s", name);
	if (r < 0) {
		snprintf(h->e.interpreter, sizeof(h->e.interpreter), "%s", st.interpreter);
		h->unreadable = r;
	}
	h->enabled = st.enabled;
	h->x86_64 = !r && (matches_x86_64(&h->e, ET_EXEC) || matches_x86_64(&h->e, ET_DYN));
}

static int add(void *arg, const char *name)
{
	struct walk *w = arg;
	struct rctl_handlers *hs = w->hs;

	if (hs->n == hs->cap) {
		size_t cap = hs->cap ? 2 * hs->cap : 8;
		struct rctl_handler *v = realloc(hs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		hs->v = v;
		hs->cap = cap;
	}
	read_one(w->t->binfmt_dir, name, &hs->v[hs->n]);
	if (hs->v[hs->n].unreadable == -ENOENT)
		return 0; /* removed since the directory was read */
	hs->v[hs->n].ours = !strcmp(name, w->t->cfg.binfmt_name);
	hs->n++;
	return 0;
}

/* Mark the entry the kernel runs programs of ELF type type through. */
static int mark_winner(const struct rctl_target *t, struct rctl_handlers *hs, uint16_t type)
{
	unsigned char h[BINFMT_ELF64_HEADER];
	struct binfmt_entry winner = { 0 };
	int r;

	binfmt_x86_64_header(h, type);
	r = binfmt_fs_pick(t->binfmt_dir, h, sizeof(h), NULL, &winner);
	for (size_t i = 0; r == 1 && i < hs->n; i++) {
		if (strcmp(hs->v[i].e.name, winner.name) != 0)
			continue;
		if (type == ET_DYN)
			hs->v[i].runs_dyn = true;
		else
			hs->v[i].runs_exec = true;
	}
	return r < 0 ? r : 0;
}

int rctl_handlers_read(const struct rctl_target *t, struct rctl_handlers *hs)
{
	struct walk w;
	int r;

	memset(hs, 0, sizeof(*hs));
	w = (struct walk){ t, hs };
	r = binfmt_fs_list_tried(t->binfmt_dir, add, &w);
	if (r < 0) {
		rctl_handlers_free(hs);
		return r;
	}
	hs->pick_err = mark_winner(t, hs, ET_DYN);
	if (hs->pick_err == 0)
		hs->pick_err = mark_winner(t, hs, ET_EXEC);
	return 0;
}

void rctl_handlers_free(struct rctl_handlers *hs)
{
	free(hs->v);
	memset(hs, 0, sizeof(*hs));
}

const struct rctl_handler *rctl_handlers_winner(const struct rctl_handlers *hs)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->v[i].runs_dyn)
			return &hs->v[i];
	for (size_t i = 0; i < hs->n; i++)
		if (hs->v[i].runs_exec)
			return &hs->v[i];
	return NULL;
}
