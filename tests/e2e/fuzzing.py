"""What the property-based tests (test_fuzz.py, test_differential.py)
share: hypothesis settings and the adversarial objects they feed.

In the suite the examples are few and derandomized, so a run is bounded
and repeatable; `make fuzz` sets GOPY_FUZZ_EXAMPLES for a long random run.
"""
import os

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # test_fuzz.py and test_differential.py skip; the classes below still serve
    HealthCheck = settings = None

EXAMPLES = int(os.environ.get("GOPY_FUZZ_EXAMPLES") or 0)


def fuzz(n=40):
    """Settings for one property: n examples in the suite, a fixed
    derivation of them (derandomize), no deadline (a first call may
    build), no example database written into the tree."""
    return settings(max_examples=EXAMPLES or n, deadline=None, derandomize=not EXAMPLES,
                    database=None, suppress_health_check=list(HealthCheck))


# Objects whose protocol methods raise or lie. Every one is stateless (a
# fresh iterator per iter()), so the same object can be converted twice.

class IndexRaises:
    def __index__(self):
        raise RuntimeError("__index__ failed")


class IndexLies:
    def __index__(self):
        return "seven"


class IndexOK:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class FloatRaises:
    def __float__(self):
        raise RuntimeError("__float__ failed")


class FloatLies:
    def __float__(self):
        return "1.5"


class LenRaises:
    def __init__(self, items):
        self.items = items

    def __len__(self):
        raise RuntimeError("__len__ failed")

    def __iter__(self):
        return iter(self.items)


class LenLies:
    def __init__(self, items, n):
        self.items, self.n = items, n

    def __len__(self):
        return self.n

    def __iter__(self):
        return iter(self.items)


class IterRaises:
    def __iter__(self):
        raise RuntimeError("__iter__ failed")


class IterFailsMidway:
    def __init__(self, items):
        self.items = items

    def __iter__(self):
        yield from self.items
        raise RuntimeError("iteration failed")


class ItemsOverridden(dict):
    """A dict whose items() says otherwise: items() is what crosses."""

    def items(self):
        return [("overridden", 1)]


def adversaries(items):
    """The adversarial stand-ins for a list of items (all stateless)."""
    return [LenRaises(items), LenLies(items, 0), LenLies(items, len(items) + 5), LenLies(items, -1),
            IterRaises(), IterFailsMidway(items), tuple(items)]
