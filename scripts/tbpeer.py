#!/usr/bin/python3
"""tbpeer.py - the peer library: what compare_numpy.py and compare_torch.py
share.  A peer times another library's equivalent of tbench's kernel
families with tbench's method and writes tbench summary CSV (schema
tbench-1, variant = the peer's name), which `tbench report` merges with
tbench's own results.

  tbpeer.py against TBENCH.csv PEER.csv...   one speed-up table for all peers

The families come from the registry (`tbench list --json`): a peer maps an
op's ops.def row (group, kind, reference function) to its own call, so a new
op is timed by every peer that has an equivalent, and named once on stderr
by those that have none.  Methodology as tbench's: warmup (10 calls and
--warmup-time), calls per sample doubled until a sample lasts
--min-sample-time, then --samples samples (or fewer when --max-time runs
out); figures are per call.  The CSV is written to a temporary name and
renamed, so a failed run leaves nothing.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

COLUMNS = ["schema", "name", "family", "variant", "mode", "n", "rows", "cols", "threads",
           "status", "samples", "iters_per_sample", "min_ns", "median_ns", "mean_ns", "sd_ns",
           "mad_ns", "cv", "p5_ns", "p25_ns", "p75_ns", "p95_ns", "ci_low_ns", "ci_high_ns",
           "outliers_mild", "outliers_severe", "bytes_per_iter", "flops_per_iter",
           "items_per_iter", "item_unit", "items_per_s", "gbps", "limit_share", "note", "metric"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class UsageError(Exception):
    """bad input: one line on stderr, exit status 2"""


def find_tbench(arg):
    """--tbench, else $TBENCH, else build/tbench of this tree, else the installed
    bin/tbench (beside share/tbench/), else tbench on PATH"""
    # ROOT/build/tbench in a source tree; P/share/../bin/tbench installed
    installed = os.path.join(ROOT, "..", "bin", "tbench") if os.path.basename(ROOT) == "share" else None
    for cand in (arg, os.environ.get("TBENCH"), os.path.join(ROOT, "build", "tbench"), installed):
        if cand and os.access(cand, os.X_OK):
            return cand
    if arg:
        raise UsageError("invalid --tbench '%s': not an executable" % arg)
    return "tbench"


def load_registry(tbench):
    """the families of `tbench list --json`, by name (in the registry's order)"""
    try:
        out = subprocess.run([tbench, "list", "--json"], check=True, capture_output=True,
                             text=True).stdout
        doc = json.loads(out)
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        raise UsageError("cannot read the registry from '%s list --json': %s (use --tbench)"
                         % (tbench, str(e).splitlines()[0] if str(e) else type(e).__name__))
    if doc.get("schema") != "tbench-list-1":
        raise UsageError("'%s list --json' has schema %r, expected tbench-list-1"
                         % (tbench, doc.get("schema")))
    return {f["name"]: f for f in doc["families"]}


def op_key(fam):
    """(group, kind, reference function) of an op family, None otherwise"""
    op = fam.get("op")
    return (op["group"], op["kind"], op["reference_fn"]) if op else None


def modes_of(fam):
    """the modes a peer runs a family in: its row's, or '-'"""
    op = fam.get("op")
    modes = op["modes"] if op else sorted({m for v in fam["variants"] for m in v["modes"]},
                                          reverse=True)
    return tuple(modes) or ("-",)


def bytes_per_element(fam):
    """memory traffic per element of one call, as tbench's work() counts it"""
    key = op_key(fam)
    if not key:
        return 8
    group, kind = key[0], key[1]
    return {("bin", "tensor"): 12, ("bin", "scalar"): 8, ("create", "copy"): 8}.get(
        (group, kind), 4 if group in ("red", "create") else 8)


def parse_size(s):
    if "x" in s:
        r, c = s.split("x")
        r, c = int(r), int(c)
    else:
        r, c = 1, int(s)
    if r < 1 or c < 1:
        raise ValueError(s)
    return r, c


def measure(call, samples, min_sample_ns=1e6, warmup=10, warmup_ns=50e6, max_ns=0):
    """per-call times (ns) of `samples` samples, and the calls per sample"""
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
    return ns, iters


def _quantile(xs, q):
    """linear interpolation between closest ranks (NumPy's default)"""
    h = (len(xs) - 1) * q
    lo = int(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


def row(fam, variant, mode, r, c, threads, ns, iters, bytes_per, note, name):
    xs = sorted(ns)
    med = _quantile(xs, 0.5)
    mean = sum(xs) / len(xs)
    sd = (sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)) ** 0.5 if len(xs) > 1 else 0.0
    mad = _quantile(sorted(abs(x - med) for x in xs), 0.5)
    n = r * c
    d = {k: "" for k in COLUMNS}
    d.update(schema="tbench-1", name=name, family=fam, variant=variant, mode=mode, n=n, rows=r,
             cols=c, threads=threads, status="ok", samples=len(xs), iters_per_sample=iters,
             min_ns="%.3f" % xs[0], median_ns="%.3f" % med, mean_ns="%.3f" % mean,
             sd_ns="%.3f" % sd, mad_ns="%.3f" % mad, cv="%.6f" % (sd / mean if mean else 0),
             p5_ns="%.3f" % _quantile(xs, 0.05), p25_ns="%.3f" % _quantile(xs, 0.25),
             p75_ns="%.3f" % _quantile(xs, 0.75), p95_ns="%.3f" % _quantile(xs, 0.95),
             bytes_per_iter="%g" % (bytes_per * n), items_per_iter=n, item_unit="elem",
             items_per_s="%.6g" % (n / med * 1e9), gbps="%.6g" % (bytes_per * n / med),
             note=note)
    return d


def write_csv(path, rows):
    out = sys.stdout if path == "-" else open(path + ".tmp", "w", newline="")
    w = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    if out is not sys.stdout:
        out.close()
        os.replace(path + ".tmp", path)


def read_csv(path):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise UsageError("cannot read '%s': %s" % (path, e.strerror))
    if rows and not {"family", "variant", "mode", "rows", "cols", "threads", "status",
                     "median_ns"} <= set(rows[0]):
        raise UsageError("'%s' is not a tbench summary CSV (columns missing)" % path)
    return rows


PEER_LABELS = {"numpy": "NumPy", "torch": "PyTorch"}


def us(ns):
    """a median in µs, three significant digits"""
    return "%.3g µs" % (ns / 1e3)


def against(tb_rows, peer_rows, wide=False):
    """Markdown table: per family, mode, size and thread count, the best
    tbench case using at most that many threads next to each peer's median
    and the speed-up (peer / tbench).  A peer that does not thread (NumPy)
    shows its one-thread figure on every line.  A speed-up whose side of
    1.0 the machine's load decides is marked '?': the ratio of the two
    sides' fastest samples (min_ns) falls on the other side of 1.0 than the
    ratio of their medians, so neither side is known to be faster.  wide:
    one line per family and mode, a speed-up column per peer, size and
    thread count (a peer that does not thread: per size only)."""
    peers, recs = _against_records(tb_rows, peer_rows)
    out = _render_wide(peers, recs) if wide else _render_long(peers, recs)
    if any(cell and cell[2] for rec in recs for cell in rec[6].values()):
        out.append("")
        out.append("?: the fastest samples' ratio is on the other side of 1.0 than the "
                   "medians': the machine's load decides which side wins (unknown)")
    return "\n".join(out)


def _against_records(tb_rows, peer_rows):
    """(peers, records): a record is (family, mode, rows, cols, threads,
    best tbench (median, variant, threads, min), {peer: (median, ratio,
    unsure) or None})"""
    peer_rows = [{k: str(v) for k, v in d.items()} for d in peer_rows]
    peers = []
    for d in peer_rows:
        if d["variant"] not in peers:
            peers.append(d["variant"])
    by_peer = {}
    for d in peer_rows:
        by_peer.setdefault((d["variant"], d["family"], d["mode"], d["rows"], d["cols"]), {})[
            int(d["threads"])] = (float(d["median_ns"]), _min_ns(d))
    first = {}
    for d in peer_rows:  # family-major, in the peers' order, then threads
        first.setdefault((d["family"], d["mode"], d["rows"], d["cols"]), len(first))
    lines = sorted({(d["family"], d["mode"], d["rows"], d["cols"], int(d["threads"]))
                    for d in peer_rows}, key=lambda k: (first[k[:4]], k[4]))
    recs = []
    for fam, mode, r, c, thr in lines:
        best = None
        for t in tb_rows:
            if (t.get("status") != "ok" or t["variant"] in peers or t["variant"] in PEER_LABELS
                    or t["variant"].split("-")[0] in PEER_LABELS or t["family"] != fam
                    or t["mode"] != mode or t["rows"] != r or t["cols"] != c
                    or int(t["threads"]) > thr):
                continue
            med = float(t["median_ns"])
            if best is None or med < best[0]:
                best = (med, t["variant"], t["threads"], _min_ns(t))
        if best is None:
            continue
        cells = {}
        for p in peers:
            meds = by_peer.get((p, fam, mode, r, c), {})
            have = [t for t in meds if t <= thr]
            if not have:
                cells[p] = None
                continue
            med, low = meds[max(have)]
            ratio = med / best[0]
            cells[p] = (med, ratio, bool(low and best[3] and (ratio < 1.0) != (low / best[3] < 1.0)),
                        max(have) < thr)
        recs.append((fam, mode, r, c, thr, best, cells))
    return peers, recs


def _speedup(cell):
    return "-" if cell is None else "%.2fx%s" % (cell[1], "?" if cell[2] else "")


def _label(fam, mode):
    return fam + ("" if mode == "-" else " " + mode)


def _render_long(peers, recs):
    head = "| family | size | threads | best tbench (variant, threads) |"
    rule = "| --- | --- | ---: | --- |"
    for p in peers:
        head += " %s | speed-up |" % PEER_LABELS.get(p, p)
        rule += " ---: | ---: |"
    out = [head, rule]
    for fam, mode, r, c, thr, best, cells in recs:
        line = "| %s | %sx%s | %d | %s (%s, %s) |" % (
            _label(fam, mode), r, c, thr, us(best[0]), best[1], best[2])
        for p in peers:
            cell = cells[p]
            line += " - | - |" if cell is None else " %s | %s |" % (us(cell[0]), _speedup(cell))
        out.append(line)
    return out


def _render_wide(peers, recs):
    # (peer, rows, cols, threads) where the peer ran at that thread count:
    # a peer that does not thread has its one-thread columns only
    cols = []
    for fam, mode, r, c, thr, best, cells in recs:
        for p in peers:
            if cells[p] is not None and not cells[p][3] and (p, r, c, thr) not in cols:
                cols.append((p, r, c, thr))
    cols.sort(key=lambda k: (peers.index(k[0]), int(k[1]) * int(k[2]), k[3]))
    head = "| family |" + "".join(" %s %sx%s t%d |" % (PEER_LABELS.get(p, p), r, c, t)
                                   for p, r, c, t in cols)
    out = [head, "| --- |" + " ---: |" * len(cols)]
    rows = {}
    for fam, mode, r, c, thr, best, cells in recs:
        row = rows.setdefault(_label(fam, mode), {})
        for p in peers:
            if cells[p] is not None and not cells[p][3]:
                row[(p, r, c, thr)] = cells[p]
    for label, row in rows.items():
        out.append("| %s |" % label + "".join(" %s |" % _speedup(row.get(k)) for k in cols))
    return out


def _min_ns(d):
    """a row's fastest sample, 0 when the CSV has none"""
    try:
        return float(d.get("min_ns") or 0)
    except ValueError:
        return 0.0


def common_args(ap, default_threads):
    ap.add_argument("families", nargs="*", help="families (default: all with an equivalent)")
    ap.add_argument("--size", "--sizes", dest="size", default="1000x1000",
                    help="sizes: N or RxC, comma-separated (default 1000x1000)")
    ap.add_argument("--threads", default=default_threads,
                    help="thread counts, comma-separated (default %s)" % default_threads)
    ap.add_argument("--samples", type=int, default=100)
    ap.add_argument("--warmup-time", type=float, default=0.05, help="seconds (default 0.05)")
    ap.add_argument("--min-sample-time", type=float, default=0.001,
                    help="seconds a sample lasts at least (default 0.001)")
    ap.add_argument("--max-time", type=float, default=0,
                    help="seconds of sampling per case at most (default: no limit)")
    ap.add_argument("--alpha", type=float, default=1.5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--csv", default="-", help="output CSV (default stdout)")
    ap.add_argument("--against", help="a tbench summary CSV: print speed-ups against it")
    ap.add_argument("--peer-csv", action="append", default=[],
                    help="another peer's CSV to add to the --against table (repeatable)")
    ap.add_argument("--skip-unmatched", action="store_true",
                    help="a FAMILY the peer has no equivalent of is named on stderr and "
                    "skipped, not an error")
    ap.add_argument("--tbench", help="the tbench binary whose registry is read "
                    "(default: $TBENCH, else build/tbench, else tbench on PATH)")


def run_peer(peer, argv=None):
    """the whole command line of a peer script; returns the exit status.
    peer: .name (variant), .label, .version, .default_threads,
    .equivalent(fam) -> (make, extra) or None, where make(r, c, mode, alpha,
    seed) returns (call, note) and extra lists (mode, variant, kind) forms
    beyond the family's modes; .set_threads(t) (None: single-threaded)."""
    prog = os.path.basename(sys.argv[0])
    ap = argparse.ArgumentParser(prog=prog, description=peer.description)
    common_args(ap, peer.default_threads)
    ap.add_argument("--name", default=peer.name, help="the run name in the CSV")
    a = ap.parse_args(argv)
    try:
        return _run(peer, a)
    except UsageError as e:
        sys.stderr.write("%s: %s\n" % (prog, e))
        return 2


def _run(peer, a):
    if a.samples < 1:
        raise UsageError("invalid --samples %d: must be at least 1" % a.samples)
    for opt, v in (("--warmup-time", a.warmup_time), ("--min-sample-time", a.min_sample_time),
                   ("--max-time", a.max_time)):
        if not (0 <= v <= 3600):
            raise UsageError("invalid %s %g: expected 0 to 3600 seconds" % (opt, v))
    try:
        sizes = [parse_size(s) for s in a.size.split(",")]
    except ValueError:
        raise UsageError("invalid --size '%s': expected N or RxC (at least 1), comma-separated"
                         % a.size)
    try:
        threads = [int(t) for t in a.threads.split(",")]
        if any(t < 1 or t > 1024 for t in threads):
            raise ValueError
    except ValueError:
        raise UsageError("invalid --threads '%s': expected counts from 1 to 1024, comma-separated"
                         % a.threads)
    if peer.set_threads is None and threads != [1]:
        threads = [1]  # the peer does not thread these calls
    tb_rows = read_csv(a.against) if a.against else None
    others = [d for p in a.peer_csv for d in read_csv(p)]
    reg = load_registry(find_tbench(a.tbench))
    for f in a.families:
        if f not in reg:
            raise UsageError("unknown family '%s' (families: %s)" % (f, ", ".join(reg)))
        if not peer.equivalent(reg[f]) and not a.skip_unmatched:
            raise UsageError("family '%s' has no %s equivalent" % (f, peer.label))
    fams = [f for f in a.families if peer.equivalent(reg[f])] or (
        [] if a.families else [f for f in reg if peer.equivalent(reg[f])])
    if not a.families or a.skip_unmatched:
        none = [f for f in (a.families or reg) if reg[f].get("op") and not peer.equivalent(reg[f])]
        if none:
            sys.stderr.write("no %s equivalent (not timed): %s\n" % (peer.label, ", ".join(none)))
    rows = []
    for t in threads:
        if peer.set_threads:
            peer.set_threads(t)
        for f in fams:
            make, extra = peer.equivalent(reg[f])
            forms = [(m, peer.name, m) for m in modes_of(reg[f])] + list(extra)
            for (r, c) in sizes:
                for mode, variant, kind in forms:
                    call, note = make(r, c, kind, a.alpha, a.seed)
                    ns, iters = measure(call, a.samples, a.min_sample_time * 1e9, 10,
                                        a.warmup_time * 1e9, a.max_time * 1e9)
                    rows.append(row(f, variant, mode, r, c, t, ns, iters,
                                    bytes_per_element(reg[f]),
                                    "%s %s: %s" % (peer.name, peer.version, note), a.name))
                    sys.stderr.write("%s/%s %s %dx%d %d thread%s: median %.1f us\n" % (
                        f, variant, mode, r, c, t, "" if t == 1 else "s",
                        float(rows[-1]["median_ns"]) / 1e3))
    write_csv(a.csv, rows)
    if tb_rows is not None:
        print(against(tb_rows, rows + others))
    return 0


def main(argv):
    ap = argparse.ArgumentParser(prog="tbpeer.py", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("against", help="one speed-up table of tbench against every peer CSV")
    p.add_argument("tbench_csv")
    p.add_argument("peer_csv", nargs="+")
    p.add_argument("--wide", action="store_true",
                   help="one line per family: a speed-up column per peer, size and thread count")
    a = ap.parse_args(argv)
    try:
        tb = read_csv(a.tbench_csv)
        peers = [d for path in a.peer_csv for d in read_csv(path)]
    except UsageError as e:
        sys.stderr.write("tbpeer.py: %s\n" % e)
        return 2
    print(against(tb, peers, a.wide))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
