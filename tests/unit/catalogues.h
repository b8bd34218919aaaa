/*
 * catalogues.h - where a unit test reads its translations: the
 * catalogues `make` builds (build/locale, beside build/tests), or a
 * test's own.  scripts/run-tests points ROUNDTABLE_LOCALEDIR at the
 * built ones; a test binary run by hand finds them the same way.
 */
#ifndef ROUNDTABLE_TEST_CATALOGUES_H
#define ROUNDTABLE_TEST_CATALOGUES_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Sets ROUNDTABLE_LOCALEDIR to rel ("/../locale", "/locale") after this
 * binary's directory; when keep, a value already set stays.  0, or -1
 * when the binary cannot be found. */
static inline int
catalogues_beside(const char *rel, bool keep)
{
	char	 dir[4096], *slash;
	ssize_t	 n;

	if (keep && getenv("ROUNDTABLE_LOCALEDIR") != NULL)
		return 0;
	n = readlink("/proc/self/exe", dir, sizeof dir - 1);
	if (n <= 0)
		return -1;
	dir[n] = '\0';
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	strncat(dir, rel, sizeof dir - strlen(dir) - 1);
	return setenv("ROUNDTABLE_LOCALEDIR", dir, 1);
}

#endif
