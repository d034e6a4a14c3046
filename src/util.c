/* util.c: see util.h. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char last_err[1024];

static void vnote(const char *fmt, va_list ap)
{
	fputs("gopy: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
	exit(1);
}

void bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gopy: internal error (this is a gopy bug) at %s:%d: ",
		file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

int err_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_err, sizeof last_err, fmt, ap);
	va_end(ap);
	return -1;
}

const char *err_msg(void)
{
	return last_err;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p, probe[1];

	va_start(ap, fmt);
	n = vsnprintf(probe, sizeof probe, fmt, ap);
	va_end(ap);
	if (n < 0)
		BUG("bad format %s", fmt);
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		err_set("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		err_set("cannot read %s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int file_write(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return err_set("cannot create %s: %s", path, strerror(errno));
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return err_set("cannot write %s: %s", path, strerror(errno));
	}
	if (fclose(f) != 0)
		return err_set("cannot write %s: %s", path, strerror(errno));
	return 0;
}

int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			err_set("cannot create directory %s: %s", p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST) {
		err_set("cannot create directory %s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

int remove_tree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : err_set("cannot remove %s: %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		int rc = 0;

		if (!d)
			return err_set("cannot open %s: %s", path, strerror(errno));
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *sub = xasprintf("%s/%s", path, e->d_name);
			if (remove_tree(sub) != 0)
				rc = -1;
			free(sub);
		}
		closedir(d);
		if (rc != 0)
			return rc;
		/* Go's module cache marks files read-only; rmdir ignores that. */
		if (rmdir(path) != 0)
			return err_set("cannot remove %s: %s", path, strerror(errno));
		return 0;
	}
	if (unlink(path) != 0)
		return err_set("cannot remove %s: %s", path, strerror(errno));
	return 0;
}

int file_copy(const char *from, const char *to)
{
	struct stat st;
	size_t len;
	char *data;
	char *tmp;
	int rc;

	if (stat(from, &st) != 0)
		return err_set("cannot stat %s: %s", from, strerror(errno));
	data = file_read(from, &len);
	if (!data)
		return -1;
	/* Write beside the target and rename, so a running process that has
	 * the old file mapped (an imported module) keeps a valid mapping. */
	tmp = xasprintf("%s.tmp%ld", to, (long)getpid());
	rc = file_write(tmp, data, len);
	free(data);
	if (rc == 0 && chmod(tmp, st.st_mode & 07777) != 0)
		rc = err_set("cannot chmod %s: %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, to) != 0)
		rc = err_set("cannot rename %s to %s: %s", tmp, to, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

unsigned long long hash_fnv1a(unsigned long long h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
