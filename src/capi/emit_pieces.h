/*
 * src/capi/emit_pieces.h: the bottom layer of the C-API module's emitter
 * (module.c): helpers for C text, the wrappers of functions and methods,
 * and the get/set pairs of fields and variables. emit_view.c, emit_class.c
 * and emit_module.c call it; it calls none of them.
 */
#ifndef GOPY_CAPI_EMIT_PIECES_H
#define GOPY_CAPI_EMIT_PIECES_H

#include "capi.h"
#include "conv_capi.h"
#include "emit.h"
#include "emit_desc.h"
#include "printer.h"

/* Names of the per-class converter helpers some wrapper calls. */
typedef struct used_set {
	const char **names;
	int n, cap;
} used_set;

/* Whether the helper named fmt (one %s: the class cls) is in u. */
bool used(const used_set *u, const char *fmt, const char *cls);

/* Every converter some wrapper, accessor or view of p calls. */
void collect_used(const plan *p, used_set *u);

/* A docstring literal, or NULL. */
void add_doc(printer *pr, const char *doc, int deeper);

/* The start of a C function: a blank line, its type, its name with its
 * parameters, and the opening brace. */
void func_open(printer *pr, const char *type, const char *fmt, ...) GOPY_PRINTF(3, 4);

/* A static table: a blank line, "DECL = {", its entries, "};". */
void table_open(printer *pr, const char *decl);

/* Its end: "};". */
void table_close(printer *pr);

/* if (cond) stmt; on two lines. */
void if_then(printer *pr, const char *cond, const char *stmt);

/* After a call into Go that failed: raise its failure and leave. */
void raise_if(printer *pr, const char *cond);

/* The end of a function with a gopy_frame: releases it, returns result. */
void frame_done(printer *pr, const char *result);

/* The next condition of an "if (a ||" chain, aligned under the first. */
void or_next(printer *pr);

/* static const gopy_sig NAME_sig = {...}; with its name and type tables. */
void emit_sig_tables(printer *pr, const plan *p, const char *name, const char *pyname,
		     const plan_value *params, int nparams, bool variadic, desc_sig_kind kind);

/* The METH_FASTCALL | METH_KEYWORDS wrapper of a function or method. */
void emit_wrapper(printer *pr, const plan *p, const plan_func *f);

/* Its PyMethodDef entry, with the docstring. */
void emit_method_entry(printer *pr, const plan_func *f, const char *flags);

/*
 * A get/set pair for a property: a struct field (self is an instance; the
 * export takes its handle) or a package variable (self is the module).
 */
typedef struct accessor {
	const char *cname;     /* suffix of the C names: Point_X, var_Counter */
	const char *signame;   /* gopy_sig name: "calc.Point", "calc" */
	desc_sig_kind sigkind; /* DS_FIELD or DS_VAR */
	const char *member;    /* the field or variable's Python name */
	int type;
	const conv *cv;
	const char *get, *set; /* the Go exports */
	bool on_module;        /* a package variable */
	bool in_sub;           /* a variable of a submodule (several packages) */
} accessor;

/* The signature tables, getter and setter of a. */
void emit_accessor(printer *pr, const plan *p, const accessor *a);

/* One PyGetSetDef entry: {"name", get, set, doc, NULL}. */
void getset_entry(printer *pr, const char *pyname, const char *get, const char *set, const char *doc);

#endif
