/*
 * backend.h: a backend is one unit. Its descriptor says what it is called,
 * which runtime folder (runtime/NAME/) it compiles with the Go runtime
 * (runtime/go/) and gopy_abi.h, what it generates besides glue.go and
 * NAME.pyi, what it runs before `go build`, and what it installs. The
 * build driver (build.c) knows backends only through this interface and
 * the list in backends.c; each descriptor lives in its backend's folder
 * (src/capi/backend.c, src/cffi/backend.c). Adding a backend adds a folder
 * and an entry in backends.c, and edits no other backend.
 *
 * Ownership: descriptors are static. Hooks that fail return -1 with a
 * message in err_msg(); paths they return are malloc'd for the caller.
 */
#ifndef GOPY_BACKEND_H
#define GOPY_BACKEND_H

#include <stdbool.h>

#include "sb.h"
#include "support.h"

/* What the target interpreter tells about itself (build.c asks it). */
typedef struct pyinfo {
	char *include;     /* directory holding Python.h */
	char *ext_suffix;  /* ".cpython-311-x86_64-linux-gnu.so" */
	char *impl;        /* "cpython", "pypy" */
} pyinfo;

/* One build as the hooks see it. */
typedef struct backend_job {
	const plan *p;
	const pyinfo *pi;       /* zeroed for `gopy gen` */
	const char *python;     /* the target interpreter */
	const char *workdir;
	const char *outdir;     /* where install puts the module */
	bool echo;              /* -x: print every command */
} backend_job;

typedef struct backend {
	const char *name;       /* the -backend value: "capi" */
	const char *title;      /* in messages: "C-API" */
	const char *runtime;    /* its runtime folder: "runtime/capi/" */
	/* -backend's help: what it is ("the CPython C-API"; may be NULL) and,
	 * for gen, what it writes ("module.c"). */
	const char *help;
	const char *gen_help;
	/* The interpreters it is the default for, as help says it ("on PyPy"),
	 * and the test; NULL for the fallback (the first such in the list). */
	const char *default_when;
	bool (*is_default)(const pyinfo *pi);
	/* Writes its generated files (those besides glue.go and NAME.pyi)
	 * into the work directory. */
	int (*generate)(const backend_job *j);
	/* The generated Python files the target interpreter must compile, as
	 * templates over the module name ("%s.py"); NULL-terminated. */
	const char *const *python_files;
	/* Runs before `go build` in the work directory; may be NULL. */
	int (*prepare)(const backend_job *j);
	/* The shared library `go build` writes into the work directory. */
	char *(*library)(const backend_job *j);
	/* Copies the built module from the work directory into outdir. */
	int (*install)(const backend_job *j, const char *library);
	/* The module this backend installed in outdir earlier, which would
	 * shadow or be shadowed by another backend's; NULL if none. */
	char *(*installed)(const backend_job *j);
} backend;

/* Every backend, NULL-terminated (backends.c). */
extern const backend *const backends[];

/* The backend called name, or NULL. */
const backend *backend_find(const char *name);
/* The default backend for the interpreter pi. */
const backend *backend_default(const pyinfo *pi);
/* The names as a choice: "capi or cffi". */
void backend_names(sb *out);
/* The help of -backend for build, or for gen (no interpreter: the
 * fallback is the default). */
void backend_help(sb *out, bool gen);

/* Helpers for the hooks: write dir/name; copy workdir/from to dir/to. */
int backend_write(const char *dir, const char *name, const sb *data);
int backend_copy(const char *workdir, const char *from, const char *dir, const char *to);

/* Whether the module has submodules (other packages' types): it is then a
 * package, whatever the backend. */
bool backend_is_package(const backend_job *j);
/* Copies the stubs into the package directory pkg: NAME.pyi as
 * __init__.pyi, each submodule's NAME.SUB.pyi as SUB.pyi. */
int backend_install_stubs(const backend_job *j, const char *pkg);

#endif
