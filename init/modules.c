/* Stage modules: load, with libkmod, the modules for the devices present
 * (coldplug of /sys modaliases) and the filesystems the boot needs. Built-in
 * drivers are fine and silent. Guarantees that virtiofs and binfmt_misc are
 * filesystems the kernel knows. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "log.h"
#include "modules.h"
#include "stages.h"
#include "lib/array_size.h"
#include "lib/whole_file.h"

static const char *const wanted[] = { "fuse", "virtiofs", "binfmt_misc" };
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
		int before = kmod_module_get_initstate(mod);
		int r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, NULL,
							NULL, NULL);

		if (r < 0 && !err)
			err = r;
		else if (r == 0 && before < 0)
			loaded++;
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

/* Every device on every bus that names a modalias and has no driver yet
 * gets its driver, once. */
static int coldplug(struct kmod_ctx *k, struct seen *seen)
{
	DIR *buses = opendir("/sys/bus");
	struct dirent *bus;
	int loaded = 0;

	if (!buses)
		return 0;
	while ((bus = readdir(buses))) {
		char path[1024], alias[256];
		struct dirent *dev;
		DIR *devs;

		if (bus->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/%s/devices", bus->d_name);
		devs = opendir(path);
		while (devs && (dev = readdir(devs))) {
			if (dev->d_name[0] == '.' || has_driver(bus->d_name, dev->d_name) ||
			    seen_before(seen, bus->d_name, dev->d_name))
				continue;
			snprintf(path, sizeof(path), "/sys/bus/%s/devices/%s/modalias", bus->d_name,
				 dev->d_name);
			if (read_first_line(path, alias, sizeof(alias)) == 0) {
				int r = load(k, alias);

				if (r < 0)
					log_warn("modules: driver for %s: %s", alias, strerror(-r));
				else
					loaded += r;
			}
		}
		if (devs)
			closedir(devs);
	}
	closedir(buses);
	return loaded;
}

static int kernel_has_fs(const char *name)
{
	char text[4096], pattern[64];
	int fd = open("/proc/filesystems", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	snprintf(pattern, sizeof(pattern), "\t%s\n", name);
	return strstr(text, pattern) != NULL;
}

static int load_all(struct kmod_ctx *k, struct failure *f)
{
	struct seen seen = { .n = 0 };
	int loaded = coldplug(k, &seen);

	for (size_t i = 0; i < ARRAY_SIZE(wanted); i++) {
		int r = load(k, wanted[i]);

		if (r < 0)
			return fail(f, -r,
				    "check that the initramfs modules match the running kernel",
				    "loading module %s", wanted[i]);
		loaded += r;
	}
	/* Drivers loaded above may have brought new devices (virtio ones). */
	loaded += coldplug(k, &seen);
	log_info("modules: %d loaded", loaded);
	return 0;
}

/* A libkmod context for the running kernel's modules, or NULL with errno
 * ENOENT when the initramfs carries none for it. dir receives the path. */
static struct kmod_ctx *open_modules(const char *modules_dir, char *dir, size_t size)
{
	struct kmod_ctx *k;
	struct utsname uts;
	int r;

	uname(&uts);
	snprintf(dir, size, "%s/%s", modules_dir, uts.release);
	if (access(dir, F_OK) < 0)
		return NULL;
	k = kmod_new(dir, NULL);
	if (!k) {
		errno = ENOMEM;
		return NULL;
	}
	kmod_set_log_fn(k, kmod_log, NULL);
	r = kmod_load_resources(k);
	if (r < 0)
		log_warn("modules: no usable modules.dep in %s: %s", dir, strerror(-r));
	return k;
}

int modules_load(const char *modules_dir, const char *name)
{
	char dir[512];
	struct kmod_ctx *k = open_modules(modules_dir, dir, sizeof(dir));
	int r;

	if (!k)
		return -errno;
	r = load(k, name);
	kmod_unref(k);
	return r < 0 ? r : 0;
}

int stage_modules(struct boot_ctx *ctx, struct failure *f)
{
	char dir[512];
	struct kmod_ctx *k = open_modules(ctx->modules_dir, dir, sizeof(dir));
	int r = 0;

	if (k) {
		r = load_all(k, f);
		kmod_unref(k);
	} else if (errno == ENOENT) {
		log_info("modules: no %s, relying on built-in drivers", dir);
	} else {
		return fail(f, errno, "check the memory given to the VM",
			    "creating a libkmod context for %s", dir);
	}
	for (size_t i = 0; r == 0 && i < ARRAY_SIZE(needed_fs); i++)
		if (!kernel_has_fs(needed_fs[i]))
			return fail(f, ENODEV,
				    "build the kernel with the filesystem, or add its module and "
				    "modules.dep (depmod) to the initramfs",
				    "the kernel knows no %s filesystem (see /proc/filesystems)",
				    needed_fs[i]);
	return r;
}
