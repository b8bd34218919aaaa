/*
 * editor.c - the input line: one line of UTF-8 text, edited in place.
 *
 * The buffer holds valid UTF-8 with no control characters (typed or pasted
 * ones are dropped), at most ed->max bytes, NUL-terminated.  The cursor is a
 * byte offset on a character start; Left and Right step over a character
 * and the combining marks that follow it, so "é" typed as e + U+0301 moves
 * and erases as one.  The line scrolls sideways when the text is wider than
 * the screen; widths are display columns (wide characters count 2).
 */
#include <string.h>

#include "roundtable/text.h"
#include "tui-internal.h"

#define CTRL_KEY(c)	((c) & 0x1f)

/* The code point at byte offset pos (the buffer is valid UTF-8). */
static uint32_t
cp_at(const struct editor *ed, size_t pos, int *len)
{
	uint32_t	cp;
	int		n;

	n = text_decode(ed->buf + pos, ed->len - pos, &cp);
	if (n < 0) {
		/* Cannot happen: only encoded code points go in. */
		n = 1;
		cp = 0xfffd;
	}
	if (len != NULL)
		*len = n;
	return cp;
}

static size_t
prev_cp(const struct editor *ed, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)ed->buf[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

static size_t
next_cp(const struct editor *ed, size_t pos)
{
	int	len;

	if (pos >= ed->len)
		return ed->len;
	cp_at(ed, pos, &len);
	return pos + (size_t)len;
}

/* One character to the left, with the marks that combine with it. */
static size_t
prev_stop(const struct editor *ed, size_t pos)
{
	pos = prev_cp(ed, pos);
	while (pos > 0 && text_cp_width(cp_at(ed, pos, NULL)) == 0)
		pos = prev_cp(ed, pos);
	return pos;
}

static size_t
next_stop(const struct editor *ed, size_t pos)
{
	pos = next_cp(ed, pos);
	while (pos < ed->len && text_cp_width(cp_at(ed, pos, NULL)) == 0)
		pos = next_cp(ed, pos);
	return pos;
}

/* Display columns of buf[a..b). */
static size_t
width_range(const struct editor *ed, size_t a, size_t b)
{
	size_t	w = 0;
	int	len;

	while (a < b) {
		w += (size_t)text_cp_width(cp_at(ed, a, &len));
		a += (size_t)len;
	}
	return w;
}

static void
erase_range(struct editor *ed, size_t a, size_t b)
{
	if (b <= a)
		return;
	memmove(ed->buf + a, ed->buf + b, ed->len - b + 1);
	ed->len -= b - a;
	ed->cur = a;
	if (ed->scroll > ed->len)
		ed->scroll = ed->len;
}

void
tui_editor_reset(struct editor *ed, size_t max)
{
	if (max > MODEL_TEXT_MAX)
		max = MODEL_TEXT_MAX;
	ed->buf[0] = '\0';
	ed->len = ed->cur = ed->scroll = 0;
	ed->max = max;
}

static int
insert_cp(struct editor *ed, uint32_t cp)
{
	char	enc[4];
	int	n;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return EDITOR_NONE;
	if (text_is_control(cp))
		return EDITOR_NONE;
	n = text_encode(cp, enc);
	if (ed->len + (size_t)n > ed->max)
		return EDITOR_FULL;
	memmove(ed->buf + ed->cur + n, ed->buf + ed->cur,
	    ed->len - ed->cur + 1);
	memcpy(ed->buf + ed->cur, enc, (size_t)n);
	ed->len += (size_t)n;
	ed->cur += (size_t)n;
	return EDITOR_CHANGED;
}

/* A newline or tab inside pasted text: one space between words. */
static int
insert_space(struct editor *ed)
{
	if (ed->cur == 0 || ed->buf[ed->cur - 1] == ' ')
		return EDITOR_NONE;
	return insert_cp(ed, ' ');
}

static int
erase_word(struct editor *ed)
{
	size_t	p = ed->cur;

	while (p > 0 && ed->buf[p - 1] == ' ')
		p--;
	while (p > 0 && ed->buf[p - 1] != ' ')
		p = prev_cp(ed, p);
	if (p == ed->cur)
		return EDITOR_NONE;
	erase_range(ed, p, ed->cur);
	return EDITOR_CHANGED;
}

static int
move_to(struct editor *ed, size_t pos)
{
	if (pos == ed->cur)
		return EDITOR_NONE;
	ed->cur = pos;
	return EDITOR_CHANGED;
}

static int
backspace(struct editor *ed)
{
	if (ed->cur == 0)
		return EDITOR_NONE;
	erase_range(ed, prev_stop(ed, ed->cur), ed->cur);
	return EDITOR_CHANGED;
}

static int
delete_forward(struct editor *ed)
{
	if (ed->cur >= ed->len)
		return EDITOR_NONE;
	erase_range(ed, ed->cur, next_stop(ed, ed->cur));
	return EDITOR_CHANGED;
}

int
tui_editor_key(struct editor *ed, int code, wint_t ch, bool pasting)
{
	if (code == KEY_CODE_YES) {
		switch (ch) {
		case KEY_LEFT:
			return move_to(ed, prev_stop(ed, ed->cur));
		case KEY_RIGHT:
			return move_to(ed, next_stop(ed, ed->cur));
		case KEY_HOME:
			return move_to(ed, 0);
		case KEY_END:
			return move_to(ed, ed->len);
		case KEY_BACKSPACE:
			return backspace(ed);
		case KEY_DC:
			return delete_forward(ed);
		case KEY_ENTER:
			return pasting ? insert_space(ed) : EDITOR_SEND;
		}
		return EDITOR_NONE;
	}
	switch (ch) {
	case '\r':
	case '\n':
		return pasting ? insert_space(ed) : EDITOR_SEND;
	case '\t':
		return insert_space(ed);
	case 0x1b:
		return pasting ? EDITOR_NONE : EDITOR_CANCEL;
	case CTRL_KEY('a'):
		return move_to(ed, 0);
	case CTRL_KEY('e'):
		return move_to(ed, ed->len);
	case CTRL_KEY('b'):
		return move_to(ed, prev_stop(ed, ed->cur));
	case CTRL_KEY('f'):
		return move_to(ed, next_stop(ed, ed->cur));
	case CTRL_KEY('h'):
	case 0x7f:
		return backspace(ed);
	case CTRL_KEY('d'):
		return delete_forward(ed);
	case CTRL_KEY('u'):
		if (ed->len == 0)
			return EDITOR_NONE;
		erase_range(ed, 0, ed->len);
		ed->scroll = 0;
		return EDITOR_CHANGED;
	case CTRL_KEY('w'):
		return erase_word(ed);
	}
	return insert_cp(ed, (uint32_t)ch);
}

/*
 * Keeps the cursor inside the visible part of the text: cols columns, one
 * of them kept free for the cursor at the end of the line.
 */
static void
editor_scroll(struct editor *ed, size_t cols)
{
	size_t	p;

	if (cols < 2)
		cols = 2;
	if (ed->scroll > ed->cur) {
		/* Moving left past the edge: show some text before the
		 * cursor so the person sees what they are erasing. */
		ed->scroll = ed->cur;
		while (ed->scroll > 0 &&
		    width_range(ed, prev_stop(ed, ed->scroll), ed->cur) <
		    cols / 3)
			ed->scroll = prev_stop(ed, ed->scroll);
	}
	while (width_range(ed, ed->scroll, ed->cur) > cols - 1)
		ed->scroll = next_stop(ed, ed->scroll);
	/* After erasing, pull text back in rather than leave a gap. */
	while (ed->scroll > 0) {
		p = prev_stop(ed, ed->scroll);
		if (width_range(ed, p, ed->len) > cols - 1 ||
		    width_range(ed, p, ed->cur) > cols - 1)
			break;
		ed->scroll = p;
	}
}

int
tui_editor_draw(struct editor *ed, int y, int x, int cols, const char *prompt,
    int prompt_attr)
{
	int	pw, keep;

	if (cols <= 0)
		return x;
	/* The prompt gives way to the text on narrow screens. */
	keep = cols >= 24 ? 12 : cols / 2;
	pw = (int)text_width(prompt);
	if (pw > cols - keep)
		pw = cols - keep;
	pw = tui_put(y, x, pw, prompt, prompt_attr);
	editor_scroll(ed, (size_t)(cols - pw));
	tui_put(y, x + pw, cols - pw, ed->buf + ed->scroll, A_NORMAL);
	return x + pw + (int)width_range(ed, ed->scroll, ed->cur);
}
