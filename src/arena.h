/*
 * arena.h: bump allocation for data that lives for the whole run (the
 * model). Everything allocated from an arena is freed at once by
 * arena_free; nothing is freed individually.
 */
#ifndef GOPY_ARENA_H
#define GOPY_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
	arena_block *head;
} arena;

/* Zeroed, max-aligned memory owned by the arena. Never NULL. */
void *arena_alloc(arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) owned by the arena. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* Frees every block; the arena may be reused afterwards. */
void arena_free(arena *a);

#endif
