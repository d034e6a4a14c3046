/*
 * printer.h: the emitters' line printer. It owns the indentation of the
 * file being written, so an emitter says what a line is and at which
 * nesting, never spells tabs or spaces itself:
 *
 *	printer pr = PRINTER_C(out);       // tabs, for C and Go
 *	pr_open(&pr, "if (%s) {", cond);   // the line, then one level deeper
 *	pr_line(&pr, "return %s;", v);
 *	pr_close(&pr, "}");                // one level out, then the line
 *
 * PRINTER_PY indents by four spaces. A printer writes into an sb it does
 * not own.
 */
#ifndef GOPY_PRINTER_H
#define GOPY_PRINTER_H

#include "sb.h"

typedef struct printer {
	sb *out;
	const char *unit;   /* one level of indentation: "\t" or "    " */
	int depth;
} printer;

#define PRINTER_C(out) ((printer){(out), "\t", 0})
#define PRINTER_PY(out) ((printer){(out), "    ", 0})

/* One line at the current depth (an empty format writes an empty line). */
void pr_line(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/* A line, then one level deeper. */
void pr_open(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/* One level out, then a line (NULL: no line). */
void pr_close(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/* The current depth's indentation, for a line built in pieces: pr_indent,
 * then sb_* on pr->out, then pr_end. */
void pr_indent(printer *pr);
void pr_end(printer *pr);
/* The indentation and the start of a line built in pieces. */
void pr_start(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/* More of the line being built. */
void pr_add(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/*
 * Breaks the line being built: the next one starts `deeper` levels deeper
 * than the current depth, then align (spaces that line it up with something
 * on the line above: "    " under "if (").
 */
void pr_wrap(printer *pr, int deeper, const char *align);
/* Ends the line being built, then one level deeper (pr_open's ending). */
void pr_end_open(printer *pr);
/* A line one level out, for a C label ("done:") inside a body. */
void pr_label(printer *pr, const char *fmt, ...) GOPY_PRINTF(2, 3);
/* Every line of text (which may hold several) at the current depth. */
void pr_lines(printer *pr, const char *text);
/* An empty line. */
void pr_blank(printer *pr);

#endif
