/* inspect.c: see inspect.h. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700 /* realpath */
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

/*
 * What the sum file beside a cached inspector says: "SIZE HASH\n" of the
 * binary. It is written after the binary, inside the private directory
 * that is then renamed into place, so a binary whose sum file is missing
 * or disagrees was cut short or damaged since. NULL if exe is unreadable.
 */
static char *binary_sum(const char *exe)
{
	size_t len;
	char *data = file_read(exe, &len), *sum;

	if (!data)
		return NULL;
	sum = xasprintf("%zu %016llx\n", len, hash_fnv1a(HASH_FNV1A_INIT, data, len));
	free(data);
	return sum;
}

static char *sum_path(const char *dir)
{
	return xasprintf("%s/gopy-inspect.sum", dir);
}

/* Whether exe is the binary the sum file in dir was written for. */
static bool cache_intact(const char *dir, const char *exe)
{
	char *path = sum_path(dir), *want, *got = NULL;
	size_t n;
	bool ok;

	want = file_read(path, &n);
	if (want)
		got = binary_sum(exe);
	ok = want && got && !strcmp(want, got) && access(exe, X_OK) == 0;
	free(path), free(want), free(got);
	return ok;
}

/* Moves a damaged cache entry aside and removes it; a concurrent gopy that
 * already moved or replaced it is no error. */
static void discard(const char *dir)
{
	char *aside = xasprintf("%s.bad%ld", dir, (long)getpid());

	if (rename(dir, aside) == 0)
		remove_tree(aside);
	free(aside);
}

/* Rewords the pending error as one about gopy's cache entry dir. */
static void cache_error(const char *dir)
{
	char *why = xstrdup(err_msg());

	err_set("cannot install the inspector in gopy's cache, %s (%s; set GOPY_CACHE to use another directory)",
		dir, why);
	free(why);
}

/* Builds the inspector into a private directory next to dir and renames it
 * into place, so a concurrent gopy never sees a partial entry. */
static int install_inspector(const char *dir, bool echo)
{
	char *tmpdir = xasprintf("%s.tmp%ld", dir, (long)getpid());
	char *tmpexe = xasprintf("%s/gopy-inspect", tmpdir), *sumfile = sum_path(tmpdir), *sum = NULL;
	int rc = -1;

	if (is_dir(tmpdir)) /* left by a gopy of the same pid that was killed */
		remove_tree(tmpdir);
	if (mkdir_p(tmpdir) != 0) {
		cache_error(dir);
		goto out;
	}
	if (build_inspector(tmpdir, tmpexe, echo) != 0)
		goto out;
	if (!(sum = binary_sum(tmpexe)) || file_write(sumfile, sum, strlen(sum)) != 0) {
		cache_error(dir);
		goto out;
	}
	/* Fails when another gopy won the race: its entry is as good. */
	rename(tmpdir, dir);
	rc = 0;
out:
	if (is_dir(tmpdir)) /* a failed removal must not replace the message */
		remove_tree(tmpdir);
	free(tmpdir), free(tmpexe), free(sumfile), free(sum);
	return rc;
}

/* The cache entry (directory) of the inspector for this Go; malloc'd. */
static char *inspector_dir(bool echo)
{
	sb ver = SB_INIT;
	unsigned long long h = HASH_FNV1A_INIT;
	char *cache, *dir;

	if (go_version(&ver, echo) != 0) {
		sb_free(&ver);
		return NULL;
	}
	h = hash_fnv1a(h, ver.buf, ver.len);
	sb_free(&ver);
	h = embedded_hash("inspect/", h);
	cache = inspect_cache_dir();
	dir = xasprintf("%s/inspect-%016llx", cache, h);
	free(cache);
	return dir;
}

/*
 * The path of a ready inspector binary, building it if needed; malloc'd.
 * An entry whose binary does not match its sum (a build or copy cut
 * short, a disk error) is rebuilt rather than run.
 */
static char *inspector_path(const char *dir, bool echo)
{
	char *exe = xasprintf("%s/gopy-inspect", dir);

	if (cache_intact(dir, exe))
		return exe;
	if (access(dir, F_OK) == 0) {
		note("the cached inspector in %s is incomplete or damaged: rebuilding it", dir);
		discard(dir);
	}
	if (install_inspector(dir, echo) != 0) {
		free(exe);
		return NULL;
	}
	if (!cache_intact(dir, exe)) {
		err_set("the binary does not match its sum after installing it");
		cache_error(dir);
		free(exe);
		return NULL;
	}
	return exe;
}

/*
 * The inspector ran and failed. Its own messages start "gopy-inspect: "
 * and are about the package; anything else (killed by a signal, not
 * executable, a Go runtime crash) is about the binary, so the message
 * names the cache entry that holds it.
 */
static void inspector_failed(const char *dir, int rc, const char *errtext)
{
	char *line = first_line(errtext);
	const char *msg = line;

	if (rc < 128 && rc != 127 && !strncmp(msg, "gopy-inspect: ", 14)) {
		err_set("%s", msg + 14);
	} else {
		char *what = rc >= 128 ? xasprintf("killed by signal %d", rc - 128)
				       : xasprintf("exit status %d", rc);
		err_set("the inspector cached in %s failed (%s%s%s); remove that directory to rebuild it",
			dir, what, *msg ? ": " : "", msg);
		free(what);
	}
	free(line);
}

/* A directory argument: "./calc", "/abs/calc", ".", or a pattern under
 * one ("./..."). */
static bool is_dir_arg(const char *pkg)
{
	return pkg[0] == '.' || pkg[0] == '/';
}

/* The directory a directory argument names: the pattern's "/..." (or a
 * lone "...") dropped (malloc'd). */
static char *arg_dir(const char *pkg)
{
	size_t n = strlen(pkg);

	if (!strcmp(pkg, "..."))
		return xstrdup(".");
	if (n >= 4 && !strcmp(pkg + n - 4, "/..."))
		return n == 4 ? xstrdup("/") : xstrndup(pkg, n - 4);
	return xstrdup(pkg);
}

/*
 * The inspector's arguments. A directory resolves in its own module,
 * wherever gopy runs from: the inspector runs in the first argument's
 * directory (*dir, malloc'd), and every directory argument is made
 * absolute. One plain directory is passed as ".".
 */
static int inspector_args(const char *const *pkgs, int npkgs, char **argv, char **dir)
{
	*dir = NULL;
	for (int i = 0; i < npkgs; i++) {
		const char *pkg = pkgs[i];
		char *base, *abs;

		if (!is_dir_arg(pkg)) {
			argv[i] = xstrdup(pkg);
			continue;
		}
		base = arg_dir(pkg);
		abs = is_dir(base) ? realpath(base, NULL) : NULL;
		free(base);
		if (!abs)
			return err_set("cannot find package %s: no such directory", pkg);
		if (i == 0)
			*dir = xstrdup(abs);
		if (npkgs == 1 && !strstr(pkg, "..."))
			argv[i] = xstrdup(".");
		else if (strstr(pkg, "..."))
			argv[i] = xasprintf("%s%s...", abs, !strcmp(abs, "/") ? "" : "/");
		else
			argv[i] = xstrdup(abs);
		free(abs);
	}
	return 0;
}

char *inspect_run(const char *const *pkgs, int npkgs, bool echo)
{
	char *dir = inspector_dir(echo), *exe = dir ? inspector_path(dir, echo) : NULL;
	sb out = SB_INIT, err = SB_INIT;
	proc_opts o = {.env = go_env, .out = &out, .err = &err, .echo = echo};
	char **argv, *rundir = NULL;
	int rc;

	if (!exe) {
		free(dir);
		return NULL;
	}
	argv = xcalloc((size_t)npkgs + 2, sizeof *argv);
	argv[0] = exe;
	if (inspector_args(pkgs, npkgs, argv + 1, &rundir) != 0) {
		for (int i = 0; i <= npkgs; i++)
			free(argv[i]);
		free(argv), free(dir);
		return NULL;
	}
	o.dir = rundir;
	rc = proc_run((const char *const *)argv, &o);
	for (int i = 0; i <= npkgs; i++)
		free(argv[i]);
	free(argv);
	free(rundir);
	if (rc != 0) {
		if (rc > 0) {
			inspector_failed(dir, rc, sb_str(&err));
		} else { /* it could not be started */
			char *why = xstrdup(err_msg());
			err_set("the inspector cached in %s could not be run (%s); remove that directory to rebuild it",
				dir, why);
			free(why);
		}
		free(dir);
		sb_free(&out);
		sb_free(&err);
		return NULL;
	}
	free(dir);
	sb_free(&err);
	return sb_steal(&out);
}
