/*
 * replay.c - a room rebuilt from its record: each record decoded and
 * committed through the reducer, exactly as the server committed it.
 *
 * The one replay every tool uses - serve on start, export, the tests,
 * the fuzzers, the crash test's judge and the benchmarks - so none of them
 * can replay a record differently from the room.
 */
#include <stdio.h>
#include <stdlib.h>

#include "roundtable/i18n.h"
#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/wire.h"

int
journal_apply(void *ws, const uint8_t *payload, size_t len, uint64_t off,
    char *err, size_t errlen)
{
	struct model_error merr;
	struct event ev;
	char why[120], *why_said;
	int r;

	if (wire_decode_record(payload, len, &ev, why, sizeof why) != 0) {
		/* TRANSLATORS: %s is the codec's reason, a technical
		 * detail left in English. */
		snprintf(err, errlen, _("record at byte %llu cannot be read "
		    "(%s)"), (unsigned long long)off, why);
		return -1;
	}
	r = model_commit(ws, &ev, false, &merr);
	wire_event_free(&ev);
	if (r != 0) {
		why_said = i18n_from_wire(merr.msg, model_words);
		snprintf(err, errlen, _("record at byte %llu does not fit the "
		    "room (%s)"), (unsigned long long)off, why_said);
		free(why_said);
		return -1;
	}
	return 0;
}

int
journal_open_room(const char *path, struct workshop **ws,
    struct journal **j, char *warn, size_t warnlen, char *err, size_t errlen)
{
	*ws = model_new();
	if (journal_open(path, journal_apply, *ws, j, warn, warnlen, err,
	    errlen) != 0) {
		model_free(*ws);
		*ws = NULL;
		return -1;
	}
	return 0;
}

int
journal_read_room(const char *path, struct workshop **ws, char *warn,
    size_t warnlen, char *err, size_t errlen)
{
	*ws = model_new();
	if (journal_read(path, journal_apply, *ws, warn, warnlen, err,
	    errlen) != 0) {
		model_free(*ws);
		*ws = NULL;
		return -1;
	}
	return 0;
}
