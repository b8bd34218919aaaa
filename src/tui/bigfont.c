/*
 * bigfont.c - the big letters read from the back of a room: the join
 * code, the question put to the room and the clock on the projected
 * screen.  A 5x5 block font of capitals, digits and the punctuation of
 * questions (¿ and ¡ too); a letter is drawn the same in either case.
 *
 * Accented letters (issue 17: "¿QUÉ ESPERAN?", "ÊTES-VOUS PRÊTS ?") are
 * their base letter with the accent drawn in half blocks on a row above
 * it, or a cedilla on a row below; the question's box draws those in
 * the blank rows it leaves around a line anyway (views.c), so an
 * accented question takes no more room than another.  Every character
 * is five columns wide, one column between characters, two for a space.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/text.h"
#include "tui-internal.h"

static const struct {
	uint32_t	 c;
	const char	*rows[5];
} glyphs[] = {
	{ 'A', { " ### ", "#   #", "#####", "#   #", "#   #" } },
	{ 'B', { "#### ", "#   #", "#### ", "#   #", "#### " } },
	{ 'C', { " ####", "#    ", "#    ", "#    ", " ####" } },
	{ 'D', { "#### ", "#   #", "#   #", "#   #", "#### " } },
	{ 'E', { "#####", "#    ", "#### ", "#    ", "#####" } },
	{ 'F', { "#####", "#    ", "#### ", "#    ", "#    " } },
	{ 'G', { " ####", "#    ", "#  ##", "#   #", " ####" } },
	{ 'H', { "#   #", "#   #", "#####", "#   #", "#   #" } },
	{ 'I', { "#####", "  #  ", "  #  ", "  #  ", "#####" } },
	{ 'J', { "#####", "   # ", "   # ", "#  # ", " ##  " } },
	{ 'K', { "#   #", "#  # ", "###  ", "#  # ", "#   #" } },
	{ 'L', { "#    ", "#    ", "#    ", "#    ", "#####" } },
	{ 'M', { "#   #", "## ##", "# # #", "#   #", "#   #" } },
	{ 'N', { "#   #", "##  #", "# # #", "#  ##", "#   #" } },
	{ 'O', { " ### ", "#   #", "#   #", "#   #", " ### " } },
	{ 'P', { "#### ", "#   #", "#### ", "#    ", "#    " } },
	{ 'Q', { " ### ", "#   #", "# # #", "#  # ", " ## #" } },
	{ 'R', { "#### ", "#   #", "#### ", "#  # ", "#   #" } },
	{ 'S', { " ####", "#    ", " ### ", "    #", "#### " } },
	{ 'T', { "#####", "  #  ", "  #  ", "  #  ", "  #  " } },
	{ 'U', { "#   #", "#   #", "#   #", "#   #", " ### " } },
	{ 'V', { "#   #", "#   #", "#   #", " # # ", "  #  " } },
	{ 'W', { "#   #", "#   #", "# # #", "## ##", "#   #" } },
	{ 'X', { "#   #", " # # ", "  #  ", " # # ", "#   #" } },
	{ 'Y', { "#   #", " # # ", "  #  ", "  #  ", "  #  " } },
	{ 'Z', { "#####", "   # ", "  #  ", " #   ", "#####" } },
	{ '0', { " ### ", "#  ##", "# # #", "##  #", " ### " } },
	{ '1', { "  #  ", " ##  ", "  #  ", "  #  ", " ### " } },
	{ '2', { " ### ", "#   #", "  ## ", " #   ", "#####" } },
	{ '3', { "#### ", "    #", " ### ", "    #", "#### " } },
	{ '4', { "#   #", "#   #", "#####", "    #", "    #" } },
	{ '5', { "#####", "#    ", "#### ", "    #", "#### " } },
	{ '6', { " ### ", "#    ", "#### ", "#   #", " ### " } },
	{ '7', { "#####", "    #", "   # ", "  #  ", "  #  " } },
	{ '8', { " ### ", "#   #", " ### ", "#   #", " ### " } },
	{ '9', { " ### ", "#   #", " ####", "    #", " ### " } },
	{ '-', { "     ", "     ", "#####", "     ", "     " } },
	{ '+', { "     ", "  #  ", "#####", "  #  ", "     " } },	/* overtime */
	/* For questions. */
	{ '?', { " ### ", "#   #", "  ## ", "     ", "  #  " } },
	{ '!', { "  #  ", "  #  ", "  #  ", "     ", "  #  " } },
	{ '.', { "     ", "     ", "     ", "     ", "  #  " } },
	{ ',', { "     ", "     ", "     ", "  #  ", " #   " } },
	{ ':', { "     ", "  #  ", "     ", "  #  ", "     " } },
	{ '\'', { "  #  ", "  #  ", "     ", "     ", "     " } },
	{ 0xbf, { "  #  ", "     ", " ##  ", "#   #", " ### " } },	/* ¿ */
	{ 0xa1, { "  #  ", "     ", "  #  ", "  #  ", "  #  " } },	/* ¡ */
	{ 0xc6, { " ####", "# #  ", "#### ", "# #  ", "# ###" } },	/* Æ */
	{ 0x152, { " ####", "# #  ", "# ###", "# #  ", " ####" } },	/* Œ */
};

/* The accents, drawn in half blocks five columns wide: on the row above
 * the letter, the cedilla on the row below. */
enum accent { NONE, ACUTE, GRAVE, CIRCUMFLEX, DIAERESIS, TILDE, RING,
    CEDILLA };

static const char *const marks[] = {
	[NONE] = "     ",
	[ACUTE] = "  ▄▀ ",
	[GRAVE] = " ▀▄  ",
	[CIRCUMFLEX] = " ▄▀▄ ",
	[DIAERESIS] = " ▀ ▀ ",
	[TILDE] = " ▄▀▄▀",
	[RING] = "  █  ",
	[CEDILLA] = " ▄█  ",
};

/*
 * Latin-1's letters U+00C0-U+00FF: the base letter each is drawn as
 * ('&' for Æ; '*': none, as for × and ÷) and its accent (a acute,
 * g grave, c circumflex, d diaeresis, t tilde, r ring, s cedilla,
 * - none).
 */
static const char latin1_base[] =
    "AAAAAA&CEEEEIIIIDNOOOOO*OUUUUY*SAAAAAA&CEEEEIIIIDNOOOOO*OUUUUY*Y";
static const char latin1_accent[] =
    "gactdr-sgacdgacd-tgactd--gacda--gactdr-sgacdgacd-tgactd--gacda-d";

/* cp as the base letter (upper case) it is drawn as, its accent in
 * *accent. */
static uint32_t
fold(uint32_t cp, enum accent *accent)
{
	static const char	codes[] = "-agcdtrs";
	char			b, a;

	*accent = NONE;
	if (cp >= 'a' && cp <= 'z')
		return cp - 'a' + 'A';
	if (cp == 0x153)		/* œ */
		return 0x152;
	if (cp == 0x178) {		/* Ÿ */
		*accent = DIAERESIS;
		return 'Y';
	}
	if (cp < 0xc0 || cp > 0xff)
		return cp;
	b = latin1_base[cp - 0xc0];
	a = latin1_accent[cp - 0xc0];
	if (b == '*')
		return cp;
	*accent = (enum accent)(strchr(codes, a) - codes);
	return b == '&' ? 0xc6 : (uint32_t)(unsigned char)b;
}

const char *const *
tui_big_glyph(uint32_t cp)
{
	enum accent	a;
	size_t		i;

	cp = fold(cp, &a);
	for (i = 0; i < sizeof glyphs / sizeof glyphs[0]; i++)
		if (glyphs[i].c == cp)
			return glyphs[i].rows;
	return NULL;
}

bool
tui_big_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80 || (*s != ' ' &&
		    tui_big_glyph((unsigned char)*s) == NULL))
			return false;
	return true;
}

int
tui_big_marks(const char *s)
{
	uint32_t	cp;
	enum accent	a;
	int		len, m = 0;

	for (; *s != '\0'; s += len) {
		if ((len = text_decode(s, strlen(s), &cp)) < 0)
			break;
		fold(cp, &a);
		if (a == CEDILLA)
			m |= TUI_BIG_BELOW;
		else if (a != NONE)
			m |= TUI_BIG_ABOVE;
	}
	return m;
}

bool
tui_big_split(const char *text, int width, char **lines, int max, int *n)
{
	const char	*p = text, *w;
	char		*word, *tmp;
	uint32_t	 cp;
	int		 len, cols, linew = 0;

	*n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		for (w = p, cols = -1; *p != '\0' && *p != ' ' && *p != '\n';
		    p += len) {
			len = text_decode(p, strlen(p), &cp);
			if (len < 0 || tui_big_glyph(cp) == NULL)
				goto fail;
			cols += 6;
		}
		if (cols > width)
			goto fail;
		word = xstrndup(w, (size_t)(p - w));
		if (*n > 0 && linew + 3 + cols <= width) {
			tmp = xasprintf("%s %s", lines[*n - 1], word);
			free(lines[*n - 1]);
			free(word);
			lines[*n - 1] = tmp;
			linew += 3 + cols;
			continue;
		}
		if (*n == max) {
			free(word);
			goto fail;
		}
		lines[(*n)++] = word;
		linew = cols;
	}
	return *n > 0;
fail:
	while (*n > 0)
		free(lines[--(*n)]);
	return false;
}

/* Appends add to *s. */
static void
add(char **s, const char *more)
{
	char	*tmp = xasprintf("%s%s", *s, more);

	free(*s);
	*s = tmp;
}

char *
tui_big_row(const char *s, int r)
{
	char		*out = xstrdup("");
	const char	*const *g, *c;
	enum accent	 a;
	uint32_t	 cp;
	int		 len;

	for (; *s != '\0'; s += len) {
		len = text_decode(s, strlen(s), &cp);
		if (len < 0)
			break;		/* cannot happen: checked before */
		if (cp == ' ') {
			add(&out, "  ");
			continue;
		}
		if ((g = tui_big_glyph(cp)) == NULL)
			break;
		fold(cp, &a);
		if (r < 0)
			add(&out, marks[a != CEDILLA ? a : NONE]);
		else if (r > 4)
			add(&out, marks[a == CEDILLA ? a : NONE]);
		else
			for (c = g[r]; *c != '\0'; c++)
				add(&out, *c == '#' ? "█" : " ");
		if (s[len] != '\0')
			add(&out, " ");
	}
	return out;
}
