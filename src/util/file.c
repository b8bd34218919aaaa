/*
 * file.c - small files replaced whole (file.h).
 */
#define _GNU_SOURCE	/* mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "roundtable/file.h"
#include "roundtable/text.h"

int
file_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, r = 0, saved;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd == -1)
		return -1;
	/* Some file systems cannot sync a directory; nothing to do there. */
	if (fsync(fd) == -1 && errno != EINVAL)
		r = -1;
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
file_temp(const char *path, mode_t mode, char **tmp)
{
	int fd, saved;

	*tmp = xasprintf("%s.XXXXXX", path);
	fd = mkostemp(*tmp, O_CLOEXEC);
	if (fd >= 0 && fchmod(fd, mode) != 0) {
		saved = errno;
		close(fd);
		unlink(*tmp);
		errno = saved;
		fd = -1;
	}
	if (fd < 0) {
		saved = errno;
		free(*tmp);
		*tmp = NULL;
		errno = saved;
	}
	return fd;
}

int
file_replace(const char *path, const void *buf, size_t len)
{
	/* 0600 whatever the umask: the files replaced here are the
	 * room's own (its host key, a person's token). */
	char *tmp;
	int fd, saved;

	fd = file_temp(path, 0600, &tmp);
	if (fd < 0)
		return -1;
	if (write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	/* The file is whole either way; only its new name may not last a
	 * power cut if this fails, which the caller is told. */
	return file_sync_dir(path);
fail:
	unlink(tmp);
	free(tmp);
	errno = saved;
	return -1;
}
