/* A command's tables as one document; see output.h. */
#include "output.h"

int rctl_add_table(struct table_document *d, const struct table_column_set *set,
		   const struct table_format *f, const void *rows, size_t n, size_t size)
{
	struct table_output o;
	int r = table_output_open(&o, set, f, d->out);

	for (size_t i = 0; r == 0 && i < n; i++)
		r = table_output_add(&o, (const char *)rows + i * size);
	if (r == 0)
		return table_document_add(d, &o);
	if (o.tb)
		table_output_close(&o);
	return r;
}
