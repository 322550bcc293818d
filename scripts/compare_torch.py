#!/usr/bin/python3
"""compare_torch.py - time PyTorch's (CPU) equivalents of tbench's tensor-op
families and write them as tbench summary CSV (schema tbench-1, variant
"torch"), so they can be merged into tbench reports or compared with a
tbench run.

  scripts/compare_torch.py [FAMILY...] [--size 1000x1000,...] [--threads 1,2]
                           [--samples N] [--warmup-time S] [--min-sample-time S]
                           [--max-time S] [--csv FILE]
                           [--against TBENCH.csv [--peer-csv NUMPY.csv]] [--tbench PATH]

The families and their ops.def rows come from `tbench list --json`, through
the peer library (tbpeer.py, shared with compare_numpy.py); each op maps to
a PyTorch call by its group, kind and reference function, with an out=
tensor wherever PyTorch has one (so no allocation is timed but where the op
is an allocation): torch.add(a, b, out=y), a.add_(b), torch.sum(a, 1,
out=o), a.sum(), torch.amax, torch.clamp_min(a, 0, out=y) (what torch.relu
computes), torch.sigmoid, torch.tanh, aten's gelu with out= (F.gelu(x) and
F.gelu(x, approximate="tanh")), torch.softmax(x, 1, out=y), torch.zeros,
torch.ones, torch.tensor(host), torch.rand.  Each thread count of
--threads (default 1,2) is set with torch.set_num_threads and recorded in
the threads column.  --against prints, per family, size and thread count,
the best tbench case using at most that many threads next to PyTorch's (and
any --peer-csv peer's, e.g. NumPy's) median and the speed-up: one table for
both peers.  Uses the system python3 with python3-torch.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tbpeer  # noqa: E402

torch = None  # imported once the command line is checked (it takes seconds)


def _torch():
    global torch
    if torch is None:
        import torch as t
        t.set_grad_enabled(False)
        torch = t
    return torch


# ref -> (the out= function, the in-place method); by name, resolved on use
BIN = {"add": ("add", "add_"), "sub": ("sub", "sub_"), "mul": ("mul", "mul_"), "div": ("div", "div_")}
RED = {"sum": "sum", "mean": "mean", "max": "amax", "min": "amin"}
DIM = {"rows": 1, "cols": 0}


def tensor(rng, r, c, lo, hi):
    return _torch().from_numpy(rng.uniform(lo, hi, (r, c)).astype(np.float32))


def binary(ref, scalar):
    name, inplace = BIN[ref]
    inverse = (lambda v: -v) if ref in ("add", "sub") else (lambda v: 1 / v)

    def make(r, c, mode, alpha, seed):
        rng = np.random.default_rng(seed)
        a = tensor(rng, r, c, -1, 1)
        b = float(np.float32(alpha)) if scalar else tensor(rng, r, c, 0.5, 2)
        what = "s" if scalar else "b"
        fn = getattr(torch, name)
        if mode == "outofplace":
            y = torch.empty_like(a)
            return lambda: fn(a, b, out=y), "torch.%s(a, %s, out=y)" % (ref, what)
        binv = float(np.float32(inverse(b))) if scalar else inverse(b)
        op = getattr(a, inplace)
        state = [0]

        def call():  # a (+)= b, then a (+)= inverse(b): stays bounded, as in tbench
            state[0] ^= 1
            op(b if state[0] else binv)
        return call, "a.%s(%s)" % (inplace, what)
    return make


def reduction(ref, kind):
    name = RED[ref]

    def make(r, c, mode, alpha, seed):
        a = tensor(np.random.default_rng(seed), r, c, -1, 1)
        fn = getattr(torch, name)
        if kind == "all":
            m = getattr(a, name)
            return m, "a.%s()" % name
        dim = DIM[kind]
        out = torch.empty(r if dim == 1 else c)
        return lambda: fn(a, dim, out=out), "torch.%s(a, %d, out=o)" % (name, dim)
    return make


ACT = {
    "relu": (lambda x, y: torch.clamp_min(x, 0, out=y), "torch.clamp_min(a, 0, out=y) (torch.relu's op)"),
    "sigmoid": (lambda x, y: torch.sigmoid(x, out=y), "torch.sigmoid(a, out=y)"),
    "tanh": (lambda x, y: torch.tanh(x, out=y), "torch.tanh(a, out=y)"),
    "gelu": (lambda x, y: torch._C._nn.gelu(x, approximate="tanh", out=y),
             "F.gelu(a, approximate='tanh') with out=y (aten gelu.out)"),
    "gelu_erf": (lambda x, y: torch._C._nn.gelu(x, out=y), "F.gelu(a) with out=y (aten gelu.out)"),
    "softmax": (lambda x, y: torch.softmax(x, 1, out=y), "torch.softmax(a, 1, out=y)"),
}


def activation(ref):
    fn, note = ACT[ref]

    def make(r, c, mode, alpha, seed):
        x = tensor(np.random.default_rng(seed), r, c, -8, 8)
        y = torch.empty_like(x)
        return lambda: fn(x, y), note
    return make


def creation(kind, ref):
    def make(r, c, mode, alpha, seed):
        _torch()
        if kind == "fill":
            v = float(ref)
            if v == 0:
                return lambda: torch.zeros((r, c)), "torch.zeros((r, c))"
            if v == 1:
                return lambda: torch.ones((r, c)), "torch.ones((r, c))"
            return lambda: torch.full((r, c), v), "torch.full((r, c), %g)" % v
        if kind == "copy":
            host = np.random.default_rng(seed).uniform(-1, 1, (r, c)).astype(np.float32)
            return lambda: torch.tensor(host), "torch.tensor(host) (a copy of a NumPy buffer)"
        torch.manual_seed(1)  # PyTorch's CPU generator (mt19937)
        return lambda: torch.rand((r, c)), "torch.rand((r, c))"
    return make


class Torch:
    name = "torch"
    label = "PyTorch"
    description = __doc__.split("\n\n")[0]
    default_threads = "1,2"

    @property
    def version(self):
        return _torch().__version__

    @staticmethod
    def set_threads(t):
        _torch().set_num_threads(t)

    @staticmethod
    def equivalent(fam):
        """(make, extra forms) for a registry family, None if PyTorch has none"""
        key = tbpeer.op_key(fam)
        if not key:
            return None
        group, kind, ref = key
        if group == "bin" and ref in BIN:
            return binary(ref, kind == "scalar"), []
        if group == "red" and ref in RED and kind in ("all", "rows", "cols"):
            return reduction(ref, kind), []
        if group == "act" and ref in ACT and kind == ("rows" if ref == "softmax" else "map"):
            return activation(ref), []
        if group == "create" and kind in ("fill", "copy", "rand"):
            return creation(kind, ref), []
        return None


if __name__ == "__main__":
    sys.exit(tbpeer.run_peer(Torch()))
