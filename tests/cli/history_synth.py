#!/usr/bin/python3
"""history_synth.py - synthetic tbench result sets with a known history, for
the history tests: OUT/run01.json ... one tbench JSON document per run, each
with three cases.  The first case ("scale/avx2/outofplace/1000x1000/1")
carries the change under test; the other two only noise.

  history_synth.py OUT --runs 20 [--step RUN:FACTOR] [--drift R] [--sd S]
                   [--seed N] [--cpu MODEL]

--step 12:1.10   from run 12 (1-based) on, the first case takes 10% longer
--drift 0.01     the first case takes 1% longer each run (compounding)
--sd 0.01        run-to-run noise of every case's median (relative)
Each run's 15 samples scatter 0.3% around its median; the summary figures are
computed from them, as tbench computes its own.
"""
import argparse
import json
import os
import random
import statistics

CASES = [  # family, variant, mode, rows, cols, base ns per call, bytes per call
    ("scale", "avx2", "outofplace", 1000, 1000, 100000.0, 8e6),
    ("scale", "scalar", "outofplace", 1000, 1000, 300000.0, 8e6),
    ("add", "avx2", "inplace", 256, 256, 10000.0, 786432.0),
]


def quantile(s, q):
    x = (len(s) - 1) * q
    i = int(x)
    return s[i] if i + 1 >= len(s) else s[i] + (x - i) * (s[i + 1] - s[i])


def case(fam, var, mode, rows, cols, med, nbytes, rng):
    samples = [med * (1 + rng.gauss(0, 0.003)) for _ in range(15)]
    s = sorted(samples)
    m = statistics.median(s)
    return {
        "family": fam, "variant": var, "mode": mode, "n": rows * cols, "rows": rows,
        "cols": cols, "threads": 1, "status": "ok", "note": "", "samples": len(s),
        "iters_per_sample": 1, "runs": 1,
        "time_ns": {"min": s[0], "median": m, "mean": statistics.fmean(s),
                    "sd": statistics.stdev(s), "mad": statistics.median(abs(v - m) for v in s),
                    "p5": quantile(s, .05), "p25": quantile(s, .25), "p75": quantile(s, .75),
                    "p95": quantile(s, .95), "ci_low": s[3], "ci_high": s[11]},
        "work": {"bytes": nbytes, "flops": rows * cols, "items": rows * cols, "unit": "elem"},
        "samples_ns": samples,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--step", default=None)
    ap.add_argument("--drift", type=float, default=0.0)
    ap.add_argument("--sd", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cpu", default="Synthetic CPU")
    a = ap.parse_args()
    step_at, factor = (0, 1.0)
    if a.step:
        r, f = a.step.split(":")
        step_at, factor = int(r), float(f)
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for run in range(1, a.runs + 1):
        cases = []
        for k, (fam, var, mode, rows, cols, base, nbytes) in enumerate(CASES):
            level = base
            if k == 0:
                level *= (factor if step_at and run >= step_at else 1.0) * (1 + a.drift) ** (run - 1)
            med = level * (1 + rng.gauss(0, a.sd))
            cases.append(case(fam, var, mode, rows, cols, med, nbytes, rng))
        doc = {"schema": "tbench-json-1", "name": "synthetic run %d" % run,
               "fingerprint": {"cpu.model": a.cpu, "cpu.count": "2", "os.arch": "x86_64",
                               "cache.l3": "32768K",
                               "run.timestamp": "2024-01-01T00:%02d:00Z" % run},
               "options": {"command": "history_synth.py"}, "cases": cases}
        with open(os.path.join(a.out, "run%02d.json" % run), "w") as f:
            json.dump(doc, f)


if __name__ == "__main__":
    main()
