/*
 * src/cffi/emit_view.c: the container views of a cffi module's Python side
 * (emit_view.h). Each slice, array or map type the module uses gets a
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
#include "emit_view.h"
#include "conv_cffi.h"
#include "emit_pieces.h"

#include <string.h>

/* A converter named by the table: runtime ones directly (the runtime
 * recognizes them for bulk conversion); the module's own late-bound,
 * since a class's converters may be defined after the views. */
static void emit_to(sb *out, const char *to)
{
	if (!strncmp(to, "_rt.", 4))
		sb_add(out, to);
	else
		sb_printf(out, "lambda _o, _s, _i, _p=None: %s(_o, _s, _i, _p)", to);
}

/* _view.Elem(gotype, gokind, format, cin, cout, to, from). */
static void emit_elem(sb *out, const plan *p, const plan_view *v, int type, const conv *cv)
{
	sb_add(out, "_view.Elem(");
	emit_py_str(out, model_type_at(p->m, type)->shown);
	conv_kind k = conv_basic_kind(cv);
	cffi_conv cc = cffi_conv_of(p, cv);

	sb_printf(out, ", \"%s\", ", conv_kind_name(k != CK_COUNT ? k : cv->kind));
	if (v->flat && cv->buf_format)
		sb_printf(out, "\"%s\"", cv->buf_format);
	else
		sb_add(out, "None");
	sb_printf(out, ", \"%s\", \"%s\", ", cffi_c_type(cv, false), cffi_c_type(cv, true));
	emit_to(out, cc.to);
	sb_add(out, ", ");
	if (cc.from) {
		sb_add(out, "lambda _v: ");
		emit_apply(out, cc.from, "_v");
	} else {
		sb_add(out, "None");
	}
	sb_addc(out, ')');
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

void emit_py_view(sb *out, const plan *p, const plan_view *v)
{
	const char *n = v->name;
	const struct container *k = container_of(v);
	bool map = k->map;

	sb_add(out, "\n# ---- the Go type ");
	sb_add(out, model_type_at(p->m, v->type)->shown);
	sb_printf(out, " ----\n_vd_%s = _view.ViewDef(", n);
	emit_py_str(out, model_type_at(p->m, v->type)->shown);
	sb_add(out, ", ");
	emit_py_str(out, v->u->spell);
	sb_printf(out, ", _view.%s, %lld,\n    ", k->kind, k->sized ? v->u->len : 0LL);
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
	const char *n = c->pyname, *param = container_of(v)->param, *base = container_of(v)->base;
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
	cffi_conv recv = cffi_conv_of(p, c->value);
	emit_py_methods(out, p, c, &recv);
	emit_py_string_method(out, c);
	sb_printf(out, "\n\n_vd_%s.cls = %s\n_vd_%s.newsig = %s\n", v->name, n, v->name, sb_str(&sig));
	sb_free(&sig);
}
