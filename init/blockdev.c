/* Block devices through libblkid: probing one, listing all, matching the
 * rosetta.root forms. No blkid cache: the initramfs has no place to keep
 * one, and a fresh probe of a few virtio disks costs little. */
#include "blockdev.h"

#include <blkid/blkid.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/clock.h"

static void copy_value(blkid_probe pr, const char *name, char *dst, size_t size)
{
	const char *data = NULL;

	dst[0] = '\0';
	if (blkid_probe_lookup_value(pr, name, &data, NULL) == 0 && data)
		snprintf(dst, size, "%s", data);
}

int blockdev_probe(const char *path, const char *name, struct blockdev *bd)
{
	blkid_probe pr;
	int r;

	memset(bd, 0, sizeof(*bd));
	snprintf(bd->name, sizeof(bd->name), "%s", name);
	pr = blkid_new_probe_from_filename(path);
	if (!pr)
		return errno ? -errno : -EIO;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_LABEL |
						  BLKID_SUBLKS_UUID);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
	/* 1 is "nothing found", which is an answer too; -2 is ambivalent. */
	r = blkid_do_safeprobe(pr);
	if (r == 0) {
		copy_value(pr, "TYPE", bd->type, sizeof(bd->type));
		copy_value(pr, "LABEL", bd->label, sizeof(bd->label));
		copy_value(pr, "UUID", bd->uuid, sizeof(bd->uuid));
		copy_value(pr, "PART_ENTRY_UUID", bd->partuuid, sizeof(bd->partuuid));
	}
	blkid_free_probe(pr);
	return r == -1 ? -EIO : 0;
}

/* Devices of size 0 (unused loop and ram devices) hold nothing to boot. */
static bool has_size(int sysfd, const char *name)
{
	char path[300], text[32] = "";
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/size", name);
	fd = openat(sysfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	return n > 0 && strcmp(text, "0\n") != 0;
}

size_t blockdev_scan(const char *sysdir, const char *devdir, struct blockdev *bd, size_t max)
{
	DIR *d = opendir(sysdir);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return 0;
	while (n < max && (e = readdir(d))) {
		char path[300];

		if (e->d_name[0] == '.' || !has_size(dirfd(d), e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", devdir, e->d_name);
		if (blockdev_probe(path, e->d_name, &bd[n]) == 0)
			n++;
	}
	closedir(d);
	return n;
}

int blockdev_wait(const struct root_spec *spec, uint64_t deadline, struct blockdev *bd, size_t max,
		  size_t *n, size_t *found)
{
	for (;;) {
		*n = blockdev_scan("/sys/class/block", "/dev", bd, max);
		for (size_t i = 0; i < *n; i++)
			if (blockdev_matches(&bd[i], spec)) {
				*found = i;
				return 0;
			}
		if (boot_ms() >= deadline)
			return -ETIMEDOUT;
		sleep_ms(50);
	}
}

bool blockdev_matches(const struct blockdev *bd, const struct root_spec *spec)
{
	switch (spec->type) {
	case ROOT_DEVICE:
		return !strcmp(bd->name, spec->arg + strlen("/dev/"));
	case ROOT_LABEL:
		return !strcmp(bd->label, spec->arg);
	case ROOT_UUID:
		return !strcasecmp(bd->uuid, spec->arg);
	case ROOT_PARTUUID:
		return !strcasecmp(bd->partuuid, spec->arg);
	default:
		return false;
	}
}

void blockdev_describe(const struct blockdev *bd, size_t n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		int w = snprintf(buf + len, size - len, "%s%s (%s%s%s%s)", i ? ", " : "",
				 bd[i].name, bd[i].type[0] ? bd[i].type : "no filesystem",
				 bd[i].label[0] ? ", label '" : "", bd[i].label,
				 bd[i].label[0] ? "'" : "");
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (n == 0)
		snprintf(buf, size, "none");
}
