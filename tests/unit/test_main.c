/* test_main.c: runs every suite and prints a summary line. */
#include "unit.h"

int unit_checks, unit_failures;

int main(void)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} suites[] = {
		{"util", suite_util}, {"sb", suite_sb}, {"record", suite_record},
		{"model", suite_model}, {"pyname", suite_pyname},
		{"support", suite_support}, {"emit", suite_emit}, {"escape", suite_escape}, {"proc", suite_proc},
		{"backend", suite_backend}, {"abi", suite_abi}, {"printer", suite_printer},
	};
	int failed_suites = 0;

	for (size_t i = 0; i < sizeof suites / sizeof *suites; i++) {
		int before = unit_failures;
		suites[i].run();
		if (unit_failures != before)
			failed_suites++;
		fprintf(stderr, "unit: %-8s %s\n", suites[i].name, unit_failures != before ? "FAIL" : "ok");
	}
	printf("unit: %d passed, %d failed\n", unit_checks - unit_failures, unit_failures);
	return unit_failures ? 1 : 0;
}
