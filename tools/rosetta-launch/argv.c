/* Building the children's argument vectors and quoting them for a shell; see argv.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "vfkit_argv.h"

void launch_argv_init(struct launch_argv *a)
{
	memset(a, 0, sizeof(*a));
}

void launch_argv_free(struct launch_argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	launch_argv_init(a);
}

/* Take ownership of s (NULL means allocation failed) and append it. */
static void push(struct launch_argv *a, char *s)
{
	char **v;

	if (!s || a->err) {
		free(s);
		a->err = a->err ? a->err : -ENOMEM;
		return;
	}
	if (a->n + 1 >= a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;

		v = realloc(a->v, cap * sizeof(*v));
		if (!v) {
			free(s);
			a->err = -ENOMEM;
			return;
		}
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

void launch_argv_add(struct launch_argv *a, const char *s)
{
	push(a, strdup(s));
}

void launch_argv_addf(struct launch_argv *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	push(a, s);
}

/*
 * Append prefix + value + suffix with each character of special in value preceded by esc.
 * qemu options double a comma; virtiofsd's -o (libfuse's option parser) takes a backslash.
 */
static void add_escaped(struct launch_argv *a, const char *prefix, const char *value,
			const char *suffix, const char *special, char esc)
{
	char *s = malloc(strlen(prefix) + 2 * strlen(value) + strlen(suffix) + 1);

	if (s) {
		char *d = stpcpy(s, prefix);

		for (; *value; value++) {
			if (strchr(special, *value))
				*d++ = esc;
			*d++ = *value;
		}
		memcpy(d, suffix, strlen(suffix) + 1);
	}
	push(a, s);
}

int launch_virtiofsd_argv(struct launch_argv *a, const char *virtiofsd,
			  const struct launch_share *share)
{
	launch_argv_add(a, virtiofsd);
	launch_argv_addf(a, "--socket-path=%s", share->socket);
	launch_argv_add(a, "-o");
	add_escaped(a, "source=", share->dir, "", ",\\", '\\');
	launch_argv_add(a, "-o");
	launch_argv_add(a, "sandbox=chroot");
	return a->err;
}

void launch_argv_pair(struct launch_argv *a, const char *opt, const char *value)
{
	launch_argv_add(a, opt);
	launch_argv_add(a, value);
}

void launch_argv_pair_u(struct launch_argv *a, const char *opt, unsigned int value)
{
	launch_argv_add(a, opt);
	launch_argv_addf(a, "%u", value);
}

static void add_machine(struct launch_argv *a, const struct launch_config *cfg, bool kvm)
{
	launch_argv_pair(a, "-M", "virt");
	launch_argv_pair(a, "-accel", kvm ? "kvm" : "tcg");
	/* Under TCG, the architected pointer authentication (QARMA5) is emulated in software at
	 * every signed return of a kernel built with it, Debian's among them: the IMPDEF
	 * algorithm signs and checks alike at a fraction of the cost (QEMU's cpu-features.rst).
	 * KVM takes the host's CPU, whose own algorithm runs in hardware. */
	launch_argv_pair(a, "-cpu", kvm ? "host" : "max,pauth-impdef=on");
	launch_argv_pair_u(a, "-smp", cfg->cpus);
	launch_argv_pair_u(a, "-m", cfg->memory_mib);
	launch_argv_add(a, "-nographic");
	launch_argv_add(a, "-no-reboot");
	/* The guest needs no network, and the default NIC wants an option ROM (ipxe-qemu). */
	launch_argv_pair(a, "-nic", "none");
}

static void add_share(struct launch_argv *a, const struct launch_share *s, size_t i)
{
	char prefix[64];

	launch_argv_add(a, "-chardev");
	snprintf(prefix, sizeof(prefix), "socket,id=vfs%zu,path=", i);
	add_escaped(a, prefix, s->socket, "", ",", ',');
	launch_argv_add(a, "-device");
	launch_argv_addf(a, "vhost-user-fs-pci,chardev=vfs%zu,tag=%s", i, s->tag);
}

/* The root disk, the only virtio-blk device: the guest's /dev/vda. --ephemeral leaves the
 * image alone (qemu writes to a temporary overlay); --root-ro opens it read-only. */
static void add_root_image(struct launch_argv *a, const struct launch_config *cfg,
			   const struct launch_plan *plan)
{
	char opts[96];

	snprintf(opts, sizeof(opts), ",format=%s,if=none,id=root%s%s",
		 plan->image_format == LAUNCH_IMAGE_QCOW2 ? "qcow2" : "raw",
		 cfg->ephemeral ? ",snapshot=on" : "", cfg->root_ro ? ",readonly=on" : "");
	launch_argv_add(a, "-drive");
	add_escaped(a, "file=", plan->root_image, opts, ",", ',');
	launch_argv_pair(a, "-device", "virtio-blk-pci,drive=root");
}

int launch_qemu_argv(struct launch_argv *a, const struct launch_config *cfg,
		     const struct launch_plan *plan)
{
	size_t i;

	launch_argv_add(a, plan->vm);
	add_machine(a, cfg, plan->kvm);
	launch_argv_pair(a, "-kernel", cfg->kernel);
	if (cfg->initrd)
		launch_argv_pair(a, "-initrd", cfg->initrd);
	launch_argv_pair(a, "-append", plan->cmdline);
	/* vhost-user needs guest memory the backend can map: a shared memfd. */
	launch_argv_add(a, "-object");
	launch_argv_addf(a, "memory-backend-memfd,id=mem,size=%uM,share=on", cfg->memory_mib);
	launch_argv_pair(a, "-numa", "node,memdev=mem");
	if (plan->root_image[0])
		add_root_image(a, cfg, plan);
	for (i = 0; i < plan->nshares; i++)
		add_share(a, &plan->share[i], i);
	return a->err;
}

int launch_vm_argv(struct launch_argv *a, const struct launch_config *cfg,
		   const struct launch_plan *plan)
{
	if (cfg->backend == LAUNCH_BACKEND_VFKIT)
		return launch_vfkit_argv(a, cfg, plan);
	return launch_qemu_argv(a, cfg, plan);
}

static const char shell_safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				 "0123456789@%+=:,./_-";

static void quote_into(FILE *f, const char *s)
{
	if (*s && strspn(s, shell_safe) == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

int launch_shell_join(char *const *v, size_t n, char **out)
{
	size_t len, i;
	FILE *f;

	*out = NULL;
	f = open_memstream(out, &len);
	if (!f)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (i)
			fputc(' ', f);
		quote_into(f, v[i]);
	}
	if (fclose(f) != 0) {
		free(*out);
		*out = NULL;
		return -ENOMEM;
	}
	return 0;
}

int launch_shell_quote(const char *s, char **out)
{
	char *const v[] = { (char *)s };

	return launch_shell_join(v, 1, out);
}
