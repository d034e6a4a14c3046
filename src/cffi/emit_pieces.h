/*
 * src/cffi/emit_pieces.h: the pieces the Python emitters of a cffi module
 * share. Generated Python calls the C shims of src/cffi/emit_shims.c
 * through _lib and the runtime (runtime/gopy_cffi.py) as _rt.
 *
 * Layers, each calling only those below it:
 *   emit_package.c  NAME/__init__.py (top)
 *   emit_class.h    the classes of named types
 *   emit_view.h     the container views (and a named container's class)
 *   emit_pieces.h   str literals, docstrings, Sigs, conversions and defs (bottom)
 */
#ifndef GOPY_EMIT_PIECES_H
#define GOPY_EMIT_PIECES_H

#include "conv_cffi.h"
#include "emit.h"
#include "printer.h"

/* One generated def that calls one shim. */
typedef struct py_callable {
	const plan *p;
	const char *def;          /* the def's name: "Add", "Move", "_get_X" */
	const char *sig;          /* the Sig it names in messages: "_sig_Add" */
	const char *shim;         /* the C shim: "gopyc_fn_Add" */
	const conv *recv;         /* a method's receiver (the def's self), or NULL */
	cffi_conv recv_py;        /* how the def converts it (the class emitter says) */
	const plan_value *params; /* the Python parameters, the variadic one last */
	int nparams;
	bool variadic;
	const plan_value *results;
	int nresults;
	const char *doc;          /* the docstring, or NULL */
	const char *comment;      /* a comment line above the def (the Go declaration), or NULL */
	bool required;            /* the parameters are required: missing ones and
				     extra positional ones are reported by the runtime */
	const char *timeout;      /* a call taking a context (runtime/go/gopy_ctx.go): the
				     name of its keyword-only timeout; NULL otherwise */
	int ctx_param;            /* with timeout: the context parameter's index */
} py_callable;

/* The def of c, at the printer's depth (a module's or a class's body). */
void emit_py_call(printer *pr, const py_callable *c);

/* var = _rt.Sig(...): how messages name the callable and its parameters.
 * kind is the runtime's "_rt.CALL", "_rt.NEW", "_rt.FIELD", "_rt.VAR". */
void emit_py_sig(sb *out, const plan *p, const char *indent, const char *var, const char *name,
		 const plan_value *params, int nparams, bool variadic, const char *kind);

/* A docstring at the printer's depth. */
void emit_py_docstring(printer *pr, const char *doc);

/* The name a function's def has in the module: its Python name, or for
 * one of several packages' its symbol ("_sub__New", placed in the
 * submodule: two packages may have functions of one name). */
const char *emit_py_def_name(const plan_func *f);

/* The Sig of a function or method, at module level ("_sig_Add",
 * "_sig_Point__Move": a method's def cannot see its class's namespace). */
void emit_py_func_sig(printer *pr, const plan *p, const plan_func *f);
/* A function's or method's def and its __signature__; recv: how a method
 * converts its receiver (NULL for a function). */
void emit_py_func(printer *pr, const plan *p, const plan_func *f, const cffi_conv *recv);

/* The Sigs of a class's methods, at module level (before the class), and
 * their defs, indented for the class's body. */
void emit_py_method_sigs(printer *pr, const plan *p, const plan_class *c);
void emit_py_methods(printer *pr, const plan *p, const plan_class *c, const cffi_conv *recv);

/* A tuple of the values' Python names: ("a", "b"), ("a",), (). */
void emit_py_names(sb *out, const plan_value *v, int n);

/* name converted with c into dst: "if not type(a) is int:", then
 * "a = _rt.to_int(a, sig, 0)" one level deeper. */
void emit_py_convert(printer *pr, const cffi_conv *c, const char *name, const char *dst, const char *sig, int idx);

/* The statement call, in a try that rewords cffi's OverflowError for the
 * values in args ("0: X, 1: Y"; NULL: nothing to reword, no try). */
void emit_py_checked_call(printer *pr, const char *call, const char *sig, const char *args);

/* The two empty lines before a module-level def, class or section. */
void emit_py_gap(printer *pr);

/* "if cond:" and stmt one level deeper. */
void emit_py_check(printer *pr, const char *cond, const char *stmt);

/* A shim's result r as Python (cffi_conv.from). */
void emit_py_result(sb *out, const plan *p, const conv *cv, const char *r);

/* The module-level name of r's sentinel: "_FAIL_SIGNED" for GOPY_FAIL_SIGNED
 * (every generated module-level name begins with an underscore). */
const char *emit_py_fail_name(const conv_ret *r);

/* s as a Python str literal. */
void emit_py_str(sb *out, const char *s);

/* __str__ of a named basic or container class with a String method: a call
 * of String on the instance, as the C-API module's tp_str (a subclass may
 * override it). Nothing when c has none. */
void emit_py_string_method(printer *pr, const plan_class *c);

#endif
