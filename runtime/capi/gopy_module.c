/*
 * gopy_module.c: the top layer of the C runtime (gopy_capi.h): module
 * initialization, which needs every layer below. Kept apart so that
 * gopy_rt.c, at the bottom, calls nothing above it.
 */
#include "gopy_capi.h"

int gopy_module_init(PyObject *module, int nclasses)
{
	gopy_state *st;

	if (gopy_rt_init(module, nclasses) < 0)
		return -1;
	st = PyModule_GetState(module);
	if (gopy_view_init(module, st->views) < 0)
		return -1;
	if (gopy_dyn_init(module) < 0)
		return -1;
	if (gopy_io_init(module) < 0)
		return -1;
	return gopy_pyapi_init(module);
}
