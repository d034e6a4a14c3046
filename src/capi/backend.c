/*
 * src/capi/backend.c: the C-API backend's descriptor (backend.h). It
 * generates module.c, which cgo compiles with the C runtime, and installs
 * DIR/NAME<EXT_SUFFIX> and DIR/NAME.pyi.
 */
#define _POSIX_C_SOURCE 200809L
#include "capi.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "util.h"

static int generate(const backend_job *j)
{
	sb mod = SB_INIT;
	int rc;

	emit_capi(j->p, &mod);
	rc = backend_write(j->workdir, "module.c", &mod);
	sb_free(&mod);
	return rc;
}

static char *library(const backend_job *j)
{
	return xasprintf("%s%s", j->p->modname, j->pi->ext_suffix);
}

static int install(const backend_job *j, const char *so)
{
	char *pyi = xasprintf("%s.pyi", j->p->modname);
	int rc = -1;

	if (backend_copy(j->workdir, so, j->outdir, so) == 0 &&
	    backend_copy(j->workdir, pyi, j->outdir, pyi) == 0) {
		note("wrote %s/%s and %s/%s", j->outdir, so, j->outdir, pyi);
		rc = 0;
	}
	free(pyi);
	return rc;
}

static char *installed(const backend_job *j)
{
	char *path = xasprintf("%s/%s%s", j->outdir, j->p->modname, j->pi->ext_suffix);

	if (access(path, F_OK) == 0)
		return path;
	free(path);
	return NULL;
}

static const char *const python_files[] = {NULL};

const backend backend_capi = {
	.name = "capi",
	.title = "C-API",
	.runtime = "runtime/capi/",
	.help = "the CPython C-API",
	.gen_help = "module.c",
	.generate = generate,
	.python_files = python_files,
	.library = library,
	.install = install,
	.installed = installed,
};
