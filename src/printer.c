/* printer.c: see printer.h. */
#include "printer.h"

#include <string.h>

void pr_indent(printer *pr)
{
	for (int i = 0; i < pr->depth; i++)
		sb_add(pr->out, pr->unit);
}

void pr_end(printer *pr)
{
	sb_addc(pr->out, '\n');
}

void pr_blank(printer *pr)
{
	sb_addc(pr->out, '\n');
}

void pr_start(printer *pr, const char *fmt, ...)
{
	va_list ap;

	pr_indent(pr);
	va_start(ap, fmt);
	sb_vprintf(pr->out, fmt, ap);
	va_end(ap);
}

void pr_add(printer *pr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(pr->out, fmt, ap);
	va_end(ap);
}

void pr_wrap(printer *pr, int deeper, const char *align)
{
	pr_end(pr);
	for (int i = 0; i < pr->depth + deeper; i++)
		sb_add(pr->out, pr->unit);
	sb_add(pr->out, align);
}

static void vline(printer *pr, const char *fmt, va_list ap)
{
	if (*fmt)
		pr_indent(pr);
	sb_vprintf(pr->out, fmt, ap);
	pr_end(pr);
}

void pr_end_open(printer *pr)
{
	pr_end(pr);
	pr->depth++;
}

void pr_label(printer *pr, const char *fmt, ...)
{
	va_list ap;

	if (pr->depth == 0)
		BUG("printer: label at depth 0");
	pr->depth--;
	va_start(ap, fmt);
	vline(pr, fmt, ap);
	va_end(ap);
	pr->depth++;
}

void pr_line(printer *pr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(pr, fmt, ap);
	va_end(ap);
}

void pr_open(printer *pr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(pr, fmt, ap);
	va_end(ap);
	pr->depth++;
}

void pr_close(printer *pr, const char *fmt, ...)
{
	va_list ap;

	if (pr->depth == 0)
		BUG("printer: close at depth 0");
	pr->depth--;
	if (!fmt)
		return;
	va_start(ap, fmt);
	vline(pr, fmt, ap);
	va_end(ap);
}

void pr_lines(printer *pr, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		if (n)
			pr_indent(pr);
		sb_addn(pr->out, text, n);
		pr_end(pr);
		text += n + (nl != NULL);
	}
}
