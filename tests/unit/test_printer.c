/* test_printer.c: the emitters' line printer. */
#include "printer.h"
#include "unit.h"

void suite_printer(void)
{
	sb b = SB_INIT;
	printer pr = PRINTER_C(&b);

	/* Depth follows open and close; an empty line has no indentation. */
	pr_open(&pr, "if (%s) {", "x");
	pr_line(&pr, "y();");
	pr_blank(&pr);
	pr_close(&pr, "}");
	CHECK_STR(sb_str(&b), "if (x) {\n\ty();\n\n}\n");
	CHECK(pr.depth == 0);

	/* A line in pieces, wrapped under its opening parenthesis. */
	sb_reset(&b);
	pr.depth = 1;
	pr_start(&pr, "if (a(%d) < 0 ||", 1);
	pr_wrap(&pr, 0, "    ");
	pr_add(&pr, "b() < 0)");
	pr_end(&pr);
	CHECK_STR(sb_str(&b), "\tif (a(1) < 0 ||\n\t    b() < 0)\n");

	/* A condition on several lines, its statement deeper; a label one
	 * level out. */
	sb_reset(&b);
	pr_start(&pr, "if (a ||");
	pr_wrap(&pr, 0, "    ");
	pr_add(&pr, "b)");
	pr_end_open(&pr);
	pr_line(&pr, "goto done;");
	pr_close(&pr, NULL);
	pr_label(&pr, "done:");
	CHECK_STR(sb_str(&b), "\tif (a ||\n\t    b)\n\t\tgoto done;\ndone:\n");
	CHECK(pr.depth == 1);

	/* Several lines of text at the current depth; pr_close(NULL) only
	 * steps out. */
	sb_reset(&b);
	pr_lines(&pr, "a\n\nb");
	pr_close(&pr, NULL);
	pr_line(&pr, "c");
	CHECK_STR(sb_str(&b), "\ta\n\n\tb\nc\n");

	/* Python indents by four spaces. */
	sb_reset(&b);
	pr = PRINTER_PY(&b);
	pr_open(&pr, "def f():");
	pr_line(&pr, "return %d", 1);
	pr_close(&pr, NULL);
	CHECK_STR(sb_str(&b), "def f():\n    return 1\n");
	sb_free(&b);
}
