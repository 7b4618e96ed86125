/* The contract between the host's launcher and the guest's init: the kernel
 * command line keys rosetta-init reads, their defaults, the syntax of
 * rosetta.root and the rules for virtio-fs tags. rosetta-launch writes
 * command lines with these names and rosetta-init parses them with the same
 * ones; nothing here is spelled a second time anywhere else. */
#ifndef LIB_CONTRACT_H
#define LIB_CONTRACT_H

#include <stdbool.h>
#include <stddef.h>

/* Every key is "rosetta." followed by one of the names below. */
#define KEY_PREFIX	     "rosetta."
#define CMDLINE_KEY(name)    KEY_PREFIX name
#define KEY_TAG		     "tag"
#define KEY_MOUNT	     "mount"
#define KEY_ROOT	     "root"
#define KEY_ROOTFSTYPE	     "rootfstype"
#define KEY_ROOTFLAGS	     "rootflags"
#define KEY_RO		     "ro"
#define KEY_RW		     "rw"
#define KEY_OVERLAY	     "overlay"
#define KEY_ENTRY	     "entry"
#define KEY_TIMEOUT	     "timeout"
#define KEY_BINFMT_NAME	     "binfmt.name"
#define KEY_BINFMT_FLAGS     "binfmt.flags"
#define KEY_EMERGENCY	     "emergency"
#define KEY_VERIFY	     "verify"
#define KEY_SHA256	     "sha256"
#define KEY_SELFTEST	     "selftest"
#define KEY_SELFTEST_TIMEOUT "selftest.timeout"
#define KEY_EXEC	     "exec"
#define KEY_SHUTDOWN_TIMEOUT "shutdown.timeout"
#define KEY_BREAK	     "break"
#define KEY_CACHE	     "cache"
#define KEY_QUIET	     "quiet"
#define KEY_DEBUG	     "debug"
#define KEY_COLDPLUG	     "coldplug"
#define KEY_WORKDIR	     "workdir"
#define KEY_USER	     "user"
#define KEY_ENV_PREFIX	     "env."

/* Defaults, where the launcher has to know them too. */
#define DEFAULT_TAG	  "rosetta"	   /* the translator's share */
#define DEFAULT_MOUNT	  "/run/rosetta"   /* where the init mounts it */
#define DEFAULT_ROOT	  "initramfs:/x86" /* the tree the initramfs carries */
#define DEFAULT_ENTRY	  "/bin/sh"
#define DEFAULT_WORKDIR	  "/" /* the entry's working directory */
#define DEFAULT_TIMEOUT_S 10  /* each wait for a device: share, root tag, disk */
/* The entry's PATH unless rosetta.env.PATH (or the image's) says otherwise;
 * rosetta-mkroot looks an image's command up in the same. */
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* The binfmt_misc entry rosetta-init registers, which binfmtctl rosetta
 * makes by default too: the translator is DEFAULT_MOUNT's file "rosetta". */
#define DEFAULT_BINFMT_NAME	"rosetta"
#define DEFAULT_BINFMT_FLAGS	"CFP"
#define DEFAULT_TRANSLATOR_FILE "rosetta"
#define DEFAULT_TRANSLATOR	DEFAULT_MOUNT "/" DEFAULT_TRANSLATOR_FILE

/* The share rosetta-launch --root-dir gives the guest, and the disk that
 * --root-image becomes: the first virtio-blk device, which Linux names vda. */
#define ROOT_SHARE_TAG	  "rosetta-root"
#define ROOT_IMAGE_DEVICE "/dev/vda"

/* What rosetta-init prints on the console for the launcher to read: the entry's exit
 * status ("rosetta-init: exit status N", its last line), and, in its log line, that the
 * entry started (whatever the entry prints comes after). */
#define CONSOLE_STATUS_PREFIX "rosetta-init: exit status "
#define CONSOLE_ENTRY_STARTED "run: started "

/* The one value of rosetta.overlay: a tmpfs upper layer over a read-only root. */
#define OVERLAY_TMPFS "tmpfs"

/* What rosetta-mkroot writes into a root tree for the image's Entrypoint,
 * Cmd, Env, WorkingDir and User, and the root stage reads from the new root:
 * the keys entry, env.NAME, workdir and user in /etc/rosetta-init.conf's
 * syntax. Its first line is "IMAGE_CONFIG_STAMP" and the image manifest's
 * digest, which tells rosetta-mkroot whether a root is up to date. */
#define IMAGE_CONFIG_FILE  "/etc/rosetta-image.conf"
#define IMAGE_CONFIG_STAMP "# rosetta-mkroot: manifest "

/* A virtio-fs tag: the device's config space holds 36 bytes. The launcher
 * also puts tags in qemu options and file names, hence the small alphabet. */
#define TAG_MAX	  36
#define TAG_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

/* Values of the text keys are kept in 256 bytes, rosetta.entry in 1024. */
#define VALUE_MAX 255
#define ENTRY_MAX 1023
/* rosetta.entry's words, and the rosetta.env.NAME variables, the init keeps. */
#define ENTRY_WORDS_MAX 31
#define ENV_VARS_MAX	32
/* rosetta.user's ids: (uid_t)-1 means "unchanged" to setresuid(2). */
#define USER_ID_MAX 4294967294UL

/* A name rosetta.env.NAME takes: the shell's rule, [A-Za-z_][A-Za-z0-9_]*,
 * so that the entry can use the variable. */
bool contract_env_name_ok(const char *name);

/* Where a rosetta.entry line goes. The kernel command line groups words
 * with double quotes and has no escape, so it cannot carry one; the image
 * configuration file (IMAGE_CONFIG_FILE) takes its values as they are. */
enum entry_medium {
	ENTRY_ON_CMDLINE,
	ENTRY_IN_IMAGE_FILE,
};

/* What makes s impossible to carry as a word of rosetta.entry through m
 * ("a double quote", "a newline", "a control character"), or NULL. */
const char *contract_entry_refusal(const char *s, enum entry_medium m);

/* Join args into the value of rosetta.entry, which the init splits back into
 * the same words (config_split_entry: blanks separate words, single quotes
 * group, a backslash outside them takes the next character as it is): words
 * separated by one space; a word that is empty or holds a blank, a quote or
 * a backslash wrapped in single quotes, each single quote of it written
 * '\''. Return 0; -EINVAL when an arg holds a character m cannot carry (*bad
 * is its index); -E2BIG when buf is short. */
int contract_entry_quote(char *const *args, size_t n, enum entry_medium m, char *buf, size_t size,
			 size_t *bad);

bool contract_tag_ok(const char *tag);

/* rosetta-init's stages in the order they run: the boot stages up to the
 * switch, then run (the entry and services). rosetta.break=NAME stops
 * before any of them; the init's stage table is indexed by this enum. The
 * self-test program starts before root and runs while the tree is mounted;
 * stage selftest takes its verdict, before the switch. */
enum stage {
	STAGE_EARLY,
	STAGE_CONFIG,
	STAGE_MODULES,
	STAGE_SHARE,
	STAGE_VERIFY,
	STAGE_REGISTER,
	STAGE_ROOT,
	STAGE_SELFTEST,
	STAGE_SWITCH,
	STAGE_RUN,
	STAGE_COUNT,
};

/* The names, indexed by enum stage, NULL-ended. */
extern const char *const contract_stage_names[STAGE_COUNT + 1];

/* The stage called name, or -1. */
int contract_stage_find(const char *name);

/* The forms rosetta.root takes. */
enum root_type {
	ROOT_INITRAMFS, /* initramfs:/PATH, a directory of the initramfs */
	ROOT_VIRTIOFS,	/* virtiofs:TAG, a host directory */
	ROOT_DEVICE,	/* /dev/NAME, a block device by its node */
	ROOT_LABEL,	/* LABEL=, UUID=, PARTUUID=: a block device found by */
	ROOT_UUID,	/* what libblkid reads on it */
	ROOT_PARTUUID,
};

struct root_spec {
	enum root_type type;
	const char *arg; /* the path, tag or tag value: points into the value */
};

/* The forms, in words, to complete "'VALUE' is not ...". */
extern const char contract_root_forms[];

/* Parse a rosetta.root value. 0, or -EINVAL when it is none of the forms
 * or its argument is empty or malformed. */
int contract_root_parse(const char *value, struct root_spec *spec);

/* Whether a root type names a block device. */
bool contract_root_is_block(enum root_type type);

#endif
