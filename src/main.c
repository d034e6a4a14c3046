/*
 * main.c: the gopy command line.
 *
 *   gopy build [-output DIR] [-name NAME] [-python PY] [-backend B] [-x] [-work] PKG...
 *   gopy bind  ...            (the same as build)
 *   gopy gen   [-output DIR] [-name NAME] [-backend B] [-x] PKG...
 *   gopy inspect [-records] [-x] PKG...
 *   gopy help [COMMAND] | gopy version
 *
 * Flags are spelled -flag value, -flag=value, --flag=value or --flag value;
 * boolean flags take no value (or =true/=false).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "build.h"
#include "emit.h"
#include "inspect.h"
#include "model.h"
#include "reach.h"
#include "support.h"
#include "util.h"

#define GOPY_VERSION "0.1.0"

typedef struct flag_spec {
	const char *name;
	const char *help;
	const char **str;   /* string flag */
	bool *boolean;      /* boolean flag */
} flag_spec;

typedef struct command {
	const char *name;
	const char *usage;
	const char *summary;
	const char *details;
	int (*run)(const struct command *cmd, int argc, char **argv);
} command;

static int cmd_build(const command *cmd, int argc, char **argv);
static int cmd_gen(const command *cmd, int argc, char **argv);
static int cmd_inspect(const command *cmd, int argc, char **argv);
static int cmd_help(const command *cmd, int argc, char **argv);
static int cmd_version(const command *cmd, int argc, char **argv);

static const command commands[] = {
	{"build", "gopy build [-output DIR] [-name NAME] [-python PY] [-backend B] [-depth N] [-x] [-work] PKG...",
	 "build a Python extension module from a Go package",
	 "Inspects PKG, generates the glue and compiles DIR/NAME<EXT_SUFFIX> and\n"
	 "DIR/NAME.pyi, so that `import NAME` works with DIR on sys.path. With\n"
	 "-backend cffi (the default on PyPy) it writes the package DIR/NAME/ instead:\n"
	 "a Python module over a cffi extension, PyPy's fast path into C.\n"
	 "PKG is a directory (./calc, /abs/path/calc) or an import path resolvable\n"
	 "from the current directory, standard library packages included.\n"
	 "Other packages' types the API uses are bound too, with what they reach,\n"
	 "as classes of a submodule per package (NAME.fs.FileMode); -depth bounds\n"
	 "how far, and the module is then a package: DIR/NAME/.\n"
	 "Several packages (or a pattern, ./...) make one module, named by -name,\n"
	 "with a submodule per package holding its whole API (NAME.pkg.Func).\n",
	 cmd_build},
	{"bind", "gopy bind [-output DIR] [-name NAME] [-python PY] [-backend B] [-depth N] [-x] [-work] PKG...",
	 "the same as build", "The same as `gopy build`.\n", cmd_build},
	{"gen", "gopy gen [-output DIR] [-name NAME] [-backend B] [-depth N] [-x] PKG...",
	 "write the generated sources without compiling",
	 "Writes the generated glue (glue.go, module.c, NAME.pyi), the runtime and\n"
	 "a go.mod into DIR (default NAME_gopy); `go build -buildmode=c-shared`\n"
	 "there, with CGO_CFLAGS naming Python's include directory, builds the module.\n",
	 cmd_gen},
	{"inspect", "gopy inspect [-records] [-depth N] [-x] PKG...",
	 "show what would be bound and what is skipped, and why",
	 "Prints the declarations gopy binds and those it skips, each skip with\n"
	 "its reason and Go position. -records prints the inspector's raw records\n"
	 "(docs/records.md) instead. With several packages, a section each.\n",
	 cmd_inspect},
	{"help", "gopy help [COMMAND]", "show help for gopy or a command", "", cmd_help},
	{"version", "gopy version", "print gopy's version", "", cmd_version},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage_all(FILE *f)
{
	fprintf(f, "gopy turns a Go package into a Python extension module.\n\nUsage:\n\n"
		   "\tgopy COMMAND [flags] PKG...\n\nCommands:\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "\t%-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nRun `gopy help COMMAND` or `gopy COMMAND -h` for a command's flags.\n");
}

static void usage_cmd(FILE *f, const command *cmd, const flag_spec *flags)
{
	fprintf(f, "usage: %s\n\n%s", cmd->usage, cmd->details);
	if (flags && flags[0].name) {
		fprintf(f, "\nFlags:\n");
		for (const flag_spec *fl = flags; fl->name; fl++)
			fprintf(f, "  -%-8s %s\n", fl->name, fl->help);
	}
}

static const flag_spec *find_flag(const flag_spec *flags, const char *name, size_t n)
{
	for (const flag_spec *fl = flags; fl->name; fl++)
		if (strlen(fl->name) == n && !strncmp(fl->name, name, n))
			return fl;
	return NULL;
}

/*
 * Parses flags (anywhere on the line, until "--") and collects the
 * positional arguments into pos. Returns the number of positionals, or
 * -1 after printing an error; -2 when help was asked for (printed).
 */
static int parse_flags(const command *cmd, const flag_spec *flags, int argc, char **argv,
		       char **pos, int maxpos)
{
	int npos = 0;
	bool only_pos = false;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (only_pos || a[0] != '-' || a[1] == '\0') {
			if (npos == maxpos) {
				fprintf(stderr, "gopy %s: unexpected argument %s\nusage: %s\n", cmd->name, a, cmd->usage);
				return -1;
			}
			pos[npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		const char *name = a + (a[1] == '-' ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		if ((n == 1 && name[0] == 'h') || (n == 4 && !strncmp(name, "help", 4))) {
			usage_cmd(stdout, cmd, flags);
			return -2;
		}
		const flag_spec *fl = find_flag(flags, name, n);
		if (!fl) {
			fprintf(stderr, "gopy %s: unknown flag -%.*s\n", cmd->name, (int)n, name);
			usage_cmd(stderr, cmd, flags);
			return -1;
		}
		if (fl->boolean) {
			if (!eq || !strcmp(eq + 1, "true") || !strcmp(eq + 1, "1")) {
				*fl->boolean = true;
			} else if (!strcmp(eq + 1, "false") || !strcmp(eq + 1, "0")) {
				*fl->boolean = false;
			} else {
				fprintf(stderr, "gopy %s: invalid value %s for -%s\n", cmd->name, eq + 1, fl->name);
				return -1;
			}
		} else if (eq) {
			*fl->str = eq + 1;
		} else if (i + 1 < argc) {
			*fl->str = argv[++i];
		} else {
			fprintf(stderr, "gopy %s: flag -%s needs a value\n", cmd->name, fl->name);
			return -1;
		}
	}
	return npos;
}

/*
 * Parses flags and one or more PKG arguments into pkgs (argc entries);
 * returns 0, or -1 with the exit code.
 */
static int parse_pkgs(const command *cmd, const flag_spec *flags, int argc, char **argv,
		      char **pkgs, int *npkgs, int *exit_code)
{
	int n = parse_flags(cmd, flags, argc, argv, pkgs, argc);

	if (n == -2) {
		*exit_code = 0;
		return -1;
	}
	if (n < 1) {
		if (n == 0)
			fprintf(stderr, "gopy %s: missing package\nusage: %s\n", cmd->name, cmd->usage);
		*exit_code = 2;
		return -1;
	}
	*npkgs = n;
	return 0;
}

#define DEPTH_HELP "bind other packages' types at most N types away from the API (1: only those " \
		   "it uses; default: all it reaches)"

/* -depth N: 0 (no limit) when absent; -1 with a message when invalid. */
static int parse_depth(const command *cmd, const char *s)
{
	char *end;
	long n;

	if (!s)
		return 0;
	n = strtol(s, &end, 10);
	if (!*s || *end || n < 1 || n > 1000000) {
		fprintf(stderr, "gopy %s: -depth wants a whole number from 1, not %s\n", cmd->name, s);
		return -1;
	}
	return (int)n;
}

static int run_build(const command *cmd, int argc, char **argv, bool compile)
{
	build_opts o = {.compile = compile};
	const char *depth = NULL;
	sb build_backends = SB_INIT, gen_backends = SB_INIT;
	int code, rc = 0;

	/* -backend's help comes from the list of backends (backends.c). */
	backend_help(&build_backends, false);
	backend_help(&gen_backends, true);
	flag_spec build_flags[] = {
		{"output", "output directory (default: the current directory)", &o.output, NULL},
		{"name", "Python module name (default: the Go package name)", &o.name, NULL},
		{"python", "the Python interpreter to build for (default: python3)", &o.python, NULL},
		{"backend", build_backends.buf, &o.backend, NULL},
		{"depth", DEPTH_HELP, &depth, NULL},
		{"x", "print the commands as they run", NULL, &o.echo},
		{"work", "keep the work directory and print its location", NULL, &o.keep_work},
		{NULL, NULL, NULL, NULL},
	};
	flag_spec gen_flags[] = {
		{"output", "output directory (default: NAME_gopy)", &o.output, NULL},
		{"name", "Python module name (default: the Go package name)", &o.name, NULL},
		{"backend", gen_backends.buf, &o.backend, NULL},
		{"depth", DEPTH_HELP, &depth, NULL},
		{"x", "print the commands as they run", NULL, &o.echo},
		{NULL, NULL, NULL, NULL},
	};

	char **pkgs = xcalloc((size_t)argc + 1, sizeof *pkgs);

	o.pkgs = (const char *const *)pkgs;
	if (parse_pkgs(cmd, compile ? build_flags : gen_flags, argc, argv, pkgs, &o.npkgs, &code) != 0) {
		rc = code;
	} else if (o.npkgs > 1 && !o.name) {
		fprintf(stderr, "gopy %s: several packages make one module: name it with -name\n", cmd->name);
		rc = 2;
	} else if ((o.depth = parse_depth(cmd, depth)) < 0) {
		rc = 2;
	} else if (build_run(&o) != 0) {
		fprintf(stderr, "gopy: %s\n", err_msg());
		rc = 1;
	}
	sb_free(&build_backends), sb_free(&gen_backends);
	free(pkgs);
	return rc;
}

static int cmd_build(const command *cmd, int argc, char **argv)
{
	return run_build(cmd, argc, argv, true);
}

static int cmd_gen(const command *cmd, int argc, char **argv)
{
	return run_build(cmd, argc, argv, false);
}

/* Whether a declaration of submodule sub belongs to section (NULL: with
 * several packages, the other packages' types; with one, everything). */
static bool in_section(const plan *p, const plan_sub *sub, const plan_sub *section)
{
	if (!p->main_sub)
		return true;
	if (sub && !sub->pkg->listed)
		return section == NULL;
	return sub == section;
}

static void print_section(const model *m, const plan *p, const plan_sub *section)
{
	sb b = SB_INIT;

	for (int i = 0; i < p->nclasses; i++) {
		const plan_class *c = &p->classes[i];
		if (!in_section(p, c->sub, section))
			continue;
		printf("bound: type %s (%s)", c->named->shown,
		       c->kind == CLASS_STRUCT ? "struct" : model_type_at(m, c->named->underlying)->shown);
		/* Another package's type: where it came from, and how far. */
		if (c->sub && !c->sub->pkg->listed)
			printf(" as %s, from package %s, %d type%s away from the API", plan_class_qualname(p, c),
			       c->sub->pkg->path, c->depth, c->depth == 1 ? "" : "s");
		printf("\n");
		for (int k = 0; k < c->nfields; k++)
			printf("bound:   field %s %s\n", c->fields[k].name, model_type_at(m, c->fields[k].type)->shown);
		for (int k = 0; k < c->nmethods; k++) {
			sb_reset(&b);
			emit_go_decl(&b, p, &c->methods[k]);
			printf("bound:   %s\n", sb_str(&b));
		}
	}
	/* A named func type has no class: Python callables are its values. */
	for (int i = 0; i < p->nifaces; i++) {
		const model_type *t = model_type_at(m, p->ifaces[i]->type);
		if (!p->ifaces[i]->func || t->kind != TK_NAMED)
			continue;
		if (section ? !strcmp(t->pkgpath, section->pkg->path) : !strcmp(t->pkgpath, m->path))
			printf("bound: type %s (%s)\n", t->shown, p->ifaces[i]->func->shown);
	}
	for (int i = 0; i < p->nfuncs; i++) {
		if (!in_section(p, p->funcs[i].sub, section) || (p->main_sub && !section))
			continue;
		sb_reset(&b);
		emit_go_decl(&b, p, &p->funcs[i]);
		printf("bound: %s\n", sb_str(&b));
	}
	for (int i = 0; i < p->nconsts; i++) {
		const model_decl *d = p->consts[i].decl;
		if (in_section(p, p->consts[i].sub, section) && (!p->main_sub || section))
			printf("bound: const %s %s\n", d->name, model_type_at(m, d->type)->shown);
	}
	for (int i = 0; i < p->nvars; i++) {
		const model_decl *d = p->vars[i].decl;
		if (in_section(p, p->vars[i].sub, section) && (!p->main_sub || section))
			printf("bound: var %s %s\n", d->name, model_type_at(m, d->type)->shown);
	}
	sb_free(&b);
}

static void print_inspection(const model *m, const plan *p)
{
	if (!p->main_sub) {
		printf("package %s (%s)\n", m->name, m->path);
		printf("module %s: %s\n", p->modname, support_summary(p));
		if (reach_report(p))
			printf("other packages' types bound: %s\n", reach_report(p));
		print_section(m, p, NULL);
	} else {
		/* Several packages: a section each, as its submodule. */
		printf("module %s: %s\n", p->modname, support_summary(p));
		if (reach_report(p))
			printf("other packages' types bound: %s\n", reach_report(p));
		for (int i = -1; i < p->nsubs; i++) {
			const plan_sub *s = i < 0 ? p->main_sub : p->subs[i];
			if (!s->pkg->listed || (i >= 0 && s == p->main_sub))
				continue;
			printf("package %s (%s) as %s\n", s->pkg->name, s->pkg->path, plan_modname(p, s));
			print_section(m, p, s);
		}
		if (reach_report(p)) {
			printf("other packages' types\n");
			print_section(m, p, NULL);
		}
	}
	for (int i = 0; i < p->naliases; i++)
		printf("bound: alias %s = %s (the class %s)\n", p->aliases[i].decl->name,
		       model_type_at(m, p->aliases[i].decl->type)->shown, plan_class_qualname(p, p->aliases[i].cls));
	for (int i = 0; i < p->nskips; i++)
		printf("%s\n", p->skips[i]);
}

static int cmd_inspect(const command *cmd, int argc, char **argv)
{
	bool raw = false, echo = false;
	const char *depth = NULL;
	int code;
	flag_spec flags[] = {
		{"records", "print the inspector's records (docs/records.md)", NULL, &raw},
		{"depth", DEPTH_HELP, &depth, NULL},
		{"x", "print the commands as they run", NULL, &echo},
		{NULL, NULL, NULL, NULL},
	};
	char *records;
	model *m;
	plan *p;

	char **pkgs = xcalloc((size_t)argc + 1, sizeof *pkgs);
	int npkgs;

	if (parse_pkgs(cmd, flags, argc, argv, pkgs, &npkgs, &code) != 0) {
		free(pkgs);
		return code;
	}
	support_opts so = {.depth = parse_depth(cmd, depth)};
	if (so.depth < 0) {
		free(pkgs);
		return 2;
	}
	records = inspect_run((const char *const *)pkgs, npkgs, echo);
	free(pkgs);
	if (!records) {
		fprintf(stderr, "gopy: %s\n", err_msg());
		return 1;
	}
	if (raw) {
		fputs(records, stdout);
		free(records);
		return 0;
	}
	m = model_load(records);
	free(records);
	if (!m || !(p = support_check_opts(m, m->name, &so))) {
		fprintf(stderr, "gopy: %s\n", err_msg());
		model_free(m);
		return 1;
	}
	print_inspection(m, p);
	model_free(m);
	return 0;
}

static const command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int cmd_help(const command *cmd, int argc, char **argv)
{
	(void)cmd;
	if (argc < 2) {
		usage_all(stdout);
		return 0;
	}
	const command *c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "gopy help: unknown command %s\n", argv[1]);
		return 2;
	}
	/* Each command prints its own flags for -h. */
	char *hargv[] = {argv[1], "-h", NULL};
	return c->run(c, 2, hargv);
}

static int cmd_version(const command *cmd, int argc, char **argv)
{
	(void)cmd, (void)argc, (void)argv;
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-help"))) {
		usage_cmd(stdout, cmd, NULL);
		return 0;
	}
	printf("gopy %s\n", GOPY_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	const command *cmd;

	if (argc < 2) {
		usage_all(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-help")) {
		usage_all(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-version"))
		return cmd_version(find_command("version"), 1, argv + 1);
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "gopy: unknown command %s\n\n", argv[1]);
		usage_all(stderr);
		return 2;
	}
	return cmd->run(cmd, argc - 1, argv + 1);
}
