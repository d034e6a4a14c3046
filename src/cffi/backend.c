/*
 * src/cffi/backend.c: the cffi backend's descriptor (backend.h), the
 * default on PyPy, whose JIT calls C through cffi directly while every
 * C-API call goes through its emulation layer. It generates cffi_build.py
 * and NAME.py, runs cffi_build.py (cffi writes cffi_module.c, which cgo
 * compiles with the glue) and installs the package DIR/NAME/:
 * __init__.py, __init__.pyi, the runtime as _gopy*.py and
 * _native<EXT_SUFFIX>.
 */
#define _POSIX_C_SOURCE 200809L
#include "cffi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "proc.h"
#include "util.h"

static bool is_default(const pyinfo *pi)
{
	return pi->impl && !strcmp(pi->impl, "pypy");
}

static int generate(const backend_job *j)
{
	sb mod = SB_INIT, py = SB_INIT;
	char *pyname = xasprintf("%s.py", j->p->modname);
	int rc;

	emit_cffi(j->p, &mod);
	emit_py(j->p, &py);
	rc = backend_write(j->workdir, "cffi_build.py", &mod);
	if (rc == 0)
		rc = backend_write(j->workdir, pyname, &py);
	sb_free(&mod), sb_free(&py);
	free(pyname);
	return rc;
}

/* Runs cffi_build.py with the target interpreter: cffi writes cffi_module.c. */
static int run_cffi(const backend_job *j)
{
	const char *argv[] = {j->python, "cffi_build.py", NULL};
	sb err = SB_INIT, said = SB_INIT; /* cffi says "generating ...": not for the user */
	proc_opts o = {.dir = j->workdir, .out = &said, .err = &err, .echo = j->echo};
	int rc = proc_run(argv, &o);

	if (rc != 0) {
		if (strstr(sb_str(&err), "No module named 'cffi'"))
			err_set("cffi is not installed for %s (python -m pip install cffi, or Debian's python3-cffi)",
				j->python);
		else
			err_set("%s cffi_build.py failed in %s: %s", j->python, j->workdir, sb_str(&err));
	}
	sb_free(&err), sb_free(&said);
	return rc == 0 ? 0 : -1;
}

static char *library(const backend_job *j)
{
	return xasprintf("_native%s", j->pi->ext_suffix);
}

/* The runtime (runtime/cffi/gopy_cffi*.py) goes into the package as _gopy*.py. */
static int install_runtime(const backend_job *j, const char *pkg)
{
	const char *dir = backend_cffi.runtime, *stem = "gopy_cffi";
	size_t n = strlen(dir);

	for (const embedded_file *f = embedded_files; f->path; f++) {
		const char *name = f->path + n;
		if (strncmp(f->path, dir, n) != 0 || strncmp(name, stem, strlen(stem)) != 0)
			continue;
		char *to = xasprintf("_gopy%s", name + strlen(stem));
		int rc = backend_copy(j->workdir, name, pkg, to);
		free(to);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int install(const backend_job *j, const char *so)
{
	char *pkg = xasprintf("%s/%s", j->outdir, j->p->modname);
	char *py = xasprintf("%s.py", j->p->modname);
	int rc = -1;

	if (mkdir_p(pkg) == 0 && backend_copy(j->workdir, so, pkg, so) == 0 &&
	    backend_copy(j->workdir, py, pkg, "__init__.py") == 0 &&
	    install_runtime(j, pkg) == 0 && backend_install_stubs(j, pkg) == 0) {
		note("wrote the package %s", pkg);
		rc = 0;
	}
	free(pkg), free(py);
	return rc;
}

/* The package, only when gopy made it (it holds _gopy.py). */
static char *installed(const backend_job *j)
{
	char *mark = xasprintf("%s/%s/_gopy.py", j->outdir, j->p->modname);

	if (access(mark, F_OK) == 0) {
		*strrchr(mark, '/') = '\0';
		return mark;
	}
	free(mark);
	return NULL;
}

static const char *const python_files[] = {"%s.py", "cffi_build.py", NULL};

const backend backend_cffi = {
	.name = "cffi",
	.title = "cffi",
	.runtime = "runtime/cffi/",
	.gen_help = "cffi_build.py and NAME.py",
	.default_when = "on PyPy",
	.is_default = is_default,
	.generate = generate,
	.python_files = python_files,
	.prepare = run_cffi,
	.library = library,
	.install = install,
	.installed = installed,
};
