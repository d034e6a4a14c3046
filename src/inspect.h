/*
 * inspect.h: running the Go inspector (inspect/, docs/records.md).
 *
 * The inspector's source ships inside gopy (embedded.h). On first use it is
 * built with the local Go toolchain into gopy's cache directory, keyed by
 * its source and the Go version (the export data it reads is specific to
 * the toolchain), and reused afterwards.
 */
#ifndef GOPY_INSPECT_H
#define GOPY_INSPECT_H

#include <stdbool.h>

/*
 * Runs the inspector on pkgs (directories, import paths or patterns such as
 * ./...; several are bound together) from the current directory. Returns
 * its records (malloc'd, caller frees), or NULL with a one-line message in
 * err_msg(). echo prints each command run (-x).
 */
char *inspect_run(const char *const *pkgs, int npkgs, bool echo);

/* gopy's cache directory ($GOPY_CACHE, else $XDG_CACHE_HOME/gopy, else
 * ~/.cache/gopy); malloc'd. */
char *inspect_cache_dir(void);

#endif
