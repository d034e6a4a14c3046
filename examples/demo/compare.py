"""gopy's demo: call a Go package from Python and compare with pure Python.

Run by `make demo` (examples/demo/compare.py), after `gopy build` put the `demo` module on PYTHONPATH.
"""
import random
import time

import demo


def py_pi(samples):
    """The same Monte Carlo estimate in pure Python, on one core."""
    hits = 0
    rnd = random.random
    for _ in range(samples):
        x, y = rnd(), rnd()
        if x * x + y * y < 1:
            hits += 1
    return 4 * hits / samples


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def main():
    print(" ".join(demo.__doc__.split("\n\n")[0].split()))
    print("demo.Add(2, 3) =", demo.Add(2, 3))
    print("demo.Hypot(a=3, b=4) =", demo.Hypot(a=3, b=4))
    print("demo.Greet('Hello', 'Go', 'Python') =", repr(demo.Greet("Hello", "Go", "Python")))
    try:
        demo.Sqrt(-1)
    except demo.GoError as e:
        print(f"demo.Sqrt(-1) raised demo.GoError: {e} (Go type {e.go_type})")

    samples = 2_000_000
    go_pi, go_time = timed(demo.Pi, samples)
    py_pi_value, py_time = timed(py_pi, samples)
    print(f"\nMonte Carlo pi with {samples:,} samples:")
    print(f"  Go via gopy ({demo.Workers()} goroutines): {go_pi:.5f} in {go_time * 1000:8.1f} ms")
    print(f"  pure Python (1 core):          {py_pi_value:.5f} in {py_time * 1000:8.1f} ms")
    print(f"  gopy is {py_time / go_time:.0f}x faster here")


if __name__ == "__main__":
    main()
