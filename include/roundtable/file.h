/*
 * file.h - small files replaced whole: a crash or a full disk leaves the
 * old file or the new one, never a part of either.
 */
#ifndef ROUNDTABLE_FILE_H
#define ROUNDTABLE_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* Replaces path with len bytes of buf, mode 0600: through a temporary
 * file of its own beside it (so two processes writing the same path do
 * not mix their bytes), synced, renamed over path, and the directory
 * synced so the new name lasts.  Returns 0, or -1 with errno set: path
 * is as it was, except when only the directory's sync failed (the new
 * file is whole, its name may not last a power cut). */
int	 file_replace(const char *path, const void *buf, size_t len);
/* Makes a new file beside path to be renamed over it once whole: named
 * "path.XXXXXX" anew (O_EXCL, so nothing already there, a link planted
 * by someone else included, is written through; two writers never share
 * one), with the given mode.  Returns its descriptor and sets *tmp to
 * its name (the caller frees it), or -1 with errno set. */
int	 file_temp(const char *path, mode_t mode, char **tmp);
/* Syncs the directory holding path, so a name made or renamed there
 * lasts.  Returns 0, or -1 with errno set. */
int	 file_sync_dir(const char *path);

#endif
