"""Golden tests: the emitters' output for tests/golden/src/calc, byte for byte.

usage: run.py check|update GOPY

`check` generates the bindings with `GOPY gen`, once per backend, and
compares glue.go, module.c and calc.pyi (C-API) and cffi_build.py and calc.py
(cffi) with tests/golden/want/; `update` rewrites want/
(run it through `make golden` after an intended emitter change and review
the diff). The generated Go must also be gofmt-clean.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# (backend, file): what each backend's gen writes that is compared.
FILES = [("capi", "glue.go"), ("capi", "module.c"), ("capi", "calc.pyi"),
         ("cffi", "cffi_build.py"), ("cffi", "calc.py")]


def generate(gopy, out, backend):
    subprocess.run([gopy, "gen", "-backend", backend, "-output", out, "./calc"], cwd=os.path.join(HERE, "src"),
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    mode, gopy = sys.argv[1], os.path.abspath(sys.argv[2])
    want_dir = os.path.join(HERE, "want")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "gen")
        for backend in ("capi", "cffi"):
            generate(gopy, os.path.join(out, backend), backend)
        unformatted = subprocess.run(["gofmt", "-l", os.path.join(out, "capi", "glue.go")],
                                     capture_output=True, text=True, check=True).stdout
        if unformatted:
            print("golden: glue.go is not gofmt-clean")
            failed += 1
        for backend, name in FILES:
            got_path, want_path = os.path.join(out, backend, name), os.path.join(want_dir, name)
            if mode == "update":
                os.makedirs(want_dir, exist_ok=True)
                shutil.copyfile(got_path, want_path)
                continue
            got = open(got_path).read()
            want = open(want_path).read() if os.path.exists(want_path) else ""
            if got != want:
                failed += 1
                sys.stdout.writelines(difflib.unified_diff(
                    want.splitlines(True), got.splitlines(True), "want/" + name, "got/" + name))
    if mode == "update":
        print(f"golden: updated {len(FILES)} files in {want_dir}")
        return 0
    print(f"golden: {len(FILES) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
