/*
 * views.c - what the screen shows: the header (with the confidentiality
 * rule when it is not the open one), one body per phase, the footer (who
 * is present, how to join, the speaking queue, notices, keys), the help
 * screen and the screens that ask for a join code, a name and a group.
 * The poll panel (panel.c) and the text box take their lines from the top
 * and the bottom of the body.
 *
 * Every string that comes from the workshop is network text: it goes
 * through text_sanitize() before it is measured or drawn, so escape
 * sequences, C1 controls and bidi overrides never reach the terminal.
 * Under the Chatham House Rule no line names who wrote an item or their
 * group (tui_item_author), whatever the replica holds: the serving
 * terminal holds everything.  Widths are display columns.  A phase body
 * is first built as a list of rows already wrapped to the screen's width
 * (struct rows), then drawn; the key handlers in tui.c move the selection
 * over the same rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* Lines of the footer, built fresh for each frame. */
struct footer_line {
	char	*text;		/* owned, sanitised; NULL for special lines */
	int	 attr;
	int	 kind;
};

enum {
	FOOT_TEXT = 0,
	FOOT_INPUT,		/* the input line */
	FOOT_KEYS,		/* the key bar */
	FOOT_SELF,		/* "You: ..." with the status on the right */
	FOOT_TURNS,		/* who speaks, turns per group this phase */
	FOOT_FLOOR,		/* text, then how long the speaker has had
				 * the floor (timebox.c) */
};

#define FOOTER_MAX 16
#define PROMPT_ROWS 3	/* a phase's prompt on top of the body, at most */

struct footer {
	struct footer_line	 v[FOOTER_MAX];
	int			 n;
};

/* A key and what it does, for the key bar. */
struct keyhint {
	const char	*key;
	const char	*label;
};

/* --- drawing primitives -------------------------------------------------- */

/*
 * What each line of the screen was drawn with: a hash of every call that
 * drew on it, for the frame being drawn and for the one before.  A frame
 * is composed whole, but a new contribution changes a few lines of
 * thirty: a line drawn by exactly the calls of the frame before holds
 * exactly the same cells, so curses is not asked to draw it again.
 *
 * So during a frame the calls are only noted (the cells of each run, in
 * order, in ops and bytes), and when it ends (tui_lines_end) the lines
 * whose hash changed are cleared and drawn; curses never erases, copies
 * or compares the others (it did all three for every line of every
 * frame: a tenth of a screen's time).
 *
 * Every cell is drawn here (putrun_flush, fill), and curses has one
 * screen in a process, so this is kept once, not per struct tui.  What is
 * drawn outside a frame (the clock's spots, once a second) is drawn at
 * once and makes its line's hash unknown, and so does a new or resized
 * screen (tui_lines_forget): such a line is drawn again whole.
 */
#define LINE_UNKNOWN	0

enum op_kind { OP_ASCII, OP_WIDE, OP_FILL };

struct line_op {
	int		 y, x, attr, n;	/* n cells (OP_FILL: columns) */
	enum op_kind	 kind;
	size_t		 off;		/* of its cells in drawn.bytes */
};

static struct {
	uint64_t	*now, *before;	/* by line */
	int		 lines, cols;
	bool		 framing;	/* between lines_begin and tui_show */
	struct line_op	*ops;
	size_t		 nops, ops_cap;
	unsigned char	*bytes;
	size_t		 nbytes, bytes_cap;
} drawn;

void
tui_lines_forget(void)
{
	int	y;

	for (y = 0; y < drawn.lines; y++)
		drawn.before[y] = LINE_UNKNOWN;
}

void
tui_lines_free(void)
{
	free(drawn.now);
	free(drawn.before);
	free(drawn.ops);
	free(drawn.bytes);
	memset(&drawn, 0, sizeof drawn);
}

/* A frame starts. */
static void
lines_begin(void)
{
	int	y;

	if (LINES != drawn.lines || COLS != drawn.cols) {
		free(drawn.now);
		free(drawn.before);
		drawn.lines = LINES > 0 ? LINES : 0;
		drawn.cols = COLS;
		drawn.now = xcalloc((size_t)drawn.lines + 1, sizeof *drawn.now);
		drawn.before = xcalloc((size_t)drawn.lines + 1,
		    sizeof *drawn.before);
	}
	for (y = 0; y < drawn.lines; y++)
		drawn.now[y] = 1;
	drawn.nops = drawn.nbytes = 0;
	drawn.framing = true;
}

/* Cells drawn on line y from column x: n bytes at p, in attr. */
static void
lines_mix(int y, int x, int attr, const void *p, size_t n)
{
	int		head[2] = { x, attr };
	uint64_t	h;

	if (y < 0 || y >= drawn.lines)
		return;
	if (!drawn.framing) {
		drawn.before[y] = LINE_UNKNOWN;
		return;
	}
	h = tui_rowcache_hash(drawn.now[y], head, sizeof head);
	h = tui_rowcache_hash(h, p, n);
	drawn.now[y] = h != LINE_UNKNOWN ? h : 1;
}

/* Draws an op's cells (the cells of OP_ASCII and OP_WIDE at p). */
static void
op_draw(const struct line_op *o, const void *p)
{
	chtype	blank[128];
	int	i, x, n, cols;

	switch (o->kind) {
	case OP_ASCII:
		mvaddchnstr(o->y, o->x, (const chtype *)p, o->n);
		break;
	case OP_WIDE:
		attrset(o->attr);
		mvaddnwstr(o->y, o->x, (const wchar_t *)p, o->n);
		attrset(A_NORMAL);
		break;
	case OP_FILL:
		for (i = 0; i < (int)(sizeof blank / sizeof blank[0]); i++)
			blank[i] = ' ' | (chtype)o->attr;
		for (x = o->x, cols = o->n; cols > 0; x += n, cols -= n) {
			n = cols < (int)(sizeof blank / sizeof blank[0]) ?
			    cols : (int)(sizeof blank / sizeof blank[0]);
			mvaddchnstr(o->y, x, blank, n);
		}
		break;
	}
}

/*
 * Cells for line y: noted when a frame is being composed (after their
 * line's hash has taken them in), drawn at once otherwise.
 */
static void
lines_op(enum op_kind kind, int y, int x, int attr, const void *p,
    size_t size, int n)
{
	struct line_op	o = { y, x, attr, n, kind, 0 };
	size_t		at;

	if (!drawn.framing || y < 0 || y >= drawn.lines) {
		op_draw(&o, p);
		return;
	}
	/* Cells are chtypes or wchar_ts: kept aligned for them. */
	at = (drawn.nbytes + sizeof(chtype) - 1) & ~(sizeof(chtype) - 1);
	if (at + size > drawn.bytes_cap || drawn.bytes == NULL) {
		drawn.bytes_cap = (at + size) * 2 > 4096 ? (at + size) * 2 :
		    4096;
		drawn.bytes = xrealloc(drawn.bytes, drawn.bytes_cap);
	}
	if (size > 0)
		memcpy(drawn.bytes + at, p, size);
	drawn.nbytes = at + size;
	o.off = at;
	if (drawn.nops == drawn.ops_cap) {
		drawn.ops_cap = drawn.ops_cap > 0 ? drawn.ops_cap * 2 : 256;
		drawn.ops = xrealloc(drawn.ops, drawn.ops_cap *
		    sizeof *drawn.ops);
	}
	drawn.ops[drawn.nops++] = o;
}

/*
 * The frame's lines that differ from the last frame's are cleared and
 * drawn, in the order their calls came; the others are left as they are.
 * The cursor stays where the frame put it.
 */
void
tui_lines_end(void)
{
	const struct line_op	*o;
	int			 y, cy, cx;
	size_t			 i;

	if (!drawn.framing)
		return;
	drawn.framing = false;
	if (LINES != drawn.lines || COLS != drawn.cols) {
		/* Resized in the frame: drawn as it was composed. */
		erase();
		for (i = 0; i < drawn.nops; i++)
			op_draw(&drawn.ops[i], drawn.bytes + drawn.ops[i].off);
		tui_lines_forget();
		return;
	}
	getyx(stdscr, cy, cx);
	attrset(A_NORMAL);
	for (y = 0; y < drawn.lines; y++)
		if (drawn.now[y] != drawn.before[y]) {
			move(y, 0);
			clrtoeol();
		}
	for (i = 0; i < drawn.nops; i++) {
		o = &drawn.ops[i];
		if (drawn.now[o->y] != drawn.before[o->y])
			op_draw(o, drawn.bytes + o->off);
	}
	for (y = 0; y < drawn.lines; y++)
		drawn.before[y] = drawn.now[y];
	move(cy, cx);
}

/*
 * The cells of tui_putn waiting to be drawn: a run of printable ASCII,
 * drawn as chtypes (waddchnstr copies them into the line: a fifteenth of
 * what curses spends on each wide character it is given, and most of a
 * screen is ASCII), or a run of anything else, drawn as wide characters
 * (waddnwstr: widths, combining marks).  Only one of the two holds cells
 * at a time; x is the column of its first.
 */
struct putrun {
	chtype		 ascii[128];
	wchar_t		 wide[128];
	size_t		 na, nw;
	int		 y, x, attr;
};

static void
putrun_flush(struct putrun *p)
{
	if (p->na > 0) {
		lines_mix(p->y, p->x, 0, p->ascii, p->na * sizeof *p->ascii);
		lines_op(OP_ASCII, p->y, p->x, 0, p->ascii,
		    p->na * sizeof *p->ascii, (int)p->na);
	} else if (p->nw > 0) {
		lines_mix(p->y, p->x, p->attr, p->wide,
		    p->nw * sizeof *p->wide);
		lines_op(OP_WIDE, p->y, p->x, p->attr, p->wide,
		    p->nw * sizeof *p->wide, (int)p->nw);
	}
	p->na = p->nw = 0;
}

int
tui_putn(int y, int x, int cols, const char *s, size_t n, int attr)
{
	struct putrun	p = { .y = y, .attr = attr };
	size_t		off = 0;
	uint32_t	cp;
	int		len, w, used = 0;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return 0;
	if (cols > COLS - x)
		cols = COLS - x;
	while (off < n) {
		len = text_decode(s + off, n - off, &cp);
		if (len < 0) {
			len = 1;
			cp = 0xfffd;
		}
		off += (size_t)len;
		w = text_cp_shown(&cp);
		if (w == 0 && used == 0)
			continue;	/* a mark with nothing to mark */
		if (used + w > cols)
			break;
		if (cp < 0x7f) {
			if (p.nw > 0 || p.na == sizeof p.ascii / sizeof p.ascii[0])
				putrun_flush(&p);
			if (p.na == 0)
				p.x = x + used;
			p.ascii[p.na++] = (chtype)cp | (chtype)attr;
		} else {
			/* A mark goes to curses with the letter it marks. */
			wchar_t base = 0;

			if (w == 0 && p.na > 0) {
				base = (wchar_t)(p.ascii[--p.na] & A_CHARTEXT);
				putrun_flush(&p);
				p.x = x + used - 1;
			} else if (p.na > 0 || p.nw >= sizeof p.wide /
			    sizeof p.wide[0] - 1)
				putrun_flush(&p);
			if (p.nw == 0 && base == 0)
				p.x = x + used;
			if (base != 0)
				p.wide[p.nw++] = base;
			p.wide[p.nw++] = (wchar_t)cp;
		}
		used += w;
	}
	putrun_flush(&p);
	return used;
}

int
tui_put(int y, int x, int cols, const char *s, int attr)
{
	return tui_putn(y, x, cols, s, strlen(s), attr);
}

/* Draws s, ending in "…" when it does not fit. */
static int
put_trunc(int y, int x, int cols, const char *s, int attr)
{
	size_t	fit;
	int	used;

	if (cols <= 0)
		return 0;
	if ((int)text_width(s) <= cols)
		return tui_put(y, x, cols, s, attr);
	fit = text_fit(s, (size_t)(cols - 1));
	used = tui_putn(y, x, cols - 1, s, fit, attr);
	return used + tui_put(y, x + used, 1, "…", attr);
}

int
tui_put_trunc(int y, int x, int cols, const char *s, int attr)
{
	return put_trunc(y, x, cols, s, attr);
}

void
tui_fill(int y, int x, int cols, int attr)
{
	if (y < 0 || y >= LINES || x < 0)
		return;
	if (cols > COLS - x)
		cols = COLS - x;
	if (cols <= 0)
		return;
	lines_mix(y, x, attr, &cols, sizeof cols);
	lines_op(OP_FILL, y, x, attr, NULL, 0, cols);
}

static int
header_attr(const struct tui *t)
{
	if (t->colors)
		return COLOR_PAIR(PAIR_HEADER) | A_BOLD;
	return A_REVERSE | A_BOLD;
}

static int
warn_attr(const struct tui *t)
{
	if (t->colors)
		return COLOR_PAIR(PAIR_WARN) | A_BOLD;
	return A_REVERSE | A_BOLD;
}

/* Big terminals (a projector) get more air. */
static bool
spacious(void)
{
	return LINES >= 36;
}

static int
margin(void)
{
	if (COLS >= 160)
		return 4;
	if (COLS >= 120)
		return 2;
	return 1;
}

/* --- people and groups --------------------------------------------------- */

/* Present participants of group gid, "Ana, José" (not sanitised); the
 * count in *n. */
static char *
group_names(const struct workshop *ws, uint32_t gid, size_t *n)
{
	char	*s = xstrdup(""), *tmp;
	size_t	 i;

	*n = 0;
	for (i = 0; i < ws->npeople; i++) {
		const struct participant *p = &ws->people[i];

		if (!p->present || p->role != ROLE_PARTICIPANT ||
		    p->group != gid || p->name == NULL)
			continue;
		tmp = xasprintf("%s%s%s", s, *n > 0 ? ", " : "",
		    model_person_shown(p));
		free(s);
		s = tmp;
		(*n)++;
	}
	return s;
}

size_t
tui_count_present(const struct workshop *ws, int role)
{
	size_t	i, n = 0;

	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].present && ws->people[i].role == role)
			n++;
	return n;
}

/* "Community: Ana, José · Police: Ruiz" for present participants;
 * sanitised. */
static char *
presence_text(const struct workshop *ws)
{
	char	*s, *names, *tmp, *clean;
	size_t	 i, n, total = tui_count_present(ws, ROLE_PARTICIPANT);
	size_t	 obs = tui_count_present(ws, ROLE_OBSERVER);

	/* TRANSLATORS: the first words of the presence line, then
	 * " · Group: names" for each group. */
	s = xasprintf(ngettext("Present %zu", "Present %zu", total), total);
	for (i = 0; i <= ws->ngroups; i++) {
		/* Index ngroups stands for participants without a group. */
		uint32_t gid = i < ws->ngroups ? ws->groups[i].id : 0;

		names = group_names(ws, gid, &n);
		if (n > 0) {
			/* TRANSLATORS: the presence line so far, a group
			 * and who of it is present. */
			tmp = xasprintf(_("%s · %s: %s"), s, gid != 0 ?
			    model_group_shown(ws->groups[i].name) :
			    _("No group"), names);
			free(s);
			s = tmp;
		}
		free(names);
	}
	if (total == 0) {
		tmp = xasprintf(_("%s · nobody has joined yet"), s);
		free(s);
		s = tmp;
	}
	if (obs > 0) {
		tmp = xasprintf(_("%s · Observers: %zu"), s, obs);
		free(s);
		s = tmp;
	}
	clean = text_sanitize(s, false);
	free(s);
	return clean;
}

/* "Absent groups: Business, Military"; sanitised. */
static char *
absent_text(const struct workshop *ws)
{
	char	*s = NULL, *names, *tmp, *clean;
	size_t	 i, n;

	for (i = 0; i < ws->ngroups; i++) {
		names = group_names(ws, ws->groups[i].id, &n);
		free(names);
		if (n > 0)
			continue;
		tmp = xasprintf("%s%s%s", s != NULL ? s : _("Absent groups: "),
		    s != NULL ? ", " : "",
		    model_group_shown(ws->groups[i].name));
		free(s);
		s = tmp;
	}
	if (s == NULL)
		s = xstrdup(ws->ngroups > 0 ? _("Every group is present") :
		    _("No stakeholder groups yet"));
	clean = text_sanitize(s, false);
	free(s);
	return clean;
}

char *
tui_labelled(const char *label, const char *text)
{
	char	*colon = xasprintf(_("%s: "), label), *s;

	s = xasprintf("%s%s", colon, text);
	free(colon);
	return s;
}

/* "Ana Pérez (Community)", sanitised; "" for nobody. */
char *
tui_person_label(const struct workshop *ws, uint32_t who, uint32_t gid)
{
	const struct participant	*p = model_person(ws, who);
	const struct group		*g = model_group(ws, gid);
	char				*s, *clean;

	if (p == NULL || p->name == NULL)
		return xstrdup("");
	if (g != NULL)
		s = xasprintf("%s (%s)", model_person_shown(p),
		    model_group_shown(g->name));
	else
		s = xstrdup(model_person_shown(p));
	clean = text_sanitize(s, false);
	free(s);
	return clean;
}

static void
label_free(struct author_label *l)
{
	free(l->text);
	free(l->prefix);
	free(l->name);
	free(l->group_name);
	free(l->format);
}

void
tui_labels_forget(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->nlabels; i++)
		label_free(&t->labels[i]);
	free(t->labels);
	t->labels = NULL;
	t->nlabels = 0;
}

static bool
same_string(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/*
 * The label of it's author, made when first asked for and again only when
 * what it is made from has changed (a rename, a move to another group, a
 * language whose ": " differs; a screen switched to another language
 * forgets them all, as Spanish and English write them alike but name the
 * built-in groups differently): a room of 100,000 statements has a few
 * hundred authors, and a screen shows the same few on every frame.  NULL
 * when the viewer is not shown who wrote it, or it is nobody's.
 */
static const struct author_label *
author_label(const struct tui *t, const struct item *it)
{
	const struct participant	*p;
	const struct group		*g;
	struct tui			*mt = (struct tui *)t;	/* a cache */
	struct author_label		*l;
	const char			*format = _("%s: ");
	size_t				 n;

	/* The model's rule, as the room applied it when it sent the item:
	 * the Chatham House Rule set since covers it too. */
	if (!model_author_shown(t->ws, it, t->self))
		return NULL;
	p = model_person(t->ws, it->author);
	if (p == NULL || p->name == NULL)
		return NULL;
	g = model_group(t->ws, it->group);
	if (it->author >= t->nlabels) {
		n = (size_t)it->author + 1 > t->ws->npeople + 1 ?
		    (size_t)it->author + 1 : t->ws->npeople + 1;
		mt->labels = xrealloc(mt->labels, n * sizeof *t->labels);
		memset(mt->labels + t->nlabels, 0, (n - t->nlabels) *
		    sizeof *t->labels);
		mt->nlabels = n;
	}
	l = &mt->labels[it->author];
	if (l->text != NULL && l->group == it->group &&
	    strcmp(l->name, p->name) == 0 &&
	    same_string(l->group_name, g != NULL ? g->name : NULL) &&
	    strcmp(l->format, format) == 0)
		return l;
	label_free(l);
	l->text = tui_person_label(t->ws, it->author, it->group);
	l->prefix = xasprintf(format, l->text);
	l->name = xstrdup(p->name);
	l->group_name = g != NULL && g->name != NULL ? xstrdup(g->name) :
	    NULL;
	l->format = xstrdup(format);
	l->group = it->group;
	return l;
}

char *
tui_item_author(const struct tui *t, const struct item *it)
{
	const struct author_label *l = author_label(t, it);

	return xstrdup(l != NULL ? l->text : "");
}

const char *
tui_item_prefix(const struct tui *t, const struct item *it)
{
	const struct author_label *l = author_label(t, it);

	return l != NULL ? l->prefix : "";
}

const char *
tui_conf_label(int conf)
{
	switch (conf) {
	case CONF_CHATHAM:
		return _("Chatham House Rule");
	case CONF_OFF_RECORD:
		return _("Off the record");
	}
	/* TRANSLATORS: the confidentiality rule under which contributions
	 * show who wrote them. */
	return _("Open");
}

/* The raised hands in order; *n how many.  Caller frees. */
static uint32_t *
queue_of(const struct workshop *ws, size_t *n)
{
	uint32_t	*v = xcalloc(ws->npeople + 1, sizeof *v);

	*n = model_queue(ws, v, ws->npeople + 1);
	if (*n > ws->npeople + 1)
		*n = ws->npeople + 1;
	return v;
}

size_t
tui_queue_place(const struct tui *t)
{
	uint32_t	*v;
	size_t		 n, i, place = 0;

	if (t->ws == NULL)
		return 0;
	v = queue_of(t->ws, &n);
	for (i = 0; i < n && place == 0; i++)
		if (v[i] == t->self)
			place = i + 1;
	free(v);
	return place;
}

size_t
tui_points_waiting(const struct workshop *ws)
{
	const uint32_t	*ids;
	size_t		 i, k, n = 0;

	/* On every frame of a facilitator's: the points alone. */
	ids = model_items_of_kind(ws, ITEM_GRIEVANCE, &k);
	for (i = 0; i < k; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->status != STATUS_ANSWERED &&
		    it->status != STATUS_WITHDRAWN)
			n++;
	}
	return n;
}

/* The viewer as the footer names them: "Ana Pérez (Community)". */
static char *
self_label(const struct tui *t)
{
	const struct participant	*p = model_person(t->ws, t->self);
	char				*s;

	if (p == NULL)
		return xstrdup("?");
	if (p->role == ROLE_PARTICIPANT)
		return tui_person_label(t->ws, p->id, p->group);
	s = xasprintf("%s (%s)", model_person_shown(p),
	    _(model_role_name(p->role)));
	{
		char *clean = text_sanitize(s, false);

		free(s);
		return clean;
	}
}

/* --- rows ---------------------------------------------------------------- */

static void
rows_clear(struct rows *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (!r->v[i].lent)
			free(r->v[i].text);
	r->n = 0;
	r->nfixed = 0;
	r->sticky = r->sticky_end = 0;
	r->nlists = 0;
}

static struct row *
rows_add(struct tui *t, char *text, int attr, uint32_t item)
{
	struct rows	*r = &t->rows;
	struct row	*row;

	if (r->n == r->cap) {
		/* Small to start with: a lazy list's entry has a row or
		 * two, and a frame makes rows for every entry in view. */
		r->cap = r->cap == 0 ? 4 : r->cap * 2;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	row = &r->v[r->n++];
	row->text = text;
	row->attr = attr;
	row->item = item;
	row->emph = 0;
	row->lent = false;
	row->hl = row->hl_len = 0;
	row->wide = false;
	return row;
}

static void
add_blank(struct tui *t)
{
	rows_add(t, xstrdup(""), A_NORMAL, 0);
}

/* A blank line between entries, on big screens only. */
static void
add_gap(struct tui *t)
{
	if (spacious() && t->rows.n > t->rows.nfixed)
		add_blank(t);
}

/*
 * Wraps text at the body width into lines: prefix (sanitised, drawn bold)
 * and text (raw network text, sanitised here) start indent columns in;
 * later lines hang under the text when the prefix is short ("12. "), else
 * two columns in.  suffix is appended as is ("(withdrawn)").
 */
static void
wrap_lines(const struct tui *t, int indent, const char *prefix,
    const char *text, const char *suffix, bool under,
    struct rowcache_lines *out)
{
	char	*clean, *body, *first, *rest, *wrapped, *line, *nl;
	size_t	 pw, cap = 0;
	int	 hang, width = t->rows_width;

	pw = text_width(prefix);
	hang = pw <= 5 || under ? (int)pw : 2;
	if (indent + hang >= width / 2)
		hang = 0;
	clean = text_sanitize(text, true);
	if (*suffix != '\0') {
		body = xasprintf("%s %s", clean, suffix);
		free(clean);
	} else
		body = clean;
	first = xasprintf("%*s%s", indent, "", prefix);
	rest = xasprintf("%*s", indent + hang, "");
	wrapped = text_wrap(body, width > 4 ? (size_t)width : 4, first, rest);
	for (line = wrapped; *line != '\0'; line = nl + 1) {
		char *s;

		nl = strchr(line, '\n');
		if (nl == NULL)
			nl = line + strlen(line) - 1;	/* cannot happen */
		if (out->n == cap) {
			cap = cap == 0 ? 2 : cap * 2;
			out->text = xrealloc(out->text, cap * sizeof *out->text);
			out->emph = xrealloc(out->emph, cap * sizeof *out->emph);
		}
		s = xstrndup(line, (size_t)(nl - line));
		/* The line lost its trailing spaces: the prefix may be
		 * shorter on it than it was given. */
		out->emph[out->n] = out->n > 0 ? 0 : strlen(first) < strlen(s) ?
		    strlen(first) : strlen(s);
		out->text[out->n++] = s;
	}
	free(wrapped);
	free(first);
	free(rest);
	free(body);
}

/*
 * Adds text wrapped at the body width (wrap_lines), as rows of item.  An
 * item's lines come from the row cache when nothing they depend on has
 * changed since the last build.
 */
static void add_text_kept(struct tui *, int, const char *, const char *,
		    const char *, int, uint32_t, uint32_t, bool);

static void
add_text(struct tui *t, int indent, const char *prefix, const char *text,
    const char *suffix, int attr, uint32_t item)
{
	add_text_kept(t, indent, prefix, text, suffix, attr, item,
	    item != 0 && item <= t->ws->nitems ? item : UINT32_MAX, false);
}

/*
 * add_text, its lines kept in the row cache under slot (an item's id, or
 * 0 for the phase's prompt, which no item has), or not kept when slot is
 * UINT32_MAX.  A long prefix's lines after the first go under the text
 * when under is set (a number: "•10 S "), else two columns in (a name).
 */
static void
add_text_kept(struct tui *t, int indent, const char *prefix, const char *text,
    const char *suffix, int attr, uint32_t item, uint32_t slot, bool under)
{
	const struct rowcache_lines	*kept;
	struct rowcache_lines		 lines = { 0 };
	char				*mark, *marked = NULL;
	uint64_t			 key;
	size_t				 i, np, nt, ns;
	int				 head[4];

	if (prefix == NULL)
		prefix = "";
	if (text == NULL)
		text = "";
	if (suffix == NULL)
		suffix = "";
	/* An item of the open dot vote carries the viewer's dots, once. */
	if (item != 0 && (t->rows.n == 0 ||
	    t->rows.v[t->rows.n - 1].item != item) &&
	    (mark = tui_dot_mark(t, item)) != NULL) {
		marked = xasprintf("%s%s", mark, prefix);
		prefix = marked;
		free(mark);
	}
	if (slot == UINT32_MAX) {
		/* Headings and notes (and "The whole charter"): few, and
		 * not worth keeping. */
		wrap_lines(t, indent, prefix, text, suffix, under, &lines);
		for (i = 0; i < lines.n; i++)
			rows_add(t, lines.text[i], attr, item)->emph =
			    lines.emph[i];
		free(lines.text);
		free(lines.emph);
		free(marked);
		return;
	}
	head[0] = t->rows_width;
	head[1] = indent;
	head[2] = attr;
	head[3] = under;
	np = strlen(prefix) + 1;
	nt = strlen(text) + 1;
	ns = strlen(suffix);
	key = tui_rowcache_hash(0, head, sizeof head);
	key = tui_rowcache_hash(key, prefix, np);
	key = tui_rowcache_hash(key, text, nt);
	key = tui_rowcache_hash(key, suffix, ns);
	kept = tui_rowcache_get(&t->rowcache, slot, key, np + nt + ns);
	if (kept == NULL) {
		wrap_lines(t, indent, prefix, text, suffix, under, &lines);
		kept = tui_rowcache_put(&t->rowcache, slot, key, np + nt + ns,
		    &lines);
	}
	for (i = 0; i < kept->n; i++) {
		struct row *row = rows_add(t, kept->text[i], attr, item);

		row->lent = true;
		row->emph = kept->emph[i];
	}
	free(marked);
}

static void
add_heading(struct tui *t, const char *s)
{
	if (t->rows.n > t->rows.nfixed)
		add_blank(t);
	add_text(t, 0, "", s, NULL, A_BOLD | A_UNDERLINE, 0);
}

void
tui_add_heading(struct tui *t, const char *s)
{
	add_heading(t, s);
}

static void
add_note(struct tui *t, int indent, const char *s)
{
	add_text(t, indent, "", s, NULL, A_DIM, 0);
}

/* Whether the viewer sees it (clients already hold placeholders for what
 * they may not see; the server's screen filters here). */
static bool
item_shown(const struct tui *t, const struct item *it)
{
	if (it->kind == ITEM_HIDDEN || it->text == NULL)
		return false;
	/* A replica's nameless item (the Chatham House Rule) lacks the
	 * group the model's check needs; the server sent it, so it is the
	 * viewer's to see. */
	if (t->self != MODEL_FACILITATOR && it->author == 0 && it->group == 0)
		return true;
	return model_item_visible(t->ws, it, t->self);
}

static const char *
status_suffix(const struct item *it)
{
	switch (it->status) {
	case STATUS_WITHDRAWN:
		return _("(withdrawn)");
	case STATUS_REJECTED:
		return _("(not adopted)");
	}
	return NULL;
}

static int
status_attr(const struct item *it)
{
	if (it->status == STATUS_WITHDRAWN || it->status == STATUS_REJECTED)
		return A_DIM;
	return A_NORMAL;
}

/* "Ana Pérez (Community): text", or the text alone for seed content. */
static void
add_contribution(struct tui *t, int indent, const struct item *it)
{
	add_text(t, indent, tui_item_prefix(t, it), it->text,
	    status_suffix(it), status_attr(it), it->id);
}

static const struct item *statement_parent(const struct tui *,
		    const struct item *);

/* The ids a lazy list's entries come from. */
static const uint32_t *
lazy_ids(const struct tui *t, const struct lazy *l, size_t *n)
{
	if (l->ref != 0)
		return model_items_of_ref(t->ws, l->kind, l->ref, n);
	return model_items_of_kind(t->ws, l->kind, n);
}

/* Adds a lazy list of the entries of kind (of those of ref, when it is
 * not 0: struct lazy); returns it. */
static const struct lazy *
add_lazy(struct tui *t, int what, int kind, uint32_t ref, int indent,
    bool gap)
{
	struct rows	*r = &t->rows;
	struct lazy	*l;
	size_t		 before = 0, i;

	if (r->nlists == r->lists_cap) {
		r->lists_cap = r->lists_cap == 0 ? 4 : r->lists_cap * 2;
		r->lists = xrealloc(r->lists, r->lists_cap * sizeof *r->lists);
	}
	for (i = 0; i < r->nlists; i++)
		before += r->lists[i].n;
	l = &r->lists[r->nlists++];
	*l = (struct lazy){ .at = r->n, .before = r->n - r->nfixed + before,
	    .what = what, .kind = kind, .ref = ref, .indent = indent, .gap = gap };
	lazy_ids(t, l, &l->n);
	return l;
}

/* Whether the entry it of lazy list l gets rows: the viewer is shown it,
 * a statement is not listed under the one it joined, an answer is not
 * among the themes above.  Asked each time: an index may hold what is
 * not shown (the server's index holds every group's caucus notes). */
static bool
lazy_shown(const struct tui *t, const struct lazy *l, const struct item *it)
{
	if (it == NULL || it->kind != l->kind ||
	    (l->ref != 0 && it->ref != l->ref) || !item_shown(t, it))
		return false;
	if (l->what == LAZY_STATEMENTS)
		return statement_parent(t, it) == NULL;
	if (l->what == LAZY_ANSWERS)
		return !(it->flags & ITEM_F_PINNED);
	if (l->what == LAZY_CELL)
		return it->number == l->col;
	return true;
}

/* Whether some entry of a lazy list is shown (the first usually is). */
static bool
lazy_any(const struct tui *t, const struct lazy *l)
{
	const uint32_t	*ids = lazy_ids(t, l, &(size_t){0});
	size_t		 k;

	for (k = 0; k < l->n; k++)
		if (lazy_shown(t, l, model_item(t->ws, ids[k])))
			return true;
	return false;
}

bool
tui_add_cell(struct tui *t, uint32_t row, uint32_t col, int indent)
{
	struct lazy	*l;

	/* add_lazy returns the list it added: the last. */
	add_lazy(t, LAZY_CELL, ITEM_CELL, row, indent, true);
	l = &t->rows.lists[t->rows.nlists - 1];
	l->col = col;
	return lazy_any(t, l);
}

/* Every shown item of kind, as a lazy list; returns whether there is
 * one. */
static bool
add_kind(struct tui *t, int kind, int indent)
{
	return lazy_any(t, add_lazy(t, LAZY_CONTRIBUTIONS, kind, 0, indent, true));
}

/* Numbered list of seed questions of kind ("1. How does..."), from the
 * kind index. */
static size_t
add_questions(struct tui *t, int kind)
{
	const uint32_t	*ids;
	size_t		 i, nids, n = 0;
	char		 num[16];

	ids = model_items_of_kind(t->ws, kind, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(t->ws, ids[i]);

		if (it == NULL || it->kind != kind || !item_shown(t, it) ||
		    !model_in_step(t->ws, it))
			continue;
		add_gap(t);
		snprintf(num, sizeof num, "%zu. ", ++n);
		add_text(t, 0, num, tui_seed_text(t, it), status_suffix(it),
		    status_attr(it), it->id);
	}
	return n;
}

/*
 * The prompt the room's template gives this phase, kept on top of every
 * screen: three lines at most (? shows it whole), fewer on a phone, where
 * it left the list no room under a poll's panel.
 */
static void
add_prompt(struct tui *t)
{
	const char	*prompt;
	struct row	*r;
	char		*s;
	size_t		 before = t->rows.n, i, most;

	prompt = tui_step_prompt(t, model_step_now(t->ws));
	if (prompt == NULL)
		return;
	most = LINES >= 24 ? PROMPT_ROWS : LINES >= 18 ? 2 : 1;
	/* Wrapped once, then kept: it is on every build of the phase. */
	add_text_kept(t, 0, "", prompt, NULL, A_BOLD, 0, 0, false);
	if (t->rows.n - before > most) {
		for (i = before + most; i < t->rows.n; i++)
			if (!t->rows.v[i].lent)
				free(t->rows.v[i].text);
		t->rows.n = before + most;
		r = &t->rows.v[t->rows.n - 1];
		/* The "…" within the width, or it was drawn past the edge
		 * and the cut prompt looked whole. */
		s = xasprintf("%.*s…", (int)text_fit(r->text,
		    t->rows_width > 1 ? (size_t)t->rows_width - 1 : 0),
		    r->text);
		if (!r->lent)
			free(r->text);
		r->text = s;
		r->lent = false;
	}
	add_blank(t);
	t->rows.nfixed = t->rows.n;
}

/* Whether the viewer may write here: a note names w only to them. */
static bool
writes(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return me == NULL || me->role != ROLE_OBSERVER;
}

/* none: "No expectations yet."; none_w: the same, with how to write one
 * (for whoever may). */
static void
no_entries(struct tui *t, const char *none, const char *none_w)
{
	add_note(t, 2, model_contribution_noun(t->ws->phase) != NULL &&
	    writes(t) ? none_w : none);
}

/* --- the join code in large letters -------------------------------------- */

/* The font is bigfont.c's. */

/* Whether the font has every character of code and the screen has room
 * for it in large letters. */
static bool
big_code_fits(const struct tui *t, const char *code)
{
	size_t	len = strlen(code), i;

	if (len == 0 || (int)len * 6 > t->rows_width || LINES < 30)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)code[i] >= 0x80 ||
		    tui_big_glyph((unsigned char)code[i]) == NULL)
			return false;
	return true;
}

static void
add_big_code(struct tui *t, const char *code)
{
	size_t		 len = strlen(code), i, r;
	char		*line, *tmp;
	const char	*const *g;

	for (r = 0; r < 5; r++) {
		line = xstrdup("  ");
		for (i = 0; i < len; i++) {
			const char *p;

			g = tui_big_glyph((unsigned char)code[i]);
			for (p = g[r]; *p != '\0'; p++) {
				tmp = xasprintf("%s%s", line, *p == '#' ?
				    "█" : " ");
				free(line);
				line = tmp;
			}
			tmp = xasprintf("%s ", line);
			free(line);
			line = tmp;
		}
		rows_add(t, line, A_BOLD, 0);
	}
}

/* --- phase bodies -------------------------------------------------------- */

/* What each rule means for the person reading. */
static const char *
conf_meaning(int conf)
{
	switch (conf) {
	case CONF_CHATHAM:
		return _("what is said may be shared, never who said it nor "
		    "their group");
	case CONF_OFF_RECORD:
		return _("what is said stays in the room, never exported; "
		    "decisions are");
	}
	return _("contributions show who wrote them");
}

/* "Confidentiality: Chatham House Rule — K changes it", and the phases
 * that keep a rule of their own. */
static void
add_confidentiality(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	int			 room = ws->confidentiality != CONF_DEFAULT ?
				    ws->confidentiality : CONF_OPEN;
	char			*s, *tmp, *rule;
	int			 i;

	/* The open rule has sentences of its own: "open" agrees with
	 * "confidentiality" in some languages. */
	if (tui_is_facilitator(t))
		s = room == CONF_OPEN ? xstrdup(_("Confidentiality: open — K "
		    "changes it")) : xasprintf(_("Confidentiality: %s — K "
		    "changes it"), tui_conf_label(room));
	else if (room == CONF_OPEN)
		/* TRANSLATORS: %s is what the open rule means. */
		s = xasprintf(_("Confidentiality: open — %s"),
		    conf_meaning(room));
	else
		/* TRANSLATORS: the rule, then what it means. */
		s = xasprintf(_("Confidentiality: %s — %s"),
		    tui_conf_label(room), conf_meaning(room));
	add_text(t, 0, "", s, NULL, A_BOLD, 0);
	free(s);
	s = NULL;
	for (i = 0; i < PHASE_COUNT; i++) {
		if (ws->phase_conf[i] == CONF_DEFAULT ||
		    ws->phase_conf[i] == room)
			continue;
		rule = tui_labelled(_(model_phase_name(i)),
		    tui_conf_label(ws->phase_conf[i]));
		tmp = xasprintf("%s%s%s", s != NULL ? s : "", s != NULL ?
		    " · " : "", rule);
		free(rule);
		free(s);
		s = tmp;
	}
	if (s != NULL) {
		add_text(t, 2, _("Phases with a rule of their own: "), s, NULL,
		    A_NORMAL, 0);
		free(s);
	}
}

/* The co-facilitators' code, on the serving terminal only. */
static void
add_fac_code(struct tui *t)
{
	char	*code, *s;

	if (!t->ws->fac_code_shown) {
		add_text(t, 0, "", _("Co-facilitator code hidden — h shows it"),
		    NULL, A_DIM, 0);
		return;
	}
	code = text_sanitize(t->fac_code, false);
	s = xasprintf(_("Co-facilitator code: %s — h hides it before "
	    "projecting"), code);
	add_text(t, 0, "", s, NULL, A_BOLD, 0);
	free(s);
	free(code);
}

/* "Meeting 2 · 2026-11-27 — 3 came: Ana Pérez, José Núñez, Inés": who
 * came to this meeting of the process (the record keeps each meeting's
 * attendance apart from who is connected now). */
static void	str_add(char **, const char *);

static void
add_attendance(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct meeting	*m = model_meeting(ws, ws->meeting);
	const struct participant *p;
	char			 date[16], *names = xstrdup(""), *s, *which;
	size_t			 i, n = 0;

	if (m == NULL)
		return;
	for (i = 0; i < m->ncame; i++) {
		if ((p = model_person(ws, m->came[i])) == NULL ||
		    p->name == NULL || !model_attended(ws, m->id, p->id))
			continue;
		str_add(&names, n++ > 0 ? ", " : "");
		str_add(&names, model_person_shown(p));
	}
	which = m->date != 0 ? xasprintf(_("Meeting %u · %s"), m->id,
	    model_date_format(m->date, date, sizeof date)) :
	    xasprintf(_("Meeting %u"), m->id);
	if (n > 0)
		/* TRANSLATORS: "Meeting 2 · 2026-11-27 — 3 came: Ana,
		 * José, Inés". */
		s = xasprintf(ngettext("%s — %zu came: %s",
		    "%s — %zu came: %s", n), which, n, names);
	else
		/* TRANSLATORS: "Meeting 2 — 0 came": nobody came. */
		s = xasprintf(_("%s — 0 came"), which);
	free(which);
	add_text(t, 0, "", s, NULL, A_NORMAL, 0);
	free(s);
	free(names);
}

/* The day's agenda, on the Welcome screen of a room with a template. */
static void
add_agenda(struct tui *t)
{
	char		*s, *num;
	const char	*dot;
	size_t	 i;

	if (t->ws->nsteps == 0)
		return;
	add_heading(t, _("Agenda"));
	for (i = 0; i < model_steps(t->ws); i++) {
		/* " 9. " as the prefix: the numbers line up (text loses
		 * its leading space), and a line that wraps goes on under
		 * its title. */
		s = tui_agenda_line(t, i);
		dot = strstr(s, ". ");
		num = xstrndup(s, dot != NULL ? (size_t)(dot + 2 - s) : 0);
		add_text(t, 0, num, s + strlen(num), NULL,
		    i == model_step_now(t->ws) ? A_BOLD : A_NORMAL, 0);
		free(num);
		free(s);
	}
	add_note(t, 0, tui_is_facilitator(t) ? _("G shows the agenda, where "
	    "s sets when the day starts and + or - change a phase's time.") :
	    _("G shows the agenda from any phase."));
}

static void
build_welcome(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	char			*names, *title, *absent, *s, *who;
	size_t			 i, n;

	title = text_sanitize(ws->title != NULL ? ws->title : "", false);
	add_text(t, 0, "", title, NULL, A_BOLD, 0);
	free(title);
	/* The room's rule, and how co-facilitators join, before the list of
	 * groups pushes them out of view. */
	add_blank(t);
	add_confidentiality(t);
	if (t->self == MODEL_FACILITATOR && t->fac_code != NULL)
		add_fac_code(t);

	add_heading(t, _("Stakeholder groups"));
	for (i = 0; i < ws->ngroups; i++) {
		char *gname = text_sanitize(model_group_shown(
		    ws->groups[i].name), false);
		/* TRANSLATORS: a name before what follows: a
		 * stakeholder group's before who of it is present or
		 * its report-back, a person's before what they wrote. */
		char *prefix = xasprintf(_("%s: "), gname);

		names = group_names(ws, ws->groups[i].id, &n);
		if (n > 0)
			add_text(t, 2, prefix, names, NULL, A_NORMAL, 0);
		else
			add_text(t, 2, prefix, _("nobody yet"), NULL, A_DIM, 0);
		free(names);
		free(prefix);
		free(gname);
	}
	if (ws->ngroups == 0)
		add_note(t, 2, _("No stakeholder groups yet."));
	names = group_names(ws, 0, &n);
	if (n > 0)
		add_text(t, 2, _("Without a group: "), names, NULL, A_NORMAL,
		    0);
	free(names);
	if ((n = tui_count_present(ws, ROLE_OBSERVER)) > 0) {
		s = xasprintf("%zu", n);
		add_text(t, 2, _("Observers: "), s, NULL, A_NORMAL, 0);
		free(s);
	}
	absent = absent_text(ws);
	add_blank(t);
	add_text(t, 0, "", absent, NULL, A_BOLD, 0);
	free(absent);
	add_attendance(t);

	if (tui_is_facilitator(t)) {
		if (t->join_line != NULL) {
			add_heading(t, _("How to join"));
			add_text(t, 2, "", t->join_line, NULL, A_BOLD, 0);
		}
		if (t->room_key != NULL)
			add_text(t, 2, _("Room key: "), t->room_key, NULL,
			    A_NORMAL, 0);
		if (ws->code != NULL) {
			char *code = text_sanitize(ws->code, false);

			if (big_code_fits(t, code)) {
				add_blank(t);
				add_big_code(t, code);
			} else if (t->join_line == NULL)
				add_text(t, 2, _("Join code: "), code, NULL,
				    A_BOLD, 0);
			free(code);
		}
		add_blank(t);
		/* TRANSLATORS: %s is the next phase's title. */
		s = xasprintf(_("g adds a stakeholder group; n opens %s."),
		    tui_step_title(t, model_step_now(ws) + 1));
		add_note(t, 0, s);
		free(s);
	} else {
		who = self_label(t);
		s = xasprintf(_("Welcome, %s. The facilitator will open the "
		    "next phase soon."), who);
		add_blank(t);
		add_text(t, 0, "", s, NULL, A_NORMAL, 0);
		free(s);
		free(who);
	}
	add_agenda(t);
}

static void
build_expectations(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, n;

	ids = model_items_of_kind(ws, ITEM_PURPOSE, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind == ITEM_PURPOSE && item_shown(t, it)) {
			add_text(t, 0, _("Purpose: "), it->text, NULL, A_NORMAL,
			    it->id);
			add_gap(t);
		}
	}
	add_heading(t, _("Expectations"));
	if (!add_kind(t, ITEM_EXPECTATION, 2))
		no_entries(t, _("No expectations yet."),
		    _("No expectations yet — press w to write one."));
}

static int
by_number(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether the room is deciding on item id right now. */
static bool
being_checked(const struct tui *t, uint32_t id)
{
	const struct poll	*p = tui_open_poll(t);

	return p != NULL && p->kind == POLL_CONSENSUS && p->target == id &&
	    !(p->flags & POLL_F_CHARTER);
}

/* "[proposed]" after an amendment or a charter text, with the check on
 * it when there is one. */
static char *
bracket_status(const struct tui *t, const struct item *it)
{
	const char	*w;

	switch (it->status) {
	case STATUS_ADOPTED:
		w = _("adopted");
		break;
	case STATUS_REJECTED:
		w = _("not adopted");
		break;
	case STATUS_WITHDRAWN:
		w = _("withdrawn");
		break;
	case STATUS_MERGED:
		w = _("merged");
		break;
	default:
		w = _("proposed");
		break;
	}
	return xasprintf("[%s%s]", w, being_checked(t, it->id) ?
	    _(" · being checked") : "");
}

static int
bracket_attr(const struct item *it)
{
	if (it->status == STATUS_WITHDRAWN || it->status == STATUS_REJECTED ||
	    it->status == STATUS_MERGED)
		return A_DIM;
	return A_NORMAL;
}

static int
by_pair(const void *a, const void *b)
{
	const uint32_t	*x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Indexes, from one build to the next, the room's checks on items as
 * (item, poll index) pairs in order, so that listing the checks under an
 * item costs O(log polls + its checks). */
static void
checks_index(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	size_t			 i;

	t->checks = xcalloc(2 * ws->npolls + 2, sizeof *t->checks);
	t->nchecks = 0;
	for (i = 0; i < ws->npolls; i++) {
		const struct poll *p = &ws->polls[i];

		if (p->kind != POLL_CONSENSUS || (p->flags & POLL_F_CHARTER) ||
		    p->target == 0 || p->target > ws->nitems)
			continue;
		t->checks[2 * t->nchecks] = p->target;
		t->checks[2 * t->nchecks + 1] = (uint32_t)i;
		t->nchecks++;
	}
	qsort(t->checks, t->nchecks, 2 * sizeof *t->checks, by_pair);
}

bool
tui_reasons_listed(const struct tui *t, const struct poll *p)
{
	const struct item	*it;

	if (p->flags & POLL_F_CHARTER)
		return true;
	if ((it = model_item(t->ws, p->target)) == NULL)
		return false;
	/* The kinds whose lists call add_checks. */
	switch (it->kind) {
	case ITEM_RULE:
	case ITEM_AMENDMENT:
	case ITEM_QUESTION:
	case ITEM_SECTION:
	case ITEM_SECTION_TEXT:
	case ITEM_PROBLEM:
	case ITEM_VISION:
		return true;
	}
	return false;
}

/* Beneath a revealed check, the reasons of its blocks and reservations,
 * whole: what its proposer needs when amending, after the panel has
 * moved on (while the panel shows them all, they are left to it). */
static void
add_check_reasons(struct tui *t, int indent, const struct poll *p,
    uint32_t row)
{
	char	**why;
	size_t	  i, n;

	if (p->id == t->panel_reasons)
		return;
	n = tui_poll_reasons(t, p, &why);
	for (i = 0; i < n; i++) {
		add_text(t, indent, "", why[i], NULL, A_NORMAL, row);
		free(why[i]);
	}
	free(why);
}

static void
add_check(struct tui *t, int indent, const struct poll *p, uint32_t row)
{
	char	*s, *verdict, date[80];

	if (p->state == POLL_OPEN)
		/* TRANSLATORS: a consensus check on an item: its number (as
		 * the exported charter and report number it), its round,
		 * still open. */
		s = xasprintf(_("Check %u, round %d · open"), p->id,
		    p->round);
	else {
		verdict = p->verdict_text != NULL &&
		    !tui_result_withheld(t, p) ?
		    i18n_from_wire(p->verdict_text, model_words) :
		    xstrdup(_("closed, result not yet revealed"));
		/* TRANSLATORS: "Check 4, round 2 · 22 Nov · consensus —
		 * adopted": its number, the round, when it closed, its
		 * verdict. */
		s = xasprintf(_("Check %u, round %d · %s · %s"), p->id,
		    p->round,
		    tui_when(t->ws, p->meeting, p->closed, 0, date,
		    sizeof date), verdict);
		free(verdict);
	}
	add_text(t, indent, "", s, NULL, A_DIM, row);
	free(s);
	add_check_reasons(t, indent + 2, p, row);
}

/* "Check 4, round 2 · 22 Nov · consensus — adopted" for each consensus
 * check on item id, as rows of item row. */
static void
add_checks(struct tui *t, int indent, uint32_t id, bool charter,
    uint32_t row)
{
	const struct workshop	*ws = t->ws;
	size_t			 i, c, lo, hi, mid;

	if (charter) {
		for (i = 0; i < ws->npolls; i++)
			if (ws->polls[i].kind == POLL_CONSENSUS &&
			    (ws->polls[i].flags & POLL_F_CHARTER))
				add_check(t, indent, &ws->polls[i], row);
		return;
	}
	if (t->checks == NULL)
		checks_index(t);
	if (id == 0 || id > ws->nitems)
		return;
	lo = 0;
	hi = t->nchecks;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->checks[2 * mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (c = lo; c < t->nchecks && t->checks[2 * c] == id; c++)
		add_check(t, indent, &ws->polls[t->checks[2 * c + 1]], row);
}

/* The amendments to a rule, beneath it. */
static void
add_amendments(struct tui *t, const struct item *rule, int indent)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, n;
	char			*who, *prefix, *suffix;

	ids = model_items_of_kind(ws, ITEM_AMENDMENT, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind != ITEM_AMENDMENT || it->ref != rule->id ||
		    !item_shown(t, it))
			continue;
		who = tui_item_author(t, it);
		prefix = *who != '\0' ? xasprintf(_("Amendment by %s: "), who) :
		    xstrdup(_("Amendment: "));
		suffix = bracket_status(t, it);
		add_text(t, indent, prefix, it->text, suffix, bracket_attr(it),
		    it->id);
		add_checks(t, indent + 2, it->id, false, it->id);
		free(suffix);
		free(prefix);
		free(who);
	}
}

/* After a rule's text: "(amended)", a check in progress. */
static char *
rule_suffix(const struct tui *t, const struct item *it)
{
	const char	*st = status_suffix(it);
	char		*s = xstrdup(""), *tmp;
	const char	*part[3];
	size_t		 i;

	part[0] = it->text2 != NULL ? _("(amended)") : NULL;
	part[1] = st;
	part[2] = being_checked(t, it->id) ? _("[being checked]") : NULL;
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL)
			continue;
		tmp = xasprintf("%s%s%s", s, *s != '\0' ? " " : "", part[i]);
		free(s);
		s = tmp;
	}
	return s;
}

/* Adopted ground rules in number order, with their amendments when
 * selectable (the Ground rules phase); returns how many. */
static size_t
add_adopted_rules(struct tui *t, int indent, bool selectable)
{
	const struct workshop	 *ws = t->ws;
	const struct item	**v;
	const uint32_t		 *ids;
	size_t			  i, nids, n = 0;
	char			  num[16], *suffix;

	ids = model_items_of_kind(ws, ITEM_RULE, &nids);
	v = xcalloc(nids + 1, sizeof *v);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->status == STATUS_ADOPTED && item_shown(t, it))
			v[n++] = it;
	}
	qsort(v, n, sizeof *v, by_number);
	for (i = 0; i < n; i++) {
		if (selectable)
			add_gap(t);
		snprintf(num, sizeof num, "%u. ", v[i]->number);
		suffix = rule_suffix(t, v[i]);
		add_text(t, indent, num, tui_seed_text(t, v[i]), suffix, A_NORMAL,
		    selectable ? v[i]->id : 0);
		free(suffix);
		if (selectable) {
			add_checks(t, indent + 5, v[i]->id, false, v[i]->id);
			add_amendments(t, v[i], indent + 5);
		}
	}
	free(v);
	return n;
}

static void
build_rules(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, nids, n = 0;

	add_heading(t, _("Adopted ground rules"));
	if (add_adopted_rules(t, 2, true) == 0)
		add_note(t, 2, _("None adopted yet."));

	add_heading(t, _("Draft and proposed"));
	ids = model_items_of_kind(ws, ITEM_RULE, &nids);
	for (i = 0; i < nids; i++) {
		const struct item	*it = model_item(ws, ids[i]);
		char			*who, *prefix, *suffix;

		if (it->kind != ITEM_RULE || it->status == STATUS_ADOPTED ||
		    !item_shown(t, it))
			continue;
		who = tui_item_author(t, it);
		if (it->status == STATUS_DRAFT || (*who == '\0' &&
		    it->phase != PHASE_GROUND_RULES))
			prefix = xstrdup(_("Draft: "));
		else if (*who == '\0')
			prefix = xstrdup(_("Proposed: "));
		else
			prefix = xasprintf(_("Proposed by %s: "), who);
		add_gap(t);
		suffix = rule_suffix(t, it);
		add_text(t, 2, prefix, tui_seed_text(t, it), suffix,
		    status_attr(it), it->id);
		add_checks(t, 6, it->id, false, it->id);
		add_amendments(t, it, 6);
		free(suffix);
		free(prefix);
		free(who);
		n++;
	}
	if (n == 0)
		no_entries(t, _("No proposals yet."),
		    _("No proposals yet — press w to write one."));
	else
		add_note(t, 0, tui_is_facilitator(t) ? _("c checks the "
		    "selected rule or amendment with the room; m amends a "
		    "rule; w proposes a new one.") : _("m amends the selected "
		    "rule; w proposes a new one."));
}

/* Appends add to *s. */
static void
str_add(char **s, const char *add)
{
	char	*tmp = xasprintf("%s%s", *s, add);

	free(*s);
	*s = tmp;
}

/* "│  s      │" across the body: s (sanitised, fitting) from two columns
 * in, or centred. */
static void
box_row(struct tui *t, const char *s, bool center, int attr)
{
	int	inner = t->rows_width - 2, sw = (int)text_width(s), left, right;

	left = center ? (inner - sw) / 2 : 2;
	if (left < 0)
		left = 0;
	right = inner - left - sw;
	if (right < 0)
		right = 0;
	rows_add(t, xasprintf("│%*s%s%*s│", left, "", s, right, ""), attr, 0);
}

/* Row r of s in big letters (bigfont.c), centred in the box. */
static void
big_box_row(struct tui *t, const char *s, int r)
{
	char	*line = tui_big_row(s, r);

	box_row(t, line, true, A_BOLD);
	free(line);
}

/* s (sanitised) wrapped inside the box over at most max rows, the last
 * ending in "…" when there is more. */
static void
box_text(struct tui *t, const char *s, int max, int attr)
{
	char	*wrapped, *line, *nl, *cut;
	int	 inner = t->rows_width - 2, n = 0;

	if (max < 1)
		max = 1;
	wrapped = text_wrap(s, (size_t)(inner > 8 ? inner - 4 : 4), "", "");
	for (line = wrapped; *line != '\0' && n < max; line = nl + 1, n++) {
		nl = strchr(line, '\n');
		*nl = '\0';
		if (n + 1 == max && nl[1] != '\0') {
			cut = xstrndup(line, text_fit(line,
			    (size_t)(inner > 6 ? inner - 5 : 1)));
			str_add(&cut, "…");
			box_row(t, cut, false, attr);
			free(cut);
			break;
		}
		box_row(t, line, false, attr);
	}
	free(wrapped);
}

/* "┌─ title ───┐" or, without a title, "└────┘". */
static void
box_edge(struct tui *t, const char *title, int attr)
{
	char	*s;
	int	 w = t->rows_width;

	s = title != NULL ? xasprintf("┌─ %s ", title) : xstrdup("└");
	while ((int)text_width(s) < w - 1)
		str_add(&s, "─");
	str_add(&s, title != NULL ? "┐" : "┘");
	rows_add(t, s, attr, 0);
}

/*
 * The question put to the room, at the top of every Dialogue screen: a
 * bold box with air around the text, at most two fifths of the body so
 * the answers stay in view.  A short question on a tall screen is drawn
 * in big letters too (the projector), its plain text beneath them.
 */
static void
build_current_question(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct item	*q = model_item(ws, ws->question);
	char			*clean, *line, *nl, *big[2];
	int			 budget, pads, max, lines = 0, nbig, i, r;
	int			 inner = t->rows_width - 2, marks[2], height;

	if (q == NULL || !item_shown(t, q)) {
		box_edge(t, _("Question to the room"), A_BOLD);
		box_text(t, tui_is_facilitator(t) ? _("No question yet: select "
		    "one below and press s, or t types a new one.") : _("The "
		    "facilitator has not put a question to the room yet."),
		    2, A_DIM);
		box_edge(t, NULL, A_BOLD);
		t->rows.nfixed = t->rows.n;
		return;
	}
	clean = text_sanitize(tui_seed_text(t, q), true);
	budget = t->body_h * 2 / 5;
	if (budget < 3)
		budget = 3;
	box_edge(t, _("Question to the room"), A_BOLD);
	/* Big letters: 5 rows a line and one between, the frame, the air
	 * and the plain text; at most half the body.  A line's accents take
	 * the blank row above it and its cedillas the one below; a row more
	 * only where a line's cedillas meet the next one's accents. */
	if (LINES >= 30 && tui_big_split(clean, inner - 4, big, 2, &nbig)) {
		for (i = 0, height = 6 * nbig + 4; i < nbig; i++) {
			marks[i] = tui_big_marks(big[i]);
			if (i > 0 && (marks[i - 1] & TUI_BIG_BELOW) &&
			    (marks[i] & TUI_BIG_ABOVE))
				height++;
		}
		if (height <= t->body_h / 2) {
			for (i = 0; i < nbig; i++) {
				if (i > 0 && (marks[i - 1] & TUI_BIG_BELOW))
					big_box_row(t, big[i - 1], 5);
				if (marks[i] & TUI_BIG_ABOVE)
					big_box_row(t, big[i], -1);
				else if (i == 0 || !(marks[i - 1] &
				    TUI_BIG_BELOW))
					box_row(t, "", false, A_BOLD);
				for (r = 0; r < 5; r++)
					big_box_row(t, big[i], r);
			}
			if (marks[nbig - 1] & TUI_BIG_BELOW)
				big_box_row(t, big[nbig - 1], 5);
			else
				box_row(t, "", false, A_BOLD);
			line = xstrndup(clean, text_fit(clean,
			    (size_t)(inner > 4 ? inner - 4 : 1)));
			for (nl = line; *nl != '\0'; nl++)
				if (*nl == '\n')
					*nl = ' ';
			box_row(t, line, true, A_BOLD);
			free(line);
			lines = -1;
		}
		for (i = 0; i < nbig; i++)
			free(big[i]);
	}
	if (lines == 0) {
		pads = budget >= 7 ? 1 : 0;
		max = budget - 2 - 2 * pads;
		if (pads)
			box_row(t, "", false, A_BOLD);
		box_text(t, clean, max, A_BOLD);
		if (pads)
			box_row(t, "", false, A_BOLD);
	}
	free(clean);
	box_edge(t, NULL, A_BOLD);
	add_blank(t);
	t->rows.nfixed = t->rows.n;
}

/* The answers to question q: the themes the facilitator pinned first
 * (few: found in the model's pinned answers), then the others as a lazy
 * list.  Returns whether there is one. */
static bool
add_answers(struct tui *t, const struct item *q, int indent)
{
	const uint32_t	*ids;
	size_t		 i, n, themes = 0;

	ids = model_pinned_answers(t->ws, &n);
	for (i = 0; i < n; i++) {
		const struct item *a = model_item(t->ws, ids[i]);

		if (a == NULL || a->kind != ITEM_ANSWER || a->ref != q->id ||
		    !item_shown(t, a))
			continue;
		add_text(t, indent, _("★ Theme: "), a->text, status_suffix(a),
		    A_BOLD, a->id);
		themes++;
	}
	return lazy_any(t, add_lazy(t, LAZY_ANSWERS, ITEM_ANSWER, q->id,
	    indent, false)) || themes > 0;
}

/* "3. Proposed by Ana Pérez (Local): Who pays? [proposed · being
 * checked]": a question a participant proposed (STEP_F_PROPOSE). */
static void
add_proposed_question(struct tui *t, const char *num, const struct item *q)
{
	char	*who = tui_item_author(t, q), *prefix, *suffix;

	prefix = *who != '\0' && q->status == STATUS_PROPOSED ?
	    /* TRANSLATORS: the first %s is a number ("P2. "). */
	    xasprintf(_("%sProposed by %s: "), num, who) : xstrdup(num);
	suffix = bracket_status(t, q);
	add_text(t, 0, prefix, q->text, suffix, bracket_attr(q), q->id);
	add_checks(t, 4, q->id, false, q->id);
	free(suffix);
	free(prefix);
	free(who);
}

/* The questions proposed in this phase and not (yet) adopted, first:
 * the facilitator checks them before the list goes on. */
static size_t
add_proposed_questions(struct tui *t, const uint32_t *ids, size_t nids)
{
	size_t	i, n = 0;
	char	num[24];

	for (i = 0; i < nids; i++) {
		const struct item *q = model_item(t->ws, ids[i]);

		if (q == NULL || q->kind != ITEM_QUESTION ||
		    !item_shown(t, q) || !model_in_step(t->ws, q) ||
		    q->status == STATUS_OPEN || q->status == STATUS_ADOPTED)
			continue;
		if (n++ == 0)
			add_heading(t, tui_is_facilitator(t) ? _("Proposed "
			    "questions — c checks the selected one with the "
			    "room, a/r adopts or rejects it") : _("Proposed "
			    "questions — the room checks them"));
		else
			add_gap(t);
		snprintf(num, sizeof num, "P%zu. ", n);
		add_proposed_question(t, num, q);
	}
	return n;
}

/*
 * The answers to the question put to the room come first, right under
 * it, so they are in view as they arrive; then every question, with the
 * answers of the others.
 */
static void
build_dialogue(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct item	*cur = model_item(ws, ws->question);
	const uint32_t		*ids;
	size_t			 i, nids, n = 0;
	char			 num[64];

	build_current_question(t);
	ids = model_items_of_kind(ws, ITEM_QUESTION, &nids);
	if (cur != NULL && cur->kind == ITEM_QUESTION && item_shown(t, cur)) {
		add_text(t, 0, "", _("Answers"), NULL, A_BOLD | A_UNDERLINE,
		    0);
		if (!add_answers(t, cur, 2))
			add_note(t, 2, tui_is_facilitator(t) || !writes(t) ?
			    _("No answers yet.") : _("No answers yet — press w "
			    "to write one."));
		add_proposed_questions(t, ids, nids);
		add_heading(t, tui_is_facilitator(t) ? _("Questions — s puts "
		    "the selected one to the room, t types a new one") :
		    _("Questions"));
	} else if (add_proposed_questions(t, ids, nids) > 0)
		add_heading(t, _("Questions"));
	for (i = 0; i < nids; i++) {
		const struct item *q = model_item(ws, ids[i]);

		if (q == NULL || q->kind != ITEM_QUESTION ||
		    !item_shown(t, q) || !model_in_step(ws, q))
			continue;
		/* This phase's questions, and those the room agreed in
		 * another (a template repeats its lists per phase); the
		 * proposals are above. */
		if ((!model_in_step(ws, q) && q->status != STATUS_ADOPTED &&
		    q->id != ws->question) || (q->status != STATUS_OPEN &&
		    q->status != STATUS_ADOPTED))
			continue;
		if (n > 0)
			add_gap(t);
		n++;
		if (q->id == ws->question)
			/* TRANSLATORS: before the question put to the room now,
			 * "3. Now: Who pays?". */
			snprintf(num, sizeof num, _("%zu. Now: "), n);
		else
			snprintf(num, sizeof num, "%zu. ", n);
		if (q->status != STATUS_OPEN)
			add_proposed_question(t, num, q);
		else
			add_text(t, 0, num, tui_seed_text(t, q), NULL, q->id ==
			    ws->question ? A_BOLD : A_NORMAL, q->id);
		if (q->id != ws->question)
			add_answers(t, q, 4);
	}
	if (n == 0)
		add_note(t, 0, _("No dialogue questions."));
	if (model_step_proposes(ws) && writes(t))
		add_note(t, 0, tui_is_facilitator(t) ? _("Participants "
		    "propose questions here: c checks the selected one with the "
		    "room, a/r adopts or rejects it; only adopted ones are put "
		    "to the room (s).") : _("Q proposes a question (w too, "
		    "while no question is put to the room); the room checks "
		    "it."));
}

bool
tui_report_ours(const struct tui *t, const struct item *it)
{
	const struct participant	*me = model_person(t->ws, t->self);

	if (me == NULL || me->role != ROLE_PARTICIPANT || me->group == 0 ||
	    it->kind != ITEM_CAUCUS_REPORT || !item_shown(t, it))
		return false;
	if (it->group == me->group || it->author == t->self)
		return true;
	/* Under the Chatham House Rule a replica holds no group: an
	 * unrevealed report it holds at all is its own group's. */
	return it->group == 0 && !(it->flags & ITEM_F_REVEALED);
}

/* "approved 3 of 3", "being checked — 1 of 3 answered", "draft"... */
static char *
report_status(const struct tui *t, const struct item *it)
{
	const struct poll	*p = tui_report_poll(t->ws, it->id);
	uint32_t		 yes, of;
	char			*s;

	if (tui_report_approval(t->ws, it, &yes, &of))
		/* TRANSLATORS: a report-back its caucus approved, 3 of
		 * its 3 members. */
		s = xasprintf(_("approved %u of %u"), yes, of);
	else if (p != NULL && p->state == POLL_OPEN)
		return xasprintf(ngettext("being checked — %u of %u answered",
		    "being checked — %u of %u answered", p->answered),
		    p->answered, model_group_size(t->ws, p->group));
	else if (p != NULL && p->verdict == VERDICT_NOT_ADOPTED)
		s = xstrdup(_("not approved"));
	else if (it->status == STATUS_WITHDRAWN)
		return xstrdup(_("withdrawn"));
	else if (it->status == STATUS_ADOPTED)
		s = xstrdup(_("approved"));
	else
		/* TRANSLATORS: a report-back not yet approved. */
		s = xstrdup(_("draft"));
	if (it->flags & ITEM_F_REVEALED)
		str_add(&s, _(" · shown to the plenary"));
	return s;
}

/* "Police caucus, approved 3 of 3: " before a report the plenary has
 * seen.  A report-back speaks for its caucus: its group stays under the
 * Chatham House Rule too (the model sends it), its writer never shows. */
static char *
report_source(const struct tui *t, const struct item *it)
{
	const struct group	*g = model_group(t->ws, it->group);
	uint32_t		 yes, of;
	char			*s, *clean, approval[128] = "";

	if (tui_report_approval(t->ws, it, &yes, &of))
		snprintf(approval, sizeof approval, _(", approved %u of %u"),
		    yes, of);
	if (g == NULL)
		/* TRANSLATORS: %s is ", approved 3 of 3" or nothing. */
		s = xasprintf(_("A caucus%s: "), approval);
	else
		/* TRANSLATORS: "Police caucus, approved 3 of 3: ": the
		 * group's name, then ", approved 3 of 3" or nothing. */
		s = xasprintf(_("%s caucus%s: "), model_group_shown(g->name),
		    approval);
	clean = text_sanitize(s, false);
	free(s);
	return clean;
}

/*
 * Each group's current report-back: its latest that is neither shown to
 * the plenary nor withdrawn, by group id (index 0: a group the viewer
 * does not know, as on a replica under the Chatham House Rule, where it
 * is the viewer's own).  Caller frees.
 */
static uint32_t *
current_reports(const struct tui *t)
{
	const struct workshop	*ws = t->ws;
	uint32_t		*latest = xcalloc(ws->ngroups + 1,
				    sizeof *latest);
	const uint32_t		*ids;
	size_t			 i, nids;

	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind == ITEM_CAUCUS_REPORT && item_shown(t, it) &&
		    !(it->flags & ITEM_F_REVEALED) &&
		    it->status != STATUS_WITHDRAWN)
			latest[it->group <= ws->ngroups ? it->group : 0] =
			    it->id;
	}
	return latest;
}

/* A draft its group has replaced with a later one: not listed.  What the
 * group approved (R may still show it) or is checking stays. */
static bool
report_superseded(const struct tui *t, const struct item *it,
    const uint32_t *latest)
{
	const struct poll	*p = tui_report_poll(t->ws, it->id);
	uint32_t		 now = latest[it->group <= t->ws->ngroups ?
				    it->group : 0];

	if (it->status == STATUS_ADOPTED || (it->flags & ITEM_F_REVEALED) ||
	    (p != NULL && p->state == POLL_OPEN))
		return false;
	return now > it->id;
}

/* The reports the facilitators have shown to the plenary: everyone's. */
static void
add_plenary_reports(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, nids, n = 0;
	char			*prefix;

	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind != ITEM_CAUCUS_REPORT ||
		    !(it->flags & ITEM_F_REVEALED) || !item_shown(t, it))
			continue;
		if (n++ == 0)
			add_heading(t, _("Reports to the plenary"));
		add_gap(t);
		prefix = report_source(t, it);
		/* Not selectable: a group and the facilitators act on it
		 * where it is listed with its approval. */
		add_text(t, 2, prefix, it->text, NULL, A_NORMAL, 0);
		free(prefix);
	}
}

/* A participant's group: its report-back drafts and their approval. */
static void
add_our_reports(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, nids, n = 0;
	char			*st, *suffix;
	uint32_t		*latest = current_reports(t);

	add_heading(t, _("Our report-back"));
	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (!tui_report_ours(t, it) ||
		    report_superseded(t, it, latest))
			continue;
		add_gap(t);
		st = report_status(t, it);
		suffix = xasprintf("[%s]", st);
		add_text(t, 2, "", it->text, suffix, it->status ==
		    STATUS_WITHDRAWN ? A_DIM : A_NORMAL, it->id);
		free(suffix);
		free(st);
		n++;
	}
	free(latest);
	add_note(t, 2, n == 0 ? _("No report-back yet — b drafts one for "
	    "your group.") : _("c on a draft asks your group to approve it "
	    "(C closes the check); b writes a new version."));
}

/* Which of its group's report-backs in this caucus it is: 1, 2, ... */
static unsigned
report_version(const struct workshop *ws, const struct item *it)
{
	const uint32_t	*ids;
	size_t		 i, n;
	unsigned	 v = 0;

	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &n);
	for (i = 0; i < n && ids[i] <= it->id; i++) {
		const struct item *o = model_item(ws, ids[i]);

		if (o != NULL && o->group == it->group && o->step == it->step)
			v++;
	}
	return v;
}

/* One report on a facilitator's screen: the group, the text (not on the
 * projected screen before it is shown to the plenary), its approval. */
static void
add_fac_report(struct tui *t, const struct item *it, bool hide)
{
	const struct group	*g = model_group(t->ws, it->group);
	uint32_t		 yes, of;
	char			*prefix, *st, *suffix, *name;

	name = text_sanitize(g != NULL ? model_group_shown(g->name) :
	    _("A caucus"), false);
	prefix = xasprintf(_("%s: "), name);
	st = report_status(t, it);
	/* On the projector a caucus's progress is its own business too:
	 * until v, not even whether it approved. */
	if (hide && !(it->flags & ITEM_F_REVEALED))
		suffix = xstrdup(_("[v shows it and its status]"));
	else
		suffix = xasprintf("[%s%s]", st, !(it->flags &
		    ITEM_F_REVEALED) && tui_report_approval(t->ws, it, &yes,
		    &of) ? _(" — R shows it to the plenary") : "");
	add_gap(t);
	if (hide && !(it->flags & ITEM_F_REVEALED)) {
		/* Which of its group's versions: two lines alike told the
		 * facilitator nothing without v. */
		char *hidden = xasprintf(_("(version %u, hidden here)"),
		    report_version(t->ws, it));

		add_text(t, 2, prefix, hidden, suffix, it->status ==
		    STATUS_WITHDRAWN ? A_DIM : A_NORMAL, it->id);
		free(hidden);
	} else
		add_text(t, 2, prefix, it->text, suffix, it->status ==
		    STATUS_WITHDRAWN ? A_DIM : A_NORMAL, it->id);
	free(suffix);
	free(st);
	free(prefix);
	free(name);
}

/* Every group's reports the plenary has not seen, group by group. */
static void
add_fac_reports(struct tui *t, bool hide)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, g, nids, n = 0;
	uint32_t		*latest = current_reports(t);

	add_heading(t, _("Report-backs not yet shown to the plenary"));
	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &nids);
	/* Index ngroups stands for reports without a known group. */
	for (g = 0; g <= ws->ngroups; g++)
		for (i = 0; i < nids; i++) {
			const struct item *it = model_item(ws, ids[i]);
			bool known = model_group(ws, it->group) != NULL;

			if (it->kind != ITEM_CAUCUS_REPORT ||
			    (it->flags & ITEM_F_REVEALED) ||
			    !item_shown(t, it) || (g < ws->ngroups ?
			    !known || it->group != ws->groups[g].id : known) ||
			    report_superseded(t, it, latest))
				continue;
			add_fac_report(t, it, hide);
			n++;
		}
	free(latest);
	if (n == 0)
		add_note(t, 2, _("None: a group drafts one with b and "
		    "approves it with c."));
}

/*
 * What v would put on the projected screen in this caucus: the notes on
 * this step's questions (withdrawn ones too, which the list shows
 * marked) and the report-backs listed above them, counted as
 * build_caucus lists them (earlier caucus phases' notes and replaced
 * drafts are not shown, so not counted), and how many groups they come
 * from.
 */
void
tui_caucus_hidden(const struct tui *t, size_t *notes, size_t *reports,
    size_t *groups)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	const struct item	*it, *q;
	uint32_t		*latest = current_reports(t);
	bool			*any = xcalloc(ws->ngroups + 1, sizeof *any);
	size_t			 i, n, g;

	*notes = *reports = *groups = 0;
	ids = model_items_of_kind(ws, ITEM_CAUCUS_NOTE, &n);
	for (i = 0; i < n; i++) {
		it = model_item(ws, ids[i]);
		q = model_item(ws, it->ref);
		if (!item_shown(t, it) ||
		    q == NULL || q->kind != ITEM_CAUCUS_QUESTION ||
		    !model_in_step(ws, q))
			continue;
		(*notes)++;
		any[it->group <= ws->ngroups ? it->group : 0] = true;
	}
	ids = model_items_of_kind(ws, ITEM_CAUCUS_REPORT, &n);
	for (i = 0; i < n; i++) {
		it = model_item(ws, ids[i]);
		if ((it->flags & ITEM_F_REVEALED) || !item_shown(t, it) ||
		    report_superseded(t, it, latest))
			continue;
		(*reports)++;
		any[it->group <= ws->ngroups ? it->group : 0] = true;
	}
	for (g = 0; g <= ws->ngroups; g++)
		*groups += any[g];
	free(any);
	free(latest);
}

/* On the projector, caucus question q's notes counted, not shown:
 * "Police: 3 notes" per group, and one count of their own for notes
 * written under the Chatham House Rule, which do not say which group.
 * One walk over the notes of q; returns whether there is one. */
static bool
add_note_counts(struct tui *t, const struct item *q)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			*count = xcalloc(ws->ngroups + 1,
				    sizeof *count);
	size_t			 i, g, n, notes = 0;
	char			*line;

	ids = model_items_of_ref(ws, ITEM_CAUCUS_NOTE, q->id, &n);
	for (i = 0; i < n; i++) {
		const struct item *a = model_item(ws, ids[i]);

		if (a == NULL || a->kind != ITEM_CAUCUS_NOTE ||
		    a->ref != q->id || a->status == STATUS_WITHDRAWN)
			continue;
		if (model_author_hidden(ws, a->phase, a->conf))
			count[ws->ngroups]++;
		else if (model_group(ws, a->group) != NULL)
			count[a->group - 1]++;
	}
	for (g = 0; g <= ws->ngroups; g++) {
		if (count[g] == 0)
			continue;
		/* TRANSLATORS: caucus notes counted, not shown: "Police: 3
		 * notes", then those that name no group: "and 2 notes". */
		if (g == ws->ngroups && notes > 0)
			line = xasprintf(ngettext("and %zu note",
			    "and %zu notes", count[g]), count[g]);
		else if (g == ws->ngroups)
			line = xasprintf(ngettext("%zu note", "%zu notes",
			    count[g]), count[g]);
		else
			line = xasprintf(ngettext("%s: %zu note",
			    "%s: %zu notes", count[g]),
			    model_group_shown(ws->groups[g].name), count[g]);
		add_note(t, 4, line);
		free(line);
		notes += count[g];
	}
	free(count);
	return notes > 0;
}

static void
build_caucus(struct tui *t)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*me = model_person(ws, t->self);
	const uint32_t			*qs;
	size_t				 i, nqs, n = 0;
	char				 num[16];
	bool				 hide, blind;

	/* The serving terminal is the projector: the room must not read
	 * one caucus's notes on it, so they stay counted until v. */
	hide = t->self == MODEL_FACILITATOR && !t->caucus_shown;
	blind = !tui_is_facilitator(t) && (me == NULL || me->group == 0 ||
	    me->role != ROLE_PARTICIPANT);
	if (hide)
		add_note(t, 0, _("The room can see this screen, so caucus "
		    "notes are only counted here; v shows them."));
	else if (tui_is_facilitator(t))
		add_note(t, 0, _("Every group's caucus notes — participants "
		    "see only their own group's."));
	else if (me != NULL && me->group != 0)
		add_text(t, 0, "", _("Your group's caucus — only your group "
		    "and the facilitators see these notes"), NULL, A_BOLD, 0);
	else
		add_note(t, 0, _("Caucus notes are seen only by each group "
		    "and the facilitators."));
	add_blank(t);
	t->rows.nfixed = t->rows.n;

	/* The report-backs first, where the projector and the groups see
	 * them whatever the notes below: what the plenary has heard, then
	 * what is on its way. */
	add_plenary_reports(t);
	if (tui_is_facilitator(t))
		add_fac_reports(t, hide);
	else if (me != NULL && me->role == ROLE_PARTICIPANT && me->group != 0)
		add_our_reports(t);
	if (t->rows.n > t->rows.nfixed)
		add_blank(t);

	qs = model_items_of_kind(ws, ITEM_CAUCUS_QUESTION, &nqs);
	for (i = 0; i < nqs; i++) {
		const struct item *q = model_item(ws, qs[i]);

		if (q == NULL || q->kind != ITEM_CAUCUS_QUESTION ||
		    !item_shown(t, q) || !model_in_step(ws, q))
			continue;
		if (n > 0)
			add_blank(t);
		snprintf(num, sizeof num, "%zu. ", ++n);
		add_text(t, 0, num, tui_seed_text(t, q), NULL, A_BOLD, q->id);
		/* Its notes as a lazy list: whether the viewer may read one
		 * is asked as it is drawn (the serving screen's index holds
		 * every group's). */
		if (!hide && lazy_any(t, add_lazy(t, LAZY_CONTRIBUTIONS,
		    ITEM_CAUCUS_NOTE, q->id, 4, false)))
			continue;
		/* Not to one who reads no group's notes (an observer):
		 * the notes are there, theirs to read or not. */
		if (hide ? !add_note_counts(t, q) : !blind)
			add_note(t, 4, _("No notes yet."));
	}
	if (n == 0)
		add_note(t, 0, _("No caucus questions."));
}

const char *
tui_section_number(uint32_t code, char *buf, size_t size)
{
	const struct charter_section	*cs;
	size_t				 i, n;

	cs = model_charter_sections(&n);
	for (i = 0; i < n; i++)
		if (cs[i].code == code)
			return cs[i].number;
	snprintf(buf, size, "%u", code);
	return buf;
}

/* Section 2: the room itself. */
static void
add_stakeholders(struct tui *t, uint32_t item)
{
	const struct workshop	*ws = t->ws;
	char			*s = xstrdup(_("Filled from the room: ")), *tmp;
	char			*names, *absent;
	size_t			 i, n, shown = 0;

	for (i = 0; i < ws->ngroups; i++) {
		names = group_names(ws, ws->groups[i].id, &n);
		if (n > 0) {
			tmp = xasprintf("%s%s%s (%s)", s, shown > 0 ?
			    C_("list separator", "; ") : "",
			    model_group_shown(ws->groups[i].name), names);
			free(s);
			s = tmp;
			shown++;
		}
		free(names);
	}
	if (shown == 0) {
		tmp = xasprintf("%s%s", s, _("nobody present yet"));
		free(s);
		s = tmp;
	}
	absent = absent_text(ws);
	tmp = xasprintf("%s. %s.", s, absent);
	free(s);
	add_text(t, 4, "", tmp, NULL, A_NORMAL, item);
	free(tmp);
	free(absent);
}

/* "Decision rule: consensus, then a two-thirds vote after 2 rounds". */
static char *
decision_rule_text(const struct workshop *ws)
{
	switch (ws->decision_rule) {
	case DECIDE_CONSENSUS:
		return xstrdup(_("Decision rule: consensus"));
	case DECIDE_CONSENSUS_FALLBACK:
		if (ws->fallback_rule == DECIDE_MAJORITY)
			return xasprintf(ngettext("Decision rule: consensus, "
			    "then a majority vote after %d round",
			    "Decision rule: consensus, then a majority vote "
			    "after %d rounds", (unsigned long)
			    ws->fallback_rounds), ws->fallback_rounds);
		return xasprintf(ngettext("Decision rule: consensus, then a "
		    "two-thirds vote after %d round", "Decision rule: "
		    "consensus, then a two-thirds vote after %d rounds",
		    (unsigned long)ws->fallback_rounds), ws->fallback_rounds);
	case DECIDE_MAJORITY:
		return xstrdup(_("Decision rule: simple majority"));
	case DECIDE_TWO_THIRDS:
		return xstrdup(_("Decision rule: two-thirds majority"));
	}
	return xstrdup(_("Decision rule: not yet recorded — consensus "
	    "applies"));
}

/* " — adopted ✓" after a section's title. */
static const char *
section_state(const struct tui *t, const struct item *sec)
{
	/* TRANSLATORS: after a charter section's title. */
	if (sec->number == 20)
		return _(" — filled from the room");
	if (sec->number == 41)
		return _(" — the adopted ground rules");
	if (being_checked(t, sec->id))
		return _(" — being checked");
	switch (sec->status) {
	case STATUS_ADOPTED:
		return _(" — adopted ✓");
	case STATUS_NOT_APPLICABLE:
		return _(" — not applicable");
	}
	/* TRANSLATORS: a charter section not yet adopted. */
	return _(" — draft");
}

/* The last row: the charter as a whole, and its checks. */
static void
add_whole_charter(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct poll	*p = model_poll(ws, ws->charter_poll);
	char			*s, *verdict, date[80];
	const uint32_t		*ids;
	size_t			 i, n, open = 0;

	ids = model_items_of_kind(ws, ITEM_SECTION, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind == ITEM_SECTION && !model_section_derived(it) &&
		    it->status != STATUS_ADOPTED &&
		    it->status != STATUS_NOT_APPLICABLE)
			open++;
	}
	if (p != NULL) {
		tui_when(ws, p->meeting, p->closed, MODEL_WHEN_AT |
		    TUI_WHEN_YEAR, date, sizeof date);
		/* The verdict travels in English (model_words). */
		if (p->verdict_text != NULL &&
		    strncmp(p->verdict_text, "consensus", 9) == 0)
			/* TRANSLATORS: %s is when: "on 27 Nov 2026". */
			s = xasprintf(_("The whole charter — adopted by "
			    "consensus %s"), date);
		else {
			verdict = p->verdict_text != NULL ?
			    i18n_from_wire(p->verdict_text, model_words) :
			    xstrdup("");
			/* TRANSLATORS: when, then the verdict. */
			s = xasprintf(_("The whole charter — adopted %s (%s)"),
			    date, verdict);
			free(verdict);
		}
	} else if (open == 0)
		s = xstrdup(_("The whole charter — ready for the final "
		    "check"));
	else
		s = xasprintf(ngettext("The whole charter — not ready: %zu "
		    "section still to adopt or mark not applicable",
		    "The whole charter — not ready: %zu sections still to "
		    "adopt or mark not applicable", open), open);
	add_blank(t);
	add_text(t, 0, "", s, NULL, A_BOLD, TUI_CHARTER_ROW);
	free(s);
	add_checks(t, 4, 0, true, TUI_CHARTER_ROW);
}

static void
build_charter(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*secs, *texts;
	size_t			 i, j, nsecs, ntexts, n = 0, before;
	char			 buf[16], *head, *title, *s;

	/* The rule every check here is decided by stays in view. */
	s = decision_rule_text(ws);
	add_text(t, 0, "", s, NULL, A_BOLD, 0);
	free(s);
	t->rows.nfixed = t->rows.n;
	if (ws->decision_rule == 0 && tui_is_facilitator(t))
		add_note(t, 2, _("D records the rule the room adopts."));
	secs = model_items_of_kind(ws, ITEM_SECTION, &nsecs);
	texts = model_items_of_kind(ws, ITEM_SECTION_TEXT, &ntexts);
	for (i = 0; i < nsecs; i++) {
		const struct item *sec = model_item(ws, secs[i]);

		if (sec->kind != ITEM_SECTION || !item_shown(t, sec))
			continue;
		add_blank(t);
		n++;
		/* The skeleton's titles and guidance in the screen's
		 * language, as the charter's export has them (they were
		 * English on a Spanish screen). */
		s = xasprintf("%s%s", tui_seed_text(t, sec),
		    section_state(t, sec));
		title = text_sanitize(s, false);
		free(s);
		head = xasprintf("%s ", tui_section_number(sec->number, buf,
		    sizeof buf));
		add_text(t, 0, head, title, NULL, sec->status ==
		    STATUS_NOT_APPLICABLE ? A_BOLD | A_DIM : A_BOLD, sec->id);
		free(head);
		free(title);
		if (sec->id == t->sel && sec->text2 != NULL)
			add_text(t, 4, _("Guidance: "), sec->text2[0] != '\0' ?
			    _(sec->text2) : sec->text2, NULL, A_DIM, sec->id);

		if (sec->number == 20)
			add_stakeholders(t, sec->id);
		else if (sec->number == 41) {
			before = t->rows.n;
			add_adopted_rules(t, 4, false);
			for (j = before; j < t->rows.n; j++)
				t->rows.v[j].item = sec->id;
			if (t->rows.n == before)
				add_text(t, 4, "", _("No ground rules adopted "
				    "yet."), NULL, A_DIM, sec->id);
		} else if (sec->body != NULL)
			add_text(t, 4, "", sec->body, NULL, sec->status ==
			    STATUS_NOT_APPLICABLE ? A_DIM : A_NORMAL, sec->id);
		else
			add_text(t, 4, "", _("no text yet"), NULL, A_DIM,
			    sec->id);
		add_checks(t, 4, sec->id, false, sec->id);

		for (j = 0; j < ntexts; j++) {
			const struct item	*p = model_item(ws, texts[j]);
			char			*who, *prefix, *suffix;

			if (p->kind != ITEM_SECTION_TEXT || p->ref != sec->id ||
			    !item_shown(t, p))
				continue;
			who = tui_item_author(t, p);
			prefix = *who != '\0' ? xasprintf(_("Proposed by "
			    "%s: "), who) : xstrdup(_("Proposed: "));
			suffix = bracket_status(t, p);
			add_text(t, 6, prefix, p->text, suffix,
			    bracket_attr(p), p->id);
			add_checks(t, 8, p->id, false, p->id);
			free(suffix);
			free(prefix);
			free(who);
		}
	}
	if (n == 0)
		add_note(t, 0, _("No charter sections."));
	else
		add_whole_charter(t);
}

/* A statement's, a lesson's or an exit proposal's state: "[adopted ✓]",
 * "[being checked]", "(merged into #2)"; NULL when it is simply open. */
static char *
statement_state(const struct tui *t, const struct item *it)
{
	/* Lessons and exit strategies have words of their own: in French
	 * and Spanish a lesson and a strategy (leçon, estrategia) are
	 * "adoptée", "adoptada" where a statement is "adopté". */
	bool		review = it->kind == ITEM_LESSON ||
			    it->kind == ITEM_EXIT;
	uint32_t	n;

	if (being_checked(t, it->id))
		return xstrdup(_("[being checked]"));
	switch (it->status) {
	case STATUS_ADOPTED:
		return xstrdup(review ? C_("lesson or exit strategy",
		    "[adopted ✓]") : _("[adopted ✓]"));
	case STATUS_MERGED:
		n = tui_statement_number(t->ws, it->number);
		/* TRANSLATORS: a statement merged into statement #2. */
		return n != 0 ? xasprintf(_("(merged into #%u)"), n) :
		    xstrdup(review ? C_("lesson or exit strategy",
		    "(merged)") : _("(merged)"));
	case STATUS_WITHDRAWN:
		return xstrdup(review ? C_("lesson or exit strategy",
		    "(withdrawn)") : _("(withdrawn)"));
	case STATUS_REJECTED:
		return xstrdup(review ? C_("lesson or exit strategy",
		    "(not adopted)") : _("(not adopted)"));
	}
	if (t->merging == it->id && t->ws->phase == PHASE_VISION)
		return xstrdup(_("[merging: select the one it joins]"));
	return NULL;
}

/* After its text: whether a facilitator changed its words, then its
 * state. */
static char *
statement_suffix(const struct tui *t, const struct item *it)
{
	char	*st = statement_state(t, it), *s;

	if (!(it->flags & ITEM_F_EDITED))
		return st;
	s = xasprintf("%s%s%s", it->kind == ITEM_LESSON ||
	    it->kind == ITEM_EXIT ? C_("lesson or exit strategy",
	    "(edited by a facilitator)") : _("(edited by a facilitator)"),
	    st != NULL ? " " : "", st != NULL ? st : "");
	free(st);
	return s;
}

static int
statement_attr(const struct item *it)
{
	switch (it->status) {
	case STATUS_ADOPTED:
		return A_BOLD;
	case STATUS_MERGED:
	case STATUS_WITHDRAWN:
	case STATUS_REJECTED:
		return A_DIM;
	}
	return A_NORMAL;
}

/* "#3 Ana Pérez (Community): text [adopted ✓]" (lead: "#3 ", an exit
 * proposal's strategy), and the checks on it. */
static void
add_statement(struct tui *t, int indent, const char *lead,
    const struct item *it)
{
	char	*who = tui_item_author(t, it), *prefix, *suffix;

	/* TRANSLATORS: "#3 Ana Pérez (Community): ", a statement's number
	 * then who wrote it. */
	prefix = *who != '\0' ? xasprintf(_("%s%s: "), lead, who) :
	    xstrdup(lead);
	suffix = statement_suffix(t, it);
	add_text(t, indent, prefix, it->text, suffix, statement_attr(it),
	    it->id);
	add_checks(t, indent + 4, it->id, false, it->id);
	free(suffix);
	free(prefix);
	free(who);
}

/* Who was merged into whom, as (into, id) pairs in order, from one build
 * to the next: made from the model's few merged items, so listing the
 * ones merged into a statement costs O(log merged + them). */
static void
merged_index(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, n;

	ids = model_merged_items(ws, &n);
	t->merged = xcalloc(2 * n + 2, sizeof *t->merged);
	t->nmerged = 0;
	for (i = 0; i < n; i++) {
		const struct item *m = model_item(ws, ids[i]);

		if (m == NULL || m->status != STATUS_MERGED ||
		    m->number == m->id || m->number < 1 ||
		    m->number > ws->nitems)
			continue;
		t->merged[2 * t->nmerged] = m->number;
		t->merged[2 * t->nmerged + 1] = m->id;
		t->nmerged++;
	}
	qsort(t->merged, t->nmerged, 2 * sizeof *t->merged, by_pair);
}

/* A statement and, beneath it, those merged into it (and into them). */
static void
add_statement_tree(struct tui *t, const struct item *it, int indent,
    int depth)
{
	const struct workshop	*ws = t->ws;
	char			 lead[24];
	size_t			 lo = 0, hi, mid;

	snprintf(lead, sizeof lead, "%s#%u ", depth > 0 ? "↳ " : "",
	    tui_statement_number(ws, it->id));
	add_statement(t, indent, lead, it);
	if (depth >= 8)
		return;
	if (t->merged == NULL)
		merged_index(t);
	hi = t->nmerged;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->merged[2 * mid] < it->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->nmerged && t->merged[2 * lo] == it->id; lo++) {
		const struct item *c = model_item(ws, t->merged[2 * lo + 1]);

		if (c->kind == it->kind && item_shown(t, c))
			add_statement_tree(t, c, indent + 4, depth + 1);
	}
}

/* The statement a merged one is listed under: the one it joined, when
 * that one is there to list it; NULL for one listed on its own. */
static const struct item *
statement_parent(const struct tui *t, const struct item *it)
{
	const struct item	*to;

	to = it->status == STATUS_MERGED ? model_item(t->ws, it->number) :
	    NULL;
	if (to != NULL && to->kind == it->kind && to->id != it->id &&
	    item_shown(t, to))
		return to;
	return NULL;
}

/* The statements of kind, as a lazy list: those still standing, each
 * with the ones merged into it beneath it, dimmed.  Returns whether there
 * is one. */
static bool
add_statements(struct tui *t, int kind)
{
	return lazy_any(t, add_lazy(t, LAZY_STATEMENTS, kind, 0, 2, true));
}

/* Framing and vision: the problem the room shares and where it wants to
 * be, each statement numbered so the facilitator can say "#2 joins #1". */
static void
build_vision(struct tui *t)
{
	bool	fac = tui_is_facilitator(t);

	add_heading(t, _("Problem statements"));
	if (!add_statements(t, ITEM_PROBLEM))
		add_note(t, 2, writes(t) ? _("No problem statements yet — f "
		    "writes one.") : _("No problem statements yet."));
	add_heading(t, _("Vision statements"));
	if (!add_statements(t, ITEM_VISION))
		add_note(t, 2, writes(t) ? _("No vision statements yet — w "
		    "writes one.") : _("No vision statements yet."));
	add_blank(t);
	add_note(t, 0, fac ? _("w vision · f problem · m merges the selected "
	    "statement into another · e edits it · c checks it with the "
	    "room") : !writes(t) ? _("Observers read the statements.") :
	    _("w writes a vision statement, f a problem statement; e edits "
	    "your own."));
}

static void
build_actions(struct tui *t)
{
	const uint32_t	*ids;
	size_t		 i, n;

	/* A template whose step has none (srm-review) shows no heading
	 * over nothing. */
	ids = model_items_of_kind(t->ws, ITEM_ACTION_QUESTION, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(t->ws, ids[i]);

		if (it != NULL && item_shown(t, it) &&
		    model_in_step(t->ws, it)) {
			add_heading(t, _("Questions for action planning"));
			add_questions(t, ITEM_ACTION_QUESTION);
			break;
		}
	}
	tui_actions_table(t);
}

/* "Wind down — ", "Hand over — " before an exit proposal. */
static char *
exit_lead(int strategy)
{
	char	*s = xasprintf("%s — ", _(model_exit_name(strategy)));

	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	return s;
}

/* "Meeting 2 — 2026-11-27 · Next review: 2027-03-01", kept in view. */
static void
add_meeting_line(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct meeting	*m = model_meeting(ws, ws->meeting);
	char			 date[16], review[16], *s;

	model_date_format(ws->next_review, review, sizeof review);
	if (m != NULL && m->date != 0)
		s = xasprintf(_("Meeting %u — %s · "), m->id,
		    model_date_format(m->date, date, sizeof date));
	else
		s = xstrdup("");
	if (ws->next_review != 0)
		str_add(&s, _("Next review: "));
	else
		str_add(&s, tui_is_facilitator(t) ? _("Next review: not set — "
		    "N sets it") : _("Next review: not set yet"));
	str_add(&s, review);
	add_text(t, 0, "", s, NULL, A_BOLD, 0);
	free(s);
}

/* Follow-up and exit: the meeting, the questions that guide the review,
 * the actions (actions.c), then what the room learned and how it means
 * to close. */
static void
build_followup(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, nids, n = 0;
	char			*lead;

	add_meeting_line(t);
	t->rows.nfixed = t->rows.n;
	add_heading(t, _("Follow-up questions"));
	add_questions(t, ITEM_FOLLOWUP_QUESTION);
	/* The plan under review: actions.c. */
	tui_actions_table(t);
	/* How the room scored its indicators, meeting by meeting
	 * (indicators.c). */
	tui_indicators_trend(t);

	add_heading(t, _("Lessons learned"));
	ids = model_items_of_kind(ws, ITEM_LESSON, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind != ITEM_LESSON || !item_shown(t, it))
			continue;
		add_gap(t);
		add_statement(t, 2, "", it);
		n++;
	}
	if (n == 0)
		add_note(t, 2, writes(t) ? _("No lessons yet — w writes one.") :
		    _("No lessons yet."));

	add_heading(t, _("Exit strategy"));
	ids = model_items_of_kind(ws, ITEM_EXIT, &nids);
	for (i = 0, n = 0; i < nids; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it->kind != ITEM_EXIT || !item_shown(t, it))
			continue;
		add_gap(t);
		lead = exit_lead((int)it->number);
		add_statement(t, 2, lead, it);
		free(lead);
		n++;
	}
	if (n == 0)
		add_note(t, 2, writes(t) ? _("No exit proposal yet — E "
		    "proposes one: wind down, hand over or institutionalise.") :
		    _("No exit proposal yet."));
	add_blank(t);
	add_note(t, 0, tui_is_facilitator(t) ? _("w lesson · E exit proposal "
	    "· A new action · c checks the selected one with the room · e "
	    "edits · N next review · M new meeting") : !writes(t) ?
	    _("Observers read the review.") : _("w writes a lesson, E "
	    "proposes an exit strategy, A a new action; e edits your own."));
}

/* --- footer -------------------------------------------------------------- */

static void
foot_add(struct footer *f, char *text, int attr, int kind)
{
	if (f->n == FOOTER_MAX) {
		free(text);
		return;
	}
	f->v[f->n].text = text;
	f->v[f->n].attr = attr;
	f->v[f->n].kind = kind;
	f->n++;
}

/* How to join, and the room's key beside it when the line has room for
 * both; on a tall screen the key gets a line of its own otherwise.  (The
 * Welcome phase always shows both in full.) */
static void
foot_join(struct tui *t, struct footer *f, bool tall)
{
	char *join = text_sanitize(t->join_line, false), *both, *first;

	/* Too narrow for every way (an 80-column projector cut it before
	 * the code): the first way and the code, which is what the room
	 * needs to read. */
	if (text_width(join) + 2 > (size_t)COLS && t->join_first != NULL &&
	    t->ws != NULL && t->ws->code != NULL) {
		first = text_sanitize(t->join_first, false);
		free(join);
		/* TRANSLATORS: the first way to join ("ssh -p 7422
		 * 192.168.1.20") and the join code, on a narrow
		 * projector. */
		join = xasprintf(_("Join: %s · code %s"), first, t->ws->code);
		free(first);
	}

	if (t->room_key == NULL) {
		foot_add(f, join, A_BOLD, FOOT_TEXT);
		return;
	}
	both = xasprintf(_("%s   Room key: %s"), join, t->room_key);
	if (text_width(both) + 2 <= (size_t)COLS) {
		free(join);
		foot_add(f, both, A_BOLD, FOOT_TEXT);
		return;
	}
	free(both);
	foot_add(f, join, A_BOLD, FOOT_TEXT);
	if (tall)
		foot_add(f, xasprintf(_("Room key: %s"), t->room_key), A_NORMAL,
		    FOOT_TEXT);
}

/* Adds s (sanitised) wrapped over at most max lines; the last line takes
 * the rest, cut with "…" when drawn. */
static void
foot_wrapped(struct footer *f, const char *s, int attr, int max)
{
	char	*wrapped, *line, *nl, *rest, *p;
	int	 n = 0, w = COLS - 2;

	if (w < 4)
		w = 4;
	wrapped = text_wrap(s, (size_t)w, "", "  ");
	for (line = wrapped; *line != '\0' && n < max; line = nl + 1, n++) {
		nl = strchr(line, '\n');
		if (n + 1 == max && nl[1] != '\0') {
			/* Lines joined again, without their indent. */
			rest = xstrdup(line);
			for (p = rest; *p != '\0'; p++) {
				if (*p != '\n')
					continue;
				if (p[1] == '\0') {
					*p = '\0';
					break;
				}
				*p = ' ';
				if (p[1] == ' ' && p[2] == ' ')
					memmove(p + 1, p + 3,
					    strlen(p + 3) + 1);
			}
			foot_add(f, rest, attr, FOOT_TEXT);
			break;
		}
		foot_add(f, xstrndup(line, (size_t)(nl - line)), attr,
		    FOOT_TEXT);
	}
	free(wrapped);
}

/* Whether the input line's prompt is put above it: when it would leave
 * the text less than half the line. */
static bool
prompt_above(const struct tui *t)
{
	return t->input_prompt != NULL &&
	    (int)text_width(t->input_prompt) > (COLS - 2) / 2;
}

/* The notice, or the connection state, for the status line. */
static char *
status_text(const struct tui *t, bool with_status)
{
	if (t->mode == MODE_CONFIRM)
		return xstrdup(t->self == MODEL_FACILITATOR &&
		    t->ws != NULL && t->ask == 0 ?
		    _("Close the room for everyone? y/n") :
		    _("Leave the room? y/n"));
	if (!with_status || t->status == NULL)
		return xstrdup(t->notice != NULL ? t->notice : "");
	if (t->notice != NULL)
		return xasprintf("%s — %s", t->status, t->notice);
	return xstrdup(t->status);
}

/* Whether anyone of group gid is present to speak for it. */
static bool
group_present(const struct workshop *ws, uint32_t gid)
{
	size_t	i;

	for (i = 0; i < ws->npeople; i++)
		if (ws->people[i].present && ws->people[i].group == gid &&
		    ws->people[i].role == ROLE_PARTICIPANT)
			return true;
	return false;
}

/* Any turn taken in this phase. */
static bool
turns_taken(const struct workshop *ws)
{
	size_t	i;

	for (i = 0; i <= MODEL_GROUPS_MAX; i++)
		if (ws->spoken[ws->phase][i] > 0)
			return true;
	return false;
}

/*
 * The facilitators' lines about the floor: the queue in order with each
 * person's group, who speaks and the turns per group this phase, the
 * points of order waiting.  Speaking is not content: names stay under
 * the Chatham House Rule.
 */
static void
foot_floor(struct tui *t, struct footer *f)
{
	const struct workshop	*ws = t->ws;
	uint32_t		*q;
	size_t			 n, i, waiting;
	char			*s, *who;

	q = queue_of(ws, &n);
	if (n > 0) {
		size_t	len = 0, cap = 256, most;

		/* At most two lines are shown: the names stop once they are
		 * more than those can hold (300 hands raised are not 300
		 * labels made and copied on every frame). */
		most = 4 * (size_t)(COLS > 0 ? COLS : 80);
		s = xmalloc(cap);
		len = (size_t)snprintf(s, cap, "%s", _("Queue: "));
		for (i = 0; i < n && len < most; i++) {
			const struct participant *p = model_person(ws, q[i]);
			size_t	 wl;

			who = tui_person_label(ws, q[i], p != NULL ? p->group :
			    0);
			wl = strlen(who);
			while (len + wl + 8 > cap)
				s = xrealloc(s, cap *= 2);
			len += (size_t)snprintf(s + len, cap - len, "%s%s",
			    i > 0 ? " · " : "", who);
			free(who);
		}
		if (i < n) {
			/* TRANSLATORS: after the first names of a long
			 * queue: how many hands are raised. */
			who = xasprintf(_(" … %zu in all"), n);
			str_add(&s, who);
			free(who);
		}
		str_add(&s, _(" — > gives the floor"));
		foot_wrapped(f, s, A_BOLD, spacious() ? 2 : 1);
		free(s);
	}
	free(q);
	if (n > 0 || ws->speaker != 0 || turns_taken(ws))
		foot_add(f, NULL, A_NORMAL, FOOT_TURNS);
	if ((waiting = tui_points_waiting(ws)) > 0) {
		/* The serving screen is the projector: reading them
		 * there is for the room (! asks first); a facilitator
		 * alone reads them on a co-facilitator's screen. */
		s = t->self == MODEL_FACILITATOR ? xasprintf(_("Points of "
		    "order: %zu waiting — ! asks, then shows the room; a "
		    "co-facilitator reads them alone"), waiting) :
		    xasprintf(_("Points of order: %zu waiting — ! reads "
		    "them"), waiting);
		foot_wrapped(f, s, A_BOLD, spacious() ? 2 : 1);
		free(s);
	}
}

/* Who has the floor, and whether their connection is there: on bad
 * Wi-Fi the floor stays theirs while they come back (the facilitator
 * moves it on with the queue's keys), but the room should know why they
 * have gone quiet. */
static char *
speaker_label(const struct workshop *ws, const struct participant *sp)
{
	char	*who = tui_person_label(ws, sp->id, sp->group), *s;

	if (sp->present || sp->id == MODEL_FACILITATOR)
		return who;
	/* TRANSLATORS: who has the floor, whose connection has dropped
	 * ("Inés (Community), connection lost"). */
	s = xasprintf(_("%s, connection lost"), who);
	free(who);
	return s;
}

/* "Speaking: Inés (Community)", "Your hand is up (3rd in the queue)"; an
 * observer is told what they can do. */
static void
foot_speaking(struct tui *t, struct footer *f)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*me = model_person(ws, t->self);
	const struct participant	*sp = model_person(ws, ws->speaker);
	char				*s = xstrdup(""), *who, ord[32];
	size_t				 place = tui_queue_place(t);
	int				 kind;

	if (me != NULL && me->role == ROLE_OBSERVER)
		foot_add(f, xstrdup(_("You are observing: you can read the "
		    "room but not write")), A_BOLD, FOOT_TEXT);
	if (sp != NULL && sp->id == t->self)
		str_add(&s, _("You have the floor"));
	else if (sp != NULL) {
		who = speaker_label(ws, sp);
		free(s);
		s = xasprintf(_("Speaking: %s"), who);
		free(who);
	}
	kind = sp != NULL && tui_clock_width(t, CLOCK_TURN) > 0 ?
	    FOOT_FLOOR : FOOT_TEXT;
	if (place > 0) {
		/* Their own place first: the line may be cut on the right. */
		/* TRANSLATORS: the first %s is an ordinal ("3rd"); the
		 * others " · " and who speaks, or nothing. */
		who = xasprintf(_("Your hand is up (%s in the queue) — h "
		    "lowers it%s%s"), tui_ordinal(place, ord, sizeof ord),
		    *s != '\0' ?
		    " · " : "", s);
		/* On a phone, who speaks on a line of their own, above:
		 * cut, the line lost them (and the clock looked one's
		 * own). */
		if (*s != '\0' && (int)text_width(who) + (kind == FOOT_FLOOR ?
		    3 : 2) + tui_clock_width(t, CLOCK_TURN) > COLS) {
			foot_add(f, s, A_BOLD, kind);
			free(who);
			foot_add(f, xasprintf(_("Your hand is up (%s in the "
			    "queue) — h lowers it%s%s"), ord, "", ""), A_BOLD,
			    FOOT_TEXT);
			return;
		}
		free(s);
		s = who;
	}
	if (*s != '\0')
		foot_add(f, s, A_BOLD, kind);
	else
		free(s);
}

static void
footer_build(struct tui *t, struct footer *f)
{
	char	*s, *clean;
	int	 max = spacious() ? 3 : 1;
	bool	 status_shown = false;

	f->n = 0;
	if (t->ws != NULL && t->ask == 0 && t->mode != MODE_HELP) {
		if (tui_is_facilitator(t)) {
			s = presence_text(t->ws);
			foot_wrapped(f, s, A_NORMAL, max);
			free(s);
			s = absent_text(t->ws);
			foot_wrapped(f, s, A_NORMAL, max > 1 ? 2 : 1);
			free(s);
			if (t->join_line != NULL)
				foot_join(t, f, max > 1);
			foot_floor(t, f);
		} else {
			foot_speaking(t, f);
			foot_add(f, NULL, A_NORMAL, FOOT_SELF);
			status_shown = true;
		}
	}
	/* The waiting screen shows the status large already. */
	if (t->ws == NULL && t->ask == 0 && t->mode != MODE_HELP)
		status_shown = true;
	s = status_text(t, !status_shown);
	clean = text_sanitize(s, false);
	free(s);
	/* A refusal says what one can do instead: two lines if need be,
	 * three on a screen of 24 lines (a French one lost its last words,
	 * "Esc l'abandonne", at 80 columns), four on a phone that has the
	 * height (the room's key to compare with the projector was cut
	 * there, its fingerprint included). */
	if (t->notice != NULL && t->mode != MODE_CONFIRM &&
	    text_width(clean) + 2 > (size_t)COLS) {
		foot_wrapped(f, clean, A_BOLD, COLS < 60 && LINES >= 18 ?
		    4 : LINES >= 24 ? 3 : 2);
		free(clean);
	} else
		foot_add(f, clean, t->mode == MODE_CONFIRM ||
		    t->notice != NULL ? (int)A_BOLD : (t->status != NULL &&
		    !status_shown ? warn_attr(t) : (int)A_NORMAL), FOOT_TEXT);
	/* What Enter on an empty date line does, above it. */
	if (t->mode == MODE_INPUT && t->input_for == INPUT_MEETING &&
	    t->ws != NULL) {
		s = tui_meeting_question(t);
		foot_wrapped(f, s, A_BOLD, 2);
		free(s);
	}
	/* A facilitator merging a statement chooses where with the
	 * selection; this says so until Enter or Esc. */
	if (t->mode == MODE_BROWSE && t->merging != 0 && t->ws != NULL &&
	    t->ws->phase == PHASE_VISION && t->ask == 0 &&
	    t->overlay == OVERLAY_NONE) {
		s = tui_merge_prompt(t);
		foot_wrapped(f, s, A_BOLD, 2);
		free(s);
	}
	if (t->mode == MODE_INPUT) {
		/* A prompt that would leave the text too little room (a
		 * block's reason on a phone) goes on the lines above it,
		 * and the text has the whole line. */
		if (prompt_above(t)) {
			clean = text_sanitize(t->input_prompt, false);
			foot_wrapped(f, clean, A_BOLD, 2);
			free(clean);
		}
		foot_add(f, NULL, A_NORMAL, FOOT_INPUT);
	}
	if (t->mode == MODE_KEY && t->input_prompt != NULL) {
		clean = text_sanitize(t->input_prompt, false);
		foot_wrapped(f, clean, A_BOLD, 3);
		free(clean);
	}
	foot_add(f, NULL, A_NORMAL, FOOT_KEYS);
}

static void
footer_free(struct footer *f)
{
	int	i;

	for (i = 0; i < f->n; i++)
		free(f->v[i].text);
	f->n = 0;
}

/* A key bar's words, marked N_() where the hints are built: translated
 * here, where they are shown (a key's name, "?", is left as it is). */
static const char *
hint_text(const char *s)
{
	return *s != '\0' ? _(s) : s;
}

/* How many of the room's phases are of the kind it is in now. */
static size_t
phases_of_kind(const struct workshop *ws)
{
	size_t	i, n = 0;

	for (i = 0; i < ws->nsteps; i++)
		n += ws->steps[i].kind == ws->phase;
	return n;
}

/* A key as the hint shows it: a named key ("Enter", "Esc") in the
 * screen's language; a letter is the letter to press, never translated
 * (French and Spanish give the msgid "S", a short-term action's letter,
 * as "C": the scale's key S showed as C). */
static const char *
hint_key(const char *s)
{
	return s[0] != '\0' && s[1] != '\0' ? _(s) : s;
}

static int
hint_width(const struct keyhint *k)
{
	return (int)(text_width(hint_key(k->key)) + 1 +
	    text_width(hint_text(k->label)));
}

static int
draw_hint(int y, int x, const struct keyhint *k, int gap)
{
	x += tui_put(y, x, COLS - x, hint_key(k->key), A_REVERSE | A_BOLD);
	x += 1;
	x += tui_put(y, x, COLS - x, hint_text(k->label), A_NORMAL);
	return x + gap;
}

/*
 * Draws what fits, always keeping the last hint ("? help").  Two
 * columns between hints, one when that is what lets every hint fit (the
 * keys stand out in reverse video): French and Spanish run longer than
 * English at 80 columns.
 */
static void
draw_keys(int y, const struct keyhint *k, size_t n)
{
	size_t	i;
	int	x = 1, last, all = 0, gap = 2;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		all += hint_width(&k[i]) + 2;
	if (all - 2 > COLS - 2)
		gap = 1;
	last = hint_width(&k[n - 1]);
	for (i = 0; i + 1 < n; i++) {
		if (x + hint_width(&k[i]) + gap + last > COLS - 1)
			break;
		x = draw_hint(y, x, &k[i], gap);
	}
	if (x + last <= COLS)
		draw_hint(y, x, &k[n - 1], gap);
}

static void
draw_keybar(struct tui *t, int y)
{
	static const struct keyhint input_keys[] = {
		{ "Enter", N_("send") }, { "←→", N_("move") },
		{ "Home/End", N_("start/end") }, { "Ctrl-U", N_("clear") },
		{ "Ctrl-W", N_("erase word") }, { "Esc", N_("cancel") },
	};
	static const struct keyhint confirm_keys[] = {
		{ "y", N_("yes") }, { "n", N_("no") },
	};
	static const struct keyhint help_keys[] = {
		{ "↑↓ PgUp/PgDn", N_("scroll") },
		{ N_("any other key"), N_("closes this help") },
	};
	static const struct keyhint help_close[] = {
		{ N_("any key"), N_("closes this help") },
	};
	static const struct keyhint ask_text_keys[] = {
		{ "Esc", N_("quit") }, { "Enter", N_("OK") },
	};
	static const struct keyhint ask_lang_keys[] = {
		{ "Esc", N_("quit") }, { "F2", N_("language") },
		{ "Enter", N_("OK") },
	};
	static const struct keyhint ask_group_keys[] = {
		{ "↑↓", N_("choose") }, { "q", N_("quit") }, { "Enter", N_("OK") },
	};
	static const struct keyhint wait_keys[] = {
		{ "q", N_("quit") },
	};
	const struct participant	*me;
	const struct poll		*open, *vote;
	const struct item		*sel, *report;
	struct keyhint			 k[48];
	size_t				 n = 0;
	uint32_t			 first, yes, of;
	bool				 queue;
	int				 phase;
	bool				 fac = tui_is_facilitator(t), writes;
	bool				 voter, proposes, unrevealed;
	const struct item		*asked;
	char				 write[64], score[16];

	static const struct keyhint box_keys[] = {
		{ "Ctrl-D", N_("send") }, { "Esc", N_("cancel") },
		{ "Enter", N_("new line") }, { "↑↓←→", N_("move") },
		{ "Home/End", N_("line start/end") }, { "Ctrl-U", N_("clear line") },
		{ "Ctrl-W", N_("erase word") },
	};
	static const struct keyhint named_keys[] = {
		{ "Enter", N_("named") }, { "a", N_("anonymous") }, { "Esc", N_("cancel") },
	};
	static const struct keyhint anon_keys[] = {
		{ "Enter", N_("open (anonymous)") }, { "Esc", N_("cancel") },
	};
	static const struct keyhint yes_keys[] = {
		{ "y", N_("yes") }, { N_("any other key"), N_("no") },
	};
	static const struct keyhint rule_keys[] = {
		{ "1-4", N_("choose") }, { "Esc", N_("cancel") },
	};
	static const struct keyhint conf_keys[] = {
		{ "1-3", N_("choose") }, { "Esc", N_("cancel") },
	};
	static const struct keyhint scope_keys[] = {
		{ "Enter", N_("whole room") }, { "p", N_("this phase only") },
		{ "Esc", N_("cancel") },
	};
	static const struct keyhint kind_scope_keys[] = {
		{ "Enter", N_("whole room") }, { "p", N_("these phases") },
		{ "Esc", N_("cancel") },
	};
	static const struct keyhint remove_keys[] = {
		{ "y", N_("remove") }, { "n", N_("keep") },
	};
	static const struct keyhint show_keys[] = {
		{ "y", N_("show them") }, { "n", N_("keep hidden") },
	};
	static const struct keyhint people_keys[] = {
		{ "↑↓", N_("select") }, { "E", N_("rename") }, { "M", N_("move") },
		{ "X", N_("remove") }, { ">", N_("give the floor") },
		{ "Esc", N_("close") },
	};
	static const struct keyhint move_keys[] = {
		{ "↑↓", N_("choose") }, { "Enter", N_("move") }, { "Esc", N_("back") },
	};
	static const struct keyhint points_keys[] = {
		{ "↑↓", N_("select") }, { "A", N_("answered") }, { "Esc", N_("close") },
	};
	static const struct keyhint merge_keys[] = {
		{ "↑↓", N_("select") }, { "Esc", N_("cancel") },
		{ "Enter", N_("merge into it") },
	};

	if (t->mode == MODE_INPUT && t->ask == 0 &&
	    t->input_for == INPUT_GRIEVANCE) {
		k[n++] = (struct keyhint){ "Enter", N_("send") };
		k[n++] = (struct keyhint){ "Tab", (t->input_value &
		    ITEM_F_ANONYMOUS) ? N_("with your name") : N_("anonymous") };
		k[n++] = (struct keyhint){ "Esc", N_("cancel") };
		draw_keys(y, k, n);
		return;
	}
	if (t->mode == MODE_INPUT && t->ask == 0) {
		draw_keys(y, input_keys, sizeof input_keys /
		    sizeof input_keys[0]);
		return;
	}
	if (t->mode == MODE_BOX && t->ask == 0) {
		/* Its last hint is kept whatever the width: Ctrl-D first. */
		draw_keys(y, box_keys, sizeof box_keys / sizeof box_keys[0]);
		return;
	}
	if (t->mode == MODE_KEY && t->ask == 0) {
		switch (t->input_for) {
		case INPUT_ACTION:	/* an action's status, 1-4 */
			if (tui_action_asks_yes(t)) {
				draw_keys(y, yes_keys, 2);	/* a milestone */
				break;
			}
			draw_keys(y, rule_keys, 2);
			break;
		case INPUT_RULE:
			draw_keys(y, rule_keys, 2);
			break;
		case INPUT_CONF:
		case INPUT_EXIT_KIND:
			draw_keys(y, conf_keys, 2);
			break;
		case INPUT_CONF_SCOPE:
			/* A phase's rule holds for its kind (tui.c,
			 * phase_scope). */
			draw_keys(y, phases_of_kind(t->ws) > 1 ?
			    kind_scope_keys : scope_keys, 3);
			break;
		case INPUT_REMOVE_CONFIRM:
			draw_keys(y, remove_keys, 2);
			break;
		case INPUT_SHOW_NOTES:
		case INPUT_SHOW_POINTS:
			draw_keys(y, show_keys, 2);
			break;
		case INPUT_TIMER_STOP:
			draw_keys(y, yes_keys, 2);
			break;
		case INPUT_TIMER: {
			const char	*hk[16], *hl[16];
			size_t		 i, nh;

			nh = tui_timer_hints(t, hk, hl, 16);
			for (i = 0; i < nh; i++)
				k[n++] = (struct keyhint){ hk[i], hl[i] };
			draw_keys(y, k, n);
			break;
		}
		default:
			/* Under the Chatham House Rule or off the record a
			 * poll is anonymous: nothing to choose. */
			if (t->ws != NULL &&
			    model_conf(t->ws, t->ws->phase) != CONF_OPEN)
				draw_keys(y, anon_keys, 2);
			else
				draw_keys(y, named_keys, 3);
			break;
		}
		return;
	}
	if (t->mode == MODE_CONFIRM) {
		draw_keys(y, confirm_keys, 2);
		return;
	}
	if (t->room_closed) {
		/* Any key leaves (tui.c). */
		static const struct keyhint closed_keys[] = {
			{ "q", N_("leave") },
		};

		draw_keys(y, closed_keys, 1);
		return;
	}
	if (t->mode == MODE_HELP) {
		if (t->help_more)
			draw_keys(y, help_keys, 2);
		else
			draw_keys(y, help_close, 1);
		return;
	}
	if (tui_asks_choice(t)) {
		draw_keys(y, ask_group_keys, 3);
		return;
	}
	if (t->ask != 0 && t->lang_key) {
		draw_keys(y, ask_lang_keys, 3);
		return;
	}
	if (t->ask != 0) {
		draw_keys(y, ask_text_keys, 2);
		return;
	}
	if (t->ws == NULL) {
		draw_keys(y, wait_keys, 1);
		return;
	}
	switch (t->overlay) {
	case OVERLAY_PEOPLE:
		draw_keys(y, people_keys, 6);
		return;
	case OVERLAY_MOVE:
		draw_keys(y, move_keys, 3);
		return;
	case OVERLAY_POINTS:
		draw_keys(y, points_keys, 3);
		return;
	case OVERLAY_AGENDA:
		k[n++] = (struct keyhint){ "↑↓", N_("select") };
		if (tui_is_facilitator(t)) {
			k[n++] = (struct keyhint){ "s", N_("day starts at") };
			k[n++] = (struct keyhint){ "+ -", N_("5 min more/less") };
		}
		k[n++] = (struct keyhint){ "Esc", N_("close") };
		draw_keys(y, k, n);
		return;
	case OVERLAY_ACTION:
		/* The card lists its own keys on its bottom lines. */
		k[n++] = (struct keyhint){ "↑↓", N_("scroll") };
		k[n++] = (struct keyhint){ "Esc", N_("close") };
		k[n++] = (struct keyhint){ "?", N_("help") };
		draw_keys(y, k, n);
		return;
	case OVERLAY_OWNER_ADD:
	case OVERLAY_OWNER_DROP:
	case OVERLAY_INDICATOR:
		k[n++] = (struct keyhint){ "↑↓", N_("choose") };
		k[n++] = (struct keyhint){ "Enter", t->overlay ==
		    OVERLAY_OWNER_ADD ? N_("add owner") : t->overlay ==
		    OVERLAY_INDICATOR ? N_("link") : N_("remove owner") };
		k[n++] = (struct keyhint){ "Esc", N_("back") };
		draw_keys(y, k, n);
		return;
	default:
		break;
	}
	phase = t->ws->phase;
	if (t->merging != 0 && phase == PHASE_VISION) {
		draw_keys(y, merge_keys, 3);
		return;
	}
	me = model_person(t->ws, t->self);
	writes = model_contribution_noun(phase) != NULL &&
	    (me == NULL || me->role != ROLE_OBSERVER);
	/* Participants propose indicators where the phase takes them. */
	if (phase == PHASE_INDICATORS && !fac && !model_step_proposes(t->ws))
		writes = false;
	proposes = phase == PHASE_DIALOGUE && writes &&
	    model_step_proposes(t->ws);
	asked = model_item(t->ws, t->ws->question);
	if (asked != NULL && !model_question_askable(asked))
		asked = NULL;
	voter = me != NULL && me->role == ROLE_PARTICIPANT;
	open = model_open_poll(t->ws);
	sel = model_item(t->ws, t->sel);
	report = sel != NULL && sel->kind == ITEM_CAUCUS_REPORT ? sel : NULL;
	vote = tui_voting_poll(t);
	queue = model_queue(t->ws, &first, 1) > 0;
	/* What the room is deciding comes first: it fits on any width. */
	if (vote != NULL && voter) {
		if (vote->kind == POLL_CONSENSUS)
			k[n++] = (struct keyhint){ "1-4", N_("answer") };
		else if (vote->kind == POLL_STRAW)
			k[n++] = (struct keyhint){ "1-3", N_("answer") };
		else if (vote->kind == POLL_SCORE) {
			snprintf(score, sizeof score, "1-%d",
			    model_poll_points(vote));
			k[n++] = (struct keyhint){ score, N_("score") };
		} else
			k[n++] = (struct keyhint){ "+/-", N_("dot") };
		if (vote->flags & POLL_F_GROUP)
			k[n++] = (struct keyhint){ "C", N_("close check") };
	}
	/* R reveals a closed poll first (key_close), then shows a
	 * report-back: one meaning at a time. */
	unrevealed = fac && open == NULL && tui_poll_unrevealed(t) != NULL;
	if (fac && !unrevealed && report != NULL &&
	    !(report->flags & ITEM_F_REVEALED) &&
	    tui_report_approval(t->ws, report, &yes, &of))
		k[n++] = (struct keyhint){ "R", N_("show to plenary") };
	if (fac && open != NULL)
		k[n++] = (struct keyhint){ "C", N_("close poll") };
	else if (unrevealed)
		k[n++] = (struct keyhint){ "R", N_("reveal") };
	if (fac && queue)
		k[n++] = (struct keyhint){ ">", N_("give the floor") };
	if (fac && t->ws->speaker != 0)
		k[n++] = (struct keyhint){ "<", N_("end turn") };
	if (fac) {
		if (model_step_now(t->ws) + 1 < model_steps(t->ws))
			k[n++] = (struct keyhint){ "n", N_("next") };
		if (model_step_now(t->ws) > 0)
			k[n++] = (struct keyhint){ "p", N_("prev") };
		k[n++] = (struct keyhint){ "T", N_("timer") };
	}
	if (phase == PHASE_MATRIX) {
		/* The arrows are the grid's; j/k the selected cell's. */
		k[n++] = (struct keyhint){ "←↑↓→", N_("cell") };
		k[n++] = (struct keyhint){ "j/k", N_("entry") };
	} else if (phase != PHASE_WELCOME)
		k[n++] = (struct keyhint){ "↑↓", N_("select") };
	if (phase == PHASE_MATRIX && writes)
		k[n++] = (struct keyhint){ "e", N_("edit") };
	if (proposes && asked == NULL)
		k[n++] = (struct keyhint){ "w", N_("propose question") };
	else if (writes) {
		/* TRANSLATORS: a key-bar label, "w write answer": %s is
		 * what the phase collects (the model's noun: answer,
		 * indicator, entry...), translated by its own msgid -
		 * "answer" is also the "1-4 answer" hint, so translate
		 * that one as a noun.  Keep it short. */
		snprintf(write, sizeof write, phase == PHASE_INDICATORS ?
		    _("propose %s") : _("write %s"),
		    _(model_contribution_noun(phase)));
		k[n++] = (struct keyhint){ "w", fac ? N_("write") : write };
	}
	if (proposes && asked != NULL)
		k[n++] = (struct keyhint){ "Q", N_("propose question") };
	if (tui_action_selected(t))
		k[n++] = (struct keyhint){ "Enter", N_("open action") };
	if (phase == PHASE_GROUND_RULES && writes)
		k[n++] = (struct keyhint){ "m", N_("amend") };
	if (phase == PHASE_VISION && writes)
		k[n++] = (struct keyhint){ "f", fac ? N_("problem") :
		    N_("write problem statement") };
	if (phase == PHASE_FOLLOWUP && writes) {
		k[n++] = (struct keyhint){ "E", N_("exit proposal") };
		k[n++] = (struct keyhint){ "A", N_("new action") };
	}
	if (voter && phase == PHASE_CAUCUS && me->group != 0) {
		k[n++] = (struct keyhint){ "b", N_("report-back") };
		if (report != NULL && vote == NULL &&
		    report->status == STATUS_PROPOSED)
			k[n++] = (struct keyhint){ "c", N_("approve") };
	}
	if (voter) {
		k[n++] = (struct keyhint){ "h", me->hand != 0 ? N_("lower hand") :
		    N_("raise hand") };
		k[n++] = (struct keyhint){ "!", N_("point of order") };
	}
	if (fac) {
		if (phase == PHASE_DIALOGUE || phase == PHASE_CAUCUS)
			k[n++] = (struct keyhint){ "t", N_("new question") };
		if (phase == PHASE_DIALOGUE) {
			k[n++] = (struct keyhint){ "s", N_("put question") };
			k[n++] = (struct keyhint){ "P", N_("pin theme") };
		}
		if (tui_points_waiting(t->ws) > 0)
			k[n++] = (struct keyhint){ "!", N_("points of order") };
		if (phase == PHASE_WELCOME)
			k[n++] = (struct keyhint){ "g", N_("add group") };
		if (phase == PHASE_WELCOME && t->self == MODEL_FACILITATOR &&
		    t->fac_code != NULL)
			k[n++] = (struct keyhint){ "h", !t->ws->fac_code_shown ?
			    N_("show code") : N_("hide code") };
		if (phase == PHASE_INDICATORS) {
			if (open == NULL)
				k[n++] = (struct keyhint){ "s", N_("score") };
			k[n++] = (struct keyhint){ "b", N_("baseline") };
			k[n++] = (struct keyhint){ "t", N_("target") };
			if (open == NULL || open->kind != POLL_SCORE)
				k[n++] = (struct keyhint){ "S", N_("scale") };
		}
		if (phase == PHASE_GROUND_RULES || phase == PHASE_CHARTER ||
		    phase == PHASE_INDICATORS || proposes) {
			k[n++] = (struct keyhint){ "a", N_("adopt") };
			k[n++] = (struct keyhint){ "r", N_("reject") };
		}
		if (open == NULL && model_contribution_noun(phase) != NULL &&
		    phase != PHASE_MATRIX)
			k[n++] = (struct keyhint){ "c", N_("check") };
		if (phase == PHASE_CHARTER) {
			k[n++] = (struct keyhint){ "e", N_("edit") };
			k[n++] = (struct keyhint){ "m", N_("merge") };
			k[n++] = (struct keyhint){ "N", N_("not applicable") };
			k[n++] = (struct keyhint){ "u", N_("reopen") };
			k[n++] = (struct keyhint){ "D", N_("decision rule") };
		}
		if (phase == PHASE_VISION) {
			k[n++] = (struct keyhint){ "m", N_("merge") };
			k[n++] = (struct keyhint){ "e", N_("edit") };
		}
		if (phase == PHASE_FOLLOWUP)
			k[n++] = (struct keyhint){ "N", N_("next review") };
		if (phase == PHASE_WELCOME || phase == PHASE_FOLLOWUP)
			k[n++] = (struct keyhint){ "M", N_("new meeting") };
		if (phase == PHASE_CAUCUS && t->self == MODEL_FACILITATOR)
			k[n++] = (struct keyhint){ "v", t->caucus_shown ?
			    N_("hide notes") : N_("show notes") };
		if (tui_matrix_private(t) && t->self == MODEL_FACILITATOR)
			k[n++] = (struct keyhint){ "v", t->caucus_shown ?
			    N_("hide entries") : N_("show entries") };
		k[n++] = (struct keyhint){ "W", N_("people") };
		k[n++] = (struct keyhint){ "K", N_("confidentiality") };
		if (open == NULL) {
			k[n++] = (struct keyhint){ "o", N_("straw poll") };
			if (phase != PHASE_MATRIX)
				k[n++] = (struct keyhint){ "d", N_("dot vote") };
		}
	} else if (writes)
		k[n++] = (struct keyhint){ "x", N_("withdraw") };
	/* Only the serving screen closes the room; a co-facilitator's q
	 * leaves it (main.c). */
	k[n++] = (struct keyhint){ "q", t->self == MODEL_FACILITATOR ?
	    N_("close room") : N_("leave") };
	k[n++] = (struct keyhint){ "?", N_("help") };
	draw_keys(y, k, n);
}

/* "You: Ana Pérez (Community) · Present 5", the status on the right. */
static void
draw_self(struct tui *t, int y)
{
	char	*who = self_label(t), *s, *st = NULL;
	int	 sw = 0;

	s = xasprintf(_("You: %s · Present %zu"), who,
	    tui_count_present(t->ws, ROLE_PARTICIPANT));
	/* Observers are counted apart from those who take part. */
	if (tui_count_present(t->ws, ROLE_OBSERVER) > 0) {
		char *tmp = xasprintf(_("%s · Observers: %zu"), s,
		    tui_count_present(t->ws, ROLE_OBSERVER));

		free(s);
		s = tmp;
	}
	if (t->status != NULL) {
		st = text_sanitize(t->status, false);
		sw = (int)text_width(st);
		if (sw > COLS / 2)
			sw = COLS / 2;
	}
	put_trunc(y, 1, COLS - 2 - (sw > 0 ? sw + 2 : 0), s, A_NORMAL);
	if (st != NULL)
		put_trunc(y, COLS - 1 - sw, sw, st, warn_attr(t));
	free(st);
	free(s);
	free(who);
}

/* "Speaking: Inés (Community) · Turns: Community 3 · Police 0", a group
 * present that has not spoken this phase stands out. */
static void
draw_turns(struct tui *t, int y)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*sp = model_person(ws, ws->speaker);
	char				*s, *who, count[16];
	size_t				 i, shown = 0;
	int				 x = 1, end = COLS - 1;
	uint32_t			 n;

	if (sp != NULL) {
		int	tw = tui_clock_width(t, CLOCK_TURN);

		who = speaker_label(ws, sp);
		s = xasprintf(_("Speaking: %s"), who);
		/* How long they have spoken stays in view. */
		x += put_trunc(y, x, end - x - (tw > 0 ? tw + 1 : 0), s,
		    A_BOLD);
		if (tw > 0 && x + 1 + tw <= end) {
			tui_clock_put(t, CLOCK_TURN, y, x + 1, tw);
			x += 1 + tw;
		}
		x += tui_put(y, x, end - x, " · ", A_BOLD);
		free(s);
		free(who);
	}
	x += tui_put(y, x, end - x, _("Turns:"), A_NORMAL);
	for (i = 0; i < ws->ngroups && x < end; i++) {
		uint32_t	gid = ws->groups[i].id;
		bool		here = group_present(ws, gid);
		char		*name;

		n = gid <= MODEL_GROUPS_MAX ? ws->spoken[ws->phase][gid] : 0;
		if (n == 0 && !here)
			continue;
		name = text_sanitize(model_group_shown(ws->groups[i].name),
		    false);
		s = xasprintf("%s %s ", shown > 0 ? " ·" : "", name);
		free(name);
		snprintf(count, sizeof count, "%u", n);
		/* A group that does not fit whole is not cut to "Bus": "…"
		 * says there are more. */
		if (x + (int)(text_width(s) + strlen(count)) > end -
		    (i + 1 < ws->ngroups ? 2 : 0)) {
			tui_put(y, x, end - x, " …", A_NORMAL);
			free(s);
			break;
		}
		shown++;
		x += tui_put(y, x, end - x, s, A_NORMAL);
		free(s);
		x += tui_put(y, x, end - x, count, n == 0 ? warn_attr(t) :
		    (int)A_BOLD);
	}
}

/* Draws the footer from the bottom line up; returns its first line.  The
 * cursor column for the input line goes to *cx (row *cy). */
static int
footer_draw(struct tui *t, struct footer *f, int *cy, int *cx)
{
	int	i, y = LINES - f->n;

	for (i = 0; i < f->n; i++, y++) {
		const struct footer_line *l = &f->v[i];

		switch (l->kind) {
		case FOOT_TEXT:
			if ((l->attr & A_COLOR) != 0)
				tui_fill(y, 0, COLS, l->attr);
			if (l->text != NULL)
				put_trunc(y, 1, COLS - 2, l->text, l->attr);
			break;
		case FOOT_SELF:
			draw_self(t, y);
			break;
		case FOOT_TURNS:
			draw_turns(t, y);
			break;
		case FOOT_FLOOR: {
			int	tw = tui_clock_width(t, CLOCK_TURN), x;

			x = 1 + put_trunc(y, 1, COLS - 3 - tw, l->text,
			    l->attr);
			tui_clock_put(t, CLOCK_TURN, y, x + 1, tw);
			break;
		}
		case FOOT_INPUT:
			*cy = y;
			*cx = tui_editor_draw(&t->ed, y, 1, COLS - 2,
			    t->input_prompt == NULL ? "" : prompt_above(t) ?
			    "› " : t->input_prompt, A_BOLD);
			break;
		case FOOT_KEYS:
			draw_keybar(t, y);
			break;
		}
	}
	return LINES - f->n;
}

/* --- header -------------------------------------------------------------- */

/* Returns the number of lines it took. */
static int
header_draw(struct tui *t, const char *left, const char *right)
{
	int	h = spacious() ? 3 : 1, y = h / 2, rw, attr = header_attr(t);
	int	i, cw = 0, end = COLS - margin();

	for (i = 0; i < h; i++)
		tui_fill(i, 0, COLS, attr);
	/* The timebox at the right end, unless the body shows it big. */
	if (t->clock.big_rows == 0 && t->ws != NULL && t->ask == 0)
		cw = tui_clock_width(t, CLOCK_HEAD);
	if (cw > 0 && cw + 3 <= COLS / 2) {
		tui_clock_put(t, CLOCK_HEAD, y, end - cw, cw);
		end -= cw + 3;
	}
	rw = (int)text_width(right);
	if (rw > end - margin())
		rw = end - margin();
	put_trunc(y, margin(), end - margin() - (rw > 0 ? rw + 2 : 0),
	    left, attr);
	if (rw > 0)
		put_trunc(y, end - rw, rw, right, attr);
	return h;
}

/*
 * "Meeting 2 · 2026-11-27 · " for the header once the room has met more
 * than once; on a narrow screen the date goes first, then the meeting,
 * so the title (sanitised) keeps a dozen columns beside the rule and the
 * phase.
 */
/* "Phase 3/9 · Dialogue" for the header. */
static char *
phase_label(const struct tui *t)
{
	const struct workshop	*ws = t->ws;

	/* TRANSLATORS: in the header: the phase's number, of how many,
	 * and its title. */
	return xasprintf(_("Phase %d/%d · %s"), (int)model_step_now(ws),
	    (int)model_steps(ws) - 1, tui_step_title(t,
	    model_step_now(ws)));
}

static char *
meeting_label(const struct tui *t, const char *title)
{
	const struct workshop	*ws = t->ws;
	const struct meeting	*m = model_meeting(ws, ws->meeting);
	int			 conf = model_conf(ws, ws->phase), room, tw;
	char			 date[16], *s, *rest, *phase;

	if (ws->nmeetings < 2 || m == NULL)
		return xstrdup("");
	phase = phase_label(t);
	rest = xasprintf("%s%s%s", conf == CONF_CHATHAM ||
	    conf == CONF_OFF_RECORD ? tui_conf_label(conf) : "",
	    conf == CONF_CHATHAM || conf == CONF_OFF_RECORD ? " · " : "",
	    phase);
	free(phase);
	tw = (int)text_width(title);
	room = COLS - 2 * margin() - 2 - (tw < 12 ? tw : 12) -
	    (int)text_width(rest);
	free(rest);
	s = xasprintf(_("Meeting %u · %s · "), m->id,
	    model_date_format(m->date, date, sizeof date));
	if ((int)text_width(s) > room) {
		free(s);
		s = xasprintf(_("Meeting %u · "), m->id);
		if ((int)text_width(s) > room) {
			free(s);
			s = xstrdup("");
		}
	}
	return s;
}

/* --- layout -------------------------------------------------------------- */

static int
header_height(void)
{
	return spacious() ? 3 : 1;
}

static void
layout(struct tui *t, const struct footer *f)
{
	int	hh = header_height(), gap = spacious() ? 1 : 0;

	t->body_y = hh + gap;
	t->body_h = LINES - f->n - t->body_y - gap;
	if (t->body_h < 1)
		t->body_h = 1;
	t->body_x = margin();
	t->body_w = COLS - 2 * margin();
	if (t->body_w < 8)
		t->body_w = 8;

	/* The poll panel on top: a third of the body, more on a phone
	 * (panel.c). */
	t->box_h = 0;
	if (t->ws == NULL || t->ask != 0 || t->mode == MODE_HELP ||
	    t->overlay != OVERLAY_NONE)
		tui_panel_build(t, t->body_w, 0);
	else
		tui_panel_build(t, t->body_w, t->body_h);
	if (t->npanel > 0) {
		t->panel_y = t->body_y;
		t->body_y += (int)t->npanel + gap;
		t->body_h -= (int)t->npanel + gap;
	}
	/* The timebox in big digits on the projected screen (timebox.c). */
	if (t->ws != NULL && t->ask == 0 && t->mode != MODE_HELP &&
	    t->overlay == OVERLAY_NONE && !tui_card_shown(t) &&
	    (t->clock.big_rows = tui_clock_big_rows(t, t->body_w,
	    t->body_h)) > 0) {
		t->clock.big_y = t->body_y;
		t->body_y += t->clock.big_rows + gap;
		t->body_h -= t->clock.big_rows + gap;
	}
	/* The text box at the bottom: 6 to 10 lines inside its frame, the
	 * selection (the section written for) kept in view above it. */
	if (t->mode == MODE_BOX && t->ask == 0) {
		int inner = t->body_h / 3;

		if (inner < 6)
			inner = 6;
		if (inner > 10)
			inner = 10;
		if (inner + 2 > t->body_h - 2)
			inner = t->body_h - 4;
		if (inner < 1)
			inner = 1;
		t->box_h = inner + 2;
		t->box_y = t->body_y + t->body_h - t->box_h;
		t->body_h -= t->box_h;
	}
	if (t->body_h < 1)
		t->body_h = 1;
}

/* --- units: the scrolled rows, lazy lists' entries made on demand ------- */

/* A place in the scrolled body: a unit, a row of it. */
struct pos {
	size_t	u, r;
};

static bool
pos_lt(struct pos a, struct pos b)
{
	return a.u < b.u || (a.u == b.u && a.r < b.r);
}

static size_t
units(const struct tui *t)
{
	const struct rows	*r = &t->rows;
	size_t			 n = r->n - r->nfixed, i;

	for (i = 0; i < r->nlists; i++)
		n += r->lists[i].n;
	return n;
}

/* The unit of row i of the list. */
static size_t
row_unit(const struct tui *t, size_t i)
{
	const struct rows	*r = &t->rows;
	size_t			 u = i - r->nfixed, k;

	for (k = 0; k < r->nlists && r->lists[k].at <= i; k++)
		u += r->lists[k].n;
	return u;
}

/* Whether a page starting at top draws the column heading of the table
 * it starts in above its rows (the heading has scrolled off). */
static bool
sticky_over(const struct tui *t, struct pos top)
{
	const struct rows	*r = &t->rows;
	size_t			 hu;

	if (r->sticky_end == 0 || r->sticky < r->nfixed)
		return false;
	hu = row_unit(t, r->sticky);
	return top.u > hu && top.u < hu + (r->sticky_end - r->sticky);
}

/* The rows of the list a page starting at top shows: one fewer under a
 * column heading (not on a page too short to spare it). */
static size_t
list_page(const struct tui *t, struct pos top, size_t page)
{
	return page > 3 && sticky_over(t, top) ? page - 1 : page;
}

static void
out_add(struct rows *out, const struct row *row)
{
	if (out->n == out->cap) {
		out->cap = out->cap == 0 ? 8 : out->cap * 2;
		out->v = xrealloc(out->v, out->cap * sizeof *out->v);
	}
	out->v[out->n] = *row;
	out->v[out->n++].lent = true;
}

/* The rows of entry k of lazy list l, into out (emptied first): none when
 * it is not shown there (lazy_shown). */
static void
lazy_entry(struct tui *t, const struct lazy *l, size_t k, struct rows *out)
{
	const uint32_t		*ids;
	const struct item	*it;
	struct rows		 saved = t->rows;
	size_t			 n;

	rows_clear(out);
	ids = lazy_ids(t, l, &n);
	if (k >= n || !lazy_shown(t, l, it = model_item(t->ws, ids[k])))
		return;
	t->rows = *out;
	if (l->gap && spacious())
		add_blank(t);
	if (l->what == LAZY_STATEMENTS)
		add_statement_tree(t, it, l->indent, 0);
	else
		add_contribution(t, l->indent, it);
	*out = t->rows;
	t->rows = saved;
}

/* The rows of unit u, into out (emptied first). */
static void
unit_rows(struct tui *t, size_t u, struct rows *out)
{
	const struct rows	*r = &t->rows;
	size_t			 i, entries = 0;

	for (i = 0; i < r->nlists; i++) {
		const struct lazy *l = &r->lists[i];

		if (u < l->before)
			break;
		if (u < l->before + l->n) {
			lazy_entry(t, l, u - l->before, out);
			return;
		}
		entries += l->n;
	}
	rows_clear(out);
	if (r->nfixed + u - entries < r->n)
		out_add(out, &r->v[r->nfixed + u - entries]);
}

/*
 * A walk over the scrolled rows, each unit's rows made when first asked
 * for.  A frame walks the same page three or four times (the selection
 * kept in view, the page filled, the rows drawn, a look above), so the
 * rows made are kept for the walk, in a table indexed by the unit modulo
 * its size: the units of a page are consecutive, so they collide only on
 * a page of more than WALK_SLOTS units, where a unit is then made again.
 */
#define WALK_SLOTS	128

struct walk_slot {
	size_t		 u;		/* SIZE_MAX: empty */
	struct rows	 rows;
};

struct walk {
	struct tui		*t;
	size_t			 units;
	struct walk_slot	*slot;		/* WALK_SLOTS, on first use */
	struct rows		*cur;		/* the unit walk_n last made */
};

static void
walk_init(struct walk *w, struct tui *t)
{
	*w = (struct walk){ .t = t, .units = units(t) };
}

static void
walk_done(struct walk *w)
{
	size_t	i;

	if (w->slot == NULL)
		return;
	for (i = 0; i < WALK_SLOTS; i++) {
		rows_clear(&w->slot[i].rows);
		free(w->slot[i].rows.v);
	}
	free(w->slot);
}

/* The number of rows of unit u, whose rows are then w->cur. */
static size_t
walk_n(struct walk *w, size_t u)
{
	struct walk_slot	*s;
	size_t			 i;

	if (u >= w->units)
		return 0;
	if (w->slot == NULL) {
		w->slot = xcalloc(WALK_SLOTS, sizeof *w->slot);
		for (i = 0; i < WALK_SLOTS; i++)
			w->slot[i] = (struct walk_slot){ .u = SIZE_MAX };
	}
	s = &w->slot[u % WALK_SLOTS];
	if (s->u != u) {
		unit_rows(w->t, u, &s->rows);
		s->u = u;
	}
	w->cur = &s->rows;
	return s->rows.n;
}

/* The item of the row at p (a row). */
static uint32_t
walk_item(struct walk *w, struct pos p)
{
	return p.r < walk_n(w, p.u) ? w->cur->v[p.r].item : 0;
}

/* p moves to the first row at or after it; false when there is none. */
static bool
walk_settle(struct walk *w, struct pos *p)
{
	while (p->u < w->units && p->r >= walk_n(w, p->u)) {
		p->u++;
		p->r = 0;
	}
	return p->u < w->units;
}

/* p (a row) moves to the next row; false (p stays) at the last. */
static bool
walk_next(struct walk *w, struct pos *p)
{
	struct pos	q = { p->u, p->r + 1 };

	if (!walk_settle(w, &q))
		return false;
	*p = q;
	return true;
}

/* p moves to the row before it; false (p stays) at the first. */
static bool
walk_prev(struct walk *w, struct pos *p)
{
	struct pos	q = *p;
	size_t		n;

	if (q.u < w->units && q.r > 0) {
		p->r--;
		return true;
	}
	while (q.u > 0) {
		if ((n = walk_n(w, --q.u)) > 0) {
			p->u = q.u;
			p->r = n - 1;
			return true;
		}
	}
	return false;
}

/* The first (or the last) row's place; false when there are no rows. */
static bool
walk_first(struct walk *w, struct pos *p)
{
	*p = (struct pos){ 0, 0 };
	return walk_settle(w, p);
}

static bool
walk_last(struct walk *w, struct pos *p)
{
	*p = (struct pos){ w->units, 0 };
	return walk_prev(w, p);
}

/* The first and last rows item id is drawn on; false when it is not
 * drawn.  A lazy list's entry is found by binary search in its index (a
 * merged statement under the one it joined). */
static bool
walk_find(struct walk *w, uint32_t id, struct pos *a, struct pos *b)
{
	struct tui		*t = w->t;
	const struct rows	*r = &t->rows;
	const struct item	*it, *root, *up;
	const uint32_t		*ids;
	size_t			 i, k, lo, hi, mid, n;
	int			 depth;
	bool			 found = false;

	if (id == 0 || t->ws == NULL)
		return false;
	for (i = r->nfixed; i < r->n; i++) {
		if (r->v[i].item != id)
			continue;
		*b = (struct pos){ row_unit(t, i), 0 };
		if (!found)
			*a = *b;
		found = true;
	}
	if (found || (it = model_item(t->ws, id)) == NULL)
		return found;
	for (k = 0; k < r->nlists && !found; k++) {
		const struct lazy *l = &r->lists[k];

		root = it;
		for (depth = 0; l->what == LAZY_STATEMENTS && depth < 10 &&
		    (up = statement_parent(t, root)) != NULL; depth++)
			root = up;
		if (root->kind != l->kind ||
		    (l->ref != 0 && root->ref != l->ref))
			continue;
		ids = lazy_ids(t, l, &n);
		lo = 0;
		hi = l->n < n ? l->n : n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (ids[mid] < root->id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == (l->n < n ? l->n : n) || ids[lo] != root->id)
			continue;
		n = walk_n(w, l->before + lo);
		for (i = 0; i < n; i++) {
			if (w->cur->v[i].item != id)
				continue;
			*b = (struct pos){ l->before + lo, i };
			if (!found)
				*a = *b;
			found = true;
		}
	}
	return found;
}

/* Whether row b is on the page that starts at row top. */
static bool
walk_within(struct walk *w, struct pos top, struct pos b, size_t page)
{
	size_t	k = 0;

	if (pos_lt(b, top))
		return false;
	while (pos_lt(top, b)) {
		if (++k >= page || !walk_next(w, &top))
			return false;
	}
	return true;
}

/* top (a row, or the end) moves up so the page under it is full when the
 * rows allow it. */
static void
walk_fill(struct walk *w, struct pos *top, size_t page)
{
	struct pos	p;
	size_t		k;

	if (walk_settle(w, top)) {
		p = *top;
		for (k = 1; k < page && walk_next(w, &p); k++)
			;
		if (k >= page)
			return;
	}
	if (!walk_last(w, &p)) {
		*top = (struct pos){ 0, 0 };
		return;
	}
	for (k = 1; k < page && walk_prev(w, &p); k++)
		;
	*top = p;
}

/* The rows from top to the list's last, at most page. */
static size_t
rows_to_end(struct walk *w, struct pos top, size_t page)
{
	size_t	n = 0;

	if (!walk_settle(w, &top))
		return 0;
	for (n = 1; n < page && walk_next(w, &top); n++)
		;
	return n;
}

/* walk_fill for a page that may start under a column heading: top moves
 * up, when the rows under it do not fill what the page shows there, to
 * the last page's top, a row further down when the heading would be
 * drawn over that page (else its last row would not be seen).  Past the
 * table's end it leaves a blank row at the foot rather than hide one. */
static void
fill_page(const struct tui *t, struct walk *w, struct pos *top, size_t page)
{
	struct pos	e = { w->units, 0 }, f;

	if (walk_settle(w, top) &&
	    rows_to_end(w, *top, page) >= list_page(t, *top, page))
		return;
	walk_fill(w, &e, page);
	f = e;
	if (list_page(t, e, page) < page && walk_next(w, &f))
		e = f;
	*top = e;
}

/* The item of the first (or the last) selectable row, 0 when none. */
static uint32_t
walk_end_item(struct walk *w, bool last)
{
	struct pos	p;
	uint32_t	id;

	if (!(last ? walk_last(w, &p) : walk_first(w, &p)))
		return 0;
	do {
		if ((id = walk_item(w, p)) != 0)
			return id;
	} while (last ? walk_prev(w, &p) : walk_next(w, &p));
	return 0;
}

static void
pick_selection(struct tui *t)
{
	struct walk	w;
	struct pos	a, b;

	walk_init(&w, t);
	if (t->sel == 0 || !walk_find(&w, t->sel, &a, &b)) {
		t->sel = walk_end_item(&w, false);
		t->sel_chosen = false;
	}
	walk_done(&w);
}

/* The item of the last (or the first) selectable row, 0 when none. */
static uint32_t
end_item(struct tui *t, bool last)
{
	struct walk	w;
	uint32_t	id;

	walk_init(&w, t);
	id = walk_end_item(&w, last);
	walk_done(&w);
	return id;
}

void
tui_views_step(struct tui *t, int step)
{
	struct walk	w;
	struct pos	a, b, p;
	uint32_t	id, first = 0, second = 0;

	walk_init(&w, t);
	/* A selection below a page scrolled away from it (Home, PgUp) is
	 * the next one down: it comes into view. */
	if (t->free_scroll && step > 0 && walk_find(&w, t->sel, &a, &b)) {
		p = (struct pos){ t->top, t->top_row };
		if (walk_settle(&w, &p) && pos_lt(p, a) && !walk_within(&w, p,
		    a, list_page(t, p, tui_views_page(t)))) {
			walk_done(&w);
			return;
		}
	}
	if (walk_find(&w, t->sel, &a, &b)) {
		p = step > 0 ? b : a;
		while (step > 0 ? walk_next(&w, &p) : walk_prev(&w, &p))
			if ((id = walk_item(&w, p)) != 0 && id != t->sel) {
				t->sel = id;
				break;
			}
	} else if (walk_first(&w, &p)) {
		/* Not on the screen: from the first item. */
		do {
			id = walk_item(&w, p);
			if (id != 0 && first == 0)
				first = id;
			else if (id != 0 && id != first)
				second = id;
		} while (second == 0 && walk_next(&w, &p));
		if (first != 0)
			t->sel = step > 0 && second != 0 ? second : first;
	}
	walk_done(&w);
}

bool
tui_views_page_by(struct tui *t, int dir)
{
	struct walk	w;
	struct pos	top = { t->top, t->top_row }, a, b, q;
	size_t		page = tui_views_page(t), k;
	uint32_t	id, prev = 0;

	walk_init(&w, t);
	if (walk_settle(&w, &top))
		for (k = 0; k < (page > 1 ? page - 1 : 1); k++)
			if (!(dir > 0 ? walk_next(&w, &top) :
			    walk_prev(&w, &top)))
				break;
	fill_page(t, &w, &top, page);
	t->top = top.u;
	t->top_row = top.r;
	t->free_scroll = false;
	t->jumped = false;
	if (walk_find(&w, t->sel, &a, &b) && !pos_lt(a, top) &&
	    walk_within(&w, top, b, list_page(t, top, page))) {
		walk_done(&w);
		return false;
	}
	/* The first item starting on the new page, else leave the
	 * selection where it was and let the page show text without one. */
	t->free_scroll = true;
	q = top;
	if (walk_prev(&w, &q))
		prev = walk_item(&w, q);
	page = list_page(t, top, page);
	for (k = 0; k < page && walk_settle(&w, &top); k++) {
		id = walk_item(&w, top);
		if (id != 0 && id != prev) {
			t->sel = id;
			t->free_scroll = false;
			break;
		}
		prev = id;
		if (!walk_next(&w, &top))
			break;
	}
	walk_done(&w);
	return true;
}

void
tui_views_end(struct tui *t, bool last)
{
	struct walk	w;
	struct pos	top = { 0, 0 }, a, b;
	uint32_t	id;

	walk_init(&w, t);
	if ((id = walk_end_item(&w, last)) != 0)
		t->sel = id;
	t->top = last ? w.units : 0;
	t->top_row = 0;
	t->jumped = false;
	/* Home shows the top, what is above the first item included (a
	 * revealed report-back, on a phone), even when that item is
	 * further down: Down then brings it into view. */
	t->free_scroll = !last && walk_find(&w, t->sel, &a, &b) &&
	    walk_settle(&w, &top) && !walk_within(&w, top, a,
	    list_page(t, top, tui_views_page(t)));
	walk_done(&w);
}

/* Up to which poll the results are put away when the room moves on: all
 * of them, but a poll still open stays, to be closed and revealed where
 * the room is now (it was put away with the rest, and its result, once
 * closed, reached no screen). */
static uint32_t
results_put_away(const struct workshop *ws)
{
	/* The room's poll only: a caucus's own check left open must not
	 * keep old results in view (R would reveal one). */
	const struct poll	*p = model_open_poll(ws);

	return p != NULL ? p->id - 1 : (uint32_t)ws->npolls;
}

/*
 * The newest shown entry of lazy list l among its first n ids, 0 when
 * none: a list's ids come in the order they were written.  Asked on
 * every build, so only the last NEWEST_LOOK are looked at (on the
 * projector, a caucus's notes are all in the index and none is shown).
 */
#define NEWEST_LOOK	64

static uint32_t
lazy_newest(const struct tui *t, const struct lazy *l, size_t n)
{
	const uint32_t	*ids;
	size_t		 have, k;

	ids = lazy_ids(t, l, &have);
	if (n > have)
		n = have;
	for (k = 0; n > 0 && k < NEWEST_LOOK; k++) {
		const struct item *it = model_item(t->ws, ids[--n]);

		if (lazy_shown(t, l, it))
			return it->id;
	}
	return 0;
}

/* Whether lazies a and b are one list (built again). */
static bool
lazy_same(const struct lazy *a, const struct lazy *b)
{
	return a->what == b->what && a->kind == b->kind && a->ref == b->ref &&
	    a->col == b->col;
}

/*
 * The list whose newest entry the selection is on, in the rows as last
 * built (as many of its entries as it had then): *l, and true.  Someone
 * on the newest answer to a question, or the newest problem statement,
 * follows that list as the room writes, as End follows the last one.
 */
static bool
following_list(const struct tui *t, struct lazy *l)
{
	size_t	i;

	if (t->sel == 0 || t->free_scroll || t->ws == NULL)
		return false;
	for (i = 0; i < t->rows.nlists; i++)
		if (lazy_newest(t, &t->rows.lists[i], t->rows.lists[i].n) ==
		    t->sel) {
			*l = t->rows.lists[i];
			return true;
		}
	return false;
}

/*
 * What this person wrote since the last build and the rows now show: the
 * newest of it, 0 when none.  Whoever writes sees what they wrote, even
 * where they were reading elsewhere (a problem statement written while
 * the selection was on the vision statements below it was on nobody's
 * screen, the writer's included).
 */
static uint32_t
own_newest(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	struct walk		 w;
	struct pos		 a, b;
	size_t			 i, from = t->own_seen;
	uint32_t		 id = 0;

	t->own_seen = ws->nitems;
	if (from > ws->nitems || t->self == 0)
		return 0;
	walk_init(&w, t);
	for (i = ws->nitems; i > from && id == 0; i--) {
		const struct item *it = &ws->items[i - 1];

		if (it->kind != ITEM_HIDDEN && it->author == t->self &&
		    walk_find(&w, it->id, &a, &b))
			id = it->id;
	}
	walk_done(&w);
	return id;
}

void
tui_views_build(struct tui *t)
{
	struct footer	f;
	int		width;
	uint32_t	old, mine, was;
	struct lazy	tail;
	bool		at_end, on_tail;
	size_t		i;

	/* An action card whose action or phase is gone closes first: the
	 * layout depends on it. */
	tui_card_check(t);
	footer_build(t, &f);
	layout(t, &f);
	footer_free(&f);
	if (t->ws == NULL)
		return;
	width = t->body_w - 2;	/* two columns for the selection mark */
	if (!t->stale && width == t->rows_width &&
	    t->rows_phase == (int)model_step_now(t->ws))
		return;
	if (t->rows_phase != (int)model_step_now(t->ws)) {
		/* The room moved on: a closed poll's result is put away
		 * (an open poll stays until it is closed). */
		if (t->rows_phase != -1) {
			t->panel_after = results_put_away(t->ws);
			footer_build(t, &f);
			layout(t, &f);
			footer_free(&f);
		}
		/* A new phase starts at its top (in Dialogue, the answers to
		 * the question put to the room), and caucus notes shown with
		 * v are hidden again until v says otherwise. */
		t->sel = 0;
		t->top = 0;
		t->top_row = 0;
		t->jumped = false;
		t->caucus_shown = false;
		t->free_scroll = false;
		t->follow = false;
		t->own_seen = t->ws->nitems;	/* the top wins */
	} else if (t->ws->phase == PHASE_DIALOGUE &&
	    t->ws->question != t->rows_question && t->ws->question != 0) {
		/* A new question put to the room: everyone goes back to the
		 * top, where its answers come (w answers it wherever the
		 * selection is). */
		t->sel = 0;
		t->top = 0;
		t->top_row = 0;
		t->jumped = false;
		t->free_scroll = false;
		/* (the question typed and put with t included) */
		t->own_seen = t->ws->nitems;
	}
	t->rows_question = t->ws->question;
	/* Someone following the end of a list (End pressed, or the last of
	 * several items selected) keeps following it as the room writes. */
	at_end = t->rows_phase == (int)model_step_now(t->ws) &&
	    !t->free_scroll &&
	    (t->follow || (t->sel != 0 && t->sel == end_item(t, true) &&
	    t->sel != end_item(t, false)));
	/* The same for the newest of a list that is not the last (answers
	 * above the questions, problem statements above the visions): where
	 * a key or what they wrote put the selection (not where it fell by
	 * default), and not while a facilitator picks the statement to
	 * merge into. */
	on_tail = t->rows_phase == (int)model_step_now(t->ws) && !at_end &&
	    t->merging == 0 && t->sel_chosen && following_list(t, &tail);
	was = t->sel;
	rows_clear(&t->rows);
	tui_rowcache_begin(&t->rowcache);
	/* The checks and the merges are indexed again when first asked
	 * for, and kept for drawing the lazy lists until the next build. */
	free(t->checks);
	free(t->merged);
	t->checks = t->merged = NULL;
	t->build_poll = model_open_poll(t->ws);
	t->rows_width = width;
	t->rows_phase = (int)model_step_now(t->ws);
	add_prompt(t);
	switch (t->ws->phase) {
	case PHASE_WELCOME:
		build_welcome(t);
		break;
	case PHASE_EXPECTATIONS:
		build_expectations(t);
		break;
	case PHASE_GROUND_RULES:
		build_rules(t);
		break;
	case PHASE_DIALOGUE:
		build_dialogue(t);
		break;
	case PHASE_CAUCUS:
		build_caucus(t);
		break;
	case PHASE_CHARTER:
		build_charter(t);
		break;
	case PHASE_VISION:
		build_vision(t);
		break;
	case PHASE_ACTIONS:
		build_actions(t);
		break;
	case PHASE_FOLLOWUP:
		build_followup(t);
		break;
	case PHASE_MATRIX:
		tui_matrix_build(t);
		break;
	case PHASE_INDICATORS:
		tui_indicators_build(t);
		break;
	}
	tui_rowcache_sweep(&t->rowcache);
	t->build_poll = NULL;
	t->stale = false;
	if (at_end && (old = end_item(t, true)) != 0) {
		if (old != t->sel)
			t->arrived = true;
		t->sel = old;
	}
	/* The list the selection was at the newest of: its newest now. */
	for (i = 0; on_tail && i < t->rows.nlists; i++)
		if (lazy_same(&t->rows.lists[i], &tail) &&
		    (old = lazy_newest(t, &t->rows.lists[i],
		    t->rows.lists[i].n)) != 0 && old != t->sel) {
			t->sel = old;
			t->arrived = true;
		}
	if ((mine = own_newest(t)) != 0 && mine != t->sel) {
		t->sel = mine;
		t->sel_chosen = true;
		t->free_scroll = false;
		t->arrived = true;
		/* End's following stops there, or the next event would
		 * take the selection back to the last item. */
		if (mine != end_item(t, true))
			t->follow = false;
	}
	pick_selection(t);
	if (t->sel != was && t->ws->phase == PHASE_CHARTER) {
		/* The selected section shows its guidance. */
		t->stale = true;
		t->rows_width = -1;
		tui_views_build(t);
	}
}

/*
 * Which of the rows kept on top of the body (the phase's prompt, a
 * caption, a matrix's cell, the question to the room) are drawn, from
 * *from to *to: all of them, unless they would leave the list fewer than
 * LIST_MIN rows of a body that has more, as under a caucus check's
 * result on a phone, where the report-back and the notes could not be
 * reached at all.  Then the first give way: the phase's prompt (? shows
 * it whole), then a caption; what is nearest the list (the cell being
 * written in, the question) stays.  Returns how many are drawn.
 */
#define LIST_MIN	3

static size_t
fixed_range(const struct tui *t, size_t *from, size_t *to)
{
	size_t	nf = t->rows.nfixed, need;

	*from = 0;
	*to = nf;
	if (t->body_h <= LIST_MIN || t->body_h - (int)nf >= LIST_MIN)
		return nf;
	need = (size_t)(LIST_MIN - (t->body_h - (int)nf));
	*from = need < nf ? need : nf;
	return *to - *from;
}

static size_t
fixed_shown(const struct tui *t)
{
	size_t	from, to;

	return fixed_range(t, &from, &to);
}

size_t
tui_views_page(const struct tui *t)
{
	int	h = t->body_h - (int)fixed_shown(t);

	return h > 1 ? (size_t)h : 1;
}

struct row *
tui_rows_add(struct tui *t, char *text, int attr, uint32_t item)
{
	return rows_add(t, text, attr, item);
}

void
tui_add_text(struct tui *t, int indent, const char *prefix,
    const char *text, const char *suffix, int attr, uint32_t item)
{
	add_text(t, indent, prefix, text, suffix, attr, item);
}

void
tui_add_entry(struct tui *t, int indent, const char *prefix,
    const char *text, int attr, uint32_t item)
{
	add_text_kept(t, indent, prefix, text, NULL, attr, item,
	    item != 0 && item <= t->ws->nitems ? item : UINT32_MAX, true);
}

void
tui_add_blank(struct tui *t)
{
	add_blank(t);
}

const struct poll *
tui_open_poll(const struct tui *t)
{
	return t->build_poll != NULL ? t->build_poll :
	    model_open_poll(t->ws);
}

bool
tui_item_shown(const struct tui *t, const struct item *it)
{
	return item_shown(t, it);
}

/*
 * Scrolls so the selection is in view, unless the person scrolled away
 * from it with PgUp/PgDn; the page is kept full.
 *
 * Except when the room's newest item, followed, goes past the foot of a
 * page of JUMP_ROWS rows or more: then the page jumps, and the new item
 * ends about half-way down, with blank rows under it for the next ones.
 * What is on a projected page stays still while the room reads it,
 * instead of every line climbing one row with each contribution; and a
 * screen draws the few rows that change instead of all of them (at 300
 * participants, what a contribution costs the room's machine is those
 * 300 screens).  The blank rows stay until the list is scrolled.
 *
 * Where the new item lands varies a little from one person's screen to
 * the next (up to a sixth of the page either way; the facilitator's, on
 * the projector, is half-way): screens of one size that jumped together
 * would all draw a whole page for the same contribution, which everyone
 * would then wait for.
 */
#define JUMP_ROWS	12

static size_t
jump_keep(const struct tui *t, size_t page)
{
	uint32_t	h = t->self * 2654435761u;	/* Knuth's multiplier */
	size_t		spread = page / 6;

	if (t->self == 0 || t->self == MODEL_FACILITATOR || spread == 0)
		return (page + 1) / 2;
	return (page + 1) / 2 - spread + (h >> 16) % (2 * spread + 1);
}

static void
keep_visible(struct tui *t, struct walk *w)
{
	struct pos	top = { t->top, t->top_row }, a, b;
	size_t		page = tui_views_page(t), k, keep;
	bool		arrived = t->arrived;

	t->arrived = false;
	if (!t->free_scroll && walk_find(w, t->sel, &a, &b)) {
		walk_settle(w, &top);
		if (!walk_within(w, top, b, list_page(t, top, page)) &&
		    !pos_lt(b, top)) {
			keep = arrived && page >= JUMP_ROWS ?
			    jump_keep(t, page) : page;
			top = b;
			for (k = 1; k < keep && walk_prev(w, &top); k++)
				;
			/* Under a column heading a row less is shown. */
			if (k > list_page(t, top, page))
				walk_next(w, &top);
			t->jumped = keep < page;
			t->jump_page = page;
			t->jump_rows = rows_to_end(w, top, page);
		}
		if (pos_lt(a, top)) {
			top = a;
			t->jumped = false;
		}
	} else
		t->jumped = false;
	/* A page stays as a jump left it only while it is as tall and holds
	 * at least as many rows from its top: a taller page (a resize, the
	 * text box closed) or rows gone above it (merged, withdrawn, hidden)
	 * would show blank rows where earlier items fit. */
	if (t->jumped && (page != t->jump_page ||
	    rows_to_end(w, top, page) < t->jump_rows))
		t->jumped = false;
	if (!t->jumped)
		fill_page(t, w, &top, page);
	t->top = top.u;
	t->top_row = top.r;
}

static void
draw_row(struct tui *t, const struct row *r, int y, bool selected,
    bool first)
{
	int	attr = r->attr, x = t->body_x + 2, w = t->body_w - 2, used;

	if (r->wide) {
		x -= 2;
		w += 2;
	}

	if (selected) {
		attr |= A_REVERSE;
		attr &= ~A_DIM;
		tui_fill(y, t->body_x + 2, t->body_w - 2, A_REVERSE);
		if (first)
			tui_put(y, t->body_x, 2, "▶", A_BOLD);
	}
	used = 0;
	if (r->emph > 0)
		used = tui_putn(y, x, w, r->text, r->emph, attr | A_BOLD);
	if (r->hl_len > 0 && r->hl >= r->emph &&
	    r->hl + r->hl_len <= strlen(r->text)) {
		used += tui_putn(y, x + used, w - used, r->text + r->emph,
		    r->hl - r->emph, attr);
		used += tui_putn(y, x + used, w - used, r->text + r->hl,
		    r->hl_len, (attr | A_REVERSE) & ~A_DIM);
		tui_put(y, x + used, w - used, r->text + r->hl + r->hl_len,
		    attr);
		return;
	}
	tui_put(y, x + used, w - used, r->text + r->emph, attr);
}

static void
draw_body(struct tui *t)
{
	struct walk	 w;
	struct pos	 p, q;
	struct row	 r;
	size_t		 i, page, fixed, from, to;
	uint32_t	 prev = 0;
	bool		 above, more = false;
	int		 y, y0;

	walk_init(&w, t);
	keep_visible(t, &w);
	fixed = fixed_range(t, &from, &to);
	for (i = from; i < to && (int)(i - from) < t->body_h; i++)
		draw_row(t, &t->rows.v[i], t->body_y + (int)(i - from), false,
		    false);
	/* No room left for the list: nothing drawn past the body (a row
	 * went under the status line, which left its end showing). */
	if (t->body_h - (int)fixed < 1) {
		walk_done(&w);
		return;
	}
	page = tui_views_page(t);
	y = t->body_y + (int)fixed;
	p = (struct pos){ t->top, t->top_row };
	q = p;
	above = walk_prev(&w, &q);
	y0 = y;
	if (walk_settle(&w, &p)) {
		if (list_page(t, p, page) < page) {
			draw_row(t, &t->rows.v[t->rows.sticky], y++, false,
			    false);
			page--;
		}
		for (i = 0; i < page; i++) {
			walk_n(&w, p.u);
			r = w.cur->v[p.r];
			draw_row(t, &r, y + (int)i, r.item != 0 &&
			    r.item == t->sel, i == 0 || prev != r.item);
			prev = r.item;
			if (!walk_next(&w, &p))
				break;
			more = i + 1 == page;
		}
	}
	/* Where there is more, a mark in the right margin says so. */
	if (above)
		tui_put(y0, COLS - 1, 1, "↑", A_BOLD);
	if (more)
		tui_put(y + (int)page - 1, COLS - 1, 1, "↓", A_BOLD);
	walk_done(&w);
}

/* --- whole screens ------------------------------------------------------- */


/* The help's lines, wrapped to the screen before it is drawn. */
struct helplines {
	struct {
		char	*s;
		int	 attr;
	}	*v;
	size_t	 n, cap;
};

/* Adds s (taken). */
static void
help_add(struct helplines *h, char *s, int attr)
{
	if (h->n == h->cap) {
		h->cap = h->cap == 0 ? 64 : h->cap * 2;
		h->v = xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n].s = s;
	h->v[h->n++].attr = attr;
}

/* Below this width the help puts what keys do beneath them. */
#define HELP_NARROW	60
#define HELP_COLUMN	19	/* where what keys do starts (translators
				 * keep it) */

/* Adds text wrapped to width, its later lines indented by indent. */
static void
help_wrap_as(struct helplines *h, const char *text, int width,
    const char *indent, int attr)
{
	char	*wrapped = text_wrap(text, (size_t)width, "", indent), *line,
		*nl;

	for (line = wrapped; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		help_add(h, xstrndup(line, (size_t)(nl - line)), attr);
	}
	free(wrapped);
}

static void
help_wrap(struct helplines *h, const char *text, int width,
    const char *indent)
{
	help_wrap_as(h, text, width, indent, A_NORMAL);
}
/*
 * "  w or Enter       write (...)": the keys, then from column 19 what
 * they do.  On a phone that column left a dozen letters a line (a dozen
 * pages of help at 40x14): there the keys have a line of their own and
 * what they do goes beneath, indented.
 */
static void
help_entry(struct helplines *h, const char *line, int width)
{
	const char	*gap = strstr(line + strspn(line, " "), "  ");
	char		*wrapped, *l, *nl, *keys;
	bool		 column;

	/* Only where what the keys do starts at column 19 ("Enter send
	 * Esc cancel ..." is pairs of keys and what they do, with runs of
	 * three spaces between them: a French one starts 19 wide). */
	if (gap != NULL) {
		keys = xstrndup(line, (size_t)(gap + strspn(gap, " ") - line));
		column = text_width(keys) == HELP_COLUMN &&
		    strstr(gap + strspn(gap, " "), "   ") == NULL;
		free(keys);
	} else
		column = false;
	if (width >= HELP_NARROW || (int)text_width(line) <= width) {
		help_wrap(h, line, width, "                   ");
		return;
	}
	/* Pairs of keys and what they do ("Enter send   Esc cancel"): on
	 * a phone each pair on a line of its own (their lines went on at
	 * column 19, a word or two each). */
	if (!column) {
		const char	*p = line + strspn(line, " "), *end;
		char		*pair;

		while (*p != '\0') {
			end = strstr(p, "   ");
			if (end == NULL)
				end = p + strlen(p);
			pair = xasprintf("  %.*s", (int)(end - p), p);
			help_wrap(h, pair, width, "    ");
			free(pair);
			p = end + strspn(end, " ");
		}
		return;
	}
	/* As help_wrap draws the others: from their first letter. */
	line += strspn(line, " ");
	help_add(h, xstrndup(line, (size_t)(gap - line)), A_BOLD);
	wrapped = text_wrap(gap + strspn(gap, " "), (size_t)width, "  ",
	    "  ");
	for (l = wrapped; *l != '\0'; l = nl + 1) {
		nl = strchr(l, '\n');
		help_add(h, xstrndup(l, (size_t)(nl - l)), A_NORMAL);
	}
	free(wrapped);
}

static void
draw_help(struct tui *t)
{
	/* TRANSLATORS: the help screen, one key or key group per line: keep
	 * the keys and the column where the explanation starts (19); a line
	 * beginning with # is a heading (keep the #). */
	static const char *const lines[] = {
		N_("#Everyone"),
		N_("  Up/Down, k/j     select"),
		N_("  PgUp/PgDn        scroll"),
		N_("  w or Enter       write (Dialogue: an answer to the current "
		    "question; Caucus: a note for the selected question; "
		    "Charter: text for the selected section, in a text box)"),
		N_("  m                Ground rules: amend the selected rule "
		    "(its text to edit)"),
		N_("  f                Framing and vision: write a problem "
		    "statement (w writes a vision statement)"),
		N_("  w / Enter        Action plans: propose an action (its "
		    "what) / open the selected action's card (Action plans, "
		    "Follow-up)"),
		N_("  E                Follow-up: propose an exit strategy — 1 "
		    "wind down, 2 hand over, 3 institutionalise — then a line "
		    "saying how (w writes a lesson)"),
		N_("  A                Follow-up: propose a new action at the "
		    "review"),
		N_("  e                Framing and vision, Follow-up: edit your own "
		    "statement, lesson or exit proposal while it is undecided"),
		N_("  x                withdraw your own selected proposal"),
		N_("  1 2 3 4          answer the open check: agree, agree with "
		    "reservations, stand aside, block (2 and 4 ask for a "
		    "reason; each counts at once); straw poll: yes, no, abstain"),
		N_("  + / -            dot vote: put a dot on the selected item, "
		    "take one back"),
		N_("  1 … 7            a score: the number of the point of the "
		    "scale you judge the indicator at (1 present, 2 partially "
		    "present, 3 not present on the usual scale); you can change "
		    "it until the poll closes"),
		N_("  w                Indicators: propose an indicator, where the "
		    "phase takes proposals; the room checks it"),
		N_("  w / Q            Dialogue, where the phase takes proposals: "
		    "propose a question for the room to check (w while no "
		    "question is put to the room, Q any time)"),
		N_("  h                raise or lower your hand to speak (the "
		    "facilitators see the queue)"),
		N_("  !                a point of order for the facilitators only "
		    "(Tab in the line: anonymous)"),
		N_("  b                Caucus: draft your group's report-back "
		    "(in a text box, from its latest version)"),
		N_("  c / C            Caucus, on your group's draft: ask your "
		    "group to approve it / close that check (your group sees "
		    "the result at once)"),
		N_("  G                the agenda: each phase's planned start and "
		    "timebox, and the time the room spent in it (facilitators: "
		    "s sets when the day starts, + and - a phase's minutes)"),
		N_("  ?                this help"),
		N_("  q                leave (asks y/n)"),
		N_("#Matrix (a grid the room fills: each cell shows how many "
		    "entries it has and the first words)"),
		N_("  arrows           move between cells: Left/Right columns, "
		    "Up/Down rows; the selected cell is shown whole below the "
		    "grid"),
		N_("  w or Enter       write an entry into the selected cell"),
		N_("  j/k, PgUp/PgDn   select an entry of the cell, scroll its "
		    "entries"),
		N_("  e / x            edit / withdraw the selected entry (your "
		    "own; facilitators edit any)"),
		N_("  v                the serving screen, in a private matrix "
		    "(each cell its group's own): show the entries to the room "
		    "(asks y/n first), or hide them again"),
		N_("#Input line"),
		N_("  Enter send   Esc cancel   Left/Right, Home/End, Ctrl-A/"
		    "Ctrl-E move"),
		N_("  Backspace/Delete erase   Ctrl-U clear   Ctrl-W erase word"),
		N_("#Text box (charter text)"),
		N_("  Ctrl-D send   Esc cancel   Enter new line   arrows move "
		    "(Up/Down keep the column)   Home/End line start/end"),
		N_("  Backspace/Delete erase   Ctrl-U clear the line   Ctrl-W "
		    "erase word   a paste keeps its lines"),
		N_("#Action card (Enter on an action; its bottom line lists the "
		    "keys you may use)"),
		N_("  e / h / d        what / how / due date (YYYY-MM-DD)"),
		N_("  r / $ / y        resources / cost (\"1500.50 USD\") / who "
		    "provides them"),
		N_("  o / O            add an owner (a group or a person) / remove "
		    "one"),
		N_("  l                add a milestone (\"YYYY-MM-DD what\"); 1-9 "
		    "tick or untick milestone N (y confirms)"),
		N_("  t / *            term (none, short, medium, long) / quick "
		    "win"),
		N_("  s                status: 1 in progress, 2 done, 3 dropped, 4 "
		    "proposed"),
		N_("  a / A            agree to it (owners, facilitators) / take "
		    "the agreement back"),
		N_("  p                a one-line progress report"),
		N_("  i                the indicator the action works on: choose "
		    "one the room adopted, or none (Enter links it)"),
		N_("  Esc or q         close the card (Up/Down, PgUp/PgDn "
		    "scroll it)"),
		N_("#Facilitator"),
		N_("  n / p            next / previous phase"),
		N_("  a / r            adopt / reject the selected proposal "
		    "(ground rule, amendment, charter text, indicator or "
		    "proposed question)"),
		N_("  c                consensus check on the selected proposal, "
		    "amendment or section (on \"The whole charter\": the "
		    "final check), problem or vision statement, lesson, exit "
		    "proposal, indicator or proposed question"),
		N_("  s                Indicators: score the selected indicator "
		    "with the room on its scale (it must be adopted first); C "
		    "closes the score, R reveals it: the middle answer becomes "
		    "its score for this meeting"),
		N_("  b / t            Indicators: set the selected indicator's "
		    "baseline / target (a short line, e.g. \"2 of 10 "
		    "districts\"; empty clears it)"),
		N_("  S                Indicators: set the room's own scale, "
		    "best point first, as \"excellent = all in place; good; "
		    "poor = nothing in place\" (2 to 7 points, a meaning after "
		    "'=' if you like); a score already taken keeps its scale"),
		N_("  o                straw poll on a question you type"),
		N_("  d                dot vote over this phase's items"),
		N_("  C / R            close the open poll / reveal the result "
		    "to the room"),
		N_("  D                record the room's decision rule"),
		N_("  e                Charter: edit the selected section's text"),
		N_("  m                Charter: merge the selected proposal into "
		    "its section"),
		N_("  N / u            Charter: mark the section not applicable "
		    "/ reopen it"),
		N_("  m                Framing and vision: merge the selected "
		    "statement into another of its kind (select that one, "
		    "Enter; Esc cancels)"),
		N_("  e                Framing and vision, Follow-up: edit any "
		    "statement, lesson or exit proposal"),
		N_("  N                Follow-up: set the next review date "
		    "(YYYY-MM-DD)"),
		N_("  M                start the next meeting of the process "
		    "(today, or a date you type)"),
		N_("  s                put the selected dialogue question to the "
		    "room"),
		N_("  t                type a new question (Dialogue: put to the "
		    "room at once; Caucus: a caucus question)"),
		N_("  P                pin the selected answer as a theme (again: "
		    "unpin)"),
		N_("  R                on an approved report-back: show it to the "
		    "plenary"),
		N_("  >                give the floor to the first raised hand"),
		N_("  <                end the turn of whoever has the floor (a "
		    "new phase or meeting ends it too)"),
		N_("  T                the timer, then one key: s start a "
		    "timebox (minutes offered; type over them), p pause, r "
		    "resume, 1 / 5 add one / five minutes, + add minutes, x "
		    "stop (asks y), b bell at zero on or off, l limit each "
		    "speaking turn (minutes, 0 no limit).  Every screen shows "
		    "the time left; a new phase or meeting stops the timer"),
		N_("  W                the people: E rename, M move to a group, X "
		    "remove, > give the floor"),
		N_("  !                the points of order; A marks one answered. "
		    "On the projected screen it asks first (the room reads "
		    "them): a facilitator alone reads them privately by "
		    "joining from a phone as a co-facilitator (h shows the "
		    "code)"),
		N_("  K                confidentiality: open, Chatham House Rule "
		    "or off the record, for the room or this phase"),
		N_("  g                add a stakeholder group (Welcome)"),
		N_("  v                show (asks y/n first) or hide caucus notes "
		    "and report-backs on the projected screen (Caucus)"),
		N_("  h                show or hide the co-facilitators' code "
		    "(the serving screen; hidden until shown)"),
	};
	size_t	i, k, fac, page, at = 0, n = sizeof lines / sizeof lines[0];
	int	y = t->body_y, x = t->body_x + 2, w = t->body_w - 2;
	struct helplines h = { NULL, 0, 0 };

	/* Wrapped first, then drawn from help_top: on a small terminal it
	 * scrolls. */
	/* The serving terminal: how co-facilitators join, unless hidden. */
	if (t->self == MODEL_FACILITATOR && t->fac_code != NULL) {
		char *code = text_sanitize(t->fac_code, false);

		help_add(&h, xstrdup(_("Co-facilitators")),
		    A_BOLD | A_UNDERLINE);
		if (!t->ws->fac_code_shown)
			help_add(&h, xstrdup(_("Co-facilitator code hidden — h "
			    "shows it")), A_NORMAL);
		else {
			help_add(&h, xasprintf(_("Co-facilitator code: %s — h "
			    "hides it"), code), A_BOLD);
			help_add(&h, xasprintf(_("They join with: roundtable join "
			    "ADDR --facilitator-code %s"), code), A_NORMAL);
		}
		help_add(&h, xstrdup(""), A_NORMAL);
		free(code);
	}
	/* The phase's prompt whole: on top of the body it is cut at
	 * PROMPT_ROWS lines. */
	if (tui_step_prompt(t, model_step_now(t->ws)) != NULL) {
		char *title = text_sanitize(tui_step_title(t,
		    model_step_now(t->ws)), false);
		char *prompt = text_sanitize(tui_step_prompt(t,
		    model_step_now(t->ws)), true);
		char *head = xasprintf(_("This phase: %s"), title);

		/* Whole on a phone too (it was cut mid-title). */
		help_wrap_as(&h, head, w, "", A_BOLD | A_UNDERLINE);
		free(head);
		help_wrap(&h, prompt, w, "");
		help_add(&h, xstrdup(""), A_NORMAL);
		free(prompt);
		free(title);
	}
	/* An SSH screen switches its own language (tui.c). */
	if (t->lang_key) {
		help_add(&h, xstrdup(_("This screen's language")),
		    A_BOLD | A_UNDERLINE);
		help_entry(&h, _("  L                English, French, Spanish in "
		    "turn, for this screen only (F2 while a code or a name is "
		    "typed)"), w);
		help_add(&h, xstrdup(""), A_NORMAL);
	}
	/* A facilitator's own keys first (they came on the third page,
	 * after everyone's); everyone else's order is the lines'. */
	for (fac = 0; fac < n && strcmp(lines[fac], "#Facilitator") != 0;
	    fac++)
		;
	if (!tui_is_facilitator(t) || fac == n)
		fac = 0;
	for (k = 0; k < n; k++) {
		const char *line_i;

		i = (fac + k) % n;
		line_i = _(lines[i]);
		if (line_i[0] == '#') {
			if (k > 0)
				help_add(&h, xstrdup(""), A_NORMAL);
			if (t->help_at != NULL && strncmp(lines[i], t->help_at,
			    strlen(t->help_at)) == 0)
				at = h.n;
			/* Whole on a phone: "Matrix (a grid the room fills:
			 * each" was all it showed. */
			help_wrap_as(&h, line_i + 1, w, "", A_BOLD |
			    A_UNDERLINE);
			continue;
		}
		help_entry(&h, line_i, w);
	}
	page = t->body_h > 0 ? (size_t)t->body_h : 1;
	/* (Keys that scrolled before this first frame count from there.) */
	if (t->help_at != NULL) {
		t->help_top += at;
		t->help_at = NULL;
	}
	if (t->help_top + page > h.n)
		t->help_top = h.n > page ? h.n - page : 0;
	for (i = t->help_top; i < h.n && i < t->help_top + page; i++)
		tui_put(y++, x, w, h.v[i].s, h.v[i].attr);
	if (t->help_top > 0)
		tui_put(t->body_y, COLS - 1, 1, "↑", A_BOLD);
	if (t->help_top + page < h.n)
		tui_put(t->body_y + (int)page - 1, COLS - 1, 1, "↓", A_BOLD);
	t->help_more = t->help_top + page < h.n || t->help_top > 0;
	for (i = 0; i < h.n; i++)
		free(h.v[i].s);
	free(h.v);
}

static void
draw_centered(int y, const char *s, int attr)
{
	int	w = (int)text_width(s), x;

	if (w > COLS - 2)
		w = COLS - 2;
	x = (COLS - w) / 2;
	put_trunc(y, x, w, s, attr);
}

/* s wrapped to w columns (text_wrap); *n is its number of lines, at most
 * max.  Caller frees. */
static char *
wrap_at_most(const char *s, int w, int max, int *n)
{
	char	*wrapped = text_wrap(s, (size_t)(w > 4 ? w : 4), "", "");
	char	*p;

	*n = 0;
	for (p = wrapped; *p != '\0' && *n < max; p++)
		if (*p == '\n')
			(*n)++;
	return wrapped;
}

/* Draws n lines of wrapped (wrap_at_most) from y, w columns wide; what
 * does not fit is joined to the last and cut with "…".  Frees wrapped. */
static void
put_wrapped(int y, int x, int w, char *wrapped, int attr, int n)
{
	char	*line = wrapped, *nl, *p;
	int	 i;

	for (i = 0; i < n && *line != '\0'; i++, line = nl + 1) {
		nl = strchr(line, '\n');
		if (i + 1 == n) {	/* the last line there is room for */
			for (p = nl; p[1] != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
			nl = p;
		}
		*nl = '\0';
		put_trunc(y + i, x, w, line, attr);
	}
	free(wrapped);
}

static void
draw_ask(struct tui *t, int *cy, int *cx)
{
	int	 y = t->body_y + (t->body_h > 12 ? t->body_h / 4 : 1);
	int	 x = t->body_x + 2, w = t->body_w - 4;
	int	 end = t->body_y + t->body_h, gap = 1, need, ml = 0, hl;
	int	 hattr = A_DIM;
	size_t	 i, first = 0, rows;
	char	*clean, *message = NULL, *mwrap = NULL, *hwrap;
	const char	*hint;

	if (t->ask == TUI_ASK_CODE)
		hint = _("Type the join code shown on the facilitator's "
		    "screen.");
	else if (t->ask == TUI_ASK_NAME)
		hint = t->ed.selected ? _("Enter takes the name offered; "
		    "typing replaces it.") : _("Type your name as the room "
		    "should see it.");
	else if (t->ask == TUI_ASK_WHO) {
		hint = _("This computer's SSH key brought someone into this "
		    "room before. Who are you?");
		hattr = A_BOLD;
	} else {
		hint = _("Choose your stakeholder group:");
		hattr = A_BOLD;
	}
	/* The room's message (why the last answer was refused) and the hint
	 * are wrapped: on a phone's 40 columns they are whole sentences.
	 * Whatever the size, all is drawn inside the body (not over the
	 * keys): on a small terminal the blank lines go first, then the
	 * hint's lines, then the message's; the field, or the groups,
	 * stay. */
	if (t->ask_message != NULL) {
		message = text_sanitize(t->ask_message, false);
		mwrap = wrap_at_most(message, w, 4, &ml);
		free(message);
	}
	hwrap = wrap_at_most(hint, w, 3, &hl);
	need = (ml > 0 ? ml + gap : 0) + hl + gap + 1;
	if (y + need > end) {
		y = t->body_y;
		gap = 0;
		need = ml + hl + 1;
	}
	for (; y + need > end && hl > 0; need--)
		hl--;
	for (; y + need > end && ml > 0; need--)
		ml--;
	if (y >= end) {
		free(mwrap);
		free(hwrap);
		return;		/* no body at all: the keys still work */
	}
	put_wrapped(y, x, w, mwrap, A_BOLD, ml);	/* frees them */
	if (ml > 0)
		y += ml + gap;
	put_wrapped(y, x, w, hwrap, hattr, hl);
	y += hl + gap;
	if (t->ask == TUI_ASK_CODE || t->ask == TUI_ASK_NAME) {
		*cy = y;
		*cx = tui_editor_draw(&t->ed, y, x, w, t->ask == TUI_ASK_CODE ?
		    _("Join code: ") : _("Your name: "), A_BOLD);
		return;
	}
	rows = (size_t)(end - y);
	if (t->choice >= rows)
		first = t->choice + 1 - rows;
	for (i = first; i < t->nchoices && i < first + rows; i++, y++) {
		/* A default group's name in this screen's language; the
		 * choice is sent as the room keeps it. */
		clean = text_sanitize(t->ask == TUI_ASK_GROUP ?
		    model_group_shown(t->choices[i]) : t->choices[i], false);
		if (i == t->choice) {
			tui_fill(y, x, w, A_REVERSE);
			tui_put(y, x - 2, 2, "▶", A_BOLD);
			put_trunc(y, x + 1, w - 1, clean, A_REVERSE | A_BOLD);
		} else
			put_trunc(y, x + 1, w - 1, clean, A_NORMAL);
		free(clean);
	}
}

static void
draw_waiting(struct tui *t)
{
	char	*clean, *wrapped, *line, *nl;
	int	 w = COLS - 4 < 72 ? COLS - 4 : 72, n, i, y;

	/* Wrapped, each line centred: a refusal says how long to wait
	 * ("...; espere un minuto") and was cut at the screen's width. */
	clean = text_sanitize(t->status != NULL ? t->status :
	    _("Waiting for the room…"), false);
	wrapped = wrap_at_most(clean, w, 4, &n);
	free(clean);
	y = t->body_y + t->body_h / 2 - 1 - (n - 1) / 2;
	if (y < t->body_y)
		y = t->body_y;
	for (i = 0, line = wrapped; i < n; i++, line = nl + 1) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		draw_centered(y + i, line, A_BOLD);
		if (nl == NULL)
			break;
	}
	free(wrapped);
	draw_centered(y + (n > 0 ? n : 1) + 1, _("q to quit"), A_DIM);
}

/*
 * The room has ended for this screen (closed, or this person removed):
 * why, whole, in place of the room, which a removed person is no longer
 * shown (the status line alone cut a facilitator's reason at its width).
 */
static void
draw_closed(struct tui *t)
{
	int	 x = t->body_x + 2, w = t->body_w - 4, n = 0;
	int	 y = t->body_y + (t->body_h > 8 ? t->body_h / 3 : 0);
	char	*clean, *wrapped;

	if (w < 10 || t->body_h < 1)
		return;
	clean = text_sanitize(t->status != NULL ? t->status : "", false);
	wrapped = wrap_at_most(clean, w, t->body_h - (y - t->body_y), &n);
	free(clean);
	put_wrapped(y, x, w, wrapped, A_BOLD, n);	/* frees it */
}

/*
 * How full the text box is, for its frame: the line the cursor is on (when
 * line is not 0) of how many, the characters written, and once four fifths
 * of the room is used, about how many more fit.  The room is in bytes (an
 * accented letter takes two), which nobody counts: "about" says so.  A
 * narrow screen gets less: short 1 leaves out the line, short 2 keeps only
 * what matters most (how many more, near the end).
 */
static char *
box_count(const struct editor *ed, size_t line, size_t lines, int shorter)
{
	size_t	 chars = 0, i, left = ed->max > ed->len ? ed->max - ed->len : 0;
	char	*s, *part, *more = NULL;

	for (i = 0; i < ed->len; i++)
		if (((unsigned char)ed->buf[i] & 0xc0) != 0x80)
			chars++;
	if (left == 0)
		/* TRANSLATORS: in a text box's frame: nothing more fits. */
		more = xstrdup(_("full"));
	else if (ed->len * 5 >= ed->max * 4)
		/* TRANSLATORS: in a text box's frame, near its end: about
		 * how many more characters fit. */
		more = xasprintf(_("about %zu more"), left);
	if (shorter >= 2 && more != NULL) {
		part = xasprintf(" %s ", more);
		free(more);
		return part;
	}
	/* TRANSLATORS: in a text box's frame: how many characters are
	 * written. */
	s = xasprintf(ngettext("%zu character", "%zu characters", chars),
	    chars);
	if (line != 0 && shorter == 0) {
		/* TRANSLATORS: in a text box's frame: the line the cursor
		 * is on, of how many, then how many characters are
		 * written. */
		part = xasprintf(_("line %zu/%zu · %s"), line, lines, s);
		free(s);
		s = part;
	}
	part = more != NULL ? xasprintf(" %s · %s ", s, more) :
	    xasprintf(" %s ", s);
	free(s);
	free(more);
	return part;
}

/* The text box: a frame with what it is for and how full it is, the
 * text inside, the keys that matter on its lower edge. */
static void
draw_box(struct tui *t, int *cy, int *cx)
{
	int	 y = t->box_y, h = t->box_h, x = t->body_x, w = t->body_w;
	int	 used, i, rw;
	size_t	 lines, at;
	char	*right, *prompt;

	if (w < 8 || h < 3)
		return;
	/* The text first: it sets the wrap width the counts below use. */
	tui_editor_draw_box(&t->ed, y + 1, x + 2, w - 4, h - 2, cy, cx);
	lines = tui_editor_lines(&t->ed, &at);
	/* The count as whole as leaves room for a few letters of the
	 * title, or nothing. */
	for (i = 0;; i++) {
		right = box_count(&t->ed, lines > (size_t)(h - 2) ? at + 1 : 0,
		    lines, i);
		rw = (int)text_width(right);
		if (rw <= w - 16 || i == 2)
			break;
		free(right);
	}
	prompt = text_sanitize(t->input_prompt != NULL ? t->input_prompt : "",
	    false);
	/* "Your charter text for 4.6: " is a title here. */
	text_trim(prompt);
	if (*prompt != '\0' && prompt[strlen(prompt) - 1] == ':')
		prompt[strlen(prompt) - 1] = '\0';
	used = tui_put(y, x, 2, "┌─", A_BOLD);
	used += tui_put(y, x + used, 1, " ", A_BOLD);
	used += put_trunc(y, x + used, w - used - rw - 3, prompt, A_BOLD);
	used += tui_put(y, x + used, 1, " ", A_BOLD);
	while (used < w - rw - 1)
		used += tui_put(y, x + used, 1, "─", A_BOLD);
	if (used + rw < w)
		used += tui_put(y, x + used, rw, right, A_DIM);
	tui_put(y, x + w - 1, 1, "┐", A_BOLD);
	for (i = 1; i < h - 1; i++) {
		tui_put(y + i, x, 1, "│", A_BOLD);
		tui_put(y + i, x + w - 1, 1, "│", A_BOLD);
	}
	used = tui_put(y + h - 1, x, 2, "└─", A_BOLD);
	used += put_trunc(y + h - 1, x + used, w - used - 2,
	    _(" Ctrl-D send · Esc cancel · Enter new line "), A_BOLD);
	while (used < w - 1)
		used += tui_put(y + h - 1, x + used, 1, "─", A_BOLD);
	tui_put(y + h - 1, x + w - 1, 1, "┘", A_BOLD);
	free(prompt);
	free(right);
}

void
tui_views_draw(struct tui *t)
{
	struct footer	 f;
	char		*title = NULL, *right = NULL;
	int		 cy = -1, cx = -1;

	lines_begin();
	tui_clock_begin(t);
	if (LINES < 5 || COLS < 20) {
		tui_put(0, 0, COLS, _("Terminal too small"), A_BOLD);
		curs_set(0);
		tui_show(t);
		tui_clock_end(t);
		return;
	}
	tui_views_build(t);
	footer_build(t, &f);
	layout(t, &f);

	if (t->ask != 0 || t->ws == NULL)
		title = xstrdup(_("roundtable — join a room"));
	else {
		title = text_sanitize(t->ws->title != NULL ? t->ws->title :
		    "roundtable", false);
		int	conf = model_conf(t->ws, t->ws->phase);
		bool	rule = conf == CONF_CHATHAM || conf == CONF_OFF_RECORD;

		char	*meeting = meeting_label(t, title);
		char	*phase = phase_label(t);

		/* The rule in force is on every screen when it is not the
		 * open one. */
		right = xasprintf("%s%s%s%s", rule ? tui_conf_label(conf) : "",
		    rule ? " · " : "", meeting, phase);
		free(phase);
		free(meeting);
	}
	header_draw(t, title, right != NULL ? right : "");
	free(title);
	free(right);

	if (t->mode == MODE_HELP) {
		draw_help(t);
	} else if (t->room_closed)
		draw_closed(t);
	else if (t->ask != 0)
		draw_ask(t, &cy, &cx);
	else if (t->ws == NULL)
		draw_waiting(t);
	else if (tui_card_shown(t))
		tui_card_draw(t);
	else if (t->overlay != OVERLAY_NONE)
		tui_overlay_draw(t);
	else {
		draw_body(t);
		if (t->npanel > 0)
			tui_panel_draw(t, t->panel_y, t->body_x, t->body_w);
		if (t->clock.big_rows > 0)
			tui_clock_put(t, CLOCK_BIG, t->clock.big_y, t->body_x,
			    t->body_w);
		if (t->mode == MODE_BOX && t->box_h > 0)
			draw_box(t, &cy, &cx);
	}
	footer_draw(t, &f, &cy, &cx);
	footer_free(&f);

	/* A hidden cursor is left where the last change was drawn (curses
	 * then need not work out how to move it elsewhere). */
	if (cy >= 0 && t->mode != MODE_HELP && t->mode != MODE_CONFIRM) {
		curs_set(1);
		leaveok(stdscr, FALSE);
		move(cy, cx < COLS ? cx : COLS - 1);
	} else	/* a terminal that cannot hide it: where the frame ends */
		leaveok(stdscr, curs_set(0) != ERR);
	tui_show(t);
	tui_clock_end(t);
}

void
tui_views_free(struct tui *t)
{
	tui_panel_free(t);
	rows_clear(&t->rows);
	free(t->rows.v);
	free(t->rows.lists);
	t->rows.v = NULL;
	t->rows.lists = NULL;
	t->rows.cap = t->rows.lists_cap = 0;
	free(t->checks);
	free(t->merged);
	t->checks = t->merged = NULL;
	tui_rowcache_free(&t->rowcache);
	tui_labels_forget(t);
}
