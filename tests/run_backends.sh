#!/usr/bin/env bash
# Runs the end-to-end suite once per backend, all at once, with the
# interpreter PYTHON: each backend builds into its own directory
# (conftest.py), so the runs share nothing but the Go build cache, and the
# machine's cores are used while one run is busy in Python. Each run's
# output goes to a log, printed in the order the backends were given once
# all have finished, so the last line is the last run's summary.
#
#   tests/run_backends.sh PYTHON BACKEND...
#
# Exits non-zero if any run failed.
set -u
python=$1
shift
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
for b in "$@"; do
	(
		GOPY_BACKEND=$b "$python" -m pytest -q tests/e2e >"$logs/$b.log" 2>&1
		echo $? >"$logs/$b.rc"
	) &
done
wait
rc=0
for b in "$@"; do
	echo "GOPY_BACKEND=$b $python -m pytest -q tests/e2e"
	cat "$logs/$b.log"
	[ "$(cat "$logs/$b.rc")" = 0 ] || rc=1
done
exit $rc
