/* proc.c: see proc.h. */
#define _POSIX_C_SOURCE 200809L
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static bool needs_quotes(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%", *s))
			return true;
	return false;
}

static void echo_word(sb *b, const char *s)
{
	if (!needs_quotes(s)) {
		sb_add(b, s);
		return;
	}
	sb_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_add(b, "'\\''");
		else
			sb_addc(b, *s);
	}
	sb_addc(b, '\'');
}

/*
 * Whether the Go toolchain reads the environment entry kv ("NAME=value"):
 * its own GO* variables (GOFLAGS, GOEXPERIMENT, GOOS, GOPROXY...), cgo's
 * CGO_* and the C toolchain it runs. gopy's own GOPY_* are not Go's.
 */
static bool go_reads(const char *kv)
{
	static const char *const c_tools[] = {"CC=", "CXX=", "AR=", "PKG_CONFIG="};

	if (!strncmp(kv, "GOPY_", 5))
		return false;
	if (!strncmp(kv, "GO", 2) || !strncmp(kv, "CGO_", 4))
		return true;
	for (size_t i = 0; i < sizeof c_tools / sizeof *c_tools; i++)
		if (!strncmp(kv, c_tools[i], strlen(c_tools[i])))
			return true;
	return false;
}

/* Whether env sets the variable of the entry kv. */
static bool overridden(const char *kv, const char *const *env)
{
	size_t n = strcspn(kv, "=");

	for (; env && *env; env++)
		if (!strncmp(*env, kv, n) && (*env)[n] == '=')
			return true;
	return false;
}

void proc_echo(const char *const *argv, const proc_opts *o)
{
	extern char **environ;
	sb b = SB_INIT;

	if (o && o->dir) {
		sb_add(&b, "cd ");
		echo_word(&b, o->dir);
		sb_add(&b, " && ");
	}
	/* A Go command (one gopy sets variables for) also shows the Go
	 * variables it inherits, so the line reproduces the build. */
	for (char **e = o && o->env ? environ : NULL; e && *e; e++) {
		if (go_reads(*e) && !overridden(*e, o->env)) {
			echo_word(&b, *e);
			sb_addc(&b, ' ');
		}
	}
	for (const char *const *e = o ? o->env : NULL; e && *e; e++) {
		echo_word(&b, *e);
		sb_addc(&b, ' ');
	}
	for (int i = 0; argv[i]; i++) {
		if (i)
			sb_addc(&b, ' ');
		echo_word(&b, argv[i]);
	}
	fprintf(stderr, "%s\n", sb_str(&b));
	sb_free(&b);
}

/* Reads from both pipes until both are closed. */
static void drain(int outfd, sb *out, int errfd, sb *err)
{
	struct pollfd fds[2];
	char buf[65536];

	fds[0].fd = outfd;
	fds[0].events = POLLIN;
	fds[1].fd = errfd;
	fds[1].events = POLLIN;
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			ssize_t n = read(fds[i].fd, buf, sizeof buf);
			if (n > 0) {
				sb_addn(i == 0 ? out : err, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
			}
		}
	}
}

int proc_run(const char *const *argv, const proc_opts *o)
{
	int outp[2] = {-1, -1}, errp[2] = {-1, -1};
	int status;
	pid_t pid;

	if (o->echo)
		proc_echo(argv, o);
	if ((o->out && pipe(outp) != 0) || (o->err && pipe(errp) != 0))
		return err_set("cannot create a pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return err_set("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		if (o->out) {
			dup2(outp[1], 1);
			close(outp[0]);
			close(outp[1]);
		}
		if (o->err) {
			dup2(errp[1], 2);
			close(errp[0]);
			close(errp[1]);
		}
		if (o->dir && chdir(o->dir) != 0) {
			fprintf(stderr, "gopy: cannot enter %s: %s\n", o->dir, strerror(errno));
			_exit(127);
		}
		for (const char *const *e = o->env; e && *e; e++) {
			char *kv = strdup(*e), *eq = strchr(kv, '=');
			if (!eq)
				continue;
			*eq = '\0';
			setenv(kv, eq + 1, 1);
		}
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "gopy: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (o->out)
		close(outp[1]);
	if (o->err)
		close(errp[1]);
	if (o->out || o->err) {
		sb sink = SB_INIT;
		int devnull = -1;
		/* Drain a single pipe by pairing it with an empty one. */
		if (!o->out || !o->err)
			devnull = open("/dev/null", O_RDONLY);
		drain(o->out ? outp[0] : devnull, o->out ? o->out : &sink,
		      o->err ? errp[0] : (o->out ? devnull : -1), o->err ? o->err : &sink);
		sb_free(&sink);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return err_set("cannot wait for %s: %s", argv[0], strerror(errno));
	}
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 127 && o->err && strstr(sb_str(o->err), "gopy: cannot run"))
			return err_set("cannot run %s: is it installed and on PATH?", argv[0]);
		return WEXITSTATUS(status);
	}
	return 128 + WTERMSIG(status);
}

int proc_run_ok(const char *const *argv, proc_opts *o, const char *what)
{
	sb err = SB_INIT;
	int rc;

	o->err = &err;
	rc = proc_run(argv, o);
	o->err = NULL;
	/* Trailing newlines would end up inside one-line messages. */
	while (err.len && err.buf[err.len - 1] == '\n')
		err.buf[--err.len] = '\0';
	if (rc > 0)
		err_set("%s: %s", what, err.len ? sb_str(&err) : "failed");
	sb_free(&err);
	return rc == 0 ? 0 : -1;
}
