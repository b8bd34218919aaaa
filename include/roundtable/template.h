/*
 * template.h - a room's process, read from a template file.
 *
 * A template sets out the phases a room goes through, each with its kind
 * of work, a title and a prompt for every screen, a timebox, and its
 * content (questions, draft ground rules, indicators and their scale, a
 * matrix's rows and columns).  Its format is that of Debian control files
 * (man roundtable(1), TEMPLATES): "Field: value" lines in paragraphs, a
 * header paragraph, then one paragraph per phase.  A room made from a
 * template records all of it (template_intents), so nothing read here
 * is needed again once the room is open.
 *
 * Parsing is pure: bytes in, a template or a sentence with the file's
 * name and line number out.  Reading files is the caller's.
 */
#ifndef ROUNDTABLE_TEMPLATE_H
#define ROUNDTABLE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define TEMPLATE_FILE_MAX	(256 * 1024)
#define TEMPLATE_ENTRIES_MAX	200	/* list entries in one phase */
#define TEMPLATE_GROUPS_MAX	MODEL_GROUPS_MAX
#define TEMPLATE_SCALE_MIN	2
#define TEMPLATE_SCALE_MAX	7
#define TEMPLATE_CELL_MAX	200	/* a row's or a column's name */
#define TEMPLATE_LABEL_MAX	40	/* a point of a scale */
#define TEMPLATE_MEANING_MAX	200	/* what that point means */
#define TEMPLATE_AXIS_MAX	20	/* rows, or columns, of a matrix */

/* What a list entry is. */
enum tpl_field {
	TPL_QUESTION = 1,
	TPL_RULE = 2,
	TPL_PURPOSE = 3,
	TPL_INDICATOR = 4,
	TPL_SCALE = 5,		/* text the label, text2 its meaning */
	TPL_ROW = 6,
	TPL_COLUMN = 7,
};

struct tpl_entry {
	int		 field;		/* enum tpl_field */
	int		 line;		/* where it starts in the file */
	char		*text;
	char		*text2;
};

struct tpl_phase {
	int		 kind;		/* enum phase */
	int		 line;
	int		 minutes;	/* 0 none */
	uint32_t	 flags;		/* STEP_F_* */
	bool		 adapted;	/* its entries are not the seed's words */
	char		*title;
	char		*prompt;
	struct tpl_entry *entries;
	size_t		 nentries;
};

struct template {
	char		*name;
	char		*title;
	char		*description;
	char		*seed;		/* the source document, or NULL */
	char		**groups;	/* default stakeholder groups */
	size_t		 ngroups;
	struct tpl_phase *phases;
	size_t		 nphases;
};

/*
 * Reads a template from len bytes of buf; file names it in errors.
 * Returns 0, or -1 with "FILE:LINE: what is wrong" in err (and *t empty).
 */
int	 template_parse(struct template *t, const char *buf, size_t len,
	     const char *file, char *err, size_t errlen);
void	 template_free(struct template *);

/*
 * The intents that write the template into a new room's record, after
 * its INTENT_CREATE and groups: each phase (INTENT_STEP) followed by its
 * content (INTENT_SEED), and the charter's sections once.  Fills up to
 * max (strings point into t and the model's static content) and returns
 * how many there are in all.
 */
size_t	 template_intents(const struct template *t, struct intent *out,
	     size_t max);

/* The kind of phase a word names ("dialogue"), or -1; and back. */
int		 template_kind(const char *word);
const char	*template_kind_word(int kind);

/* The templates built into the program (src/templates, NAME.rtt). */
struct template_builtin {
	const char	*name;
	const char	*text;
	size_t		 len;
};
extern const struct template_builtin template_builtins[];
extern const size_t template_nbuiltins;
/* The built-in template called name, or NULL. */
const struct template_builtin *template_builtin(const char *name);

#endif
