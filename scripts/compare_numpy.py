#!/usr/bin/python3
"""compare_numpy.py - time NumPy's equivalents of tbench's kernel families
and write them as tbench summary CSV (schema tbench-1, variant "numpy"), so
they can be merged into tbench reports or compared with a tbench run.

  scripts/compare_numpy.py [FAMILY...] [--size 1000x1000,...] [--samples N]
                           [--warmup-time S] [--min-sample-time S] [--max-time S]
                           [--csv FILE] [--against TBENCH.csv [--peer-csv OTHER.csv]]
                           [--tbench PATH]

The families and their ops.def rows come from `tbench list --json` (the
peer library, tbpeer.py, says how); each op maps to a NumPy call by its
group, kind and reference function.  NumPy runs these calls on one thread,
so --threads is 1.  scale has a third form beside in and out of place:
variant numpy-alloc, `a * s` allocating its result.  --against prints, per
family, size and thread count, the best tbench case next to NumPy's (and
any --peer-csv peer's) median and the speed-up (Markdown table).  Uses the
system python3 with python3-numpy.  gelu_erf has no NumPy equivalent (NumPy
has no erf ufunc).
"""
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tbpeer  # noqa: E402

UFUNC = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}
INVERSE = {"add": np.negative, "sub": np.negative, "mul": np.reciprocal, "div": np.reciprocal}
REDUCE = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min}
AXIS = {"all": None, "rows": 1, "cols": 0}
K1 = math.sqrt(2 / math.pi)


def binary(ref, scalar):
    ufunc = UFUNC[ref]

    def make(r, c, mode, alpha, seed):
        rng = np.random.default_rng(seed)
        a = rng.uniform(-1, 1, (r, c)).astype(np.float32)
        b = np.float32(alpha) if scalar else rng.uniform(0.5, 2, (r, c)).astype(np.float32)
        y = np.empty_like(a)
        if mode == "outofplace":
            return lambda: ufunc(a, b, out=y), "np.%s(a, %s, out=y)" % (ufunc.__name__, "s" if scalar else "b")
        binv = INVERSE[ref](b)
        state = [0]

        def call():  # a (+)= b, then a (+)= inverse(b): stays bounded, as in tbench
            state[0] ^= 1
            ufunc(a, b if state[0] else binv, out=a)
        return call, "np.%s(a, %s, out=a)" % (ufunc.__name__, "s" if scalar else "b")
    return make


def reduction(ref, axis):
    fn = REDUCE[ref]

    def make(r, c, mode, alpha, seed):
        a = np.random.default_rng(seed).uniform(-1, 1, (r, c)).astype(np.float32)
        if axis is None:
            return lambda: fn(a), "a.%s()" % ref
        out = np.empty(r if axis == 1 else c, np.float32)
        return lambda: fn(a, axis=axis, out=out), "np.%s(a, axis=%d, out=o)" % (ref, axis)
    return make


def activation(ref):
    def make(r, c, mode, alpha, seed):
        x = np.random.default_rng(seed).uniform(-8, 8, (r, c)).astype(np.float32)
        y = np.empty_like(x)
        t = np.empty_like(x)
        if ref == "relu":
            return lambda: np.maximum(x, 0, out=y), "np.maximum(a, 0, out=y)"
        if ref == "sigmoid":
            def f():
                np.negative(x, out=t)
                np.exp(t, out=t)
                np.add(t, 1, out=t)
                np.reciprocal(t, out=y)
            return f, "1/(1+np.exp(-a)) with out= buffers"
        if ref == "tanh":
            return lambda: np.tanh(x, out=y), "np.tanh(a, out=y)"
        if ref == "gelu":
            def f():
                np.multiply(x, x, out=t)
                np.multiply(t, np.float32(0.044715), out=t)
                np.add(t, 1, out=t)
                np.multiply(t, x, out=t)
                np.multiply(t, np.float32(K1), out=t)
                np.tanh(t, out=t)
                np.add(t, 1, out=t)
                np.multiply(x, t, out=y)
                np.multiply(y, np.float32(0.5), out=y)
            return f, "0.5 a (1 + tanh(sqrt(2/pi) (a + 0.044715 a^3))) with out= buffers"
        def f():  # softmax
            m = x.max(axis=1, keepdims=True)
            np.subtract(x, m, out=t)
            np.exp(t, out=t)
            s = t.sum(axis=1, keepdims=True)
            np.divide(t, s, out=y)
        return f, "e = exp(a - a.max(1)); e / e.sum(1) with out= buffers"
    return make


def creation(kind, ref):
    def make(r, c, mode, alpha, seed):
        src = np.random.default_rng(seed).uniform(-1, 1, (r, c)).astype(np.float32)
        if kind == "fill":
            v = float(ref)
            if v == 0:
                return lambda: np.zeros((r, c), np.float32), "np.zeros((r, c), np.float32)"
            if v == 1:
                return lambda: np.ones((r, c), np.float32), "np.ones((r, c), np.float32)"
            return lambda: np.full((r, c), v, np.float32), "np.full((r, c), %g, np.float32)" % v
        if kind == "copy":
            return lambda: np.array(src, dtype=np.float32), "np.array(host, dtype=np.float32)"
        gen = np.random.default_rng(1)  # NumPy's default (PCG64), as tbench uses GSL's fast taus2
        return lambda: gen.random((r, c), dtype=np.float32), "default_rng().random(dtype=float32)"
    return make


def scale(r, c, mode, alpha, seed):
    x = np.random.default_rng(seed).uniform(-1, 1, (r, c)).astype(np.float32)
    y = np.empty_like(x)
    a = np.float32(alpha)
    if mode == "alloc":
        return lambda: x * a, "x * a (allocates the result)"
    if mode == "outofplace":
        return lambda: np.multiply(x, a, out=y), "np.multiply(x, a, out=y)"
    ai = np.float32(1 / alpha)
    state = [0]

    def call():
        state[0] ^= 1
        np.multiply(x, a if state[0] else ai, out=x)
    return call, "np.multiply(x, a, out=x)"


class NumPy:
    name = "numpy"
    label = "NumPy"
    version = np.__version__
    description = __doc__.split("\n\n")[0]
    default_threads = "1"
    set_threads = None  # NumPy's ufuncs and reductions run on one thread

    @staticmethod
    def equivalent(fam):
        """(make, extra forms) for a registry family, None if NumPy has none"""
        if fam["name"] == "scale":
            return scale, [("outofplace", "numpy-alloc", "alloc")]
        key = tbpeer.op_key(fam)
        if not key:
            return None
        group, kind, ref = key
        if group == "bin" and ref in UFUNC:
            return binary(ref, kind == "scalar"), []
        if group == "red" and ref in REDUCE and kind in AXIS:
            return reduction(ref, AXIS[kind]), []
        if group == "act" and ((kind == "map" and ref in ("relu", "sigmoid", "tanh", "gelu"))
                               or (kind == "rows" and ref == "softmax")):
            return activation(ref), []
        if group == "create" and kind in ("fill", "copy", "rand"):
            return creation(kind, ref), []
        return None


if __name__ == "__main__":
    np.seterr(all="ignore")
    sys.exit(tbpeer.run_peer(NumPy))
