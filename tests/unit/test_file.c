/*
 * test_file.c - small files replaced whole: what is on disk afterwards,
 * its mode, and what is left when the replacing fails.
 */
#define _GNU_SOURCE	/* mkdtemp */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "roundtable/file.h"
#include "roundtable/text.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/rt-file-XXXXXX");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *p;

	(void)state;
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, e->d_name);
		unlink(p);
		free(p);
	}
	if (d != NULL)
		closedir(d);
	return rmdir(dir);
}

static char *
slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

/* The new bytes, mode 0600 under a permissive umask, and no temporary
 * file left beside it. */
static void
test_replace_whole_and_private(void **state)
{
	char *path = xasprintf("%s/token", dir);
	mode_t old = umask(0);
	struct stat st;

	(void)state;
	assert_int_equal(file_replace(path, "first\n", 6), 0);
	assert_int_equal(file_replace(path, "second, longer\n", 15), 0);
	umask(old);
	assert_string_equal(slurp(path), "second, longer\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(entries(), 1);
	free(path);
}

/* A link planted where the old fixed temporary name was ("path.tmp") is
 * not written through. */
static void
test_replace_ignores_planted_link(void **state)
{
	char *path = xasprintf("%s/known", dir);
	char *tmp = xasprintf("%s/known.tmp", dir);
	char *victim = xasprintf("%s/victim", dir);

	(void)state;
	assert_int_equal(file_replace(victim, "keep\n", 5), 0);
	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(file_replace(path, "pin\n", 4), 0);
	assert_string_equal(slurp(victim), "keep\n");
	assert_string_equal(slurp(path), "pin\n");
	free(path);
	free(tmp);
	free(victim);
}

/* Where it cannot be written, -1 with errno, and the old file stands
 * with nothing left beside it: no directory; a disk that takes only two
 * bytes more (a file size limit, which binds root too). */
static void
test_replace_failure_keeps_old(void **state)
{
	char *path = xasprintf("%s/nodir/token", dir);
	struct rlimit lim, small = { 2, 2 };

	(void)state;
	errno = 0;
	assert_int_equal(file_replace(path, "x", 1), -1);
	assert_int_equal(errno, ENOENT);
	free(path);

	path = xasprintf("%s/token", dir);
	assert_int_equal(file_replace(path, "old\n", 4), 0);
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &lim), 0);
	small.rlim_max = lim.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	errno = 0;
	assert_int_equal(file_replace(path, "new, longer\n", 12), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_string_equal(slurp(path), "old\n");
	assert_int_equal(entries(), 1);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replace_whole_and_private,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_replace_ignores_planted_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_failure_keeps_old,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
