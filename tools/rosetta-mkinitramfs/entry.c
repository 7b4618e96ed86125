/* Entry list storage, ordering and the checks made on the merged list. */
#include "entry.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio.h"

void entry_free(struct entry *e)
{
	free(e->name);
	free(e->src);
	free(e->target);
	e->name = e->src = e->target = NULL;
}

void entry_list_free(struct entry_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		entry_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int reserve(struct entry_list *l, size_t more)
{
	size_t cap = l->cap ? l->cap : 64;
	struct entry *v;

	if (l->n + more <= l->cap)
		return 0;
	while (cap < l->n + more)
		cap *= 2;
	v = realloc(l->v, cap * sizeof(*v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	l->cap = cap;
	return 0;
}

int entry_list_add(struct entry_list *l, struct entry *e)
{
	if (reserve(l, 1) < 0) {
		entry_free(e);
		return -ENOMEM;
	}
	l->v[l->n++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

int entry_list_append(struct entry_list *dst, struct entry_list *src)
{
	if (reserve(dst, src->n) < 0)
		return -ENOMEM;
	if (src->n)
		memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
	return 0;
}

/* '/' ranks below every other byte, so a path's children come before its siblings. */
static int rank(unsigned char c)
{
	return c == '/' ? 0 : c + 1;
}

static int path_ncmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn;
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return rank(a[i]) - rank(b[i]);
	return an < bn ? -1 : an > bn;
}

int entry_path_cmp(const char *a, const char *b)
{
	return path_ncmp(a, strlen(a), b, strlen(b));
}

int entry_size_fits(uint64_t size)
{
	return size <= CPIO_FIELD_MAX;
}

/* Equal paths are ordered tree entry first, then by spec line, so reports are stable. */
static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = entry_path_cmp(a->name, b->name);

	if (c != 0)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static const struct entry *find(const struct entry_list *l, const char *name, size_t len)
{
	size_t lo = 0, hi = l->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = l->v[mid].name;
		int c = path_ncmp(m, strlen(m), name, len);

		if (c == 0)
			return &l->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void report_duplicate(const struct entry *first, const struct entry *e,
			     struct error_record *err)
{
	if (first->line == 0 && e->line == 0)
		error_set(err, -EINVAL, "duplicate path %s in %s", e->name, e->origin);
	else if (first->line == 0)
		error_line(err, e->origin, e->line, "duplicate path %s: also in the tree as %s/%s",
			   e->name, first->origin, first->name);
	else
		error_line(err, e->origin, e->line, "duplicate path %s: already at %s:%u", e->name,
			   first->origin, first->line);
}

static void check_parent(const struct entry_list *l, const struct entry *e,
			 struct error_record *err)
{
	const char *slash = strrchr(e->name, '/');
	const struct entry *p;
	size_t len;

	if (!slash)
		return;
	len = slash - e->name;
	p = find(l, e->name, len);
	if (p && S_ISDIR(p->mode))
		return;
	if (e->line == 0)
		error_set(err, -EINVAL, "%s/%s: parent %.*s is not a directory in the archive",
			  e->origin, e->name, (int)len, e->name);
	else
		error_line(err, e->origin, e->line,
			   "%s: parent %.*s is not a directory in the archive", e->name, (int)len,
			   e->name);
}

int entry_list_finish(struct entry_list *l, struct error_record *err)
{
	unsigned before = err->count;
	size_t i, first = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), entry_cmp);
	for (i = 1; i < l->n; i++) {
		if (strcmp(l->v[i].name, l->v[first].name) == 0)
			report_duplicate(&l->v[first], &l->v[i], err);
		else
			first = i;
	}
	for (i = 0; i < l->n; i++)
		check_parent(l, &l->v[i], err);
	return err->count > before ? -EINVAL : 0;
}
