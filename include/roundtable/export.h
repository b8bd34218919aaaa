/*
 * export.h - the charter (terms of reference) as plain text.
 *
 * A pure function of the model: the same record gives the same bytes.
 * UTF-8, wrapped at EXPORT_WIDTH display columns.  Reads the workshop
 * only; knows nothing else.
 */
#ifndef ROUNDTABLE_EXPORT_H
#define ROUNDTABLE_EXPORT_H

#include <stdio.h>

#include "model.h"

#define EXPORT_WIDTH 72

/* Writes the charter to out.  Returns 0, or -1 if writing failed. */
int	 export_charter(const struct workshop *, FILE *out);

#endif
