/* emit_desc.c: see emit_desc.h. */
#include "emit_desc.h"

#include <stdlib.h>
#include <string.h>

#include "capi/conv_capi.h"
#include "cffi/conv_cffi.h"
#include "emit.h"

/* How each runtime spells a signature's kind. */
static const struct {
	const char *c, *py;
} sig_kinds[DS_COUNT] = {
	[DS_CALL] = {"GOPY_SIG_CALL", "_rt.CALL"},
	[DS_NEW] = {"GOPY_SIG_NEW", "_rt.NEW"},
	[DS_FIELD] = {"GOPY_SIG_FIELD", "_rt.FIELD"},
	[DS_VAR] = {"GOPY_SIG_VAR", "_rt.VAR"},
};

desc_sig desc_sig_of(const plan *p, const char *name, const plan_value *params, int nparams,
		     bool variadic, desc_sig_kind kind)
{
	desc_sig s = {.name = name, .nparams = nparams, .nfixed = variadic ? nparams - 1 : nparams,
		      .variadic = variadic, .kind = kind};
	size_t n = (size_t)nparams + 1;

	s.params = xcalloc(n, sizeof *s.params);
	s.gotypes = xcalloc(n, sizeof *s.gotypes);
	s.convs = xcalloc(n, sizeof *s.convs);
	for (int i = 0; i < nparams; i++) {
		s.params[i] = params[i].pyname;
		s.gotypes[i] = model_type_at(p->m, params[i].type)->shown;
		s.convs[i] = params[i].cv;
	}
	return s;
}

desc_sig_kind desc_sig_kind_of_py(const char *py)
{
	for (int k = 0; k < DS_COUNT; k++)
		if (!strcmp(sig_kinds[k].py, py))
			return (desc_sig_kind)k;
	BUG("no signature kind %s", py);
}

void desc_sig_free(desc_sig *s)
{
	free(s->params), free(s->gotypes), free(s->convs);
	s->params = s->gotypes = NULL;
	s->convs = NULL;
}

void desc_sig_c(sb *out, const desc_sig *s, const char *cname)
{
	const char *kind = sig_kinds[s->kind].c;

	if (!s->nparams) {
		sb_printf(out, "static const gopy_sig %s_sig = {\"%s\", 0, NULL, NULL, 0, %s};\n", cname, s->name,
			  kind);
		return;
	}
	sb_printf(out, "static const char *const %s_params[] = {", cname);
	for (int i = 0; i < s->nparams; i++)
		sb_printf(out, "%s\"%s\"", i ? ", " : "", s->params[i]);
	sb_printf(out, "};\nstatic const char *const %s_gotypes[] = {", cname);
	for (int i = 0; i < s->nparams; i++) {
		sb_add(out, i ? ", \"" : "\"");
		sb_add_cescaped(out, s->gotypes[i]);
		sb_addc(out, '"');
	}
	sb_add(out, "};\n");
	sb_printf(out, "static const gopy_sig %s_sig = {\"%s\", %d, %s_params, %s_gotypes, %d, %s};\n", cname,
		  s->name, s->nfixed, cname, cname, s->variadic, kind);
}

/* The end of a Python tuple of n items: one item needs its comma. */
static const char *py_tuple_close(int n)
{
	return n == 1 ? ",)" : ")";
}

void desc_sig_py(sb *out, const plan *p, const desc_sig *s, const char *indent, const char *var)
{
	int n = s->nparams;

	sb_printf(out, "%s%s = _rt.Sig(\"", indent, var);
	sb_add_pyescaped(out, s->name);
	sb_add(out, "\", (");
	for (int i = 0; i < n; i++)
		sb_printf(out, "%s\"%s\"", i ? ", " : "", s->params[i]);
	sb_printf(out, "%s, (", py_tuple_close(n));
	for (int i = 0; i < n; i++) {
		sb_add(out, i ? ", \"" : "\"");
		sb_add_pyescaped(out, s->gotypes[i]);
		sb_addc(out, '"');
	}
	sb_printf(out, "%s, (", py_tuple_close(n));
	for (int i = 0; i < n; i++)
		sb_printf(out, "%s%s", i ? ", " : "", cffi_conv_of(p, s->convs[i]).to);
	sb_printf(out, "%s, %s", py_tuple_close(n), sig_kinds[s->kind].py);
	if (s->variadic)
		sb_printf(out, ", vararg=\"%s\", vararg_shape=%s", cffi_c_type(s->convs[n - 1], false),
			  cffi_shape_name(cffi_conv_of(p, s->convs[n - 1]).shape));
	sb_add(out, ")\n");
}

desc_elem desc_elem_of(const plan *p, const plan_view *v, bool key)
{
	const conv *cv = key ? v->kcv : v->ecv;

	return (desc_elem){
		.view = v,
		.which = key ? "key" : "elem",
		.gotype = model_type_at(p->m, key ? v->key : v->elem)->shown,
		.format = v->flat ? cv->buf_format : NULL,
		.cv = cv,
	};
}

void desc_elem_c(sb *out, const plan *p, const desc_elem *e)
{
	sb_add(out, "{\"");
	sb_add_cescaped(out, e->gotype);
	sb_add(out, "\", ");
	if (e->format)
		sb_printf(out, "\"%s\", ", e->format);
	else
		sb_add(out, "NULL, ");
	sb_printf(out, "sizeof(%s), sizeof(%s), %s, view_%s_%s}", e->cv->c_type, e->cv->c_out_type,
		  capi_conv_of(p, e->cv).from_py, e->view->name, e->which);
}

void desc_elem_py(sb *out, const plan *p, const desc_elem *e)
{
	cffi_conv cc = cffi_conv_of(p, e->cv);

	sb_add(out, "_view.Elem(\"");
	sb_add_pyescaped(out, e->gotype);
	sb_add(out, "\", ");
	if (e->format)
		sb_printf(out, "\"%s\"", e->format);
	else
		sb_add(out, "None");
	sb_printf(out, ", \"%s\", \"%s\", ", cffi_c_type(e->cv, false), cffi_c_type(e->cv, true));
	/* The runtime's converters directly (one call fewer per element); the
	 * module's own late-bound, since a class's converters may be defined
	 * after the views. */
	if (!strncmp(cc.to, "_rt.", 4))
		sb_add(out, cc.to);
	else
		sb_printf(out, "lambda _o, _s, _i, _p=None: %s(_o, _s, _i, _p)", cc.to);
	sb_add(out, ", ");
	if (cc.from) {
		sb_add(out, "lambda _v: ");
		emit_apply(out, cc.from, "_v");
	} else {
		sb_add(out, "None");
	}
	sb_printf(out, ", %s, %s)", cc.bulk ? cc.bulk : "None", cffi_shape_name(cc.shape));
}

/* The element operations of each kind of container, in gopy_viewdef's order. */
static const char *const seq_ops[] = {"get", "set", "items", NULL};
static const char *const map_ops[] = {"len", "get", "set", "del", "items", "clear", NULL};
static const char *const no_ops[] = {NULL};

/* How each runtime names a container kind. */
static const struct {
	const char *c, *py;
} view_kinds[CK_COUNT] = {
	[CK_SLICE] = {"GOPY_VIEW_SLICE", "_view.SLICE"},
	[CK_ARRAY] = {"GOPY_VIEW_ARRAY", "_view.ARRAY"},
	[CK_MAP] = {"GOPY_VIEW_MAP", "_view.MAP"},
};

desc_view desc_view_of(const plan *p, const plan_view *v)
{
	desc_view d = {
		.view = v,
		.gotype = model_type_at(p->m, v->type)->shown,
		.spell = v->u->spell,
		.kind = v->cv->kind,
		.len = v->cv->kind == CK_ARRAY ? v->u->len : 0,
		.elem = desc_elem_of(p, v, false),
		.keyed = v->kcv != NULL,
		.map_ops = v->cv->kind == CK_MAP,
	};

	if (d.keyed)
		d.key = desc_elem_of(p, v, true);
	d.ops = v->flat ? no_ops : d.map_ops ? map_ops : seq_ops;
	return d;
}

const char *desc_view_kind_c(const plan_view *v)
{
	return view_kinds[v->cv->kind].c;
}

static void c_string_line(printer *pr, const char *s)
{
	pr_start(pr, "\"");
	sb_add_cescaped(pr->out, s);
	pr_add(pr, "\",");
	pr_end(pr);
}

static void c_elem_line(printer *pr, const plan *p, const desc_elem *e)
{
	pr_indent(pr);
	desc_elem_c(pr->out, p, e);
	pr_add(pr, ",");
	pr_end(pr);
}

/* Every slot of ops, present (the view's) or NULL. */
static void c_op_slots(printer *pr, const desc_view *d, const char *const *ops)
{
	for (int i = 0; ops[i]; i++)
		if (d->ops == ops)
			pr_line(pr, "gopy_view_%s_%s,", d->view->name, ops[i]);
		else
			pr_line(pr, "NULL,");
}

void desc_view_c(printer *pr, const plan *p, const desc_view *d)
{
	const plan_view *v = d->view;

	c_string_line(pr, d->gotype);
	c_string_line(pr, d->spell);
	pr_line(pr, "%s,", view_kinds[d->kind].c);
	pr_line(pr, "%lld,", d->len);
	if (v->cls)
		pr_line(pr, "CLASS_%s,", v->cls->pyname);
	else
		pr_line(pr, "-1,");
	pr_line(pr, "&view_%s_elemsig,", v->name);
	if (v->cls)
		pr_line(pr, "&view_%s_newsig,", v->name);
	else
		pr_line(pr, "NULL,");
	c_elem_line(pr, p, &d->elem);
	if (d->keyed)
		c_elem_line(pr, p, &d->key);
	else
		pr_line(pr, "{NULL, NULL, 0, 0, NULL, NULL},");
	pr_line(pr, "gopy_view_%s_make,", v->name);
	c_op_slots(pr, d, seq_ops);
	c_op_slots(pr, d, map_ops);
}

void desc_view_py(printer *pr, const plan *p, const desc_view *d, const char *var)
{
	const char *n = d->view->name, *prefix = d->map_ops ? "map_" : "";
	sb line = SB_INIT;

	sb_printf(&line, "%s = _view.ViewDef(\"", var);
	sb_add_pyescaped(&line, d->gotype);
	sb_add(&line, "\", \"");
	sb_add_pyescaped(&line, d->spell);
	sb_printf(&line, "\", %s, %lld,", view_kinds[d->kind].py, d->len);
	pr_open(pr, "%s", sb_str(&line));
	sb_reset(&line);
	desc_elem_py(&line, p, &d->elem);
	pr_line(pr, "%s,", sb_str(&line));
	sb_reset(&line);
	if (d->keyed)
		desc_elem_py(&line, p, &d->key);
	else
		sb_add(&line, "None");
	pr_line(pr, "%s,", sb_str(&line));
	/* The operations as keywords, a few to a line as the runtime names them. */
	sb_reset(&line);
	sb_printf(&line, "_lib.gopy_view_%s_make", n);
	int on_line = 1, per_line = 3;
	for (int i = 0; d->ops[i]; i++) {
		if (on_line == per_line) {
			pr_line(pr, "%s,", sb_str(&line));
			sb_reset(&line);
			on_line = 0;
			per_line = 2;
		} else {
			sb_add(&line, ", ");
		}
		sb_printf(&line, "%s%s=_lib.gopy_view_%s_%s", prefix, d->ops[i], n, d->ops[i]);
		on_line++;
	}
	pr_line(pr, "%s)", sb_str(&line));
	pr_close(pr, NULL);
	sb_free(&line);
}
