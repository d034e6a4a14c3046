"""The pure-Python side of gopy's benchmarks (bench/run.py).

A module of its own so that multiprocessing's worker processes can import
the Monte Carlo worker by name.
"""
import random


def add(a, b):
    return a + b


def nop():
    pass


class Point:
    """The pure-Python counterpart of gobench.Point."""

    def __init__(self, X, Y):
        self.X = X
        self.Y = Y

    def Sum(self):
        return self.X + self.Y


def half(x):
    """The Python function Go calls back in the callback case."""
    return x * 0.5


def call_many(f, n):
    """gobench.CallMany in pure Python: f(0.0) + ... + f(n - 1.0)."""
    s = 0.0
    for i in range(n):
        s += f(float(i))
    return s


def find_element_idx(xs, x):
    """The original gopy project's FindElementIdx, in pure Python."""
    for i, v in enumerate(xs):
        if v == x:
            return i
    return -1


def hits(seed, n):
    """How many of n random points of the unit square fall in the circle."""
    rnd = random.Random(seed).random
    h = 0
    for _ in range(n):
        x, y = rnd(), rnd()
        if x * x + y * y < 1:
            h += 1
    return h


def py_pi(samples):
    """Monte Carlo pi on one core."""
    return 4 * hits(1, samples) / samples


def _mp_hits(args):
    return hits(*args)


def mp_pi(pool, workers, samples):
    """Monte Carlo pi over a multiprocessing pool of workers processes,
    each with its own random source."""
    chunks = [(w + 1, samples // workers + (w < samples % workers)) for w in range(workers)]
    return 4 * sum(pool.map(_mp_hits, chunks, chunksize=1)) / samples
