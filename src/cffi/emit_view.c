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

/* _view.Elem(gotype, gokind, format, cin, cout, to, from). */
static void emit_elem(sb *out, const plan *p, const plan_view *v, int type, const conv *cv)
{
	/* When key and element have the same type, either reads the same. */
	desc_elem e = desc_elem_of(p, v, v->kcv && cv == v->kcv && type == v->key);

	desc_elem_py(out, p, &e);
}

/* What differs between slices, arrays and maps: the runtime's kind and
 * base class, and the parameter a named type's constructor takes. */
static const struct container {
	const char *kind, *base, *param;
	bool sized; /* the ViewDef has the array's length */
	bool map;   /* keys, and map shims instead of element ones */
} containers[] = {
	[TK_SLICE] = {"SLICE", "Slice", "items", false, false},
	[TK_ARRAY] = {"ARRAY", "Array", "items", true, false},
	[TK_MAP] = {"MAP", "Map", "mapping", false, true},
};

static const struct container *container_of(const plan_view *v)
{
	return &containers[v->u->kind];
}

/* _vd_X = _view.ViewDef(...), its arguments one level deeper. */
static void emit_viewdef(printer *pr, const plan *p, const plan_view *v)
{
	const char *n = v->name;
	const struct container *k = container_of(v);
	sb line = SB_INIT;

	sb_printf(&line, "_vd_%s = _view.ViewDef(", n);
	emit_py_str(&line, model_type_at(p->m, v->type)->shown);
	sb_add(&line, ", ");
	emit_py_str(&line, v->u->spell);
	sb_printf(&line, ", _view.%s, %lld,", k->kind, k->sized ? v->u->len : 0LL);
	pr_open(pr, "%s", sb_str(&line));
	sb_reset(&line);
	emit_elem(&line, p, v, v->elem, v->ecv);
	pr_line(pr, "%s,", sb_str(&line));
	sb_reset(&line);
	if (k->map)
		emit_elem(&line, p, v, v->key, v->kcv);
	else
		sb_add(&line, "None");
	pr_line(pr, "%s,", sb_str(&line));
	if (k->map) {
		pr_line(pr, "_lib.gopy_view_%s_make, map_len=_lib.gopy_view_%s_len, map_get=_lib.gopy_view_%s_get,",
			n, n, n);
		pr_line(pr, "map_set=_lib.gopy_view_%s_set, map_del=_lib.gopy_view_%s_del,", n, n);
		pr_line(pr, "map_items=_lib.gopy_view_%s_items, map_clear=_lib.gopy_view_%s_clear)", n, n);
	} else if (!v->flat) { /* flat elements are read and written in place */
		pr_line(pr, "_lib.gopy_view_%s_make, get=_lib.gopy_view_%s_get, set=_lib.gopy_view_%s_set,", n, n, n);
		pr_line(pr, "items=_lib.gopy_view_%s_items)", n);
	} else {
		pr_line(pr, "_lib.gopy_view_%s_make)", n);
	}
	pr_close(pr, NULL);
	sb_free(&line);
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
	emit_py_sig(pr->out, p, "", sb_str(&sig), n, &val, 1, false, "_rt.NEW");
	emit_py_method_sigs(pr, p, c);
	emit_py_gap(pr);
	pr_open(pr, "class %s(_view.%s):", n, base);
	if (c->decl && c->decl->doc && *c->decl->doc)
		emit_py_docstring(pr, c->decl->doc);
	pr_line(pr, "__slots__ = ()");
	pr_line(pr, "_gopy_tp_name = \"%s.%s\"", p->modname, n);
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
