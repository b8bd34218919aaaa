/*
 * enospc.c - an LD_PRELOAD shim that fills the disk on demand, for the
 * disk-full test (tests/e2e/diskfull.sh).
 *
 * While the file named by $RT_FAULT_FULL exists, the record behaves as on
 * a full disk: on any descriptor whose file name ends in ".rtj", write,
 * pwrite and writev write part of what they are given and return short,
 * as a disk that fills up in the middle of a record does, and the next
 * call fails with ENOSPC (so the caller's cut-back is exercised); fsync
 * and fdatasync fail with ENOSPC.  Remove the file and the disk has room
 * again.  Everything else passes through untouched.
 *
 *	make faults
 *	RT_FAULT_FULL=/tmp/full LD_PRELOAD=build/faults/enospc.so \
 *	    ./roundtable serve ...
 *	touch /tmp/full; ...; rm /tmp/full
 */
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/uio.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FDS_MAX	4096

/* A short write was given on this descriptor: the next write fails. */
static bool	shorted[FDS_MAX];

static void *
real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL) {
		fprintf(stderr, "enospc.so: no %s to wrap\n", name);
		abort();
	}
	return f;
}

/* Is the disk "full" for fd?  Leaves errno alone. */
static bool
full(int fd)
{
	const char *ctl = getenv("RT_FAULT_FULL");
	char link[64], path[4096];
	ssize_t n;
	int saved = errno;
	bool yes = false;

	if (ctl != NULL && *ctl != '\0' && fd >= 0 && fd < FDS_MAX &&
	    access(ctl, F_OK) == 0) {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, path, sizeof path - 1);
		if (n > 4) {
			path[n] = '\0';
			yes = strcmp(path + n - 4, ".rtj") == 0;
		}
	}
	if (!yes && fd >= 0 && fd < FDS_MAX)
		shorted[fd] = false;
	errno = saved;
	return yes;
}

/* How much of len to write before the disk is full; 0: fail now. */
static size_t
part(int fd, size_t len)
{
	if (shorted[fd] || len < 2) {
		shorted[fd] = false;
		errno = ENOSPC;
		return 0;
	}
	shorted[fd] = true;
	return len / 2;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t (*f)(int, const void *, size_t);
	size_t n;

	if (f == NULL)
		f = real("write");
	if (!full(fd))
		return f(fd, buf, len);
	if ((n = part(fd, len)) == 0)
		return -1;
	return f(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off_t);
	size_t n;

	if (f == NULL)
		f = real("pwrite");
	if (!full(fd))
		return f(fd, buf, len, off);
	if ((n = part(fd, len)) == 0)
		return -1;
	return f(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	static ssize_t (*f)(int, const void *, size_t, off64_t);
	size_t n;

	if (f == NULL)
		f = real("pwrite64");
	if (!full(fd))
		return f(fd, buf, len, off);
	if ((n = part(fd, len)) == 0)
		return -1;
	return f(fd, buf, n, off);
}

ssize_t
writev(int fd, const struct iovec *iov, int cnt)
{
	static ssize_t (*f)(int, const struct iovec *, int);
	static ssize_t (*w)(int, const void *, size_t);
	size_t len = 0, n, k;
	int i;

	if (f == NULL) {
		f = real("writev");
		w = real("write");
	}
	if (!full(fd))
		return f(fd, iov, cnt);
	for (i = 0; i < cnt; i++)
		len += iov[i].iov_len;
	if ((n = part(fd, len)) == 0)
		return -1;
	/* The first n bytes, across the vectors. */
	for (i = 0, len = 0; i < cnt && len < n; i++) {
		k = iov[i].iov_len < n - len ? iov[i].iov_len : n - len;
		if (k > 0 && w(fd, iov[i].iov_base, k) != (ssize_t)k)
			return len > 0 ? (ssize_t)len : -1;
		len += k;
	}
	return (ssize_t)len;
}

int
fsync(int fd)
{
	static int (*f)(int);

	if (f == NULL)
		f = real("fsync");
	if (full(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return f(fd);
}

int
fdatasync(int fd)
{
	static int (*f)(int);

	if (f == NULL)
		f = real("fdatasync");
	if (full(fd)) {
		errno = ENOSPC;
		return -1;
	}
	return f(fd);
}
