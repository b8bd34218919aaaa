/*
 * i18n.c - choosing the language of messages, finding the catalogues, and
 * translating sentences that arrive in English from another process.
 *
 * How glibc's gettext picks the language (glibc 2.36, checked here with
 * a catalogue of our own): it reads the locale of LC_MESSAGES as
 * setlocale() left it.  If that is "C" or "POSIX", messages are not
 * translated and LANGUAGE is ignored.  C.UTF-8 does not count as "C":
 * under C.UTF-8, LANGUAGE=fr gives French.  Otherwise LANGUAGE (a list,
 * "fr:es") wins over the locale's own name; each entry is tried as
 * ll_CC.codeset, ll_CC, ll, and an entry with no catalogue is skipped
 * (so "en:fr" gives French: there is no en catalogue).
 *
 * What that means for a fresh Debian, where C, C.UTF-8 and POSIX are the
 * only locales: LANG=fr_FR.UTF-8 alone makes setlocale(LC_ALL, "") fail,
 * the locale stays "C", and gettext would stay English although the
 * person asked for French.  So the language is chosen here, not left to
 * setlocale: from --lang, or from the environment as glibc reads it
 * (LANGUAGE unless the locale asked for is C or POSIX; else LC_ALL,
 * LC_MESSAGES, LANG), resolved to one of our catalogues (or en) and put
 * in LANGUAGE, and where LC_MESSAGES
 * ended up "C" it becomes C.UTF-8 - in the environment too, so a later
 * setlocale(LC_ALL, "") (tui.c does one) keeps it.  No real locale need
 * be installed for any of our languages; scripts/install-deps installs
 * none.
 *
 * The catalogue is looked up in the catalogue's own cache of glibc,
 * keyed by LANGUAGE's value: changing LANGUAGE and calling textdomain()
 * again is enough to switch languages at run time (export does, to write
 * the charter in the room's language and its own messages in the
 * person's).
 */
#include <dirent.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "roundtable/i18n.h"
#include "roundtable/money.h"
#include "roundtable/text.h"

#ifndef ROUNDTABLE_LOCALEDIR_DEFAULT
#define ROUNDTABLE_LOCALEDIR_DEFAULT	"/usr/local/share/locale"
#endif

#define WIRE_ARGS_MAX	8
#define WIRE_TEXT_MAX	4096	/* longer is not a sentence of ours */

static char	 env_wish[256];		/* the environment's LANGUAGE, as
					 * glibc would read it; "" English */
static bool	 env_read;
static char	 current[64] = "en";
static char	 localedir[PATH_MAX];

/*
 * The sentences gettext was last asked for (i18n_gettext), filed by the
 * address of their msgid and checked against a copy of its text: a msgid
 * that is not a literal (a string freed and its address reused) is never
 * answered with another's translation.  Only for the thread that called
 * i18n_init (the others - the tunnel's, the journal's - ask gettext), and
 * only msgids shorter than MEMO_TEXT_MAX; a new generation forgets them
 * all.
 */
#define MEMO_SLOTS	256

#define MEMO_TEXT_MAX	4096

struct memo {
	const char	*id;
	const char	*tr;
	char		*text;		/* a copy of the msgid */
	unsigned	 gen;		/* 0: empty */
};

static struct memo	 memo[MEMO_SLOTS];
static unsigned		 memo_gen = 1;
static pthread_t	 memo_owner;
static bool		 memo_owned;

/* The categories LC_ALL stands for, but LC_MESSAGES. */
static const char *const categories[] = {
	"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
	"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE",
	"LC_MEASUREMENT", "LC_IDENTIFICATION",
};

static bool
is_c(const char *loc)
{
	return loc == NULL || *loc == '\0' || strcmp(loc, "C") == 0 ||
	    strcmp(loc, "POSIX") == 0;
}

static const char *
nonempty_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* What the environment asks for, read once, before we set LANGUAGE. */
static void
read_env(void)
{
	const char *loc, *language;

	if (env_read)
		return;
	env_read = true;
	env_wish[0] = '\0';
	loc = nonempty_env("LC_ALL");
	if (loc == NULL)
		loc = nonempty_env("LC_MESSAGES");
	if (loc == NULL)
		loc = nonempty_env("LANG");
	if (is_c(loc))
		return;		/* untranslated, as glibc would */
	language = nonempty_env("LANGUAGE");
	snprintf(env_wish, sizeof env_wish, "%s", language != NULL ?
	    language : loc);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
i18n_localedir(void)
{
	const char *env;
	char exe[PATH_MAX], try[PATH_MAX + 16], *slash;
	ssize_t n;

	if (localedir[0] != '\0')
		return localedir;
	if ((env = nonempty_env("ROUNDTABLE_LOCALEDIR")) != NULL) {
		snprintf(localedir, sizeof localedir, "%s", env);
		return localedir;
	}
	/* Run from the source tree: build/roundtable or ./roundtable. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(try, sizeof try, "%s/locale", exe);
			if (!is_dir(try))
				snprintf(try, sizeof try, "%s/build/locale",
				    exe);
			if (is_dir(try) && strlen(try) < sizeof localedir) {
				/* Not snprintf: the length is checked, and
				 * gcc -O1 cannot see it. */
				memcpy(localedir, try, strlen(try) + 1);
				return localedir;
			}
		}
	}
	snprintf(localedir, sizeof localedir, "%s",
	    ROUNDTABLE_LOCALEDIR_DEFAULT);
	return localedir;
}

bool
i18n_name_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");

	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	return s[n] == '_' && strspn(s + n + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
	    2 && s[n + 3] == '\0';
}

bool
i18n_known(const char *lang)
{
	char path[PATH_MAX + 64];
	struct stat st;

	if (lang == NULL || !i18n_name_ok(lang))
		return false;
	if (strcmp(lang, "en") == 0)
		return true;
	snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo",
	    i18n_localedir(), lang, I18N_DOMAIN);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *
i18n_languages(void)
{
	char **names = xcalloc(1, sizeof *names), *out;
	size_t n = 0, len = 1, i;
	struct dirent *e;
	DIR *d;

	names[n++] = xstrdup("en");
	if ((d = opendir(i18n_localedir())) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, "en") == 0 ||
			    !i18n_known(e->d_name))
				continue;
			names = xrealloc(names, (n + 1) * sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
		closedir(d);
	}
	qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 2;
	out = xmalloc(len);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, ", ");
		strcat(out, names[i]);
		free(names[i]);
	}
	free(names);
	return out;
}

/*
 * The catalogue a LANGUAGE list resolves to, as gettext walks it: each
 * entry without codeset or modifier, as ll_CC then ll; "C" or any en
 * ends the walk untranslated.
 */
static void
resolve(const char *chain, char *out, size_t len)
{
	char entry[64];
	const char *p = chain;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, ":");
		snprintf(entry, sizeof entry, "%.*s", (int)(n < 63 ? n : 63),
		    p);
		p += n + (p[n] == ':');
		entry[strcspn(entry, ".@")] = '\0';
		if (entry[0] == '\0')
			continue;
		if (is_c(entry) || strncmp(entry, "en", 2) == 0)
			break;
		if (i18n_known(entry)) {
			snprintf(out, len, "%s", entry);
			return;
		}
		entry[strcspn(entry, "_")] = '\0';
		if (i18n_known(entry)) {
			snprintf(out, len, "%s", entry);
			return;
		}
	}
	snprintf(out, len, "en");
}

/* LC_MESSAGES=loc in the environment as well, so that setlocale(LC_ALL,
 * "") later keeps it: an LC_ALL is spread over the other categories. */
static void
pin_messages(const char *loc)
{
	const char *all = nonempty_env("LC_ALL");
	size_t i;

	if (all != NULL) {
		char *copy = xstrdup(all);

		for (i = 0; i < sizeof categories / sizeof categories[0]; i++)
			setenv(categories[i], copy, 1);
		unsetenv("LC_ALL");
		free(copy);
	}
	setenv("LC_MESSAGES", loc, 1);
}

void
i18n_set_language(const char *lang)
{
	const char *want, *cur;

	read_env();
	want = lang != NULL ? lang : env_wish;
	resolve(want, current, sizeof current);
	/* The one catalogue chosen, not the list: gettext would skip an en
	 * (we have no catalogue for it) and take the next entry. */
	setenv("LANGUAGE", current, 1);
	if (strcmp(current, "en") != 0) {
		cur = setlocale(LC_MESSAGES, NULL);
		if (is_c(cur) && setlocale(LC_MESSAGES, "C.UTF-8") != NULL)
			pin_messages("C.UTF-8");
	}
	/* A new generation of looked-up messages. */
	textdomain(I18N_DOMAIN);
	i18n_locale_changed();
}

void
i18n_locale_changed(void)
{
	memo_gen++;
}

const char *
i18n_gettext(const char *s)
{
	struct memo	*m;
	const char	*tr;
	uintptr_t	 h = (uintptr_t)s;

	if (!memo_owned || !pthread_equal(pthread_self(), memo_owner))
		return gettext(s);
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ULL;
	m = &memo[(h >> 24) % MEMO_SLOTS];
	if (m->gen == memo_gen && m->id == s && strcmp(m->text, s) == 0)
		return m->tr;
	tr = gettext(s);
	if (strlen(s) < MEMO_TEXT_MAX) {
		free(m->text);
		m->text = xstrdup(s);
		m->id = s;
		m->tr = tr;
		m->gen = memo_gen;
	}
	return tr;
}

void
i18n_init(const char *lang)
{
	const char *cs;

	memo_owner = pthread_self();
	memo_owned = true;
	env_read = false;
	read_env();
	setlocale(LC_ALL, "");
	/* ncursesw and widths need UTF-8, whatever the locale says. */
	cs = nl_langinfo(CODESET);
	if ((cs == NULL || strcmp(cs, "UTF-8") != 0) &&
	    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
	bindtextdomain(I18N_DOMAIN, i18n_localedir());
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
	i18n_set_language(lang);
}

const char *
i18n_language(void)
{
	return current;
}

const char *
i18n_pgettext(const char *ctx, const char *s)
{
	char		 buf[256], *key = buf;
	const char	*tr;
	size_t		 lc = strlen(ctx), ls = strlen(s);

	/* gettext's key for a context: "ctx\004s". */
	if (lc + ls + 2 > sizeof buf)
		key = xmalloc(lc + ls + 2);
	memcpy(key, ctx, lc);
	key[lc] = '\004';
	memcpy(key + lc + 1, s, ls + 1);
	tr = gettext(key);
	if (tr == key)
		tr = s;
	if (key != buf)
		free(key);
	return tr;
}

/* --- sentences from another process ------------------------------------ */

struct span {
	const char	*p;
	size_t		 len;
};

/* The length of a conversion's specification after its '%', and its
 * conversion character; *pos the n of "n$" (1-based), or 0. */
static size_t
spec(const char *f, char *conv, int *pos)
{
	size_t i = strspn(f, "0123456789");

	*pos = 0;
	if (i > 0 && f[i] == '$') {
		*pos = atoi(f);
		i++;
	}
	i += strspn(f + i, "#0- +'");
	i += strspn(f + i, "0123456789*");
	if (f[i] == '.') {
		i++;
		i += strspn(f + i, "0123456789*");
	}
	i += strspn(f + i, "hlLqjzt");
	*conv = f[i];
	return f[i] != '\0' ? i + 1 : i;
}

/* Could text's first len bytes be what conversion conv printed? */
static bool
fits(char conv, const char *t, size_t len)
{
	size_t i = 0;

	switch (conv) {
	case 'd':
	case 'i':
		if (len > 0 && t[0] == '-')
			i = 1;
		/* FALLTHROUGH */
	case 'u':
		return len > i && strspn(t + i, "0123456789") >= len - i;
	case 'x':
	case 'X':
		return len > 0 && strspn(t, "0123456789abcdefABCDEF") >= len;
	case 'c':
		return len == 1;
	default:
		return true;
	}
}

/* Matches text against fmt, filling args; backtracks over where each
 * argument ends (texts are short). */
static bool
match(const char *f, const char *t, struct span *args, int n, int *nargs)
{
	char conv;
	int pos;
	size_t sl, len, max;

	for (;;) {
		if (*f == '\0') {
			*nargs = n;
			return *t == '\0';
		}
		if (f[0] == '%' && f[1] == '%') {
			if (*t != '%')
				return false;
			f += 2;
			t++;
			continue;
		}
		if (*f != '%') {
			if (*f != *t)
				return false;
			f++;
			t++;
			continue;
		}
		sl = spec(f + 1, &conv, &pos);
		if (n == WIRE_ARGS_MAX || conv == '\0')
			return false;
		max = strlen(t);
		for (len = 0; len <= max; len++) {
			if (!fits(conv, t, len))
				continue;
			args[n].p = t;
			args[n].len = len;
			if (match(f + 1 + sl, t + len, args, n + 1, nargs))
				return true;
		}
		return false;
	}
}

/* An amount argument (the record's "4500.50") written to f as the
 * reader's language writes it, with its currency (the next argument, if
 * any) deciding the cents; false if it is no amount. */
static bool
amount_put(FILE *f, const struct span *amount, const struct span *currency)
{
	char	plain[24], code[4] = "", buf[64];

	memcpy(plain, amount->p, amount->len);
	plain[amount->len] = '\0';
	if (currency != NULL && currency->len == 3) {
		memcpy(code, currency->p, 3);
		code[3] = '\0';
	}
	if (money_format_plain(plain, code, buf, sizeof buf) == NULL)
		return false;
	fputs(buf, f);
	return true;
}

/* The translated format tr with the arguments put in; NULL if tr asks
 * for one there is not. */
static char *
fill(const char *tr, const struct span *args, int nargs, unsigned words)
{
	char *out = NULL, conv, *arg;
	size_t outlen = 0, sl;
	int next = 0, pos, i;
	FILE *f = open_memstream(&out, &outlen);

	if (f == NULL)
		abort();
	while (*tr != '\0') {
		if (tr[0] != '%') {
			fputc(*tr++, f);
			continue;
		}
		if (tr[1] == '%') {
			fputc('%', f);
			tr += 2;
			continue;
		}
		sl = spec(tr + 1, &conv, &pos);
		i = pos > 0 ? pos - 1 : next++;
		if (i >= nargs || conv == '\0') {
			fclose(f);
			free(out);
			return NULL;
		}
		if ((words & I18N_AMOUNT(i)) && args[i].len < 24 &&
		    amount_put(f, &args[i], i + 1 < nargs ? &args[i + 1] :
		    NULL)) {
			/* Written as the reader's language writes it. */
		} else if ((words & (1u << i | I18N_ACTION_STATUS(i))) &&
		    args[i].len > 0) {
			/* Not gettext(""): that is the catalogue's header. */
			arg = xstrndup(args[i].p, args[i].len);
			fputs(words & I18N_ACTION_STATUS(i) ?
			    C_("action status", arg) : _(arg), f);
			free(arg);
		} else
			fwrite(args[i].p, 1, args[i].len, f);
		tr += 1 + sl;
	}
	fclose(f);
	return out;
}

char *
i18n_from_wire(const char *text, const struct i18n_format *const *formats)
{
	const struct i18n_format *t;
	struct span args[WIRE_ARGS_MAX];
	const char *tr;
	char *out;
	int nargs;

	if (text == NULL || *text == '\0')
		return xstrdup(text != NULL ? text : "");
	tr = _(text);
	if (tr != text)
		return xstrdup(tr);
	if (formats == NULL || strlen(text) > WIRE_TEXT_MAX)
		return xstrdup(text);
	for (; *formats != NULL; formats++)
		for (t = *formats; t->fmt != NULL; t++) {
			tr = _(t->fmt);
			/* Untranslated, it is as it came, unless an
			 * amount in it is to be written the reader's way. */
			if ((tr == t->fmt && !(t->words & I18N_AMOUNT(0) *
			    0xffu)) || !match(t->fmt, text, args, 0, &nargs))
				continue;
			if ((out = fill(tr, args, nargs, t->words)) != NULL)
				return out;
		}
	return xstrdup(text);
}
