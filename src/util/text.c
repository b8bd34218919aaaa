/*
 * text.c - UTF-8 text as people type and read it.
 *
 * Decoding is strict (RFC 3629): overlong forms, surrogates, code points
 * above U+10FFFF and truncated sequences are invalid, so what the model
 * accepts as text is exactly what every terminal decodes the same way.
 * Widths come from wcwidth(); the caller sets a UTF-8 LC_CTYPE.  Anything
 * that could move the cursor, clear the screen or reorder text (C0, DEL,
 * C1, bidi controls) counts as a control and is shown as U+FFFD.
 *
 * Only text_wrap, text_sanitize and the x* helpers allocate; the x*
 * helpers abort when memory runs out, as continuing would be a bug.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "roundtable/text.h"

#define REPLACEMENT	0xfffdu

int
text_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c, min;
	int			 len, i;

	if (n == 0)
		return -1;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return -1;	/* continuation byte, 0xc0/0xc1 or 0xf5.. */
	if (n < (size_t)len)
		return -1;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return len;
}

int
text_encode(uint32_t cp, char *out)
{
	unsigned char	*u = (unsigned char *)out;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = REPLACEMENT;
	if (cp < 0x80) {
		u[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	u[0] = 0xf0 | (cp >> 18);
	u[1] = 0x80 | ((cp >> 12) & 0x3f);
	u[2] = 0x80 | ((cp >> 6) & 0x3f);
	u[3] = 0x80 | (cp & 0x3f);
	return 4;
}

bool
text_valid_utf8(const char *s, size_t n)
{
	uint32_t	cp;
	int		len;

	while (n > 0) {
		if ((len = text_decode(s, n, &cp)) < 0)
			return false;
		s += len;
		n -= len;
	}
	return true;
}

bool
text_is_control(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
		return true;
	/* Bidi marks, embeddings, overrides and isolates reorder text. */
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return true;
	if (cp >= 0x202a && cp <= 0x202e)
		return true;
	if (cp >= 0x2066 && cp <= 0x2069)
		return true;
	return false;
}

int
text_cp_shown(uint32_t *cp)
{
	int	w;

	if (*cp >= 0x20 && *cp < 0x7f)
		return 1;	/* most of what is drawn: no need to ask */
	if (text_is_control(*cp) || (w = wcwidth((wchar_t)*cp)) < 0) {
		/* A control, or unassigned or unknown: a replacement, one
		 * cell. */
		*cp = 0xfffd;
		return 1;
	}
	return w > 2 ? 2 : w;
}

int
text_cp_width(uint32_t cp)
{
	return text_cp_shown(&cp);
}

/*
 * One step through s: the code point's byte length and width.  An invalid
 * byte is one byte wide and one column wide.
 */
static size_t
text_step(const char *s, size_t n, int *width)
{
	uint32_t	cp;
	int		len;

	if ((len = text_decode(s, n, &cp)) < 0) {
		*width = 1;
		return 1;
	}
	*width = text_cp_width(cp);
	return len;
}

size_t
text_width(const char *s)
{
	size_t	n = strlen(s), off = 0, total = 0;
	int	w;

	while (off < n) {
		off += text_step(s + off, n - off, &w);
		total += w;
	}
	return total;
}

/*
 * The one loop of text_sanitize and text_sanitize_to: hands put the safe
 * form of s[0..n) piece by piece, runs of printable ASCII (most of most
 * text) as they are.
 */
static void
sanitize(const char *s, size_t n, bool keep_newlines,
    void (*put)(void *, const char *, size_t), void *ctx)
{
	size_t		 off = 0, run;
	uint32_t	 cp;
	int		 len;
	char		 enc[4];

	while (off < n) {
		for (run = off; run < n && (unsigned char)s[run] >= 0x20 &&
		    (unsigned char)s[run] < 0x7f; run++)
			;
		if (run > off) {
			put(ctx, s + off, run - off);
			off = run;
			continue;
		}
		len = text_decode(s + off, n - off, &cp);
		if (len < 0) {
			len = 1;
			cp = REPLACEMENT;
		} else if (cp == '\n' && keep_newlines)
			;
		else if (text_is_control(cp))
			cp = REPLACEMENT;
		put(ctx, enc, (size_t)text_encode(cp, enc));
		off += (size_t)len;
	}
}

struct sbuf {
	char	*p;
	size_t	 len;
};

static void
put_buf(void *ctx, const char *p, size_t n)
{
	struct sbuf *b = ctx;

	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_file(void *ctx, const char *p, size_t n)
{
	fwrite(p, 1, n, ctx);
}

char *
text_sanitize(const char *s, bool keep_newlines)
{
	size_t		n = strlen(s);
	/* Each input byte yields at most 3 output bytes (U+FFFD). */
	struct sbuf	b = { xmalloc(n * 3 + 1), 0 };

	sanitize(s, n, keep_newlines, put_buf, &b);
	b.p[b.len] = '\0';
	return b.p;
}

void
text_sanitize_to(FILE *f, const char *s, bool keep_newlines)
{
	sanitize(s, strlen(s), keep_newlines, put_file, f);
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t	n = strlen(s), off = 0, used = 0, len;
	int	w;

	while (off < n) {
		len = text_step(s + off, n - off, &w);
		if (used + w > cols)
			break;
		used += w;
		off += len;
	}
	return off;
}

char *
text_pad(const char *s, size_t cols, bool right)
{
	size_t	 n = text_fit(s, cols), w, pad;
	char	*out, *cut;

	cut = xstrndup(s, n);
	w = text_width(cut);
	pad = w < cols ? cols - w : 0;
	out = xmalloc(n + pad + 1);
	if (right) {
		memset(out, ' ', pad);
		memcpy(out + pad, cut, n);
	} else {
		memcpy(out, cut, n);
		memset(out + n, ' ', pad);
	}
	out[n + pad] = '\0';
	free(cut);
	return out;
}

/* A growing output buffer for text_wrap. */
struct text_buf {
	char	*p;
	size_t	 len, cap;
};

static void
text_buf_add(struct text_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 128;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Ends the current output line: trailing spaces go, a newline comes. */
static void
text_buf_endline(struct text_buf *b, size_t line_start)
{
	while (b->len > line_start && b->p[b->len - 1] == ' ')
		b->len--;
	text_buf_add(b, "\n", 1);
}

/*
 * State of the line being filled by text_wrap.  The line's prefix is
 * written when its first word arrives, so an empty paragraph gives an
 * empty line.
 */
struct text_line {
	struct text_buf	*b;
	const char	*first_indent, *indent;
	size_t		 width;
	bool		 any;		/* any line started yet */
	bool		 open;		/* a line is being filled */
	bool		 content;	/* it has text beyond its prefix */
	bool		 first;		/* it is the first line */
	size_t		 start;		/* its offset in b */
	size_t		 used;		/* its columns so far, prefix included */
	size_t		 limit;		/* columns available to text */
};

static void
text_line_open(struct text_line *l)
{
	const char	*prefix = l->any ? l->indent : l->first_indent;
	size_t		 pw = text_width(prefix);

	l->start = l->b->len;
	text_buf_add(l->b, prefix, strlen(prefix));
	l->first = !l->any;
	l->any = l->open = true;
	l->content = false;
	l->used = pw;
	/* A prefix as wide as the line still leaves room for a character. */
	l->limit = pw < l->width ? l->width : pw + 1;
}

static void
text_line_close(struct text_line *l)
{
	if (!l->open) {
		/* An empty line: the prefix is still used up. */
		text_line_open(l);
	}
	text_buf_endline(l->b, l->start);
	l->open = false;
}

/* Puts one word (no spaces), after sp bytes of spaces spw columns wide,
 * on the current line or the next ones. */
static void
text_line_word(struct text_line *l, const char *w, size_t n, size_t sp,
    size_t spw)
{
	size_t	 ww, fit, off = 0;
	char	*tmp;
	int	 cw;

	tmp = xstrndup(w, n);
	ww = text_width(tmp);
	if (l->open && l->used + spw + ww <= l->limit) {
		text_buf_add(l->b, w - sp, sp + n);
		l->used += spw + ww;
		l->content = true;
		free(tmp);
		return;
	}
	if (l->open && l->content)
		text_line_close(l);
	if (!l->open)
		text_line_open(l);
	/* A word that does not fit after the first line's prefix (a label
	 * nearly as wide as the line: "Traders caucus, approved 2 of 2: ")
	 * goes whole to the next line if it fits there, not split ("T" /
	 * "raders"). */
	if (l->first && !l->content && l->used + ww > l->limit &&
	    l->used > text_width(l->indent) &&
	    text_width(l->indent) + ww <= l->width) {
		text_line_close(l);
		text_line_open(l);
	}
	/* The line is empty now.  A word wider than the line is split
	 * between characters. */
	while (l->used + text_width(tmp + off) > l->limit) {
		fit = text_fit(tmp + off, l->limit - l->used);
		if (fit == 0) {
			/* A wide character with one column left on an
			 * empty line: it goes there anyway. */
			fit = text_step(tmp + off, n - off, &cw);
		}
		text_buf_add(l->b, tmp + off, fit);
		off += fit;
		l->content = true;
		text_line_close(l);
		text_line_open(l);
	}
	text_buf_add(l->b, tmp + off, n - off);
	l->used += text_width(tmp + off);
	l->content = true;
	free(tmp);
}

/* Whether [w, e) is a mark French sets apart with a space, which must
 * not start a line ("?", "!", ":", ";", "»", "?!"), or "«", which must not
 * end one. */
static bool
text_spaced_mark(const char *w, const char *e, bool opening)
{
	static const char *const closing[] = { "?", "!", ":", ";", "»", "?!",
	    "!?", "!!", "??" };
	size_t	n = (size_t)(e - w), i;

	if (opening)
		return n == strlen("«") && memcmp(w, "«", n) == 0;
	for (i = 0; i < sizeof closing / sizeof closing[0]; i++)
		if (n == strlen(closing[i]) && memcmp(w, closing[i], n) == 0)
			return true;
	return false;
}

/*
 * The end of the unit the word [w, p) starts: the word, or, when French
 * typography puts a space between it and a mark ("continuer ?", "« oui"),
 * the word with the mark, so that the mark never sits alone at the start
 * or the end of a line.
 */
static const char *
text_glue(const char *w, const char *p, const char *end)
{
	const char	*q, *r, *last = w;

	for (;;) {
		q = p;
		while (q < end && *q == ' ')
			q++;
		if (q == p || q == end)
			return p;
		r = q;
		while (r < end && *r != ' ')
			r++;
		if (!text_spaced_mark(q, r, false) &&
		    !text_spaced_mark(last, p, true))
			return p;
		last = q;
		p = r;
	}
}

char *
text_wrap(const char *s, size_t width, const char *first_indent,
    const char *indent)
{
	struct text_buf		b = { NULL, 0, 0 };
	struct text_line	l;
	const char		*p = s, *end, *w;
	size_t			 sp;

	memset(&l, 0, sizeof l);
	l.b = &b;
	l.first_indent = first_indent ? first_indent : "";
	l.indent = indent ? indent : "";
	l.width = width;
	text_buf_add(&b, "", 0);

	for (;;) {
		/* One paragraph: up to the next newline or the end. */
		end = strchr(p, '\n');
		if (end == NULL)
			end = p + strlen(p);
		while (p < end) {
			w = p;
			while (w < end && *w == ' ')
				w++;
			if (w == end)
				break;
			sp = w - p;
			p = w;
			while (p < end && *p != ' ')
				p++;
			p = text_glue(w, p, end);
			/* Spaces between words are kept as typed within a
			 * line and dropped where the line breaks or starts. */
			if (!l.open)
				sp = 0;
			text_line_word(&l, w, p - w, sp, sp);
		}
		text_line_close(&l);
		if (*end == '\0' || end[1] == '\0')
			break;	/* a final newline ends the text, no more */
		p = end + 1;
	}
	return b.p;
}

char *
text_trim(char *s)
{
	size_t	start = 0, n = strlen(s);

	/* Tabs and line ends count too: they come with pasted text. */
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	while (start < n && strchr(" \t\r\n", s[start]) != NULL)
		start++;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
	return s;
}

/* Base letters, lower case, of U+00C0..U+017F (Latin-1's letters and
 * Latin Extended-A); '\0' where the letter is its own (Æ, Ð, ×, Þ, ß,
 * Ĳ, Œ: folded to lower case only). */
static const char latin_base[] =
    /* C0 */ "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0\0"
    /* E0 */ "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y"
    /* 100 */ "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkk"
    /* 139 */ "llllllllllnnnnnnnnnoooooo\0\0rrrrrrssssssssttttttuuuuuuuuuuuu"
    /* 174 */ "wwyyyzzzzzzs";
_Static_assert(sizeof latin_base == 0x17f - 0xc0 + 2, "a letter each");

/* Greek and Cyrillic letters, lower case and without their accents
 * (tonos, dialytika; Ё, Й, Ї... as their base letter); final sigma as
 * sigma.  Anything else as it is. */
static uint32_t
name_fold_greek_cyrillic(uint32_t cp)
{
	/* U+0386..U+038F: Ά · Έ Ή Ί · Ό · Ύ Ώ (0 where none). */
	static const uint16_t tonos[] = { 0x3b1, 0, 0x3b5, 0x3b7, 0x3b9, 0,
	    0x3bf, 0, 0x3c5, 0x3c9 };
	/* U+03AA..U+03B0: Ϊ Ϋ ά έ ή ί ΰ; U+03CA..U+03CE: ϊ ϋ ό ύ ώ. */
	static const uint16_t lower_a[] = { 0x3b9, 0x3c5, 0x3b1, 0x3b5,
	    0x3b7, 0x3b9, 0x3c5 };
	static const uint16_t lower_c[] = { 0x3b9, 0x3c5, 0x3bf, 0x3c5,
	    0x3c9 };
	/* U+0450..U+045F (and U+0400..U+040F, their capitals): the base
	 * letter of ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ, 0 where its own. */
	static const uint16_t cyr[] = { 0x435, 0x435, 0, 0x433, 0, 0, 0,
	    0x456, 0, 0, 0, 0, 0x43a, 0x438, 0x443, 0 };

	if (cp == 0x390)
		return 0x3b9;
	if (cp >= 0x386 && cp <= 0x38f && tonos[cp - 0x386] != 0)
		return tonos[cp - 0x386];
	if (cp >= 0x391 && cp <= 0x3a9)
		cp += 32;
	if (cp >= 0x3aa && cp <= 0x3b0)
		return lower_a[cp - 0x3aa];
	if (cp >= 0x3ca && cp <= 0x3ce)
		return lower_c[cp - 0x3ca];
	if (cp == 0x3c2)
		return 0x3c3;
	if (cp >= 0x400 && cp <= 0x40f)
		cp += 80;
	if (cp >= 0x410 && cp <= 0x42f)
		cp += 32;
	if (cp >= 0x450 && cp <= 0x45f && cyr[cp - 0x450] != 0)
		return cyr[cp - 0x450];
	if (cp == 0x439)
		return 0x438;	/* й */
	return cp;
}

/*
 * What does not show, or shows as nothing but a mark on the letter before
 * it: left out of a name's key, so that "Carol" with any of them inside or
 * after is still Carol.  Unicode's default-ignorable code points (soft
 * hyphen, combining grapheme joiner, zero-width spaces and joiners,
 * direction marks and overrides, invisible operators, variation selectors,
 * the Hangul fillers, which draw as blanks, tags, BOM), the braille blank,
 * and the combining marks' blocks.
 */
static bool
name_unseen(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{ 0x00ad, 0x00ad }, { 0x0300, 0x036f }, { 0x0483, 0x0489 },
		{ 0x061c, 0x061c }, { 0x115f, 0x1160 }, { 0x17b4, 0x17b5 },
		{ 0x180b, 0x180f }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
		{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x206f },
		{ 0x20d0, 0x20ff }, { 0x2800, 0x2800 }, { 0x3164, 0x3164 },
		{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
		{ 0xffa0, 0xffa0 }, { 0xfff0, 0xfff8 }, { 0x1bca0, 0x1bca3 },
		{ 0x1d173, 0x1d17a }, { 0xe0000, 0xe0fff },
	};

	return text_cp_in(cp, ranges, sizeof ranges / sizeof ranges[0]);
}

bool
text_cp_in(uint32_t cp, const uint32_t (*ranges)[2], size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return true;
	return false;
}

/* The folded form of code point cp, or 0 to leave it out of a name's
 * key. */
static uint32_t
name_fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (name_unseen(cp))
		return 0;
	if (cp >= 0xc0 && cp <= 0x17f) {
		char b = latin_base[cp - 0xc0];

		if (b != '\0')
			return (uint32_t)(unsigned char)b;
		if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
			return cp + 32;		/* Æ Ð Þ */
		if (cp >= 0x100 && cp % 2 == 0 && cp != 0x138)
			return cp + 1;		/* Ĳ Œ */
		return cp;
	}
	/* Vietnamese (Latin Extended Additional) and ơ, ư. */
	if (cp >= 0x1ea0 && cp <= 0x1ef9)
		return cp <= 0x1eb7 ? 'a' : cp <= 0x1ec7 ? 'e' : cp <= 0x1ecb ?
		    'i' : cp <= 0x1ee3 ? 'o' : cp <= 0x1ef1 ? 'u' : 'y';
	if (cp == 0x1a0 || cp == 0x1a1)
		return 'o';
	if (cp == 0x1af || cp == 0x1b0)
		return 'u';
	/* Pinyin's carons (Ǎ ǎ ... ǜ), Romanian's comma below (Ș ș Ț ț). */
	if (cp >= 0x1cd && cp <= 0x1dc)
		return cp <= 0x1ce ? 'a' : cp <= 0x1d0 ? 'i' : cp <= 0x1d2 ?
		    'o' : 'u';
	if (cp >= 0x218 && cp <= 0x21b)
		return cp <= 0x219 ? 's' : 't';
	return name_fold_greek_cyrillic(cp);
}

/*
 * Letters drawn as Latin ones outside Greek and Cyrillic's basic letters:
 * the mathematical alphabets (bold, italic, sans-serif... A to z, 0 to
 * 9), the letterlike symbols among them (ℓ, ℯ, the Kelvin sign), the
 * Roman numerals that are one letter, Cyrillic palochka (ӏ), Armenian
 * letters (օ, հ...) and the Cherokee letters drawn as Latin ones (Ꮯ,
 * Ꭺ...).
 */
static uint32_t
name_lookalike_more(uint32_t cp)
{
	/* U+2160..U+217F: Ⅰ..Ⅿ, ⅰ..ⅿ: the one-letter numerals. */
	static const char roman[] = "i...v....x..lcdm";
	static const struct {
		uint32_t	cp;
		char		c;
	} one[] = {
		{ 0x04cf, 'l' }, { 0x04c0, 'l' }, { 0x0585, 'o' },
		{ 0x0581, 'g' }, { 0x0570, 'h' }, { 0x0578, 'n' },
		{ 0x057d, 'u' },
		/* Cherokee capitals (their small letters are folded to
		 * them below). */
		{ 0x13a0, 'd' }, { 0x13a1, 'r' }, { 0x13a2, 't' },
		{ 0x13a5, 'i' }, { 0x13a9, 'y' }, { 0x13aa, 'a' },
		{ 0x13ab, 'j' }, { 0x13ac, 'e' }, { 0x13b3, 'w' },
		{ 0x13b7, 'm' }, { 0x13bb, 'h' }, { 0x13c0, 'g' },
		{ 0x13c2, 'h' }, { 0x13c3, 'z' }, { 0x13cf, 'b' },
		{ 0x13d2, 'r' }, { 0x13d4, 'w' }, { 0x13d9, 'v' },
		{ 0x13da, 's' }, { 0x13de, 'l' }, { 0x13df, 'c' },
		{ 0x13e2, 'p' }, { 0x13e6, 'k' }, { 0x13f3, 'g' },
		{ 0x13f4, 'b' },
		{ 0x2102, 'c' }, { 0x210a, 'g' }, { 0x210b, 'h' },
		{ 0x210c, 'h' }, { 0x210d, 'h' }, { 0x210e, 'h' },
		{ 0x2110, 'i' }, { 0x2111, 'i' }, { 0x2112, 'l' },
		{ 0x2113, 'l' }, { 0x2115, 'n' }, { 0x2119, 'p' },
		{ 0x211a, 'q' }, { 0x211b, 'r' }, { 0x211c, 'r' },
		{ 0x211d, 'r' }, { 0x2124, 'z' }, { 0x2128, 'z' },
		{ 0x212a, 'k' }, { 0x212b, 'a' }, { 0x212c, 'b' },
		{ 0x212d, 'c' }, { 0x212f, 'e' }, { 0x2130, 'e' },
		{ 0x2131, 'f' }, { 0x2133, 'm' }, { 0x2134, 'o' },
		{ 0x2139, 'i' },
	};
	size_t	i;

	if (cp >= 0x1d400 && cp <= 0x1d6a3)
		return 'a' + (cp - 0x1d400) % 52 % 26;
	if (cp >= 0x1d7ce && cp <= 0x1d7ff)
		return '0' + (cp - 0x1d7ce) % 10;
	if (cp >= 0xab70 && cp <= 0xabbf)
		cp = cp - 0xab70 + 0x13a0;	/* Cherokee small letters */
	else if (cp >= 0x13f8 && cp <= 0x13fd)
		cp -= 8;
	if (cp >= 0x2160 && cp <= 0x217f && roman[(cp - 0x2160) % 16] != '.')
		return (unsigned char)roman[(cp - 0x2160) % 16];
	for (i = 0; i < sizeof one / sizeof one[0]; i++)
		if (one[i].cp == cp)
			return (unsigned char)one[i].c;
	return cp;
}

/*
 * A folded letter of another script that looks like a Latin one, as that
 * letter: "Аna" with a Cyrillic А, or "Ρedro" with a Greek Ρ, would pass
 * for Ana or Pedro on every screen.  Capitals are folded first, so only
 * the small letters are listed: those whose capital or small letter is
 * drawn as a Latin one (Greek ν as n for Ν, Cyrillic н as h for Н).  Each
 * script's letters map to different Latin ones, so two names of the same
 * script are no more alike than before; fullwidth Latin letters are the
 * letters.
 */
static uint32_t
name_lookalike(uint32_t cp)
{
	/* U+03B1..U+03C7: α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ ς σ τ υ φ χ
	 * ('.': none). */
	static const char greek[] = "ab..ezh.ik.mn.o.p..ty.x";
	/* U+0430..U+0445: а б в г д е ж з и й к л м н о п р с т у ф х. */
	static const char cyrillic[] = "a.b..e....k.mho.pcty.x";
	_Static_assert(sizeof greek == 0x3c7 - 0x3b1 + 2, "a letter each");
	_Static_assert(sizeof cyrillic == 0x445 - 0x430 + 2, "a letter each");

	if (cp >= 0x3b1 && cp <= 0x3c7 && greek[cp - 0x3b1] != '.')
		return (unsigned char)greek[cp - 0x3b1];
	if (cp >= 0x430 && cp <= 0x445 && cyrillic[cp - 0x430] != '.')
		return (unsigned char)cyrillic[cp - 0x430];
	/* Ukrainian і, Macedonian ѕ, Serbian and Macedonian ј. */
	if (cp == 0x456)
		return 'i';
	if (cp == 0x455)
		return 's';
	if (cp == 0x458)
		return 'j';
	if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a))
		return 'a' + (cp - 0xff21) % 32;
	return name_lookalike_more(cp);
}

/* The next code point of a name's key from *s (advanced), 0 at its end;
 * a run of spaces is one ' ', and none at either end. */
static uint32_t
name_next(const char **s)
{
	uint32_t	cp;
	int		n;
	bool		space = false;

	for (;;) {
		if (**s == '\0')
			return 0;
		n = text_decode(*s, strlen(*s), &cp);
		if (n < 0) {
			/* Not UTF-8 (names are checked before they are
			 * kept): the byte, as nothing a letter folds to. */
			cp = 0x110000u + (unsigned char)**s;
			n = 1;
		}
		if (cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
		    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f ||
		    cp == 0x205f || cp == 0x3000) {
			*s += n;
			space = true;
			continue;
		}
		if ((cp = name_fold(cp)) == 0) {
			*s += n;
			continue;
		}
		cp = name_lookalike(cp);
		if (space)
			return ' ';	/* *s stays: this one comes next */
		*s += n;
		return cp;
	}
}

bool
text_name_blank(const char *s)
{
	uint32_t	x;

	while ((x = name_next(&s)) == ' ')
		;
	return x == 0;
}

bool
text_name_same(const char *a, const char *b)
{
	uint32_t	x, y;

	/* Spaces before the name count for nothing (after it, name_next
	 * gives none). */
	while ((x = name_next(&a)) == ' ')
		;
	while ((y = name_next(&b)) == ' ')
		;
	while (x == y && x != 0) {
		x = name_next(&a);
		y = name_next(&b);
	}
	return x == y;
}

/* Join codes are typed loosely: case, '-' and ' ' do not matter. */
static bool
text_code_skip(char c)
{
	return c == '-' || c == ' ';
}

static size_t
text_code_len(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (!text_code_skip(*s))
			n++;
	return n;
}

static unsigned char
text_code_next(const char **sp)
{
	const char	*s = *sp;
	unsigned char	 c;

	while (*s != '\0' && text_code_skip(*s))
		s++;
	if (*s == '\0') {
		*sp = s;
		return 0;
	}
	c = (unsigned char)*s++;
	*sp = s;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

bool
text_code_equal(const char *a, const char *b)
{
	size_t		 la, lb, n, i;
	unsigned int	 diff;

	if (a == NULL || b == NULL)
		return false;
	la = text_code_len(a);
	lb = text_code_len(b);
	/* An empty code matches nothing, not even another empty one. */
	if (la == 0 || lb == 0)
		return false;
	n = la > lb ? la : lb;
	diff = la != lb;
	/* Every position of the longer is compared, whatever differs. */
	for (i = 0; i < n; i++)
		diff |= text_code_next(&a) ^ text_code_next(&b);
	return diff == 0;
}

static void
text_oom(size_t n)
{
	fprintf(stderr, "roundtable: out of memory (wanted %zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL)
		text_oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		text_oom(SIZE_MAX);
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		text_oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void	*q;

	if ((q = realloc(p, n ? n : 1)) == NULL)
		text_oom(n);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len = strnlen(s, n);

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	 few[512], *p;
	int	 n;

	/* Most strings fit in few: formatted once, not measured first. */
	va_start(ap, fmt);
	n = vsnprintf(few, sizeof few, fmt, ap);
	va_end(ap);
	if (n < 0) {
		/* Only a bad format does this: a bug. */
		fprintf(stderr, "roundtable: xasprintf: bad format \"%s\"\n",
		    fmt);
		abort();
	}
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof few)
		return memcpy(p, few, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
