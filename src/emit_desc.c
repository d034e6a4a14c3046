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
