/*
 * emit.h: the emitters. Each turns a binding plan (support.h) into one
 * generated file, appended to out. Output is deterministic (the plan is
 * sorted), readable, and names the Go declaration each wrapper wraps.
 *
 *   emit_go    glue.go: package main with one cgo export per bound Go
 *              function; each export makes the Go call, recovers panics and
 *              converts errors (runtime/go/gopy_rt.go).
 *   emit_pyi   NAME.pyi: type stubs with docstrings; emit_pyi_sub, those of
 *              a submodule holding another package's types (NAME.SUB.pyi in
 *              the work directory, installed as NAME/SUB.pyi).
 *
 * Each backend's own emitters are declared in its folder's header
 * (src/capi/capi.h, src/cffi/cffi.h).
 *
 * Shared naming (emit_common.c) keeps the emitters in agreement on the
 * export symbols they both use; emit_desc.h describes the signatures and
 * view elements both backends hand their runtime, rendered to C and to
 * Python from one description. The emitters write through printer.h.
 */
#ifndef GOPY_EMIT_H
#define GOPY_EMIT_H

#include "sb.h"
#include "support.h"

void emit_go(const plan *p, sb *out);
/* glue.go's part for interface and func values (emit_go_dyn.c): the hooks
 * runtime/go/gopy_dyn.go calls, and the Go values standing for Python
 * objects (runtime/go/gopy_py.go). */
struct printer;
void emit_go_dyn(struct printer *pr, const plan *p);
void emit_pyi(const plan *p, sb *out);
void emit_pyi_sub(const plan *p, const plan_sub *sub, sb *out);

/* The cgo export symbol for a bound function or method: "gopy_fn_Add",
 * "gopy_m_Point__Move". */
void emit_export_name(sb *out, const plan_func *f);
/* The export for a class member: ("get", Point, "X") -> "gopy_get_Point__X";
 * member NULL: ("new", Point) -> "gopy_new_Point". */
void emit_member_export(sb *out, const char *what, const plan_class *c, const char *member);
/* The cffi module's C shim of an export: "gopyc_fn_Add" for "gopy_fn_Add". */
void emit_shim_name(sb *out, const char *export);
/* Appends the template tmpl (one %s) applied to expr. */
void emit_apply(sb *out, const char *tmpl, const char *expr);
/* The Go declaration a wrapper wraps, as one line: "func Add(a int) int". */
void emit_go_decl(sb *out, const plan *p, const plan_func *f);
/* The header line of every generated file, after the comment marker. */
void emit_generated_by(sb *out, const plan *p);
/* The __doc__ of the module (sub NULL) or of submodule sub: the package
 * doc, then the docs of its constants and variables (which cannot carry a
 * __doc__ of their own). With several packages the module's lists them. */
void emit_module_doc(sb *out, const plan *p, const plan_sub *sub);
/* The import alias of the bound package. */
const char *emit_pkg_alias(const plan *p);
/* The import alias of the package declaring d (one of those bound). */
const char *emit_decl_alias(const plan *p, const model_decl *d);
/* The import lines Go code body needs: the bound package (blank when body
 * does not name it) and every other package whose alias body uses. */
void emit_go_imports(sb *out, const plan *p, const char *body);

#endif
