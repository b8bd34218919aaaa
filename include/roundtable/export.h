/*
 * export.h - the charter, the report of the whole process and the action
 * plan, as files.
 *
 * Each is a pure function of the model: the same record gives the same
 * bytes (no clock, no locale).  They read the workshop only and know
 * nothing else.  What they write follows the room's rules as the server
 * applies them: only what the plenary could see, nothing written off the
 * record, and no author (and in the report no attendee's name) under the
 * Chatham House Rule.
 */
#ifndef ROUNDTABLE_EXPORT_H
#define ROUNDTABLE_EXPORT_H

#include <stdio.h>

#include "model.h"

#define EXPORT_WIDTH 72

/*
 * The charter (terms of reference) as plain text: UTF-8, wrapped at
 * EXPORT_WIDTH display columns, typed text sanitised.  Returns 0, or -1
 * if writing failed.
 */
int	 export_charter(const struct workshop *, FILE *out);

/*
 * The report of the process as plain text, wrapped and sanitised like the
 * charter: a title, the charter, then each meeting in order (who came by
 * group and the groups nobody came for; expectations; the ground rules
 * adopted; dialogue answers by question; the caucus reports shown to the
 * plenary; problem and vision statements; the action plan of the actions
 * proposed in it, as they stand now; the follow-up review of earlier
 * actions; lessons; exit strategy proposals), the indicators when the
 * room has any (the scale; each indicator's status, baseline, target,
 * score at each meeting as the room heard it, and the actions that work
 * on it), and the next review date.
 * An item belongs to the meeting it was written in.  Empty sections are
 * left out, but every meeting has its action plan.  A section that held
 * contributions made off the record says so once.  Under the room's
 * Chatham House Rule attendance is given as numbers per group.  Returns
 * 0, or -1 if writing failed.
 */
int	 export_report(const struct workshop *, FILE *out);

/*
 * The action plan as CSV (RFC 4180): a header row, then one row per
 * action in plan order (model_action_order; dropped ones last, with
 * their status), every row ending in CRLF.  Columns:
 *
 *   number      the action's number (model_action_number: 1 for the first action
 *               proposed; the number on screens), stable
 *   what        its text
 *   who         owners, "Police (committed); Ana Pérez (not yet)"; a
 *               person is not named under the Chatham House Rule
 *   how         text, or empty
 *   due         YYYY-MM-DD, or empty
 *   term        "short term", "medium term", "long term", or empty
 *   quick_win   yes or no
 *   resources   text, or empty
 *   cost        amount in major units, "1500.00", or empty
 *   currency    ISO 4217 letters, or empty
 *   provider    who provides the resources, or empty
 *   status      proposed, agreed, in progress, done or dropped
 *   milestones  "2027-01-15 Train 20 officers [done]; 2027-03-01 ..."
 *   dots        dots in the latest revealed dot vote on it, or empty
 *   meeting     the meeting it was proposed in (1, 2, ...)
 *   indicator   the indicator it works on, "3. Legal duty of care ...",
 *               or empty
 *
 * A field holding a comma, a quote, CR or LF is quoted and its quotes
 * doubled.  Text is written as the record holds it (a file, not a
 * terminal), except that a field beginning with =, +, - or @ gets a
 * leading ' so that a spreadsheet does not run it as a formula.  Actions
 * proposed off the record are left out.  Returns 0, or -1 if writing
 * failed.
 */
int	 export_actions_csv(const struct workshop *, FILE *out);

#endif
