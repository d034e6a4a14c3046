/* emit_py_class.c: the classes of a cffi module's Python side (emit_py.h). */
#include "emit_py.h"

void emit_py_class_converters(sb *out, const plan *p, const plan_class *c)
{
	(void)out, (void)p, (void)c;
}

void emit_py_class(sb *out, const plan *p, const plan_class *c)
{
	if (c->kind == CLASS_VIEW) {
		emit_py_view_class(out, p, c);
		return;
	}
}
