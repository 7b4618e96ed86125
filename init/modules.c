/* Stage modules: load, with libkmod, what the boot needs. rosetta.coldplug=boot
 * (the default): the drivers of the PCI bus's devices (the virtio transport,
 * or virtio_mmio when no virtio device is on PCI), virtiofs (with fuse) and
 * binfmt_misc by name, then the drivers of the virtio devices (console, disk,
 * rng, network); the root's filesystem comes in stage root. Other buses are
 * not walked. rosetta.coldplug=all: a driver for every device of every bus
 * (modaliases under /sys), as udev's coldplug would. Built-in drivers are fine
 * and silent. Guarantees that virtiofs and binfmt_misc are filesystems the kernel
 * knows. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "config.h"
#include "context.h"
#include "log.h"
#include "modules.h"
#include "stages.h"
#include "lib/array_size.h"
#include "lib/whole_file.h"

/* virtiofs brings fuse, on which it depends. */
static const char *const wanted[] = { "virtiofs", "binfmt_misc" };
/* The virtio transport when the PCI bus has no virtio device (vendor 0x1af4). */
#define VIRTIO_PCI_ALIAS "pci:v00001AF4"
#define VIRTIO_MMIO	 "virtio_mmio"
static const char *const needed_fs[] = { "virtiofs", "binfmt_misc" };

static void kmod_log(void *data, int priority, const char *file, int line, const char *fn,
		     const char *format, va_list args)
{
	char msg[512];

	(void)data, (void)priority, (void)file, (void)line, (void)fn;
	vsnprintf(msg, sizeof(msg), format, args);
	msg[strcspn(msg, "\n")] = '\0';
	log_warn("libkmod: %s", msg);
}

/* Insert mod and its dependencies. libkmod would read each one's sysfs
 * state first, two to four system calls a module; the kernel answers
 * EEXIST for one loaded already, so the insertion is the check: the module
 * itself loaded before is -EEXIST, its dependencies loaded before are fine.
 * A module without a path in modules.dep is built in: nothing to do. */
static int insert(struct kmod_module *mod)
{
	const unsigned flags =
	    KMOD_PROBE_APPLY_BLACKLIST | KMOD_PROBE_IGNORE_LOADED | KMOD_PROBE_FAIL_ON_LOADED;

	if (!kmod_module_get_path(mod))
		return -EEXIST;
	return kmod_module_probe_insert_module(mod, flags, NULL, NULL, NULL, NULL);
}

/* Load whatever a name or modalias resolves to. Returns the modules newly
 * inserted, or -errno from the first failed insertion. */
static int load(struct kmod_ctx *k, const char *alias)
{
	struct kmod_list *list = NULL, *it;
	int loaded = 0, err = 0;

	if (kmod_module_new_from_lookup(k, alias, &list) < 0)
		return 0;
	kmod_list_foreach(it, list)
	{
		struct kmod_module *mod = kmod_module_get_module(it);
		int r = insert(mod);

		if (r == 0)
			loaded++;
		else if (r < 0 && r != -EEXIST && !err)
			err = r;
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
	return err ? err : loaded;
}

/* A device bound to a driver (built in, or loaded by the first pass) needs
 * no module lookup: skipping those is most of the coldplug's cost. */
static bool has_driver(const char *bus, const char *dev)
{
	char path[1024];

	snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/driver", bus, dev);
	return access(path, F_OK) == 0;
}

/* The devices the first coldplug pass looked up: the second pass is for
 * the devices that the drivers loaded since then brought (virtio ones). */
#define SEEN_MAX 256
struct seen {
	char name[SEEN_MAX][96]; /* "bus/device" */
	size_t n;
};

/* Whether bus/dev was seen before; remembers it if not. A name too long
 * to keep is never "seen": looked up twice rather than skipped. */
static bool seen_before(struct seen *seen, const char *bus, const char *dev)
{
	char name[sizeof(seen->name[0])];
	int n = snprintf(name, sizeof(name), "%s/%s", bus, dev);

	if (n < 0 || (size_t)n >= sizeof(name))
		return false;
	for (size_t i = 0; i < seen->n; i++)
		if (!strcmp(seen->name[i], name))
			return true;
	if (seen->n < SEEN_MAX)
		memcpy(seen->name[seen->n++], name, sizeof(name));
	return false;
}

/* What one bus's coldplug found: the modules loaded, and whether a virtio
 * device was among its devices. */
struct plugged {
	int loaded;
	bool virtio;
};

/* Every device of bus that names a modalias and has no driver yet gets its
 * driver, once. */
static void coldplug_bus(struct kmod_ctx *k, struct seen *seen, const char *bus, struct plugged *p)
{
	char path[1024], alias[256];
	struct dirent *dev;
	DIR *devs;

	snprintf(path, sizeof(path), "/sys/bus/%s/devices", bus);
	devs = opendir(path);
	while (devs && (dev = readdir(devs))) {
		if (dev->d_name[0] == '.' || has_driver(bus, dev->d_name) ||
		    seen_before(seen, bus, dev->d_name))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/modalias", bus, dev->d_name);
		if (read_first_line(path, alias, sizeof(alias)) == 0) {
			int r = load(k, alias);

			p->virtio |=
			    !strncasecmp(alias, VIRTIO_PCI_ALIAS, strlen(VIRTIO_PCI_ALIAS));
			if (r < 0)
				log_warn("modules: driver for %s: %s", alias, strerror(-r));
			else
				p->loaded += r;
		}
	}
	if (devs)
		closedir(devs);
}

static int coldplug(struct kmod_ctx *k, struct seen *seen)
{
	struct plugged p = { 0 };
	DIR *buses = opendir("/sys/bus");
	struct dirent *bus;

	while (buses && (bus = readdir(buses)))
		if (bus->d_name[0] != '.')
			coldplug_bus(k, seen, bus->d_name, &p);
	if (buses)
		closedir(buses);
	return p.loaded;
}

/* /proc/filesystems, read once for every check. */
static void read_filesystems(char *text, size_t size)
{
	int fd = open("/proc/filesystems", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, text, size - 1);

	if (fd >= 0)
		close(fd);
	text[n > 0 ? n : 0] = '\0';
}

static bool kernel_has_fs(const char *filesystems, const char *name)
{
	char pattern[64];

	snprintf(pattern, sizeof(pattern), "\t%s\n", name);
	return strstr(filesystems, pattern) != NULL;
}

/* The PCI devices' drivers (the virtio transport among them), or
 * virtio_mmio when PCI has no virtio device. */
static int load_transport(struct kmod_ctx *k, struct seen *seen)
{
	struct plugged p = { 0 };
	int r;

	coldplug_bus(k, seen, "pci", &p);
	if (!p.virtio && (r = load(k, VIRTIO_MMIO)) > 0)
		p.loaded += r;
	return p.loaded;
}

static int load_virtio_drivers(struct kmod_ctx *k, struct seen *seen)
{
	struct plugged p = { 0 };

	coldplug_bus(k, seen, "virtio", &p);
	return p.loaded;
}

static int load_all(struct boot_ctx *ctx, struct kmod_ctx *k, enum coldplug_mode mode,
		    struct failure *f)
{
	struct seen seen = { .n = 0 };
	int loaded = mode == COLDPLUG_ALL ? coldplug(k, &seen) : load_transport(k, &seen);

	for (size_t i = 0; i < ARRAY_SIZE(wanted); i++) {
		int r = load(k, wanted[i]);

		if (r < 0)
			return fail(f, -r,
				    "check that the initramfs modules match the running kernel",
				    "loading module %s", wanted[i]);
		loaded += r;
	}
	/* The transport brought the virtio devices. */
	loaded += mode == COLDPLUG_ALL ? coldplug(k, &seen) : load_virtio_drivers(k, &seen);
	stage_say(ctx, "%d loaded (rosetta.coldplug=%s)", loaded, config_coldplug_names[mode]);
	return 0;
}

/* Where an initramfs keeps modprobe.d files. libkmod's default list adds
 * /run/modprobe.d, which is the tmpfs stage early has just mounted, empty,
 * and /usr/local/lib/modprobe.d: a stat(2) each for nothing. */
static const char *const modprobe_d[] = { "/etc/modprobe.d", "/lib/modprobe.d", NULL };

/* ctx->kmod for the running kernel's modules, opened once; NULL with errno
 * ENOENT when the initramfs carries none for it. dir receives the path. */
static struct kmod_ctx *modules_context(struct boot_ctx *ctx, char *dir, size_t size)
{
	struct utsname uts;
	int r;

	uname(&uts);
	snprintf(dir, size, "%s/%s", ctx->modules_dir, uts.release);
	if (ctx->kmod)
		return ctx->kmod;
	if (access(dir, F_OK) < 0)
		return NULL;
	ctx->kmod = kmod_new(dir, modprobe_d);
	if (!ctx->kmod) {
		errno = ENOMEM;
		return NULL;
	}
	kmod_set_log_fn(ctx->kmod, kmod_log, NULL);
	r = kmod_load_resources(ctx->kmod);
	if (r < 0)
		log_warn("modules: no usable modules.dep in %s: %s", dir, strerror(-r));
	return ctx->kmod;
}

void modules_release(struct boot_ctx *ctx)
{
	if (ctx->kmod)
		kmod_unref(ctx->kmod);
	ctx->kmod = NULL;
}

int modules_load(struct boot_ctx *ctx, const char *name)
{
	char dir[512];
	struct kmod_ctx *k = modules_context(ctx, dir, sizeof(dir));

	if (!k)
		return -errno;
	return load(k, name);
}

int stage_modules(struct boot_ctx *ctx, struct failure *f)
{
	char dir[512], filesystems[4096];
	struct kmod_ctx *k = modules_context(ctx, dir, sizeof(dir));
	int r = 0;

	if (k)
		r = load_all(ctx, k, ctx->cfg.coldplug, f);
	else if (errno == ENOENT)
		stage_say(ctx, "no %s, relying on built-in drivers", dir);
	else
		return fail(f, errno, "check the memory given to the VM",
			    "creating a libkmod context for %s", dir);
	read_filesystems(filesystems, sizeof(filesystems));
	for (size_t i = 0; r == 0 && i < ARRAY_SIZE(needed_fs); i++)
		if (!kernel_has_fs(filesystems, needed_fs[i]))
			return fail(f, ENODEV,
				    "build the kernel with the filesystem, or add its module and "
				    "modules.dep (depmod) to the initramfs",
				    "the kernel knows no %s filesystem (see /proc/filesystems)",
				    needed_fs[i]);
	return r;
}
