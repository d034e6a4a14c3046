"""Fails when the headers of runtime/ or src/ include each other in a cycle,
or when the C runtime's layers (runtime/capi/gopy_capi.h) call in one.

usage: check_include_cycles.py [ROOT]

In runtime/ a file, the header of the same name in its folder and its
NAME_priv.h (gopy_rt.c, gopy_rt.h, gopy_rt_priv.h) are one unit, so the
includes of .c files count too: a call up a layer needs one (gopy_rt.c
calling gopy_view_init includes gopy_view.h, whose unit includes
gopy_rt.h), and the compilers refuse a call without a declaration.
`#include "x"` resolves as the compilers see it: next to the includer, then
in src/ (-Isrc) for src/, and for runtime/ anywhere in runtime/, since the
work directory is flat. Includes that resolve to no file here (Python.h,
_cgo_export.h) are left out.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(root, top):
    for d, _, names in os.walk(os.path.join(root, top)):
        for n in sorted(names):
            if n.endswith((".c", ".h")):
                yield os.path.relpath(os.path.join(d, n), root)


def resolve(root, path, name, flat):
    cands = [os.path.join(os.path.dirname(path), name)]
    if path.startswith("src/"):
        cands.append(os.path.join("src", name))
    else:
        cands += flat.get(os.path.basename(name), [])
    for c in cands:
        c = os.path.normpath(c)
        if os.path.isfile(os.path.join(root, c)):
            return c
    return None


def unit(path):
    stem = os.path.splitext(path)[0]
    return stem[:-len("_priv")] if stem.endswith("_priv") else stem


def graph(root, top, units):
    """The include graph of top: of units, or of headers only."""
    files = list(sources(root, top))
    flat = {}
    for f in files:
        flat.setdefault(os.path.basename(f), []).append(f)
    edges = {}
    for f in files:
        if not units and not f.endswith(".h"):
            continue
        with open(os.path.join(root, f), encoding="utf-8") as src:
            text = src.read()
        for name in INCLUDE.findall(text):
            to = resolve(root, f, name, flat)
            if units:
                f_node, to_node = unit(f), to and unit(to)
            else:
                f_node, to_node = f, to
            if to_node and to_node != f_node:
                edges.setdefault(f_node, set()).add(to_node)
    return edges


def find_cycle(edges):
    state, stack = {}, []

    def visit(u):
        state[u] = 1
        stack.append(u)
        for v in sorted(edges.get(u, ())):
            if state.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if not state.get(v):
                cycle = visit(v)
                if cycle:
                    return cycle
        stack.pop()
        state[u] = 2
        return None

    for u in sorted(edges):
        if not state.get(u):
            cycle = visit(u)
            if cycle:
                return cycle
    return None


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    failed = False
    for top, units in (("runtime", False), ("runtime", True), ("src", False)):
        what = "layers" if units else "includes"
        cycle = find_cycle(graph(root, top, units))
        if cycle:
            print("%s of %s/ form a cycle: %s" % (what, top, " -> ".join(cycle)))
            failed = True
        else:
            print("%s of %s/: no cycle" % (what, top))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
