"""The NAME.pyi stub of every module the suite builds, checked against the
module itself by mypy's stubtest: every name the stub declares exists, with
the same kind, signature (parameter names, kinds and defaults where the
runtime exposes them) and, for constants and variables, a value of the
declared type; and nothing public at runtime is missing from the stub. The
stub must also be one mypy accepts. CPython only (mypy does not run on
PyPy); both backends, by GOPY_BACKEND.

What differs by design is allowlisted, with the reason, in
tests/e2e/stubtest/ (common.txt and one file per backend). Classes are not
checked for PEP 800 disjoint bases: the stub is the same for both backends
and only the C-API's classes are disjoint.
"""
import os
import subprocess
import sys

import pytest

from conftest import BACKEND, IS_PYPY, OUT_DIR, PACKAGES, build_output

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stubtest")

pytestmark = pytest.mark.skipif(IS_PYPY, reason="mypy runs on CPython only")


def test_stubs_match_modules():
    pytest.importorskip("mypy.stubtest", reason="mypy is not installed (pip install mypy)")
    dirs = [build_output(pkg)[0] for pkg in PACKAGES]
    # Not OUT_DIR: there each output directory would pass for a package.
    work = os.path.join(OUT_DIR, "stubtest")
    os.makedirs(work, exist_ok=True)
    path = os.pathsep.join(dirs)  # MYPYPATH for the stubs, PYTHONPATH for the modules
    env = dict(os.environ, PYTHONPATH=path, MYPYPATH=path, MYPY_CACHE_DIR=os.path.join(work, "cache"))
    # One run for all modules: mypy's start-up (typeshed) is most of the time.
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "--concise", "--ignore-disjoint-bases",
         "--mypy-config-file", os.path.join(HERE, "mypy.ini"),
         "--allowlist", os.path.join(HERE, "common.txt"),
         "--allowlist", os.path.join(HERE, BACKEND + ".txt"), *PACKAGES],
        cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"stubtest ({BACKEND}):\n{proc.stdout}{proc.stderr}"
