/*
 * src/cffi/emit_view.c: the container views of a cffi module's Python side
 * (emit_view.h). Each slice, array or map type the module uses gets a
 * description for the runtime (runtime/cffi/gopy_cffi_view.py) and its two
 * converters, the counterparts of src/capi/emit_module.c's gopy_viewdef:
 *
 *	# ---- the Go type []int ----
 *	_vd_slice_int = _view.ViewDef("[]int", "[]int", _view.SLICE, 0,
 *	    _view.Elem("int", "int", "n", "GoInt", "GoInt", _rt.to_int, None), None,
 *	    _lib.gopy_view_slice_int_make)
 *
 *	def _to_view_slice_int(o, sig, idx, path=None):
 *	    return _view.to_view(_vd_slice_int, o, sig, idx, path)
 *
 *	def _from_view_slice_int(h):
 *	    return _view.from_view(_vd_slice_int, h)
 *
 * A named container type's class (CLASS_VIEW) derives from the generic
 * view class and adds its constructor and Go methods.
 */
#include "emit_view.h"
#include "conv_cffi.h"
#include "emit_desc.h"
#include "emit_pieces.h"

#include <string.h>

/* What differs between slices, arrays and maps for a named type's class
 * (the rest is desc_view's): the runtime's base class and the parameter
 * its constructor takes. */
static const struct container {
	const char *base, *param;
} containers[] = {
	[TK_SLICE] = {"Slice", "items"},
	[TK_ARRAY] = {"Array", "items"},
	[TK_MAP] = {"Map", "mapping"},
};

static const struct container *container_of(const plan_view *v)
{
	return &containers[v->u->kind];
}

/* _vd_X = _view.ViewDef(...), its arguments one level deeper. */
static void emit_viewdef(printer *pr, const plan *p, const plan_view *v)
{
	desc_view d = desc_view_of(p, v);
	sb var = SB_INIT;

	sb_printf(&var, "_vd_%s", v->name);
	desc_view_py(pr, p, &d, sb_str(&var));
	sb_free(&var);
}

void emit_py_view(printer *pr, const plan *p, const plan_view *v)
{
	const char *n = v->name;

	pr_blank(pr);
	pr_line(pr, "# ---- the Go type %s ----", model_type_at(p->m, v->type)->shown);
	emit_viewdef(pr, p, v);
	emit_py_gap(pr);
	pr_open(pr, "def _to_view_%s(o, sig, idx, path=None):", n);
	pr_line(pr, "return _view.to_view(_vd_%s, o, sig, idx, path)", n);
	pr_close(pr, NULL);
	emit_py_gap(pr);
	pr_open(pr, "def _from_view_%s(h):", n);
	pr_line(pr, "return _view.from_view(_vd_%s, h)", n);
	pr_close(pr, NULL);
	pr_blank(pr);
}

void emit_py_view_class(printer *pr, const plan *p, const plan_class *c)
{
	const plan_view *v = c->view;
	const char *n = c->pyname, *param = container_of(v)->param, *base = container_of(v)->base;
	sb sig = SB_INIT, bind = SB_INIT;
	plan_value val = {.goname = param, .pyname = param, .type = v->type, .cv = v->cv};

	emit_py_gap(pr);
	pr_line(pr, "# ---- %s: the Go type %s ----", n, c->named->shown);
	pr_blank(pr);
	sb_printf(&sig, "_sig_new_%s", n);
	emit_py_sig(pr->out, p, "", sb_str(&sig), c->pyshort, &val, 1, false, "_rt.NEW");
	emit_py_method_sigs(pr, p, c);
	emit_py_gap(pr);
	pr_open(pr, "class %s(_view.%s):", n, base);
	if (c->decl && c->decl->doc && *c->decl->doc)
		emit_py_docstring(pr, c->decl->doc);
	pr_line(pr, "__slots__ = ()");
	pr_line(pr, "_gopy_tp_name = \"%s\"", plan_class_qualname(p, c));
	pr_blank(pr);
	/* Always a new Go value, as list(x) and dict(x) are: Vector(v) copies v. */
	pr_open(pr, "def __init__(self, %s=_MISSING, *_extra):", param);
	sb_printf(&bind, "_rt.bind_error(%s, _extra, %s)", sb_str(&sig), param);
	emit_py_check(pr, "_extra", sb_str(&bind));
	pr_line(pr, "_view.init_view(self, _vd_%s, %s, %s)", v->name, sb_str(&sig), param);
	pr_close(pr, NULL);
	cffi_conv recv = cffi_conv_of(p, c->value);
	emit_py_methods(pr, p, c, &recv);
	emit_py_string_method(pr, c);
	pr_close(pr, NULL);
	emit_py_gap(pr);
	pr_line(pr, "_vd_%s.cls = %s", v->name, n);
	pr_line(pr, "_vd_%s.newsig = %s", v->name, sb_str(&sig));
	sb_free(&sig), sb_free(&bind);
}
