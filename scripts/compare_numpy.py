#!/usr/bin/python3
"""compare_numpy.py - time NumPy's equivalents of tbench's kernel families
and write them as tbench summary CSV (schema tbench-1, variant "numpy"), so
they can be merged into tbench reports or compared with a tbench run.

  scripts/compare_numpy.py [FAMILY...] [--size 1000x1000,...] [--samples N]
                           [--warmup-time S] [--min-sample-time S] [--max-time S]
                           [--csv FILE] [--against TBENCH.csv]

Methodology as tbench's: warmup (10 calls and 50 ms), calls per sample
doubled until a sample lasts 1 ms, then N samples (or fewer when --max-time
runs out); figures are per call.  scale has a third form beside in and out
of place: variant numpy-alloc, `a * s` allocating its result.  The CSV is
written to a temporary name and renamed, so a failed run leaves nothing.
--against prints, per family and size, the best tbench variant's median next
to NumPy's and the speed-up (Markdown table).  Uses the system python3 with
python3-numpy.  gelu_erf has no NumPy equivalent (NumPy has no erf ufunc).
"""
import argparse
import csv
import math
import os
import sys
import time

import numpy as np

COLUMNS = ["schema", "name", "family", "variant", "mode", "n", "rows", "cols", "threads",
           "status", "samples", "iters_per_sample", "min_ns", "median_ns", "mean_ns", "sd_ns",
           "mad_ns", "cv", "p5_ns", "p25_ns", "p75_ns", "p95_ns", "ci_low_ns", "ci_high_ns",
           "outliers_mild", "outliers_severe", "bytes_per_iter", "flops_per_iter",
           "items_per_iter", "item_unit", "items_per_s", "gbps", "limit_share", "note", "metric"]


def binary(op, scalar):
    ufunc = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide}[op]
    inv = {"add": np.negative, "sub": np.negative}.get(op, np.reciprocal)

    def make(r, c, mode, alpha, rng):
        a = rng.uniform(-1, 1, (r, c)).astype(np.float32)
        b = np.float32(alpha) if scalar else rng.uniform(0.5, 2, (r, c)).astype(np.float32)
        y = np.empty_like(a)
        if mode == "outofplace":
            return lambda: ufunc(a, b, out=y), "np.%s(a, %s, out=y)" % (ufunc.__name__, "s" if scalar else "b")
        binv = inv(b)
        state = [0]

        def call():  # a (+)= b, then a (+)= inverse(b): stays bounded, as in tbench
            state[0] ^= 1
            ufunc(a, b if state[0] else binv, out=a)
        return call, "np.%s(a, %s, out=a)" % (ufunc.__name__, "s" if scalar else "b")
    return make, (8 if scalar else 12), ("outofplace", "inplace")


def reduction(op, axis):
    fn = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min}[op]

    def make(r, c, mode, alpha, rng):
        a = rng.uniform(-1, 1, (r, c)).astype(np.float32)
        if axis is None:
            return lambda: fn(a), "a.%s()" % op
        out = np.empty(r if axis == 1 else c, np.float32)
        return lambda: fn(a, axis=axis, out=out), "np.%s(a, axis=%d, out=o)" % (op, axis)
    return make, 4, ("-",)


K1 = math.sqrt(2 / math.pi)


def activation(op):
    def make(r, c, mode, alpha, rng):
        x = rng.uniform(-8, 8, (r, c)).astype(np.float32)
        y = np.empty_like(x)
        t = np.empty_like(x)
        if op == "relu":
            return lambda: np.maximum(x, 0, out=y), "np.maximum(a, 0, out=y)"
        if op == "sigmoid":
            def f():
                np.negative(x, out=t)
                np.exp(t, out=t)
                np.add(t, 1, out=t)
                np.reciprocal(t, out=y)
            return f, "1/(1+np.exp(-a)) with out= buffers"
        if op == "tanh":
            return lambda: np.tanh(x, out=y), "np.tanh(a, out=y)"
        if op == "gelu":
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
        if op == "softmax":
            def f():
                m = x.max(axis=1, keepdims=True)
                np.subtract(x, m, out=t)
                np.exp(t, out=t)
                s = t.sum(axis=1, keepdims=True)
                np.divide(t, s, out=y)
            return f, "e = exp(a - a.max(1)); e / e.sum(1) with out= buffers"
        raise KeyError(op)
    return make, 8, ("outofplace",)


def creation(op):
    def make(r, c, mode, alpha, rng):
        src = rng.uniform(-1, 1, (r, c)).astype(np.float32)
        if op == "zeros":
            return lambda: np.zeros((r, c), np.float32), "np.zeros((r, c), np.float32)"
        if op == "ones":
            return lambda: np.ones((r, c), np.float32), "np.ones((r, c), np.float32)"
        if op == "from_vec":
            return lambda: np.array(src, dtype=np.float32), "np.array(host, dtype=np.float32)"
        gen = np.random.default_rng(1)  # NumPy's default (PCG64), as tbench uses GSL's fast taus2
        return lambda: gen.random((r, c), dtype=np.float32), "default_rng().random(dtype=float32)"
    return make, (8 if op == "from_vec" else 4), ("-",)


def scale():
    def make(r, c, mode, alpha, rng):
        x = rng.uniform(-1, 1, (r, c)).astype(np.float32)
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
    # (mode, variant, what make() is asked for): the allocating form
    return make, 8, ("outofplace", "inplace", ("outofplace", "numpy-alloc", "alloc"))


FAMILIES = {"scale": scale()}
for o in ("add", "sub", "mul", "div"):
    FAMILIES[o] = binary(o, False)
    FAMILIES[o + "s"] = binary(o, True)
for o in ("sum", "mean", "max", "min"):
    FAMILIES[o] = reduction(o, None)
    FAMILIES[o + "_rows"] = reduction(o, 1)
    FAMILIES[o + "_cols"] = reduction(o, 0)
for o in ("relu", "sigmoid", "tanh", "gelu", "softmax"):
    FAMILIES[o] = activation(o)
for o in ("zeros", "ones", "from_vec", "rand"):
    FAMILIES[o] = creation(o)


def measure(call, samples, min_sample_ns=1e6, warmup=10, warmup_ns=50e6, max_ns=0):
    t0 = time.perf_counter_ns()
    i = 0
    while i < warmup or time.perf_counter_ns() - t0 < warmup_ns:
        call()
        i += 1
    iters = 1
    while True:
        t = time.perf_counter_ns()
        for _ in range(iters):
            call()
        if time.perf_counter_ns() - t >= min_sample_ns:
            break
        iters *= 2
    ns = []
    start = time.perf_counter_ns()
    for _ in range(samples):
        t = time.perf_counter_ns()
        for _ in range(iters):
            call()
        ns.append((time.perf_counter_ns() - t) / iters)
        if max_ns and len(ns) >= 2 and time.perf_counter_ns() - start >= max_ns:
            break
    return np.array(ns), iters


def parse_size(s):
    if "x" in s:
        r, c = s.split("x")
        r, c = int(r), int(c)
    else:
        r, c = 1, int(s)
    if r < 1 or c < 1:
        raise ValueError(s)
    return r, c


def row(fam, variant, mode, r, c, ns, iters, bytes_per, note, name):
    med = float(np.median(ns))
    mean = float(ns.mean())
    sd = float(ns.std(ddof=1)) if len(ns) > 1 else 0.0
    q = np.percentile(ns, [5, 25, 75, 95])
    n = r * c
    d = {k: "" for k in COLUMNS}
    d.update(schema="tbench-1", name=name, family=fam, variant=variant, mode=mode, n=n, rows=r,
             cols=c, threads=1, status="ok", samples=len(ns), iters_per_sample=iters,
             min_ns="%.3f" % ns.min(), median_ns="%.3f" % med, mean_ns="%.3f" % mean,
             sd_ns="%.3f" % sd, mad_ns="%.3f" % float(np.median(np.abs(ns - med))),
             cv="%.6f" % (sd / mean if mean else 0), p5_ns="%.3f" % q[0], p25_ns="%.3f" % q[1],
             p75_ns="%.3f" % q[2], p95_ns="%.3f" % q[3], bytes_per_iter="%g" % (bytes_per * n),
             items_per_iter=n, item_unit="elem", items_per_s="%.6g" % (n / med * 1e9),
             gbps="%.6g" % (bytes_per * n / med), note="numpy %s: %s" % (np.__version__, note))
    return d


def against(tb_path, rows):
    best = {}
    with open(tb_path, newline="") as f:
        for t in csv.DictReader(f):
            if t.get("status") != "ok" or t["variant"].startswith("numpy"):
                continue
            key = (t["family"], t["mode"], t["rows"], t["cols"])
            med = float(t["median_ns"])
            if key not in best or med < best[key][0]:
                best[key] = (med, t["variant"], t["mode"], t["threads"])
    print("| family | size | NumPy median | best tbench (variant, mode, threads) | speed-up |")
    print("| --- | --- | ---: | --- | ---: |")
    for d in rows:
        key = (d["family"], d["mode"], str(d["rows"]), str(d["cols"]))
        if key not in best or d["variant"] != "numpy":
            continue
        med, var, mode, thr = best[key]
        np_med = float(d["median_ns"])
        print("| %s | %sx%s | %.1f µs | %.1f µs (%s, %s, %s) | %.2fx |" % (
            d["family"] + ("" if d["mode"] == "-" else " " + d["mode"]), d["rows"], d["cols"],
            np_med / 1e3, med / 1e3, var, mode, thr, np_med / med))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("families", nargs="*", help="families (default: all with a NumPy equivalent)")
    ap.add_argument("--size", "--sizes", dest="size", default="1000x1000",
                    help="sizes: N or RxC, comma-separated (default 1000x1000)")
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--warmup-time", type=float, default=0.05, help="seconds (default 0.05)")
    ap.add_argument("--min-sample-time", type=float, default=0.001,
                    help="seconds a sample lasts at least (default 0.001)")
    ap.add_argument("--max-time", type=float, default=0,
                    help="seconds of sampling per case at most (default: no limit)")
    ap.add_argument("--alpha", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", default="-", help="output CSV (default stdout)")
    ap.add_argument("--name", default="numpy")
    ap.add_argument("--against", help="a tbench summary CSV: print speed-ups against it")
    a = ap.parse_args()
    fams = a.families or list(FAMILIES)
    for f in fams:
        if f not in FAMILIES:
            sys.stderr.write("compare_numpy.py: unknown family '%s' (families: %s)\n"
                             % (f, ", ".join(FAMILIES)))
            return 2
    if a.samples < 1:
        sys.stderr.write("compare_numpy.py: invalid --samples %d: must be at least 1\n" % a.samples)
        return 2
    for opt, v in (("--warmup-time", a.warmup_time), ("--min-sample-time", a.min_sample_time),
                   ("--max-time", a.max_time)):
        if not (0 <= v <= 3600):
            sys.stderr.write("compare_numpy.py: invalid %s %g: expected 0 to 3600 seconds\n" % (opt, v))
            return 2
    try:
        sizes = [parse_size(s) for s in a.size.split(",")]
    except ValueError:
        sys.stderr.write("compare_numpy.py: invalid --size '%s': expected N or RxC (at least 1), comma-separated\n" % a.size)
        return 2
    np.seterr(all="ignore")
    rows = []
    for f in fams:
        make, bytes_per, modes = FAMILIES[f]
        for (r, c) in sizes:
            for m in modes:
                mode, variant, kind = (m, "numpy", m) if isinstance(m, str) else m
                rng = np.random.default_rng(a.seed)
                call, note = make(r, c, kind, a.alpha, rng)
                ns, iters = measure(call, a.samples, a.min_sample_time * 1e9, 10,
                                    a.warmup_time * 1e9, a.max_time * 1e9)
                rows.append(row(f, variant, mode, r, c, ns, iters, bytes_per, note, a.name))
                sys.stderr.write("%s/%s %s %dx%d: median %.1f us\n"
                                 % (f, variant, mode, r, c, np.median(ns) / 1e3))
    out = sys.stdout if a.csv == "-" else open(a.csv + ".tmp", "w", newline="")
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    if out is not sys.stdout:
        out.close()
        os.replace(a.csv + ".tmp", a.csv)
    if a.against:
        against(a.against, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
