/*
 * matrix.c - a matrix phase: a grid the room fills, its rows and columns
 * set out by the room's template ("Row:" and "Column:" lines, seeded as
 * ITEM_MATRIX_ROW and ITEM_MATRIX_COL items of their phase).
 *
 * An entry in a cell is an ITEM_CELL: ref its row, number its column.
 * Anyone in the room but an observer writes one (INTENT_CONTRIBUTE, ref
 * the row, value2 the column); a cell holds as many entries as people
 * write.  Its EVENT_ITEM carries the column in value2, since a cell entry
 * is always written open (EVENT_STATUS withdraws it later, as any
 * contribution).  Entries are edited and withdrawn as other contributions
 * are, in their own phase.
 *
 * Invariants: an entry's row and column are items of one matrix phase,
 * the one it was written in, and the entry belongs to that phase
 * (item->step, from its row: a replica that gets an entry without its
 * author's name still knows its phase).  Privacy is the model's one rule
 * (model.c, visible): a template's "Private: yes" (STEP_F_PRIVATE, fixed
 * when the room opens) makes each cell its group's own, seen like a
 * caucus note; nothing a template says makes anything less private, and
 * the confidentiality rule in force applies to entries as to any
 * contribution (item->conf).
 */
#include "model-internal.h"

/* The row or column id names, if it is one of the matrix of the phase
 * the room is in. */
static const struct item *
axis_now(const struct workshop *ws, uint32_t id, int kind)
{
	const struct item *it = model_item(ws, id);

	if (it == NULL || it->kind != kind || it->step == 0 ||
	    it->step != ws->step + 1)
		return NULL;
	return it;
}

bool
model_cell_private(const struct workshop *ws, const struct item *it)
{
	const struct item	*row;
	const struct step	*st;

	if (it->kind != ITEM_CELL)
		return false;
	row = model_item(ws, it->ref);
	st = row != NULL && row->step > 0 ? model_step(ws, row->step - 1) :
	    NULL;
	/* An entry without a phase cannot be told apart: kept as if
	 * private, the stricter rule. */
	return st == NULL || (st->flags & STEP_F_PRIVATE) != 0;
}

int
matrix_cell_check(const struct workshop *ws, const struct intent *in,
    const struct item **row, struct model_error *err)
{
	if (in->ref == 0 || in->value2 == 0)
		return model_fail(err, MODEL_ERR_INVALID, N_("choose a cell "
		    "first: a row and a column of the matrix"));
	if ((*row = axis_now(ws, in->ref, ITEM_MATRIX_ROW)) == NULL)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("that row is "
		    "not in this phase's matrix"));
	if (in->value2 < 0 || axis_now(ws, (uint32_t)in->value2,
	    ITEM_MATRIX_COL) == NULL)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("that column is "
		    "not in this phase's matrix"));
	return 0;
}

int
matrix_cell_fits(const struct workshop *ws, const struct event *ev)
{
	const struct item	*row = model_item(ws, ev->ref);
	const struct item	*col = ev->value2 > 0 ?
				    model_item(ws, (uint32_t)ev->value2) : NULL;

	if (row == NULL || col == NULL || row->kind != ITEM_MATRIX_ROW ||
	    col->kind != ITEM_MATRIX_COL || row->step != col->step)
		return -1;
	return 0;
}

int
matrix_edit_check(const struct workshop *ws, const struct item *it,
    struct model_error *err)
{
	const struct item *row = model_item(ws, it->ref);

	if (ws->phase != PHASE_MATRIX || row == NULL ||
	    row->step != ws->step + 1)
		return model_fail(err, MODEL_ERR_PHASE, SAY_OWN_PHASE,
		    row != NULL && row->step > 0 ?
		    model_step_title(ws, row->step - 1) : "?");
	return 0;
}
