#!/usr/bin/python3
"""compare_numpy.py - NumPy as a peer of tbench's kernels.

Times NumPy doing what a tbench family does, at the same sizes, with a
warmup and calibrated samples like tbench's runner, and writes a summary CSV
in tbench's columns (schema tbench-1) so `tbench report` can merge it with a
tbench run:

    /usr/bin/python3 scripts/compare_numpy_scale.py --sizes 500x500,1000x1000 --csv numpy.csv
    build/tbench run scale -s 500x500,1000x1000 --csv tbench.csv
    build/tbench report tbench.csv numpy.csv --html report.html

Use the system python3 (Debian's python3-numpy).  Ops live in the OPS table:
(family, variant, mode, what it does, setup) where setup(n, alpha, rng)
returns (call, items, bytes): a no-argument callable doing one operation,
and its work per call.  To add a family's ops (the tensor ops, say), add
rows; --family picks which families run.
"""
import argparse
import csv
import sys
import time

import numpy as np

SCHEMA = "tbench-1"
COLUMNS = ["schema", "name", "family", "variant", "mode", "n", "rows", "cols", "threads",
           "status", "samples", "iters_per_sample", "min_ns", "median_ns", "mean_ns", "sd_ns",
           "mad_ns", "cv", "p5_ns", "p25_ns", "p75_ns", "p95_ns", "ci_low_ns", "ci_high_ns",
           "outliers_mild", "outliers_severe", "bytes_per_iter", "flops_per_iter",
           "items_per_iter", "item_unit", "items_per_s", "gbps", "limit_share", "note"]


def scale_inplace(n, alpha, rng):
    a = rng.uniform(-1, 1, n).astype(np.float32)
    f = [np.float32(alpha), np.float32(1 / np.float32(alpha))]
    state = [0]

    def call():  # alternate a and 1/a like tbench, so values stay bounded
        a.__imul__(f[state[0]])
        state[0] ^= 1
    return call, n, 8 * n


def scale_out(n, alpha, rng):
    a = rng.uniform(-1, 1, n).astype(np.float32)
    b = np.empty_like(a)
    s = np.float32(alpha)
    return (lambda: np.multiply(a, s, out=b)), n, 8 * n


def scale_alloc(n, alpha, rng):
    a = rng.uniform(-1, 1, n).astype(np.float32)
    s = np.float32(alpha)
    return (lambda: a * s), n, 8 * n


# (family, variant, mode, what, setup)
OPS = [
    ("scale", "numpy", "inplace", "a *= s", scale_inplace),
    ("scale", "numpy", "outofplace", "np.multiply(a, s, out=b)", scale_out),
    ("scale", "numpy-alloc", "outofplace", "a * s (allocates the result)", scale_alloc),
]


def parse_size(s):
    s = s.strip()
    try:
        if "x" in s:
            r, c = s.split("x", 1)
            rows, cols = int(r), int(c)
        else:
            rows, cols = 1, int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid size '{s}': expected N or RxC")
    if rows < 1 or cols < 1:
        raise argparse.ArgumentTypeError(f"invalid size '{s}': must be positive")
    return rows, cols


def parse_sizes(arg):
    return [parse_size(s) for s in arg.split(",")]


def measure(call, samples, warmup_s, min_sample_s, max_time_s):
    """ns per call of each sample, and calls per sample (as tbench's runner)"""
    t_end = time.perf_counter() + warmup_s
    k = 0
    while k < 10 or time.perf_counter() < t_end:
        call()
        k += 1
    iters = 1
    while True:  # calibrate: a sample lasts at least min_sample_s
        t0 = time.perf_counter_ns()
        for _ in range(iters):
            call()
        dt = time.perf_counter_ns() - t0
        if dt >= min_sample_s * 1e9 or iters >= 1 << 30:
            break
        iters *= 2
    out = []
    start = time.perf_counter()
    for _ in range(samples):
        t0 = time.perf_counter_ns()
        for _ in range(iters):
            call()
        out.append((time.perf_counter_ns() - t0) / iters)
        if max_time_s and len(out) >= 2 and time.perf_counter() - start > max_time_s:
            break
    return np.array(out), iters


def row(name, fam, variant, mode, rows, cols, ns, iters, items, nbytes, what):
    med = float(np.median(ns))
    q1, q3 = np.percentile(ns, [25, 75])
    iqr = q3 - q1
    mean, sd = float(ns.mean()), float(ns.std(ddof=1)) if len(ns) > 1 else 0.0
    return {
        "schema": SCHEMA, "name": name, "family": fam, "variant": variant, "mode": mode,
        "n": rows * cols, "rows": rows, "cols": cols, "threads": 1, "status": "ok",
        "samples": len(ns), "iters_per_sample": iters,
        "min_ns": float(ns.min()), "median_ns": med, "mean_ns": mean, "sd_ns": sd,
        "mad_ns": float(np.median(np.abs(ns - med))), "cv": sd / mean if mean else "",
        "p5_ns": float(np.percentile(ns, 5)), "p25_ns": float(q1), "p75_ns": float(q3),
        "p95_ns": float(np.percentile(ns, 95)), "ci_low_ns": "", "ci_high_ns": "",
        "outliers_mild": int(((ns < q1 - 1.5 * iqr) | (ns > q3 + 1.5 * iqr)).sum()
                             - ((ns < q1 - 3 * iqr) | (ns > q3 + 3 * iqr)).sum()),
        "outliers_severe": int(((ns < q1 - 3 * iqr) | (ns > q3 + 3 * iqr)).sum()),
        "bytes_per_iter": nbytes, "flops_per_iter": items, "items_per_iter": items,
        "item_unit": "elem", "items_per_s": items / (med * 1e-9), "gbps": nbytes / med,
        "limit_share": "", "note": f"NumPy {np.__version__}: {what}",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--family", default="scale",
                    help="families to run, comma separated (default scale; here: %s)"
                    % ", ".join(sorted({o[0] for o in OPS})))
    ap.add_argument("--sizes", type=parse_sizes,
                    default=parse_sizes("100x100,500x500,1000x1000,2048x2048,4096x4096"),
                    help="N or RxC, comma separated (default: tbench's scale sizes)")
    ap.add_argument("--samples", type=int, default=100, help="samples per case (default 100)")
    ap.add_argument("--warmup-time", type=float, default=0.05, help="seconds (default 0.05)")
    ap.add_argument("--min-sample-time", type=float, default=0.001,
                    help="seconds a sample lasts at least (default 0.001)")
    ap.add_argument("--max-time", type=float, default=0,
                    help="seconds of sampling per case at most (default: no limit)")
    ap.add_argument("--alpha", type=float, default=1.5, help="scale factor (default 1.5)")
    ap.add_argument("--seed", type=int, default=1, help="input seed (default 1)")
    ap.add_argument("--name", default="numpy", help="run label (default numpy)")
    ap.add_argument("--csv", default="-", help="output file (default: stdout)")
    a = ap.parse_args()
    fams = set(a.family.split(","))
    unknown = fams - {o[0] for o in OPS}
    if unknown:
        ap.error(f"unknown family '{sorted(unknown)[0]}' (here: "
                 + ", ".join(sorted({o[0] for o in OPS})) + ")")
    if a.samples < 1:
        ap.error(f"invalid --samples {a.samples}: must be at least 1")
    if a.alpha in (0.0, 1.0):
        ap.error(f"invalid --alpha {a.alpha}: must not be 0 or 1")
    rows_out = []
    rng = np.random.default_rng(a.seed)
    for fam, variant, mode, what, setup in OPS:
        if fam not in fams:
            continue
        for rows, cols in a.sizes:
            call, items, nbytes = setup(rows * cols, a.alpha, rng)
            ns, iters = measure(call, a.samples, a.warmup_time, a.min_sample_time, a.max_time)
            rows_out.append(row(a.name, fam, variant, mode, rows, cols, ns, iters, items,
                                nbytes, what))
            print(f"{fam}/{variant} {mode} {rows}x{cols}: median {np.median(ns) / 1e3:.1f} us",
                  file=sys.stderr)
    f = sys.stdout if a.csv == "-" else open(a.csv + ".tmp", "w", newline="")
    w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    for r in rows_out:
        w.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in r.items()})
    if f is not sys.stdout:
        f.close()
        import os
        os.replace(a.csv + ".tmp", a.csv)


if __name__ == "__main__":
    main()
