"""The Go runtime's life in the Python process: import waits for Go's init
functions, a forked child gets an exception instead of a hang, and what
Go itself makes fatal stays fatal."""
import gc
import os
import subprocess
import sys
import time

import pytest

from conftest import build_output

FORK_MESSAGE = "the Go runtime does not survive fork()"

# Python 3.12+ warns that forking a process with threads (Go's) may
# deadlock the child: that is what these tests check does not happen.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run_python(code, timeout=60):
    """Runs code in a fresh interpreter that imports from the build of lifecycle."""
    out, _ = build_output("lifecycle")
    env = dict(os.environ, PYTHONPATH=out)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout)


# ---- import waits for Go's init functions ----------------------------------

def test_import_returns_after_go_init():
    # init sleeps 200 ms, then writes straight to file descriptor 1: before
    # the fix, "after" came first (or alone, when the process ended first).
    r = run_python("import lifecycle\nprint('after', flush=True)")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "lifecycle: init done\nafter\n"


def test_init_side_effects_visible_at_import():
    r = run_python("import lifecycle\nprint(lifecycle.Ready, lifecycle.InitOrder)")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "True a"


# ---- fork -----------------------------------------------------------------

def in_child(fn, timeout=20):
    """Runs fn() in a child made by os.fork() and returns what it reported:
    ("ok", repr of the result) or (exception class name, message). A child
    that hangs is killed and fails the test."""
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, then leave without running Python's exit
        code = 0
        try:
            try:
                report = "ok\n%r" % (fn(),)
            except BaseException as e:  # noqa: B036 - reported to the parent
                report = "%s\n%s" % (type(e).__name__, e)
            os.write(wfd, report.encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(wfd)
    deadline = time.monotonic() + timeout
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                pytest.fail("the forked child hung")
            time.sleep(0.01)
        with os.fdopen(rfd, "rb") as f:
            kind, _, text = f.read().decode().partition("\n")
    finally:
        try:
            os.close(rfd)
        except OSError:
            pass
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, status
    return kind, text


# Every way into Go, each on values made before the fork (none are used in
# the parent first, so no view has its memory's address cached).
FORKED_CALLS = {
    "direct result": lambda m, v: m.Add(1, 2),
    "string result": lambda m, v: m.Concat("a", "b"),
    "goroutine": lambda m, v: m.Spin(),
    "constructor": lambda m, v: m.Point(1, 2),
    "method": lambda m, v: v["point"].Sum(),
    "field get": lambda m, v: v["point"].X,
    "field set": lambda m, v: setattr(v["point"], "Y", 5),
    "str": lambda m, v: str(v["point"]),
    "repr": lambda m, v: repr(v["point"]),
    "==": lambda m, v: v["point"] == v["other"],
    "copy": lambda m, v: __import__("copy").copy(v["point"]),
    "variable get": lambda m, v: m.Ready,
    "variable set": lambda m, v: setattr(m, "InitOrder", "x"),
    "slice in place": lambda m, v: v["values"][0],
    "slice through Go": lambda m, v: v["names"][0],
    "slice result": lambda m, v: m.Values(),
    "map get": lambda m, v: v["table"]["a"],
    "map len": lambda m, v: len(v["table"]),
    "map set": lambda m, v: v["table"].__setitem__("b", 2),
    "live handles": lambda m, v: m._gopy.live_handles(),
}


def made_before_fork(m):
    return {"point": m.Point(1, 2), "other": m.Point(1, 2), "values": m.Values(),
            "names": m.Names(), "table": m.Table()}


@pytest.mark.parametrize("what", sorted(FORKED_CALLS))
def test_forked_child_gets_an_exception(lifecycle, what):
    values = made_before_fork(lifecycle)
    kind, text = in_child(lambda: FORKED_CALLS[what](lifecycle, values))
    assert kind == "RuntimeError", (kind, text)
    assert FORK_MESSAGE in text and "'spawn' or 'forkserver'" in text


def test_parent_unaffected_by_fork(lifecycle):
    values = made_before_fork(lifecycle)
    in_child(lambda: lifecycle.Add(1, 2))
    assert lifecycle.Add(1, 2) == 3
    assert lifecycle.Spin() == 42
    assert values["point"].Sum() == 3
    assert list(values["names"]) == ["a", "b"]


def test_forked_child_drops_go_objects_quietly(lifecycle):
    values = made_before_fork(lifecycle)

    def drop():
        values.clear()  # releasing a handle would call Go: the child leaks it instead
        for _ in range(5):
            gc.collect()
        return "dropped"

    assert in_child(drop) == ("ok", "'dropped'")


def test_forked_child_runs_python(lifecycle):
    # Python itself is fine in the child; only Go is gone.
    assert in_child(lambda: sum(range(10))) == ("ok", "45")


def test_multiprocessing_fork_raises(lifecycle):
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(1) as pool:
        with pytest.raises(RuntimeError, match="spawn"):
            pool.apply_async(lifecycle.Add, (1, 2)).get(timeout=30)


def test_multiprocessing_spawn_works(lifecycle):
    import multiprocessing
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply_async(lifecycle.Add, (1, 2)).get(timeout=60) == 3
        assert pool.apply_async(lifecycle.Spin).get(timeout=60) == 42


# ---- what Go makes fatal ----------------------------------------------------

@pytest.mark.parametrize("func", ["Exit", "ExitInt", "ExitErr"])
def test_goexit_ends_the_process(func):
    # Go ends the goroutine of a call from C only by ending the process; no
    # deferred recovery can stop it (see README: What is fatal).
    r = run_python("import lifecycle\nlifecycle.%s()\nprint('survived')" % func)
    assert r.returncode != 0
    assert "survived" not in r.stdout
    assert "runtime.Goexit" in r.stderr


def test_panic_on_another_goroutine_ends_the_process():
    # Only the calling goroutine's panics become GoPanic, as in Go.
    r = run_python("import lifecycle\nlifecycle.PanicElsewhere()\nprint('survived')")
    assert r.returncode != 0
    assert "survived" not in r.stdout
    assert "panic: lifecycle: unrecovered" in r.stderr


def test_blocked_call_is_no_deadlock_error():
    # A library's goroutines may all be asleep while the program runs on:
    # Go reports no deadlock, the call blocks its thread only.
    r = run_python("import threading, time, lifecycle\n"
                   "threading.Thread(target=lifecycle.Block, daemon=True).start()\n"
                   "time.sleep(0.3)\nprint(lifecycle.Add(1, 2))")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "3"
