/* inspect.c: see inspect.h. */
#define _POSIX_C_SOURCE 200809L
#include "inspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "embedded.h"
#include "proc.h"
#include "sb.h"
#include "util.h"

/* The Go toolchain must not download another toolchain behind our back. */
static const char *const go_env[] = {"GOTOOLCHAIN=local", "CGO_ENABLED=1", NULL};

char *inspect_cache_dir(void)
{
	const char *s;

	if ((s = getenv("GOPY_CACHE")) && *s)
		return xstrdup(s);
	if ((s = getenv("XDG_CACHE_HOME")) && *s)
		return xasprintf("%s/gopy", s);
	if ((s = getenv("HOME")) && *s)
		return xasprintf("%s/.cache/gopy", s);
	return xstrdup("/tmp/gopy-cache");
}

/* Trims trailing whitespace in place. */
static void chomp(sb *b)
{
	while (b->len && strchr(" \t\r\n", b->buf[b->len - 1]))
		b->buf[--b->len] = '\0';
}

/* The first line of s, for one-line messages. */
static char *first_line(const char *s)
{
	const char *nl = strchr(s, '\n');
	return nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
}

static int go_version(sb *out, bool echo)
{
	const char *argv[] = {"go", "env", "GOVERSION", NULL};
	proc_opts o = {.env = go_env, .out = out, .echo = echo};

	if (proc_run_ok(argv, &o, "go env failed") != 0)
		return -1;
	chomp(out);
	return 0;
}

/* Writes the embedded inspector source into dir and builds it to exe. */
static int build_inspector(const char *dir, const char *exe, bool echo)
{
	const char *argv[] = {"go", "build", "-o", exe, ".", NULL};
	const char *env[] = {"GOTOOLCHAIN=local", "GOWORK=off", "GOFLAGS=-mod=mod", NULL};
	proc_opts o = {.dir = dir, .env = env, .echo = echo};

	if (embedded_extract("inspect/", dir) != 0)
		return -1;
	return proc_run_ok(argv, &o, "cannot build the inspector");
}

/* The path of a ready inspector binary, building it if needed; malloc'd. */
static char *inspector_path(bool echo)
{
	sb ver = SB_INIT;
	unsigned long long h = HASH_FNV1A_INIT;
	char *cache, *dir, *exe, *tmpdir, *tmpexe;

	if (go_version(&ver, echo) != 0) {
		sb_free(&ver);
		return NULL;
	}
	h = hash_fnv1a(h, ver.buf, ver.len);
	sb_free(&ver);
	h = embedded_hash("inspect/", h);
	cache = inspect_cache_dir();
	dir = xasprintf("%s/inspect-%016llx", cache, h);
	exe = xasprintf("%s/gopy-inspect", dir);
	free(cache);
	if (access(exe, X_OK) == 0) {
		free(dir);
		return exe;
	}
	/* Build in a private directory and rename into place, so concurrent
	 * gopy runs never see a half-written binary. */
	tmpdir = xasprintf("%s.tmp%ld", dir, (long)getpid());
	tmpexe = xasprintf("%s/gopy-inspect", tmpdir);
	if (mkdir_p(tmpdir) != 0 || build_inspector(tmpdir, tmpexe, echo) != 0) {
		remove_tree(tmpdir);
		free(tmpdir), free(tmpexe), free(dir), free(exe);
		return NULL;
	}
	if (rename(tmpdir, dir) != 0) {
		/* Another gopy won the race; use its binary. */
		remove_tree(tmpdir);
	}
	free(tmpdir), free(tmpexe), free(dir);
	if (access(exe, X_OK) != 0) {
		err_set("cannot install the inspector in %s", exe);
		free(exe);
		return NULL;
	}
	return exe;
}

char *inspect_run(const char *pkg, bool echo)
{
	char *exe = inspector_path(echo);
	sb out = SB_INIT, err = SB_INIT;
	proc_opts o = {.env = go_env, .out = &out, .err = &err, .echo = echo};
	int rc;

	if (!exe)
		return NULL;
	/* A directory resolves in its own module, wherever gopy runs from. */
	bool is_dir_arg = pkg[0] == '.' || pkg[0] == '/';
	const char *argv[] = {exe, is_dir_arg ? "." : pkg, NULL};
	if (is_dir_arg) {
		if (!is_dir(pkg)) {
			err_set("cannot find package %s: no such directory", pkg);
			free(exe);
			return NULL;
		}
		o.dir = pkg;
	}
	rc = proc_run(argv, &o);
	free(exe);
	if (rc != 0) {
		if (rc > 0) {
			char *line = first_line(sb_str(&err));
			const char *msg = line;
			if (!strncmp(msg, "gopy-inspect: ", 14))
				msg += 14;
			err_set("%s", *msg ? msg : "the inspector failed");
			free(line);
		}
		sb_free(&out);
		sb_free(&err);
		return NULL;
	}
	sb_free(&err);
	return sb_steal(&out);
}
