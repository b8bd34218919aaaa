/*
 * matrix.c - a matrix phase on the screen: a grid whose rows and columns
 * the room's template set out (a human security analysis's types of
 * security against threats, needs and capacities; a partnership's map of
 * who brings what), filled cell by cell.
 *
 * The body is the grid, then the selected cell whole.  Each cell of the
 * grid says how many entries it has and the first words of its first;
 * the selected one is drawn reversed, and its entries are listed below
 * the grid (a lazy list: tui_add_cell), each with its author as the
 * confidentiality rule lets this viewer know it.  When the grid does not
 * fit the screen's width without cutting the words of its headings, the
 * selected row is shown as a list of its columns instead; when it does
 * not fit the height, the rows around the selected one.  The arrows move
 * between cells, w writes into the selected one; j/k select an entry
 * (e edits it, x withdraws it).
 *
 * Privacy is the model's: a replica holds only what its viewer may see.
 * The serving screen holds everything and is projected, so a private
 * matrix's entries are counted there, not shown, until v (as caucus
 * notes are).  As everywhere in the TUI, keys only ask; the model
 * refuses, and its refusal comes back as a notice.
 *
 * Invariants: the grid's lines are built whole for the body's width
 * (every line at most that many columns); the selected cell (t->mx_row,
 * t->mx_col) is a row and a column of the phase the room is in, or the
 * first ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

#define MX_HEAD_MAX	3	/* lines of a column's heading in the grid */
#define MX_CELL_MIN	8	/* columns of a cell in the grid, at least */
#define MX_ENTRY_ROWS	3	/* lines kept for the selected cell's entries */

/* The rows or the columns of the matrix of the phase the room is in. */
struct axis {
	const struct item	**v;
	size_t			  n;
};

/* What one cell holds for this viewer: its entries shown, the first. */
struct tally {
	size_t			  n;
	const struct item	 *first;
};

struct grid {
	struct axis	 rows, cols;
	struct tally	*cells;		/* rows.n x cols.n */
	size_t		 r, c;		/* the selected cell */
	bool		 hidden;	/* counted, not shown (the projector) */
};

static void
axis_of(const struct tui *t, int kind, struct axis *a)
{
	const uint32_t	*ids;
	size_t		 i, n;

	ids = model_items_of_kind(t->ws, kind, &n);
	a->v = xcalloc(n + 1, sizeof *a->v);
	a->n = 0;
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(t->ws, ids[i]);

		if (it != NULL && it->kind == kind && it->text != NULL &&
		    it->step != 0 && model_in_step(t->ws, it))
			a->v[a->n++] = it;
	}
}

static size_t
axis_find(const struct axis *a, uint32_t id)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		if (a->v[i]->id == id)
			return i;
	return SIZE_MAX;
}

bool
tui_matrix_private(const struct tui *t)
{
	const struct step *st;

	if (t->ws == NULL || t->ws->phase != PHASE_MATRIX)
		return false;
	st = model_step(t->ws, model_step_now(t->ws));
	return st != NULL && (st->flags & STEP_F_PRIVATE);
}

/* The serving screen is the projector: a private matrix's entries are
 * counted there until v shows them. */
static bool
projector_hides(const struct tui *t)
{
	return t->self == MODEL_FACILITATOR && tui_matrix_private(t) &&
	    !t->caucus_shown;
}

/* The phase's matrix, the selected cell (the first when the one kept is
 * not of this phase) and what each cell holds: one walk over each row's
 * entries (model_items_of_ref), whatever the room holds besides. */
static bool
grid_load(struct tui *t, struct grid *g)
{
	const uint32_t	*ids;
	size_t		 r, i, n, c;

	memset(g, 0, sizeof *g);
	axis_of(t, ITEM_MATRIX_ROW, &g->rows);
	axis_of(t, ITEM_MATRIX_COL, &g->cols);
	if (g->rows.n == 0 || g->cols.n == 0)
		return false;
	if ((g->r = axis_find(&g->rows, t->mx_row)) == SIZE_MAX)
		g->r = 0;
	if ((g->c = axis_find(&g->cols, t->mx_col)) == SIZE_MAX)
		g->c = 0;
	t->mx_row = g->rows.v[g->r]->id;
	t->mx_col = g->cols.v[g->c]->id;
	g->hidden = projector_hides(t);
	g->cells = xcalloc(g->rows.n * g->cols.n, sizeof *g->cells);
	for (r = 0; r < g->rows.n; r++) {
		ids = model_items_of_ref(t->ws, ITEM_CELL, g->rows.v[r]->id,
		    &n);
		for (i = 0; i < n; i++) {
			const struct item *it = model_item(t->ws, ids[i]);

			if (it == NULL || it->kind != ITEM_CELL ||
			    it->status == STATUS_WITHDRAWN ||
			    !tui_item_shown(t, it) ||
			    (c = axis_find(&g->cols, it->number)) == SIZE_MAX)
				continue;
			if (g->cells[r * g->cols.n + c].n++ == 0)
				g->cells[r * g->cols.n + c].first = it;
		}
	}
	return true;
}

static void
grid_free(struct grid *g)
{
	free(g->rows.v);
	free(g->cols.v);
	free(g->cells);
}

/* --- building lines ------------------------------------------------------ */

/* Appends s (sanitised) to *line, cut to at most w columns (with "…"
 * when cutting and ellipsis), then spaces up to w. */
static void
put_cell(char **line, const char *s, size_t w, bool ellipsis)
{
	char	*clean = text_sanitize(s, false), *out;
	size_t	 fit, cw = text_width(clean);
	bool	 cut = cw > w;

	if (cut) {
		fit = text_fit(clean, ellipsis && w > 0 ? w - 1 : w);
		/* "Jóvenes…", not "Jóvenes …". */
		while (ellipsis && fit > 0 && clean[fit - 1] == ' ')
			fit--;
		clean[fit] = '\0';
		cw = text_width(clean);
	}
	out = xasprintf("%s%s%s%*s", *line, clean, cut && ellipsis && w > 0 ?
	    "…" : "", (int)(w - cw - (cut && ellipsis && w > 0)), "");
	free(*line);
	free(clean);
	*line = out;
}

static void
append(char **line, const char *s)
{
	char	*out = xasprintf("%s%s", *line, s);

	free(*line);
	*line = out;
}

/* A row's or a column's heading as the reader sees it: the template's
 * words in the screen's language, a room's own as typed (content.c). */
static const char *
heading(const struct item *it)
{
	return tui_seed_text(NULL, it);
}

/* What a cell shows: "2: Persistent poverty", "2" when its entries are
 * not shown, "" when it has none. */
static char *
cell_words(const struct grid *g, const struct tally *tl)
{
	if (tl->n == 0)
		return xstrdup("");
	if (g->hidden || tl->first == NULL || tl->first->text == NULL)
		return xasprintf("%zu", tl->n);
	return xasprintf("%zu: %s", tl->n, tl->first->text);
}

/* The widest word of s, in columns. */
static size_t
widest_word(const char *s)
{
	char	*copy = text_sanitize(s, false), *w, *save;
	size_t	 most = 0, n;

	for (w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		if ((n = text_width(w)) > most)
			most = n;
	free(copy);
	return most;
}

/* Lines of s wrapped at w columns (words kept whole: w is at least the
 * widest one), at most max; returns how many, *out to be freed. */
static size_t
wrapped(const char *s, size_t w, char **out, size_t max)
{
	char	*clean = text_sanitize(s, false), *all, *line, *nl;
	size_t	 n = 0;

	all = text_wrap(clean, w, "", "");
	for (line = all; *line != '\0' && n < max; line = nl + 1) {
		nl = strchr(line, '\n');
		out[n++] = xstrndup(line, (size_t)(nl - line));
	}
	free(all);
	free(clean);
	return n;
}

/* The grid's geometry: its width, the columns of the row labels and of
 * each cell, a space of air after a label and before a cell's words
 * (pad, 0 or 1), the lines of the column headings, and whether it takes
 * the selection mark's two columns too. */
struct shape {
	int	 width;
	size_t	 label, cell, pad, head;
	bool	 wide;
};

/*
 * Whether the grid fits sh->width columns with sh->pad, filling in the
 * rest of *sh.  Not when it would cut words: a row label longer than
 * two fifths of the width, a cell narrower than MX_CELL_MIN or than a
 * heading's longest word, a heading over MX_HEAD_MAX lines.
 */
static bool
grid_fits(const struct grid *g, struct shape *sh)
{
	size_t	*label = &sh->label, *cell = &sh->cell, *head = &sh->head;
	int	 width = sh->width;
	char	*lines[MX_HEAD_MAX + 1];
	size_t	 i, k, n, w;
	long	 room;

	*label = 0;
	for (i = 0; i < g->rows.n; i++) {
		char *clean = text_sanitize(heading(g->rows.v[i]), false);

		if ((w = text_width(clean)) > *label)
			*label = w;
		free(clean);
	}
	if (*label > (size_t)width * 2 / 5)
		return false;
	*label += sh->pad;
	/* A bar before each cell. */
	room = (long)width - (long)*label - (long)g->cols.n;
	if (room < (long)(g->cols.n * MX_CELL_MIN))
		return false;
	*cell = (size_t)room / g->cols.n;
	*head = 1;
	for (i = 0; i < g->cols.n; i++) {
		if (widest_word(heading(g->cols.v[i])) + sh->pad > *cell)
			return false;
		n = wrapped(heading(g->cols.v[i]), *cell - sh->pad, lines,
		    MX_HEAD_MAX + 1);
		for (k = 0; k < n; k++)
			free(lines[k]);
		if (n > MX_HEAD_MAX)
			return false;
		if (n > *head)
			*head = n;
	}
	return true;
}

/* The grid's rows first..last-1 as fixed rows: the headings, a rule,
 * then one line per row, the selected cell marked to be drawn
 * reversed. */
static void
add_grid(struct tui *t, const struct grid *g, const struct shape *sh,
    size_t first, size_t last)
{
	char		*line, *heads[MX_HEAD_MAX], *words;
	size_t		 i, c, k, n, at = 0, cell = sh->cell - sh->pad;
	const char	*pad = sh->pad > 0 ? " " : "";
	struct row	*row;

	for (k = 0; k < sh->head; k++) {
		line = xstrdup("");
		put_cell(&line, "", sh->label, false);
		for (c = 0; c < g->cols.n; c++) {
			n = wrapped(heading(g->cols.v[c]), cell, heads,
			    MX_HEAD_MAX);
			append(&line, "│");
			append(&line, pad);
			put_cell(&line, k < n ? heads[k] : "", cell, false);
			for (i = 0; i < n; i++)
				free(heads[i]);
		}
		tui_rows_add(t, line, A_BOLD, 0)->wide = sh->wide;
	}
	line = xstrdup("");
	for (k = 0; k < sh->label; k++)
		append(&line, "─");
	for (c = 0; c < g->cols.n; c++) {
		append(&line, "┼");
		for (k = 0; k < sh->cell; k++)
			append(&line, "─");
	}
	tui_rows_add(t, line, A_NORMAL, 0)->wide = sh->wide;
	for (i = first; i < last; i++) {
		line = xstrdup("");
		put_cell(&line, heading(g->rows.v[i]), sh->label, false);
		for (c = 0; c < g->cols.n; c++) {
			append(&line, "│");
			if (i == g->r && c == g->c)
				at = strlen(line);
			append(&line, pad);
			words = cell_words(g, &g->cells[i * g->cols.n + c]);
			put_cell(&line, words, cell, true);
			free(words);
		}
		row = tui_rows_add(t, line, A_NORMAL, 0);
		row->wide = sh->wide;
		if (i == g->r) {
			row->hl = at;
			/* Up to the next bar, or the end. */
			row->hl_len = (strstr(line + at, "│") != NULL ?
			    (size_t)(strstr(line + at, "│") - line) :
			    strlen(line)) - at;
		}
	}
}

/* The selected row as a list of its columns (columns first..last-1),
 * the selected one drawn reversed: the form for a grid too wide for the
 * screen. */
static void
add_list(struct tui *t, const struct grid *g, size_t first, size_t last)
{
	char		*head, *line, *words;
	size_t		 c, width = (size_t)t->rows_width;
	struct row	*row;

	if (last - first < g->cols.n)
		head = xasprintf(_("Row %zu of %zu (columns %zu-%zu of %zu): "),
		    g->r + 1, g->rows.n, first + 1, last, g->cols.n);
	else
		head = xasprintf(_("Row %zu of %zu: "), g->r + 1, g->rows.n);
	tui_add_text(t, 0, head, heading(g->rows.v[g->r]), NULL, A_BOLD, 0);
	free(head);
	for (c = first; c < last; c++) {
		const struct tally *tl = &g->cells[g->r * g->cols.n + c];

		words = cell_words(g, tl);
		head = text_sanitize(heading(g->cols.v[c]), false);
		/* TRANSLATORS: a column's heading, then what its cell
		 * holds. */
		line = xasprintf("%s — %s", head, tl->n == 0 ?
		    _("no entries") : words);
		free(head);
		free(words);
		head = xstrdup("  ");
		put_cell(&head, line, width > 2 ? width - 2 : 1, true);
		free(line);
		row = tui_rows_add(t, head, A_NORMAL, 0);
		if (c == g->c) {
			row->hl = 2;
			row->hl_len = strlen(head) - 2;
		}
	}
}

/* The window of n lines (of total) that holds sel, centred on it. */
static void
window(size_t total, size_t n, size_t sel, size_t *first, size_t *last)
{
	if (n >= total) {
		*first = 0;
		*last = total;
		return;
	}
	*first = sel > n / 2 ? sel - n / 2 : 0;
	if (*first + n > total)
		*first = total - n;
	*last = *first + n;
}

/* A line above the map: what this viewer's entries are to whom. */
static void
add_privacy_note(struct tui *t, const struct grid *g)
{
	const struct participant	*me = model_person(t->ws, t->self);

	if (!tui_matrix_private(t))
		return;
	if (g->hidden)
		tui_add_text(t, 0, "", _("The room can see this screen: each "
		    "cell is its group's own, so entries are only counted "
		    "here; v shows them."), NULL, A_DIM, 0);
	else if (tui_is_facilitator(t))
		tui_add_text(t, 0, "", _("Each cell is its group's own: "
		    "participants see only their group's entries."), NULL,
		    A_DIM, 0);
	else if (me != NULL && me->role == ROLE_PARTICIPANT && me->group != 0)
		tui_add_text(t, 0, "", _("Your group's own matrix: only your "
		    "group and the facilitators see what it writes here."),
		    NULL, A_BOLD, 0);
	else
		tui_add_text(t, 0, "", _("Each group fills its own cells; "
		    "only they and the facilitators see them."), NULL, A_DIM,
		    0);
	tui_add_blank(t);
}

void
tui_matrix_build(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);
	struct grid			 g;
	struct shape			 sh;
	size_t				 first, last, room, n, i;
	long				 left;
	char				*s, *rowname, *colname;
	bool				 fits;

	if (!grid_load(t, &g)) {
		tui_add_text(t, 0, "", _("This matrix has no rows or columns."),
		    NULL, A_DIM, 0);
		grid_free(&g);
		return;
	}
	add_privacy_note(t, &g);
	/* Lines left for the map: the body, less what is above it, the
	 * selected cell's heading and a few of its entries. */
	left = (long)t->body_h - (long)t->rows.n - 2 - MX_ENTRY_ROWS;
	/* Air around the words, and the body's width; then the grid may
	 * do without the air, then take the selection mark's two columns,
	 * which its lines never have, before it gives way to the list. */
	fits = false;
	for (i = 0; i < 4 && !fits; i++) {
		sh = (struct shape){ .width = t->rows_width + (i >= 2 ? 2 : 0),
		    .pad = i % 2 == 0, .wide = i >= 2 };
		fits = grid_fits(&g, &sh);
	}
	fits = fits && left - (long)sh.head - 1 >= 2;
	if (fits) {
		room = (size_t)(left - (long)sh.head - 1);
		window(g.rows.n, room, g.r, &first, &last);
		add_grid(t, &g, &sh, first, last);
	} else {
		room = left - 1 >= 2 ? (size_t)(left - 1) : 2;
		window(g.cols.n, room, g.c, &first, &last);
		add_list(t, &g, first, last);
	}
	tui_add_blank(t);
	/* The selected cell, whole. */
	rowname = text_sanitize(heading(g.rows.v[g.r]), false);
	colname = text_sanitize(heading(g.cols.v[g.c]), false);
	n = g.cells[g.r * g.cols.n + g.c].n;
	if (fits && last - first < g.rows.n)
		/* TRANSLATORS: the selected row's place, the row's and
		 * the column's headings, how many entries the cell has. */
		s = xasprintf(ngettext("Row %zu of %zu · %s — %s: %zu entry",
		    "Row %zu of %zu · %s — %s: %zu entries", n), g.r + 1,
		    g.rows.n, rowname, colname, n);
	else
		/* TRANSLATORS: the row's and the column's headings, how
		 * many entries the cell has. */
		s = xasprintf(ngettext("%s — %s: %zu entry",
		    "%s — %s: %zu entries", n), rowname, colname, n);
	tui_add_text(t, 0, "", s, NULL, A_BOLD | A_UNDERLINE, 0);
	free(s);
	free(rowname);
	free(colname);
	t->rows.nfixed = t->rows.n;
	if (g.hidden)
		tui_add_text(t, 2, "", n > 0 ? _("Kept within their groups: v "
		    "shows them on this screen.") : _("No entries yet."), NULL,
		    A_DIM, 0);
	else if (!tui_add_cell(t, g.rows.v[g.r]->id, g.cols.v[g.c]->id, 2))
		tui_add_text(t, 2, "", me != NULL &&
		    me->role == ROLE_OBSERVER ? _("No entries yet.") :
		    _("No entries yet — w writes one here."), NULL, A_DIM, 0);
	grid_free(&g);
}

/* --- keys ---------------------------------------------------------------- */

bool
tui_matrix_target(struct tui *t, uint32_t *ref, int32_t *col, char **prompt)
{
	struct grid	 g;
	char		*rowname, *colname;

	*ref = 0;
	*col = 0;
	if (!grid_load(t, &g)) {
		grid_free(&g);
		tui_notice(t, _("This matrix has no cells to write in."));
		return false;
	}
	*ref = g.rows.v[g.r]->id;
	*col = (int32_t)g.cols.v[g.c]->id;
	rowname = text_sanitize(heading(g.rows.v[g.r]), false);
	colname = text_sanitize(heading(g.cols.v[g.c]), false);
	*prompt = xasprintf("%s — %s: ", rowname, colname);
	free(rowname);
	free(colname);
	grid_free(&g);
	return true;
}

/* Moves the selected cell by (dr, dc), staying inside the grid. */
static void
move_cell(struct tui *t, int dr, int dc)
{
	struct grid	g;
	size_t		r, c;

	if (!grid_load(t, &g)) {
		grid_free(&g);
		return;
	}
	r = g.r;
	c = g.c;
	if (dr < 0 && r > 0)
		r--;
	else if (dr > 0 && r + 1 < g.rows.n)
		r++;
	if (dc < 0 && c > 0)
		c--;
	else if (dc > 0 && c + 1 < g.cols.n)
		c++;
	if (r != g.r || c != g.c) {
		t->mx_row = g.rows.v[r]->id;
		t->mx_col = g.cols.v[c]->id;
		/* The new cell's entries, from their first. */
		t->sel = 0;
		t->top = t->top_row = 0;
		t->jumped = false;
		t->free_scroll = false;
		t->follow = false;
		t->stale = true;
	}
	t->dirty = true;
	grid_free(&g);
}

static void
key_write(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);
	uint32_t			 ref;
	int32_t				 col;
	char				*prompt;

	if (me != NULL && me->role == ROLE_OBSERVER) {
		tui_notice(t, _("Observers read the matrix; the arrows move "
		    "between its cells."));
		return;
	}
	if (!tui_matrix_target(t, &ref, &col, &prompt))
		return;
	tui_open_mode(t, MODE_INPUT, INPUT_CONTRIBUTE, ref, prompt,
	    MODEL_TEXT_MAX);
	t->input_value = col;
}

/* The selected entry, if it is one of this cell's. */
static const struct item *
selected_entry(const struct tui *t)
{
	const struct item	*it = model_item(t->ws, t->sel);

	if (it == NULL || it->kind != ITEM_CELL || it->ref != t->mx_row ||
	    it->number != t->mx_col)
		return NULL;
	return it;
}

/* The selected entry into *it: true if the viewer may edit it
 * (withdraw: withdraw it), else false with a notice. */
static bool
own_entry(struct tui *t, const struct item **it, bool withdraw)
{
	*it = selected_entry(t);
	if (*it == NULL) {
		tui_notice(t, withdraw ? _("Select an entry of this cell with "
		    "j/k, then press x to withdraw it.") : _("Select an entry "
		    "of this cell with j/k, then press e to edit it."));
		return false;
	}
	if ((*it)->author != t->self || t->self == MODEL_SYSTEM) {
		if (!tui_is_facilitator(t) || withdraw) {
			tui_notice(t, withdraw ? _("You can withdraw only "
			    "your own entries.") : _("You can edit only your "
			    "own entries; the facilitators edit any."));
			return false;
		}
	}
	if ((*it)->status != STATUS_OPEN) {
		tui_notice(t, _("That entry is withdrawn."));
		return false;
	}
	return true;
}

static void
key_edit(struct tui *t)
{
	const struct item	*it;

	if (!own_entry(t, &it, false))
		return;
	tui_open_mode(t, MODE_INPUT, INPUT_EDIT, it->id,
	    xstrdup(_("Edit this entry: ")), MODEL_TEXT_MAX);
	if (it->text != NULL)
		tui_editor_fill(&t->ed, it->text);
}

static void
key_withdraw(struct tui *t)
{
	const struct item	*it;

	if (!own_entry(t, &it, true))
		return;
	tui_send(t, INTENT_WITHDRAW, it->id, 0, 0, 0, NULL);
}

/* v on the serving screen: a private matrix's entries shown to the room
 * (asked first, y/n, like caucus notes), or hidden again. */
static void
key_show(struct tui *t)
{
	struct grid	 g;
	size_t		 i, n = 0;

	if (!tui_is_facilitator(t)) {
		/* What this person can do here instead. */
		tui_notice(t, model_person(t->ws, t->self) != NULL &&
		    model_person(t->ws, t->self)->role == ROLE_OBSERVER ?
		    _("Observers read the matrix; the arrows move between its "
		    "cells.") : _("The arrows choose a cell, w writes your "
		    "entry in it."));
		return;
	}
	if (t->self != MODEL_FACILITATOR || !tui_matrix_private(t)) {
		tui_notice(t, _("v shows a private matrix's entries on the "
		    "projected screen; this screen shows what it may."));
		return;
	}
	if (t->caucus_shown) {
		tui_dirty(t);
		t->caucus_shown = false;
		tui_notice(t, _("The matrix's entries are hidden again."));
		return;
	}
	if (!grid_load(t, &g)) {
		grid_free(&g);
		return;
	}
	for (i = 0; i < g.rows.n * g.cols.n; i++)
		n += g.cells[i].n;
	grid_free(&g);
	if (n == 0) {
		tui_notice(t, _("No group has written in this matrix yet."));
		return;
	}
	/* TRANSLATORS: y and n are the keys that answer. */
	tui_open_mode(t, MODE_KEY, INPUT_SHOW_NOTES, 0, xasprintf(ngettext(
	    "Show the %zu entry of this matrix — each group's own — on the "
	    "projected screen, for the whole room to read? y/n", "Show the "
	    "%zu entries of this matrix — each group's own — on the "
	    "projected screen, for the whole room to read? y/n", n), n), 0);
}

bool
tui_matrix_key(struct tui *t, int code, wint_t ch)
{
	if (t->ws == NULL || t->ws->phase != PHASE_MATRIX)
		return false;
	if (code == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			move_cell(t, -1, 0);
			return true;
		case KEY_DOWN:
			move_cell(t, 1, 0);
			return true;
		case KEY_LEFT:
			move_cell(t, 0, -1);
			return true;
		case KEY_RIGHT:
			move_cell(t, 0, 1);
			return true;
		case KEY_ENTER:
			key_write(t);
			return true;
		}
		return false;
	}
	switch (ch) {
	case 'w':
	case '\r':
	case '\n':
		key_write(t);
		return true;
	case 'e':
		key_edit(t);
		return true;
	case 'x':
		key_withdraw(t);
		return true;
	case 'v':
		key_show(t);
		return true;
	}
	return false;
}
