/*
 * reach.h: which other packages' types a binding takes along. The bound
 * API mentions named types of other packages (io.Reader, fs.FileMode);
 * the inspector declares every one Go code may name, with its methods
 * (docs/records.md, scope). Those types are bound as classes too, in a
 * submodule per package, and so are the types their exported fields and
 * methods mention, transitively: the reachable closure, walked here
 * breadth first so that each type gets its shortest distance from the API
 * (its depth: 1 for a type the API itself uses). support.c binds the ones
 * within the depth limit.
 *
 * Part of the support rules: it fills the plan's reach, subs and counts.
 */
#ifndef GOPY_REACH_H
#define GOPY_REACH_H

#include "support.h"

/* Fills p->reach (by type id) and p->nforeign / p->nbeyond from the
 * bound package's declarations, honouring p->depth. */
void reach_compute(plan *p);

/* Whether the named type t (of another package) is bound as a class
 * candidate: declared, reached, within the depth limit. */
bool reach_within(const plan *p, const model_type *t);

/* Names the submodules of the packages with types within reach (p->subs),
 * avoiding the module's own names (taken, NULL-terminated). */
void reach_name_subs(plan *p, const char *const *taken);

/* The submodule of package pkg, or NULL. */
const plan_sub *reach_sub_of(const plan *p, const model_import *pkg);

/* "37 types of 12 other packages (io/fs 9, time 2, ...)": what the
 * closure pulls in, for messages; NULL when nothing (plan's arena). */
const char *reach_report(const plan *p);

#endif
