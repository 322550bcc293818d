#!/usr/bin/python3
"""scale_bars.py DIR L2 - the table and verdicts of scripts/scale-bars.sh.

Reads DIR's in.N.csv / out.N.csv (tbench), np.N.csv (compare_numpy.py) and
lk.N.txt (likwid-bench: "likwid,test,mode,n,GB/s"), takes per (peer, mode, n)
the median GB/s of the rounds, prints Markdown tables and one verdict per
bar (holds / FAILS / unknown).  Exit 1 if a known bar fails.
"""
import csv, glob, os, statistics, sys
from collections import defaultdict


def load(d):
    v, notes = defaultdict(list), defaultdict(set)
    for f in sorted(glob.glob(os.path.join(d, "*.csv"))):
        if "fingerprint" in f:
            continue
        for r in csv.DictReader(open(f, newline="")):
            if r.get("status") != "ok" or not r.get("gbps"):
                continue
            k = (r["variant"], r["mode"], int(r["n"]))
            v[k].append(float(r["gbps"]))
            if r.get("note", "").startswith("runs "):
                notes[k].add(r["note"][5:])
    for f in sorted(glob.glob(os.path.join(d, "lk.*.txt"))):
        for line in open(f):
            p = line.strip().split(",")
            if len(p) == 5 and p[4]:
                v[("likwid:" + p[1], p[2], int(p[3]))].append(float(p[4]))
    return v, notes


def bar_list(v, mode, n, l2, get):
    """issue 18's scale bars at (mode, n): [(name, best, peer, factor)], the
    figures (GB/s) through get(key), None where missing; v's keys name the
    likwid-bench tests run.  scripts/bars.py judges the same list per round."""
    b = get(("best", mode, n))
    if mode == "inplace":
        lk = [x for x in (get(k) for k in v if k[0].startswith("likwid") and k[1:] == (mode, n))
              if x is not None]
        bars = [("best >= 1.05 x blas", get(("blas", mode, n)), 1.05),
                ("best >= numpy", get(("numpy", mode, n)), 1.0),
                ("best >= likwid-bench", max(lk) if lk else None, 1.0)]
        if 4 * n < l2:  # below L2 the BLAS bar does not apply
            bars = bars[1:]
    elif 8 * n > l2:
        lk = [x for x in (get(k) for k in v if k[0].startswith("likwid:copy") and k[1:] == (mode, n))
              if x is not None]
        bars = [("best >= 0.95 x likwid-bench NT copy", lk[0] if lk else None, 0.95)]
    else:
        bars = []
    return [(name, b, peer, bar) for name, peer, bar in bars]


def main():
    d, l2 = sys.argv[1], int(sys.argv[2])
    v, notes = load(d)
    med = lambda k: statistics.median(v[k]) if v.get(k) else None
    fmt = lambda k: "-" if not v.get(k) else "%.1f [%.0f-%.0f]" % (med(k), min(v[k]), max(v[k]))
    failed = False
    out = []
    for mode in ("inplace", "outofplace"):
        names = sorted({k[0] for k in v if k[1] == mode},
                       key=lambda s: (s != "best", s.startswith("likwid"), s))
        # the sizes tbench ran in this mode (NumPy runs every size in both)
        sizes = sorted({k[2] for k in v if k[1] == mode and
                        not k[0].startswith(("numpy", "likwid"))})
        if not sizes:
            continue
        out.append("\n## %s, GB/s (8 bytes per element), median [range] of the rounds\n" % mode)
        out.append("| n | " + " | ".join(names) + " | best runs |")
        out.append("|" + " --- |" * (len(names) + 2))
        for n in sizes:
            out.append("| %d | " % n + " | ".join(fmt((x, mode, n)) for x in names) +
                       " | %s |" % ",".join(sorted(notes[("best", mode, n)])))
        out.append("")
        for n in sizes:
            for name, b, peer, bar in bar_list(v, mode, n, l2, med):
                if b is None or peer is None:
                    verdict = "unknown"
                else:
                    ok = b >= bar * peer
                    failed |= not ok
                    verdict = "%.2fx: %s" % (b / peer, "holds" if ok else "FAILS")
                out.append("- %s n=%d: %s %s" % (mode, n, name, verdict))
    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
