"""Lifetime of Go values held by Python objects: handles, memory, threads."""
import gc
import threading
import time

import pytest

from conftest import IS_CFFI, IS_PYPY, assert_churn_leaves_no_trace, live, run_threads



def test_live_handles_counts_python_references(shapes):
    assert isinstance(shapes._gopy.live_handles(), int)
    start = live(shapes)
    p = shapes.Point(1, 2)
    assert live(shapes) == start + 1
    r = shapes.NewRect(0, 0, 1, 1)
    m = r.Max
    assert live(shapes) >= start + 2
    del r
    assert m.X == 1  # the view still holds the rectangle
    del m
    assert live(shapes) == start + 1
    q = p
    del p
    assert live(shapes) == start + 1
    del q
    assert live(shapes) == start
    shapes.Origin()
    shapes.Nil()
    shapes.MakeRect(0, 0, 1, 1).Max.X
    assert live(shapes) == start


def test_failures_do_not_leak_handles(shapes):
    start = live(shapes)
    p = shapes.Point()
    for _ in range(1000):
        with pytest.raises(TypeError):
            shapes.Point(X="x")
        with pytest.raises(TypeError):
            shapes.Point(1, 2, 3)
        with pytest.raises(TypeError):
            p.X = "x"
        with pytest.raises(shapes.GoError):
            p.Div(0)
        with pytest.raises(shapes.GoPanic):
            p.Explode("x")
        with pytest.raises(shapes.GoPanic):
            shapes.Square().ID
        with pytest.raises(TypeError):
            shapes.SumXY(shapes.Rect())
    del p
    assert live(shapes) == start


def test_subclass_instances_in_cycles_are_collected(shapes):
    class P(shapes.Point):
        pass

    start = live(shapes)
    for i in range(1000):
        p = P(X=i)
        p.me = p  # a reference cycle through the instance __dict__
        p.view = shapes.NewRect(0, 0, i, i).Max
        p.view_owner = p
    del p
    assert live(shapes) == start


def _finalized_after(shapes, before, want, timeout=5.0):
    deadline = time.time() + timeout
    while True:
        gc.collect()
        n = shapes.Finalized() - before
        if n >= want or time.time() > deadline:
            return n


def test_go_lets_go_when_python_does(shapes):
    before = shapes.Finalized()
    p = shapes.Tracked(3)
    assert _finalized_after(shapes, before, 1, timeout=0.3) == 0
    assert p.X == 3
    del p
    assert _finalized_after(shapes, before, 1) == 1


def test_a_view_keeps_its_parent_alive(shapes):
    before = shapes.Finalized()
    r = shapes.TrackedRect()
    m = r.Max
    del r
    assert _finalized_after(shapes, before, 1, timeout=0.3) == 0
    assert (m.X, m.Y) == (3, 4)
    m.X = 5
    assert m.X == 5
    del m
    assert _finalized_after(shapes, before, 1) == 1


def _churn(shapes, n):
    r = shapes.NewRect(0, 0, 3, 4)
    for i in range(n):
        k = i & 7
        if k == 0:
            o = shapes.Point(i, 1)
        elif k == 1:
            o = shapes.Origin()
        elif k == 2:
            o = r.Max
        elif k == 3:
            o = shapes.NewRect(0, 0, i, 1)
        elif k == 4:
            o = shapes.Label("x", 1.0, True)
        elif k == 5:
            o = shapes.Shared()
        elif k == 6:
            o = shapes.Circle(Radius=1.0).Base
        else:
            o = shapes.Point(X=i).Scaled(2)
        del o


def test_a_million_objects_leave_no_trace(shapes):
    # PyPy frees objects with a finalizer (a cffi instance's) only in a major
    # collection, so its heap grows for a while first: a longer warm-up.
    warmup = 1_000_000 if IS_PYPY and IS_CFFI else 100_000
    assert_churn_leaves_no_trace(shapes, _churn, warmup, 1_000_000, 8 * 1024, "objects")


def test_threads_create_use_and_drop_objects(shapes):
    start = live(shapes)
    errors = []
    barrier = threading.Barrier(8)
    common = shapes.NewRect(0, 0, 3, 4)  # every thread takes views of it at once

    def worker(t):
        try:
            barrier.wait()
            for k in range(5000):
                p = shapes.Point(t, k)
                p.Move(1, 1)
                assert (p.X, p.Y) == (t + 1, k + 1)
                assert p.Sum() == t + k + 2
                p.X = k
                assert shapes.ReadX(p) == k
                r = shapes.NewRect(0, 0, t, k)
                m = r.Max
                m.X = k + 1
                assert r.Width() == k + 1
                assert shapes.RectMaxX(r) == k + 1
                del r
                assert m.Y == k
                v = common.Max
                assert (v.X, v.Y) == (3, 4) and common.Min.Sum() == 0
                assert repr(common.Max) == "shapes.Point(X=3, Y=4)"
                del v
                c = shapes.Circle(shapes.Base(t), 1.0)
                c.SetID(k)
                assert c.ID == k and c.Describe() == f"base {k}"
                h = shapes.Holder(P=p)
                assert shapes.HolderX(h) == k
                q = shapes.Bump(p)
                assert q.X == k + 1 and p.X == k
                if k % 100 == 0:
                    with pytest.raises(shapes.GoError):
                        p.Div(0)
                    with pytest.raises(shapes.GoPanic):
                        p.Explode("x")
                    with pytest.raises(TypeError):
                        p.X = "x"
                    assert repr(p) == f"shapes.Point(X={k}, Y={k + 1})"
                del p, m, c, h, q
        except BaseException as e:  # reported below
            errors.append((t, repr(e)))

    run_threads(worker)
    assert not errors, errors
    common = None  # drops the last reference (`del` of a closure's name reads as undefined to pyflakes)
    assert live(shapes) == start
