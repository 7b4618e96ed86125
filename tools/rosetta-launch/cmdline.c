/* Building the guest kernel command line; see cmdline.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"

/* A bounded string being appended to; overflow is sticky and checked once at the end. */
struct text {
	char *buf;
	size_t size;
	size_t len;
	bool overflow;
};

static void text_add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= t->size - t->len)
		t->overflow = true;
	else
		t->len += (size_t)n;
}

static int add_entry(struct text *t, const struct launch_config *cfg, struct error_record *err)
{
	char value[ENTRY_MAX + 1];
	size_t bad = 0;
	int r;

	if (cfg->entry[0][0] != '/')
		return error_set(err, -EINVAL,
				 "the entry program must be an absolute path (rosetta-init does "
				 "not search PATH): %s",
				 cfg->entry[0]);
	r = contract_entry_quote(cfg->entry, cfg->entry_count, ENTRY_ON_CMDLINE, value,
				 sizeof(value), &bad);
	if (r == -EINVAL)
		return error_set(err, -EINVAL,
				 "entry word %zu contains %s, which %s cannot carry (see ENTRY "
				 "QUOTING in rosetta-launch(1))",
				 bad + 1, contract_entry_refusal(cfg->entry[bad], ENTRY_ON_CMDLINE),
				 CMDLINE_KEY(KEY_ENTRY));
	if (r < 0)
		return error_set(err, -E2BIG,
				 "the entry and its arguments, quoted, are longer than the %d "
				 "bytes rosetta-init accepts",
				 ENTRY_MAX);
	text_add(t, " " CMDLINE_KEY(KEY_ENTRY) "=\"%s\"", value);
	return 0;
}

/* Whether the user's --cmdline gives key a value ("KEY=..." as a word of its own). A
 * quoted entry word that looks the same only costs the hint below. */
static bool user_sets(const struct launch_config *cfg, const char *key)
{
	size_t len = strlen(key);
	const char *w = cfg->cmdline;

	while (w && *w) {
		w += strspn(w, " ");
		if (!strncmp(w, key, len) && w[len] == '=')
			return true;
		w += strcspn(w, " ");
	}
	return false;
}

/* The root: a virtio-fs share or the first virtio-blk disk. The disk's --ephemeral is
 * qemu's business (snapshot=on); the share's is the guest's, a tmpfs over it. */
static void add_root(struct text *t, const struct launch_config *cfg, const char *root_fstype)
{
	if (cfg->root_dir)
		text_add(t, " " CMDLINE_KEY(KEY_ROOT) "=virtiofs:%s", ROOT_SHARE_TAG);
	else if (cfg->root_image)
		text_add(t, " " CMDLINE_KEY(KEY_ROOT) "=%s", ROOT_IMAGE_DEVICE);
	/* The image's type says nothing of another root the user names. */
	if (cfg->root_image && root_fstype && root_fstype[0] &&
	    !user_sets(cfg, CMDLINE_KEY(KEY_ROOT)))
		text_add(t, " " CMDLINE_KEY(KEY_ROOTFSTYPE) "=%s", root_fstype);
	if (cfg->root_ro)
		text_add(t, " " CMDLINE_KEY(KEY_RO));
	if (cfg->ephemeral && cfg->root_dir)
		text_add(t, " " CMDLINE_KEY(KEY_OVERLAY) "=%s", OVERLAY_TMPFS);
}

int launch_build_cmdline(const struct launch_config *cfg, const char *root_fstype, char *buf,
			 size_t size, struct error_record *err)
{
	struct text t = { buf, size, 0, false };

	if (size > LAUNCH_CMDLINE_MAX + 1)
		t.size = LAUNCH_CMDLINE_MAX + 1;
	/* qemu's virt machine has a PL011 UART; Virtualization.framework, only a virtio
	 * console. Either carries the status line rosetta-init prints. */
	text_add(&t, "console=%s panic=-1",
		 cfg->backend == LAUNCH_BACKEND_VFKIT ? "hvc0" : "ttyAMA0");
	if (!cfg->verbose)
		text_add(&t, " quiet");
	if (strcmp(cfg->tag, DEFAULT_TAG) != 0)
		text_add(&t, " " CMDLINE_KEY(KEY_TAG) "=%s", cfg->tag);
	add_root(&t, cfg, root_fstype);
	/* Nobody could type into an emergency shell: a failed boot powers off
	 * instead of waiting. --cmdline comes later, and the init's last
	 * rosetta.emergency wins. */
	if (!cfg->interactive)
		text_add(&t, " " CMDLINE_KEY(KEY_EMERGENCY) "=poweroff");
	if (cfg->cmdline && *cfg->cmdline)
		text_add(&t, " %s", cfg->cmdline);
	if (cfg->entry_count) {
		int r = add_entry(&t, cfg, err);

		if (r < 0)
			return r;
	}
	if (t.overflow)
		return error_set(err, -E2BIG,
				 "the kernel command line would be longer than the %d bytes the "
				 "kernel accepts",
				 LAUNCH_CMDLINE_MAX);
	return 0;
}
