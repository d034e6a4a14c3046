/*
 * proc.h: running child processes (go, the inspector, python) with
 * optional capture of their output. The one place gopy forks.
 */
#ifndef GOPY_PROC_H
#define GOPY_PROC_H

#include <stdbool.h>

#include "sb.h"

typedef struct proc_opts {
	const char *dir;          /* working directory; NULL: the current one */
	const char *const *env;   /* "NAME=value" overrides, NULL-terminated; may be NULL */
	sb *out;                  /* captures stdout; NULL: inherited */
	sb *err;                  /* captures stderr; NULL: inherited */
	bool echo;                /* print the command to stderr first (gopy -x) */
} proc_opts;

/*
 * Runs argv[0] (looked up in PATH) with argv. Returns its exit status
 * (128+signal if killed), or -1 with err_msg() if it could not be started.
 */
int proc_run(const char *const *argv, const proc_opts *o);

/*
 * Like proc_run, but capturing stderr (o->err must be NULL) and treating a
 * non-zero exit as failure: returns 0, or -1 with err_msg() set to
 * "WHAT: " followed by the command's stderr.
 */
int proc_run_ok(const char *const *argv, proc_opts *o, const char *what);

/* Prints argv as a shell command line (with dir and env overrides; when
 * there are overrides, also the inherited variables Go reads). */
void proc_echo(const char *const *argv, const proc_opts *o);

#endif
