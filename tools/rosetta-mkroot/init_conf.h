/* The image config rosetta-mkroot writes into a root (IMAGE_CONFIG_FILE,
 * lib/contract.h) for rosetta-init to read: the image's entry, variables,
 * working directory and user in /etc/rosetta-init.conf's syntax, written so
 * that the init's parser gives back exactly what the image says, or refused
 * when it cannot. */
#ifndef MKROOT_INIT_CONF_H
#define MKROOT_INIT_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "image_config.h"
#include "lib/error.h"

/* A manifest digest as the stamp line holds it: "sha256:" and 64 hex digits. */
#define INIT_CONF_DIGEST_MAX (7 + 64 + 1)

/* The text of IMAGE_CONFIG_FILE for ic, into *text (malloc'd, the caller
 * frees it): the stamp line "# rosetta-mkroot: manifest DIGEST", then
 * entry= (Entrypoint and Cmd's words, quoted as rosetta.entry is), a line
 * env.NAME="VALUE" a variable, workdir="DIR", and with has_user
 * user=UID:GID (the image's User resolved: image_user_resolve). What ic
 * leaves unset has no line. manifest_digest is "sha256:" and 64 lowercase
 * hex digits. Returns 0; -EINVAL (message in e) when the digest is not one,
 * or the image says what the init cannot take: a word it cannot carry, an
 * entry whose program is not an absolute path, longer than ENTRY_MAX or of
 * more than ENTRY_WORDS_MAX words, a variable that is not NAME=VALUE with a
 * shell name, longer than VALUE_MAX or holding a double quote or a newline,
 * more than ENV_VARS_MAX names, a working directory that is not an absolute
 * path of at most VALUE_MAX bytes; -ENOMEM. */
int init_conf_render(const struct image_config *ic, uid_t uid, gid_t gid, bool has_user,
		     const char *manifest_digest, char **text, struct error_record *e);

/* The manifest digest the stamp line of text (an IMAGE_CONFIG_FILE's) names,
 * into digest: 0; -ENODATA when the first line is no stamp of a valid digest
 * (a file of another writer or version); -ENOBUFS when size is too small
 * (INIT_CONF_DIGEST_MAX is enough). */
int init_conf_manifest(const char *text, char *digest, size_t size);

#endif
