#!/usr/bin/env bash
# Compiles the C that gopy generates (module.c) and the C runtime (gopy_*.c)
# for the e2e package `basics` with -Wall -Wextra -Werror under gcc and
# clang. cgo compiles them with its own flags, which hide warnings; this
# keeps the generated C warning-free for users who build with stricter ones.
set -euo pipefail
gopy=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pyinc=$(${PYTHON:-python3} -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
for pkg in basics shapes named pkgvars seqs names keywords strnamed stdtypes ctxpkg; do
	"$gopy" gen -output "$work/$pkg" "$root/tests/e2e/go/$pkg" 2>/dev/null
	cd "$work/$pkg"
	GOTOOLCHAIN=local go tool cgo -objdir obj glue.go gopy_*.go
	for cc in gcc clang; do
		if ! command -v "$cc" >/dev/null; then
			echo "generated C: $cc not installed, skipped"
			continue
		fi
		"$cc" -std=c11 -Wall -Wextra -Werror -fsyntax-only -Iobj -I. -I"$pyinc" module.c gopy_*.c
		echo "generated C for $pkg: warning-free with $cc"
	done
done
