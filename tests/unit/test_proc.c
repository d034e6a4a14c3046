/* test_proc.c: running commands and capturing their output. */
#include "proc.h"
#include "unit.h"
#include "util.h"

void suite_proc(void)
{
	sb out = SB_INIT, err = SB_INIT;
	const char *env[] = {"GOPY_UNIT=from-env", NULL};
	const char *argv[] = {"sh", "-c", "echo out:$GOPY_UNIT; echo err >&2; pwd; exit 3", NULL};
	proc_opts o = {.dir = "/", .env = env, .out = &out, .err = &err};

	CHECK(proc_run(argv, &o) == 3);
	CHECK_STR(sb_str(&out), "out:from-env\n/\n");
	CHECK_STR(sb_str(&err), "err\n");

	/* Only stdout captured: large output must not deadlock. */
	sb_reset(&out);
	const char *big[] = {"sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x", NULL};
	proc_opts o2 = {.out = &out};
	CHECK(proc_run(big, &o2) == 0);
	CHECK(out.len == 300000);

	/* Only stderr captured. */
	sb_reset(&err);
	const char *e[] = {"sh", "-c", "echo oops >&2", NULL};
	proc_opts o3 = {.err = &err};
	CHECK(proc_run(e, &o3) == 0);
	CHECK_STR(sb_str(&err), "oops\n");

	/* A missing program is reported, not run. */
	sb_reset(&err);
	const char *missing[] = {"gopy-no-such-program", NULL};
	proc_opts o4 = {.err = &err};
	CHECK(proc_run(missing, &o4) == -1);
	CHECK(strstr(err_msg(), "gopy-no-such-program") != NULL);

	sb_free(&out);
	sb_free(&err);
}
