/* backends.c: the list of backends and what build.c and main.c ask of it; see backend.h. */
#define _POSIX_C_SOURCE 200809L
#include "backend.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi/capi.h"
#include "cffi/cffi.h"
#include "util.h"

/* The first backend without default_when is the fallback. */
const backend *const backends[] = {&backend_capi, &backend_cffi, NULL};

const backend *backend_find(const char *name)
{
	for (const backend *const *b = backends; *b; b++)
		if (!strcmp((*b)->name, name))
			return *b;
	return NULL;
}

static const backend *fallback(void)
{
	for (const backend *const *b = backends; *b; b++)
		if (!(*b)->default_when)
			return *b;
	return backends[0];
}

const backend *backend_default(const pyinfo *pi)
{
	for (const backend *const *b = backends; *b; b++)
		if ((*b)->default_when && (*b)->is_default(pi))
			return *b;
	return fallback();
}

/* Appends the separator before the i'th of n items: ", " or " or ". */
static void choice_sep(sb *out, int i, int n)
{
	if (i > 0)
		sb_add(out, i == n - 1 ? " or " : ", ");
}

static int count(void)
{
	int n = 0;

	while (backends[n])
		n++;
	return n;
}

void backend_names(sb *out)
{
	int n = count();

	for (int i = 0; i < n; i++) {
		choice_sep(out, i, n);
		sb_add(out, backends[i]->name);
	}
}

void backend_help(sb *out, bool gen)
{
	const backend *def = fallback();
	int n = count();

	for (int i = 0; i < n; i++) {
		const backend *b = backends[i];
		choice_sep(out, i, n);
		sb_add(out, b->name);
		if (gen)
			sb_printf(out, " (%s%s)", b->gen_help, b == def ? ", the default" : "");
		else if (b->help)
			sb_printf(out, " (%s)", b->help);
	}
	if (gen)
		return;
	sb_add(out, " (default: ");
	for (int i = 0; i < n; i++)
		if (backends[i]->default_when)
			sb_printf(out, "%s %s, ", backends[i]->name, backends[i]->default_when);
	sb_printf(out, "else %s)", def->name);
}

int backend_write(const char *dir, const char *name, const sb *data)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = file_write(path, data->buf ? data->buf : "", data->len);

	free(path);
	return rc;
}

int backend_copy(const char *workdir, const char *from, const char *dir, const char *to)
{
	char *src = xasprintf("%s/%s", workdir, from), *dst = xasprintf("%s/%s", dir, to);
	int rc = file_copy(src, dst);

	free(src), free(dst);
	return rc;
}

bool backend_is_package(const backend_job *j)
{
	for (int i = 0; i < j->p->nsubs; i++)
		if (plan_sub_present(j->p->subs[i]))
			return true;
	return false;
}

/* The stubs an earlier build left (of submodules that may be gone now). */
static void remove_stubs(const char *pkg)
{
	DIR *d = opendir(pkg);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n > 4 && !strcmp(e->d_name + n - 4, ".pyi")) {
			char *path = xasprintf("%s/%s", pkg, e->d_name);
			remove(path);
			free(path);
		}
	}
	if (d)
		closedir(d);
}

int backend_install_stubs(const backend_job *j, const char *pkg)
{
	char *pyi = xasprintf("%s.pyi", j->p->modname);
	int rc;

	remove_stubs(pkg);
	rc = backend_copy(j->workdir, pyi, pkg, "__init__.pyi");

	free(pyi);
	for (int i = 0; rc == 0 && i < j->p->nsubs; i++) {
		const plan_sub *s = j->p->subs[i];
		if (!plan_sub_present(s))
			continue;
		char *from = xasprintf("%s.%s.pyi", j->p->modname, s->pyname);
		char *to = xasprintf("%s.pyi", s->pyname);
		rc = backend_copy(j->workdir, from, pkg, to);
		free(from), free(to);
	}
	return rc;
}
