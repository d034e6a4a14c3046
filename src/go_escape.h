/*
 * go_escape.h: which slice arguments a Go call does not keep, answered by
 * Go's own escape analysis, so that the glue may lend Go the caller's
 * memory instead of a copy (runtime/go/gopy_views.go: gopyLend).
 */
#ifndef GOPY_ESCAPE_H
#define GOPY_ESCAPE_H

#include <stdbool.h>

#include "sb.h"
#include "support.h"

/*
 * Sets plan_value.lend on every parameter of p's functions and methods
 * that can be lent (its conv has go_lend_in) and that the compiler proves
 * the call does not keep. dir is a work directory holding the glue's
 * go.mod (and go.work), where the analysis package is written, built with
 * `go build -gcflags=-m` under env and removed again. If the analysis
 * cannot run, a note says so and every argument stays a copy: lending is
 * an optimization, never a reason to fail a build.
 */
void escape_mark(plan *p, const char *dir, const char *const *env, bool echo);

/*
 * The analysis package's source for p (what escape_mark builds), and in
 * *lines (malloc'd, the caller frees it; *nlines entries, one per line of
 * src) the function whose call each line makes, NULL for other lines.
 * Returns the number of calls written; 0 means there is nothing to ask.
 */
int escape_source(plan *p, sb *src, plan_func ***lines, int *nlines);

/*
 * Applies the compiler's -m output for the package escape_source wrote:
 * marks the parameters reported as "does not escape". Returns how many
 * were marked.
 */
int escape_apply(const char *output, plan_func *const *lines, int nlines);

#endif
