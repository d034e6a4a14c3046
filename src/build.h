/*
 * build.h: the build driver behind `gopy build` and `gopy gen`:
 * inspect -> load -> check -> emit -> write the work directory -> go build.
 *
 * The work directory holds a module (go.mod, and a go.work that uses the
 * module(s) the package was resolved from, so the glue can import it
 * whether it is a directory, a package of the current module, a dependency
 * or the standard library), the generated glue.go and NAME.pyi, the
 * runtime files (gopy_abi.h, runtime/go/ and the backend's runtime folder,
 * all flat) and what the backend generates; the backend then installs
 * the module (backend.h: src/capi/backend.c, src/cffi/backend.c). For
 * `gen` the output directory is the work directory. For `build` it is a
 * fresh temporary directory, removed at the end unless -work is given or
 * the generated code fails to compile.
 */
#ifndef GOPY_BUILD_H
#define GOPY_BUILD_H

#include <stdbool.h>

typedef struct build_opts {
	const char *const *pkgs; /* packages: directories, import paths or patterns */
	int npkgs;             /* at least 1; several are bound as one module */
	const char *output;    /* output directory; NULL: default */
	const char *name;      /* module name; NULL: the package name */
	const char *python;    /* interpreter to build for; NULL: python3 */
	const char *backend;   /* a backend's name (backends.c); NULL: the interpreter's default */
	bool echo;             /* -x: print every command */
	bool keep_work;        /* -work: keep and print the work directory */
	bool compile;          /* false for `gopy gen` */
	int depth;             /* -depth: support_opts.depth */
} build_opts;

/* Runs the pipeline. Returns 0, or -1 with a one-line message in err_msg(). */
int build_run(const build_opts *o);

/* 1 if backend names a backend gopy has. */
bool build_valid_backend(const char *backend);

/* 1 if s is a valid Python module name (an ASCII identifier, not a keyword). */
bool build_valid_modname(const char *s);

#endif
