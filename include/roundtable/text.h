/*
 * text.h - UTF-8 text as people type and read it.
 *
 * Widths are display columns (wcwidth), so accented and wide characters
 * line up.  Nothing here allocates except text_wrap and text_sanitize.
 */
#ifndef ROUNDTABLE_TEXT_H
#define ROUNDTABLE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes one code point at s (at most n bytes).  Returns its length in
 * bytes (1..4) and sets *cp, or returns -1 for an invalid or truncated
 * sequence (overlongs and surrogates are invalid). */
int	 text_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the length. */
int	 text_encode(uint32_t cp, char *out);
bool	 text_valid_utf8(const char *s, size_t n);
/* True for C0, DEL and C1 controls, and for code points that reorder or
 * hide text (bidi overrides and isolates). */
bool	 text_is_control(uint32_t cp);
/* Display width of one code point: 0, 1 or 2; controls count 1 (they are
 * shown as a replacement). */
int	 text_cp_width(uint32_t cp);
/* Whether cp is in one of the n ranges, each { first, last }. */
bool	 text_cp_in(uint32_t cp, const uint32_t (*ranges)[2], size_t n);
/* What a screen draws for *cp: *cp itself, or U+FFFD for a control or a
 * code point the C library does not know; returns its width as
 * text_cp_width counts it. */
int	 text_cp_shown(uint32_t *cp);
/* Display width of a string; invalid bytes count 1 each. */
size_t	 text_width(const char *s);

/* A copy safe for a terminal: invalid bytes and control characters become
 * U+FFFD; newlines are kept only when keep_newlines.  Caller frees. */
char	*text_sanitize(const char *s, bool keep_newlines);
/* Writes what text_sanitize would return to f, without the copy. */
void	 text_sanitize_to(FILE *f, const char *s, bool keep_newlines);

/* Byte length of the longest prefix of s that fits in cols columns
 * without splitting a character. */
size_t	 text_fit(const char *s, size_t cols);
/* s in exactly cols columns, as printf's "%-30.30s" would do it for
 * bytes: cut where it would pass them (never inside a character) and
 * padded with spaces after it, or before it when right.  For columns of
 * accented or wide text.  Caller frees. */
char	*text_pad(const char *s, size_t cols, bool right);

/* Word-wraps s to width columns; each output line is prefixed by
 * first_indent (first line) or indent (others); newlines in s start new
 * paragraphs.  Words wider than the line are split between characters.
 * Returns a malloc'd string ending in "\n" (caller frees). */
char	*text_wrap(const char *s, size_t width, const char *first_indent,
	     const char *indent);

/* Removes leading and trailing spaces in place; returns s. */
char	*text_trim(char *s);

/* Compare join codes as people type them: case and '-'/' ' ignored;
 * constant time in the length of the longer. */
bool	 text_code_equal(const char *a, const char *b);
/* Whether two names are the same to the eye, so one cannot pass for the
 * other: compared without case, accents (composed or combining) and
 * invisible characters, with any run of spaces as one. */
bool	 text_name_same(const char *a, const char *b);
/* Whether a name shows nothing (only spaces of any kind and characters
 * that do not show). */
bool	 text_name_blank(const char *s);

/* xmalloc-style helpers: abort on out of memory (it is a bug to continue). */
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a new string. */
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
