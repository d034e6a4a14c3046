/*
 * src/capi/backend.c: the C-API backend's descriptor (backend.h). It
 * generates module.c, which cgo compiles with the C runtime, and installs
 * DIR/NAME<EXT_SUFFIX> and DIR/NAME.pyi, or, for a module with submodules
 * (other packages' types), the package DIR/NAME/: __init__<EXT_SUFFIX>,
 * __init__.pyi and a SUB.pyi per submodule.
 */
#define _POSIX_C_SOURCE 200809L
#include "capi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The package form, DIR/NAME/ with __init__<EXT_SUFFIX>: CPython imports
 * an extension as a package's __init__, with PyInit_NAME. */
static char *package_dir(const backend_job *j)
{
	return xasprintf("%s/%s", j->outdir, j->p->modname);
}

static int install(const backend_job *j, const char *so)
{
	char *pyi = xasprintf("%s.pyi", j->p->modname);
	char *file = xasprintf("%s/%s", j->outdir, so), *stub = xasprintf("%s/%s", j->outdir, pyi);
	char *pkg = package_dir(j), *init = xasprintf("__init__%s", j->pi->ext_suffix);
	int rc = -1;

	/* Either form shadows the other (Python prefers the package): the
	 * one not written now goes. */
	if (backend_is_package(j)) {
		remove(file), remove(stub);
		if (mkdir_p(pkg) == 0 && backend_copy(j->workdir, so, pkg, init) == 0 &&
		    backend_install_stubs(j, pkg) == 0) {
			note("wrote the package %s", pkg);
			rc = 0;
		}
	} else {
		char *old = xasprintf("%s/%s", pkg, init);
		if (access(old, F_OK) == 0)
			remove_tree(pkg);
		free(old);
		if (backend_copy(j->workdir, so, j->outdir, so) == 0 &&
		    backend_copy(j->workdir, pyi, j->outdir, pyi) == 0) {
			note("wrote %s/%s and %s/%s", j->outdir, so, j->outdir, pyi);
			rc = 0;
		}
	}
	free(pyi), free(file), free(stub), free(pkg), free(init);
	return rc;
}

/* The module file, or the package when gopy made it (it holds the
 * extension as __init__). */
static char *installed(const backend_job *j)
{
	char *path = xasprintf("%s/%s%s", j->outdir, j->p->modname, j->pi->ext_suffix);
	char *init = xasprintf("%s/%s/__init__%s", j->outdir, j->p->modname, j->pi->ext_suffix);

	if (access(init, F_OK) == 0) {
		free(path);
		*strrchr(init, '/') = '\0';
		return init;
	}
	free(init);
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
