"""The GIL is released while Go runs; goroutines use every core."""
import os
import threading

from conftest import run_threads


def test_gil_released_during_go_call(basics):
    started = threading.Event()

    def sleeper():
        started.set()
        basics.Sleep(400)

    t = threading.Thread(target=sleeper)
    t.start()
    started.wait()
    n = 0
    while t.is_alive():
        n += 1
    t.join()
    # With the GIL held for the whole Go call this loop would barely run.
    assert n > 10_000, n


def test_concurrent_calls_from_threads(basics):
    results = [None] * 8
    errors = []

    def worker(i):
        try:
            total = 0
            for k in range(2000):
                total += basics.Add(i, k)
                assert basics.Concat(str(i), str(k)) == f"{i}{k}"
            results[i] = total
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    run_threads(worker)
    assert not errors
    assert results == [i * 2000 + sum(range(2000)) for i in range(8)]


def test_goroutines_use_every_core(basics):
    done, cpus = basics.ParallelCount(1_000_000)
    assert cpus == os.cpu_count()
    assert done == cpus
