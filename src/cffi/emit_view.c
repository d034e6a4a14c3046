/*
 * src/cffi/emit_view.c: the container views of a cffi module's Python side
 * (src/cffi/emit_package.h). Each slice, array or map type the module uses gets a
 * description for the runtime (runtime/gopy_cffi_view.py) and its two
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
#include "emit_package.h"
#include "conv_cffi.h"
#include "emit_desc.h"

#include <string.h>

/* _view.Elem(gotype, gokind, format, cin, cout, to, from). */
static void emit_elem(sb *out, const plan *p, const plan_view *v, int type, const conv *cv)
{
	/* When key and element have the same type, either reads the same. */
	desc_elem e = desc_elem_of(p, v, v->kcv && cv == v->kcv && type == v->key);

	desc_elem_py(out, p, &e);
}

void emit_py_view(sb *out, const plan *p, const plan_view *v)
{
	const char *n = v->name;
	bool map = v->u->kind == TK_MAP;

	sb_add(out, "\n# ---- the Go type ");
	sb_add(out, model_type_at(p->m, v->type)->shown);
	sb_printf(out, " ----\n_vd_%s = _view.ViewDef(", n);
	emit_py_str(out, model_type_at(p->m, v->type)->shown);
	sb_add(out, ", ");
	emit_py_str(out, v->u->spell);
	sb_printf(out, ", _view.%s, %lld,\n    ", map ? "MAP" : v->u->kind == TK_ARRAY ? "ARRAY" : "SLICE",
		  v->u->kind == TK_ARRAY ? v->u->len : 0LL);
	emit_elem(out, p, v, v->elem, v->ecv);
	sb_add(out, ",\n    ");
	if (map)
		emit_elem(out, p, v, v->key, v->kcv);
	else
		sb_add(out, "None");
	sb_printf(out, ",\n    _lib.gopy_view_%s_make", n);
	if (map)
		sb_printf(out, ", map_len=_lib.gopy_view_%s_len, map_get=_lib.gopy_view_%s_get,\n"
			       "    map_set=_lib.gopy_view_%s_set, map_del=_lib.gopy_view_%s_del,\n"
			       "    map_items=_lib.gopy_view_%s_items, map_clear=_lib.gopy_view_%s_clear",
			  n, n, n, n, n, n);
	else if (!v->flat) /* flat elements are read and written in place */
		sb_printf(out, ", get=_lib.gopy_view_%s_get, set=_lib.gopy_view_%s_set,\n"
			       "    items=_lib.gopy_view_%s_items", n, n, n);
	sb_add(out, ")\n");
	sb_printf(out, "\n\ndef _to_view_%s(o, sig, idx, path=None):\n"
		       "    return _view.to_view(_vd_%s, o, sig, idx, path)\n", n, n);
	sb_printf(out, "\n\ndef _from_view_%s(h):\n    return _view.from_view(_vd_%s, h)\n\n", n, n);
}

void emit_py_view_class(sb *out, const plan *p, const plan_class *c)
{
	const plan_view *v = c->view;
	const char *n = c->pyname, *param = v->u->kind == TK_MAP ? "mapping" : "items";
	const char *base = v->u->kind == TK_MAP ? "Map" : v->u->kind == TK_ARRAY ? "Array" : "Slice";
	sb sig = SB_INIT;
	plan_value val = {.goname = param, .pyname = param, .type = v->type, .cv = v->cv};

	sb_printf(out, "\n\n# ---- %s: the Go type %s ----\n\n", n, c->named->shown);
	sb_printf(&sig, "_sig_new_%s", n);
	emit_py_sig(out, p, "", sb_str(&sig), n, &val, 1, false, "_rt.NEW");
	emit_py_method_sigs(out, p, c);
	sb_printf(out, "\n\nclass %s(_view.%s):\n", n, base);
	if (c->decl && c->decl->doc && *c->decl->doc)
		emit_py_docstring(out, "    ", c->decl->doc);
	sb_printf(out, "    __slots__ = ()\n    _gopy_tp_name = \"%s.%s\"\n\n", p->modname, n);
	/* Always a new Go value, as list(x) and dict(x) are: Vector(v) copies v. */
	sb_printf(out, "    def __init__(self, %s=_MISSING, *_extra):\n"
		       "        if _extra:\n            _rt.bind_error(%s, _extra, %s)\n"
		       "        _view.init_view(self, _vd_%s, %s, %s)\n",
		  param, sb_str(&sig), param, v->name, sb_str(&sig), param);
	emit_py_methods(out, p, c);
	emit_py_string_method(out, c);
	sb_printf(out, "\n\n_vd_%s.cls = %s\n_vd_%s.newsig = %s\n", v->name, n, v->name, sb_str(&sig));
	sb_free(&sig);
}
