/* pyname.c: see pyname.h. */
#include "pyname.h"

#include <stdio.h>
#include <string.h>

static const char *const keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await",
	"break", "class", "continue", "def", "del", "elif", "else", "except",
	"finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
	"while", "with", "yield",
};

bool pyname_is_keyword(const char *s)
{
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (!strcmp(s, keywords[i]))
			return true;
	return false;
}

static const char *with_suffix(arena *a, const char *name, const char *suffix)
{
	char *p = arena_alloc(a, strlen(name) + strlen(suffix) + 1);

	sprintf(p, "%s%s", name, suffix);
	return p;
}

const char *pyname_ident(arena *a, const char *name)
{
	return pyname_is_keyword(name) ? with_suffix(a, name, "_") : name;
}

/* The name the rules give the Go name go at position i before numbering,
 * or NULL when it is kept as it is. */
static const char *renamed(arena *a, pyname_kind kind, const char *go, int i)
{
	char buf[32];

	if (kind != PYNAME_DECLS) {
		if (go[0] == '\0' || !strcmp(go, "_")) {
			snprintf(buf, sizeof buf, "arg%d", i);
			return arena_strdup(a, buf);
		}
		if (go[0] == '_')
			return with_suffix(a, "arg", go);
		if (kind == PYNAME_METHOD_PARAMS && !strcmp(go, "self"))
			return "self_";
	}
	const char *py = pyname_ident(a, go);
	return py == go ? NULL : py;
}

static bool taken(const char *const *names, int n, const char *s)
{
	for (int i = 0; names && i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return true;
	return false;
}

static int count(const char *const *names)
{
	int n = 0;

	while (names && names[n])
		n++;
	return n;
}

const char **pyname_scope(arena *a, pyname_kind kind, const char *const *go, int n,
			  const char *const *reserved)
{
	const char **names = arena_alloc(a, sizeof *names * (size_t)(n + 1));
	const char **base = arena_alloc(a, sizeof *base * (size_t)(n + 1));
	int nreserved = count(reserved);

	/* The names kept as they are first, so that a renamed one, whatever
	 * its position, never takes a Go name's spelling. */
	for (int i = 0; i < n; i++)
		if (!(base[i] = renamed(a, kind, go[i], i)))
			names[i] = go[i];
	for (int i = 0; i < n; i++) {
		const char *py = base[i];

		if (!py)
			continue;
		for (int k = 2; taken(names, n, py) || taken(reserved, nreserved, py); k++) {
			char num[16];
			snprintf(num, sizeof num, "%d", k);
			py = with_suffix(a, base[i], num);
		}
		names[i] = py;
	}
	return names;
}

const char **pyname_params(arena *a, const model_type *sig, bool method)
{
	const char **go = arena_alloc(a, sizeof *go * (size_t)(sig->nparams + 1));
	/* A method's receiver is self; pyname_scope renames a parameter of
	 * that name, and nothing may be numbered into it either. */
	static const char *const receiver[] = {"self", NULL};

	for (int i = 0; i < sig->nparams; i++)
		go[i] = sig->params[i].name;
	return pyname_scope(a, method ? PYNAME_METHOD_PARAMS : PYNAME_PARAMS, go, sig->nparams,
			    method ? receiver : NULL);
}
