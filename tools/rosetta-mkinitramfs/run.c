/* One run of rosetta-mkinitramfs; see run.h. */
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "archive.h"
#include "cleanup.h"
#include "compress.h"
#include "entry.h"
#include "output.h"
#include "sink.h"
#include "spec.h"
#include "tree.h"

/* The tree, then the spec file's entries, sorted and checked as one list. */
static int collect(const struct mkinitramfs_options *o, struct entry_list *l,
		   struct error_record *err)
{
	struct entry_list extra = { 0 };
	int r;

	r = tree_collect(o->dir, l, err);
	if (r == 0 && o->spec)
		r = spec_load(o->spec, &extra, err);
	if (r == 0 && entry_list_append(l, &extra) < 0)
		r = error_system(err, -ENOMEM, "out of memory");
	entry_list_free(&extra);
	return r == 0 ? entry_list_finish(l, err) : r;
}

/* Streams the archive into fd, which is the output or the compressor's pipe. */
static int stream(const struct mkinitramfs_options *o, const struct entry_list *l, int fd,
		  const char *name, struct error_record *err)
{
	struct fd_sink *sink = malloc(sizeof(*sink));
	struct cpio_out co = { .write = fd_sink_write, .ctx = sink };
	int r;

	if (!sink)
		return error_system(err, -ENOMEM, "out of memory");
	fd_sink_init(sink, fd);
	r = archive_write(l, o->mtime, &co, name, err);
	if (r == 0) {
		r = fd_sink_flush(sink);
		if (r < 0)
			r = error_system(err, r, "cannot write %s: %m", name);
	}
	free(sink);
	return r;
}

/* Through the compressor, whose exit status is checked even when streaming failed: if it
 * died, that is why the pipe broke. */
static int stream_compressed(const struct mkinitramfs_options *o, const struct entry_list *l,
			     int fd, struct error_record *err)
{
	struct compressor comp = { .pid = -1, .in_fd = -1 };
	char pipe_name[64];
	int r, c;

	snprintf(pipe_name, sizeof(pipe_name), "the pipe to %s", compress_program(o->method));
	r = compress_start(&comp, o->method, fd, err);
	if (r < 0)
		return r;
	r = stream(o, l, comp.in_fd, pipe_name, err);
	c = compress_finish(&comp, err);
	return r < 0 ? r : c;
}

static int write_image(const struct mkinitramfs_options *o, const struct entry_list *l,
		       struct error_record *err)
{
	struct output out;
	int r;

	r = output_open(&out, o->out, 0, err);
	if (r < 0)
		return r;
	if (o->method == COMPRESS_NONE)
		r = stream(o, l, out.fd, output_name(&out), err);
	else
		r = stream_compressed(o, l, out.fd, err);
	if (r == 0)
		return output_commit(&out, err);
	output_abort(&out);
	return r;
}

int mkinitramfs_run(const struct mkinitramfs_options *o, struct error_record *err)
{
	struct entry_list l = { 0 };
	int r;

	/* A compressor that dies must show up as EPIPE and its exit status, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	r = cleanup_install();
	if (r < 0)
		return error_system(err, r, "cannot install signal handlers: %m");
	r = collect(o, &l, err);
	if (r == 0)
		r = write_image(o, &l, err);
	entry_list_free(&l);
	return r;
}
