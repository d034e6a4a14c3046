/*
 * unit.h: a minimal harness for gopy's C unit tests. Each test_*.c file
 * defines suite functions listed in test_main.c; CHECK records a failure
 * with its position and goes on.
 */
#ifndef GOPY_UNIT_H
#define GOPY_UNIT_H

#include <stdio.h>
#include <string.h>

extern int unit_checks, unit_failures;

#define CHECK(cond) \
	do { \
		unit_checks++; \
		if (!(cond)) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		unit_checks++; \
		if (!g_ || strcmp(g_, w_) != 0) { \
			unit_failures++; \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
				g_ ? g_ : "(null)", w_); \
		} \
	} while (0)

/* Suites (one per source module). */
void suite_sb(void);
void suite_record(void);
void suite_model(void);
void suite_pyname(void);
void suite_support(void);
void suite_emit(void);
void suite_proc(void);
void suite_util(void);
void suite_escape(void);
void suite_backend(void);
void suite_abi(void);
void suite_printer(void);

/* A small model text used by several suites (test_model.c). */
extern const char unit_sample_records[];

#endif
