/*
 * editor.c - text input, edited in place: the input line (one line) and
 * the text box (several lines, for charter text).
 *
 * The buffer holds valid UTF-8 with no control characters (typed or pasted
 * ones are dropped) but, in a text box, the newline; at most ed->max bytes,
 * NUL-terminated.  The cursor is a byte offset on a character start; Left
 * and Right step over a character and the combining marks that follow it,
 * so "é" typed as e + U+0301 moves and erases as one.  The line scrolls
 * sideways when the text is wider than the screen; the box wraps its lines
 * at word boundaries and scrolls up and down.  Widths are display columns
 * (wide characters count 2).
 */
#include <stdlib.h>
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

static void
editor_init(struct editor *ed, size_t max, bool multiline)
{
	if (max > sizeof ed->buf - 1)
		max = sizeof ed->buf - 1;
	ed->buf[0] = '\0';
	ed->len = ed->cur = ed->scroll = 0;
	ed->max = max;
	ed->multiline = multiline;
	ed->top = 0;
	ed->cols = 0;
	ed->goal = -1;
	ed->after_cr = false;
	ed->selected = false;
}

void
tui_editor_reset(struct editor *ed, size_t max)
{
	editor_init(ed, max, false);
}

void
tui_editor_reset_box(struct editor *ed, size_t max)
{
	editor_init(ed, max, true);
}

static int
insert_cp(struct editor *ed, uint32_t cp)
{
	char	enc[4];
	int	n;

	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return EDITOR_NONE;
	if (text_is_control(cp) && !(cp == '\n' && ed->multiline))
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

/* Start of the logical line (after the newline before pos). */
static size_t
line_start(const struct editor *ed, size_t pos)
{
	while (pos > 0 && ed->buf[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t
line_end(const struct editor *ed, size_t pos)
{
	while (pos < ed->len && ed->buf[pos] != '\n')
		pos++;
	return pos;
}

/* In a text box a tab becomes the spaces up to the next stop of four
 * columns: pasted tables keep their shape. */
static int
insert_tab(struct editor *ed)
{
	size_t	col;
	int	rc = EDITOR_NONE;

	if (!ed->multiline)
		return insert_space(ed);
	col = width_range(ed, line_start(ed, ed->cur), ed->cur);
	do {
		rc = insert_cp(ed, ' ');
		col++;
	} while (rc == EDITOR_CHANGED && col % 4 != 0);
	return rc;
}

static int
erase_word(struct editor *ed)
{
	size_t	p = ed->cur;

	while (p > 0 && ed->buf[p - 1] == ' ')
		p--;
	while (p > 0 && ed->buf[p - 1] != ' ' && ed->buf[p - 1] != '\n')
		p = prev_cp(ed, p);
	if (p == ed->cur && p > 0 && ed->buf[p - 1] == '\n')
		p--;	/* at a line's start: join it to the one above */
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

/* Ctrl-U: the input line is cleared; in a box, the line the cursor is
 * on (its newline stays). */
static int
clear_line(struct editor *ed)
{
	size_t	a = 0, b = ed->len;

	if (ed->multiline) {
		a = line_start(ed, ed->cur);
		b = line_end(ed, ed->cur);
	}
	if (a == b)
		return EDITOR_NONE;
	erase_range(ed, a, b);
	if (!ed->multiline)
		ed->scroll = 0;
	return EDITOR_CHANGED;
}

/* --- the text box: visual lines ------------------------------------------ */

/*
 * The visual lines of the box's text wrapped at cols columns: line i
 * covers [v[i], v[i + 1]) (the last one up to len); a hard line ends with
 * its newline.  A line breaks after its last space when it has one, else
 * between characters.  Returns the count; *out is malloc'd.
 */
static size_t
box_lines(const struct editor *ed, size_t cols, size_t **out)
{
	size_t	*v, n = 0, cap = 16, pos = 0, start = 0, brk = 0, w = 0;
	size_t	 stop, cw;

	if (cols < 2)
		cols = 2;
	v = xcalloc(cap, sizeof *v);
	v[n++] = 0;
	while (pos < ed->len) {
		bool newline = ed->buf[pos] == '\n';

		if (!newline) {
			stop = next_stop(ed, pos);
			cw = width_range(ed, pos, stop);
			if (w + cw > cols && pos > start) {
				start = brk > start ? brk : pos;
				w = width_range(ed, start, pos);
				brk = start;
			} else {
				w += cw;
				if (ed->buf[pos] == ' ')
					brk = stop;
				pos = stop;
				continue;
			}
		} else {
			start = ++pos;
			w = 0;
			brk = start;
		}
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = start;
	}
	*out = v;
	return n;
}

/* The visual line the cursor is on. */
static size_t
box_line_of(const size_t *v, size_t n, size_t pos)
{
	size_t	i = n - 1;

	while (i > 0 && v[i] > pos)
		i--;
	return i;
}

/* Up and Down: the position on visual line to nearest the goal column,
 * never past the line's end. */
static size_t
box_pos_at(const struct editor *ed, const size_t *v, size_t n, size_t line,
    size_t goal)
{
	size_t	p = v[line], limit = line + 1 < n ? v[line + 1] : ed->len;
	size_t	q, col = 0, cw;
	bool	soft = line + 1 < n && (limit == 0 ||
		    ed->buf[limit - 1] != '\n');

	while (p < limit && ed->buf[p] != '\n') {
		q = next_stop(ed, p);
		cw = width_range(ed, p, q);
		if (col + cw > goal || (soft && q >= limit))
			break;
		col += cw;
		p = q;
	}
	return p;
}

static int
box_vertical(struct editor *ed, long step)
{
	size_t	*v, n, line, cols = ed->cols > 1 ? (size_t)ed->cols : 40;
	long	 to;
	int	 rc;

	n = box_lines(ed, cols, &v);
	line = box_line_of(v, n, ed->cur);
	if (ed->goal < 0)
		ed->goal = (int)width_range(ed, v[line], ed->cur);
	to = (long)line + step;
	if (to < 0)
		rc = move_to(ed, 0);
	else if (to >= (long)n)
		rc = move_to(ed, ed->len);
	else
		rc = move_to(ed, box_pos_at(ed, v, n, (size_t)to,
		    (size_t)ed->goal));
	free(v);
	return rc;
}

/* --- keys ---------------------------------------------------------------- */

/* The text box's own keys; NOT_MINE: a key the input line handles. */
#define NOT_MINE	(-1)

static int
box_key(struct editor *ed, int code, wint_t ch, bool pasting)
{
	int	page = ed->rows > 1 ? ed->rows - 1 : 1;

	if (code == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			return box_vertical(ed, -1);
		case KEY_DOWN:
			return box_vertical(ed, 1);
		case KEY_PPAGE:
			return box_vertical(ed, -page);
		case KEY_NPAGE:
			return box_vertical(ed, page);
		case KEY_HOME:
			return move_to(ed, line_start(ed, ed->cur));
		case KEY_END:
			return move_to(ed, line_end(ed, ed->cur));
		case KEY_ENTER:
			return insert_cp(ed, '\n');
		}
		return NOT_MINE;
	}
	switch (ch) {
	case '\n':
		/* A pasted CR LF is one line break. */
		if (ed->after_cr && pasting)
			return EDITOR_NONE;
		return insert_cp(ed, '\n');
	case '\r':
		return insert_cp(ed, '\n');
	case CTRL_KEY('a'):
		return move_to(ed, line_start(ed, ed->cur));
	case CTRL_KEY('e'):
		return move_to(ed, line_end(ed, ed->cur));
	case CTRL_KEY('p'):
		return box_vertical(ed, -1);
	case CTRL_KEY('n'):
		return box_vertical(ed, 1);
	case CTRL_KEY('d'):
		/* Control characters in a paste are dropped, this one
		 * too: only a key pressed sends. */
		return pasting ? EDITOR_NONE : EDITOR_SEND;
	}
	return NOT_MINE;
}

/* A key on a selected offer: text typed or pasted replaces it; any other
 * key lets it go and does what it always does. */
static void
replace_offer(struct editor *ed, int code, wint_t ch)
{
	ed->selected = false;
	if (code != OK || ch == '\r' || ch == '\n' || ch == 0x1b ||
	    (ch < 0x20 && ch != '\t') || ch == 0x7f)
		return;
	ed->buf[0] = '\0';
	ed->len = ed->cur = ed->scroll = 0;
}

int
tui_editor_key(struct editor *ed, int code, wint_t ch, bool pasting)
{
	int	rc;

	if (ed->selected)
		replace_offer(ed, code, ch);

	if (ed->multiline) {
		bool vertical = code == KEY_CODE_YES && (ch == KEY_UP ||
		    ch == KEY_DOWN || ch == KEY_PPAGE || ch == KEY_NPAGE);

		vertical |= code == OK && (ch == CTRL_KEY('p') ||
		    ch == CTRL_KEY('n'));
		if (!vertical)
			ed->goal = -1;	/* Up/Down keep the column */
		rc = box_key(ed, code, ch, pasting);
		ed->after_cr = code == OK && ch == '\r';
		if (rc != NOT_MINE)
			return rc;
	}
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
		return insert_tab(ed);
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
		return clear_line(ed);
	case CTRL_KEY('w'):
		return erase_word(ed);
	}
	return insert_cp(ed, (uint32_t)ch);
}

void
tui_editor_fill(struct editor *ed, const char *s)
{
	size_t		n = strlen(s), off = 0;
	uint32_t	cp;
	int		len;

	while (off < n) {
		len = text_decode(s + off, n - off, &cp);
		if (len < 0) {
			off++;
			continue;
		}
		off += (size_t)len;
		if (cp == '\t')
			insert_tab(ed);
		else if (cp == '\n' && !ed->multiline)
			insert_space(ed);
		else if (insert_cp(ed, cp) == EDITOR_FULL)
			break;
	}
}

void
tui_editor_offer(struct editor *ed, const char *s)
{
	tui_editor_fill(ed, s);
	ed->selected = !ed->multiline && ed->len > 0;
}

/* --- drawing ------------------------------------------------------------- */

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
	tui_put(y, x + pw, cols - pw, ed->buf + ed->scroll, ed->selected ?
	    A_REVERSE : A_NORMAL);
	return x + pw + (int)width_range(ed, ed->scroll, ed->cur);
}

void
tui_editor_draw_box(struct editor *ed, int y, int x, int cols, int rows,
    int *cy, int *cx)
{
	size_t	*v, n, line, i, end;

	if (cols < 3 || rows < 1)
		return;
	/* One column stays free for the cursor after a full line. */
	ed->cols = cols - 1;
	ed->rows = rows;
	n = box_lines(ed, (size_t)ed->cols, &v);
	line = box_line_of(v, n, ed->cur);
	if (line < ed->top)
		ed->top = line;
	if (line >= ed->top + (size_t)rows)
		ed->top = line + 1 - (size_t)rows;
	if (ed->top + (size_t)rows > n)	/* erased: pull lines back in */
		ed->top = n > (size_t)rows ? n - (size_t)rows : 0;
	for (i = ed->top; i < n && i < ed->top + (size_t)rows; i++) {
		end = i + 1 < n ? v[i + 1] : ed->len;
		if (end > v[i] && ed->buf[end - 1] == '\n')
			end--;
		tui_putn(y + (int)(i - ed->top), x, cols, ed->buf + v[i],
		    end - v[i], A_NORMAL);
	}
	*cy = y + (int)(line - ed->top);
	*cx = x + (int)width_range(ed, v[line], ed->cur);
	free(v);
}

/* Lines the box's text takes at its last drawn width (for "line 3/12"). */
size_t
tui_editor_lines(const struct editor *ed, size_t *cursor_line)
{
	size_t	*v, n;

	n = box_lines(ed, ed->cols > 1 ? (size_t)ed->cols : 40, &v);
	if (cursor_line != NULL)
		*cursor_line = box_line_of(v, n, ed->cur);
	free(v);
	return n;
}
