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

const char *pyname_ident(arena *a, const char *name)
{
	if (!pyname_is_keyword(name))
		return name;
	char *p = arena_alloc(a, strlen(name) + 2);
	sprintf(p, "%s_", name);
	return p;
}

static bool taken(const char **names, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return true;
	return false;
}

const char **pyname_params(arena *a, const model_type *sig)
{
	const char **names = arena_alloc(a, sizeof *names * (size_t)(sig->nparams + 1));
	char buf[64];

	for (int i = 0; i < sig->nparams; i++) {
		const char *go = sig->params[i].name;
		const char *py;

		if (go[0] == '\0' || !strcmp(go, "_")) {
			snprintf(buf, sizeof buf, "arg%d", i);
			py = arena_strdup(a, buf);
		} else {
			py = pyname_ident(a, go);
		}
		/* A renamed keyword may meet a Go name already spelled that
		 * way (`from` and `from_`): number the later one. */
		const char *base = py;
		for (int k = 2; taken(names, i, py); k++) {
			char *p = arena_alloc(a, strlen(base) + 16);
			sprintf(p, "%s%d", base, k);
			py = p;
		}
		names[i] = py;
	}
	return names;
}
