/* emit_py_view.c: the container views of a cffi module's Python side (emit_py.h). */
#include "emit_py.h"

void emit_py_view(sb *out, const plan *p, const plan_view *v)
{
	(void)out, (void)p, (void)v;
}

void emit_py_view_class(sb *out, const plan *p, const plan_class *c)
{
	(void)out, (void)p, (void)c;
}
