#!/usr/bin/python3
"""bars.py - the judge of scripts/bars.sh: issue 18's bars from a run's
directory, one verdict per bar.

  bars.py judge DIR          bars.md's text on stdout, DIR/bars.csv; exit 1
                             if a bar FAILS, 0 otherwise, 2 bad input
  bars.py verdict BAR R...   the rule on given per-round ratios (tests):
                             prints "LOW HIGH COVERAGE VERDICT"

Every bar is a ratio that must reach a factor (tbench / peer, peer's time /
tbench's, 2 threads / 1, share of a limit).  The ratio is taken per round,
both sides from the same round; the figure is the median of the rounds'
ratios, the interval a distribution-free one of that median (order
statistics: the k-th smallest to the k-th largest, k the largest giving at
least 90% coverage, as scripts/agree-verdict.awk); with fewer than 5 rounds
no such k exists and the interval is the range of the rounds, whose
coverage (1 - 2^(1-n): 0 for one round, 75% for three) the row states.
holds: the interval's low end reaches the factor; FAILS: its high end is
below it; unknown: it straddles the factor, or a side has no figure (the
row says which).

Tensor ops, activations and reductions: the 1.2x / 1.3x bar applies where
the op is not bandwidth-bound.  Bound is measured, per case (family, size,
threads), against the same-traffic limit of the same round: the fastest
peer's rate (tbench's bytes per call over the peer's time) is at least
1 / factor of that limit, i.e. the factor would ask for more than the
memory system gives; then the bar is tbench's rate >= 90% of the limit.
The limit: reductions (reading 4 bytes per element) likwid-bench's load
kernel at the same bytes; activations (4 read + 4 written) the faster of
likwid-bench's copy at the same bytes and tbench's scale out of place at
the same elements; at 2 threads the fastest of 1 and 2 threads.
"""
import csv
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale_bars  # noqa: E402
import tbpeer  # noqa: E402

PEERS = {"torch": "PyTorch", "numpy": "NumPy"}
GROUP_BAR = {"act": 1.2, "red": 1.3}
LIMIT_SHARE = 0.90


def interval(xs):
    """(low, high, coverage) of the median of xs: order statistics"""
    xs = sorted(xs)
    n = len(xs)
    k, tail, c = 0, 0.0, 1.0
    for i in range(0, (n + 1) // 2):  # P(Binomial(n, 1/2) <= i)
        tail += c / 2 ** n
        if 1 - 2 * tail < 0.90:
            break
        k = i + 1
        c = c * (n - i) / (i + 1)
    if k >= 1:
        cov = 1 - 2 * sum(_choose(n, i) for i in range(k)) / 2 ** n
        return xs[k - 1], xs[n - k], cov
    return xs[0], xs[-1], 1 - 2 / 2 ** n


def _choose(n, k):
    r = 1
    for i in range(k):
        r = r * (n - i) // (i + 1)
    return r


def verdict(xs, factor):
    """(verdict, why, low, high, coverage) of the ratios xs against factor"""
    if not xs:
        return "unknown", "no figure", None, None, None
    lo, hi, cov = interval(xs)
    if lo >= factor:
        return "holds", "interval >= %g" % factor, lo, hi, cov
    if hi < factor:
        return "FAILS", "interval < %g" % factor, lo, hi, cov
    return "unknown", "interval straddles %g" % factor, lo, hi, cov


class Judge:
    def __init__(self, d):
        self.d = d
        self.rows = []
        self.na = []  # (case, peer) pairs the peer has no equivalent for
        self.machine = {}
        for line in open(os.path.join(d, "machine.txt")):
            k, _, v = line.partition(": ")
            self.machine.setdefault(k, v.strip())
        self.off = set(filter(None, self.machine.get("peers", "").split("TB_PEERS_OFF=")[-1].split(",")))

    def missing(self, peer, label):
        """why a peer has no figure: switched off, what bars.sh found missing, or its log"""
        if peer in self.off:
            return "no %s figure (TB_PEERS_OFF)" % label
        said = self.machine.get("peers", "").split(label + " ")
        said = said[1].split(";")[0] if len(said) > 1 else ""
        return "no %s figure (%s)" % (label, said[4:-1] if said.startswith("no (") else
                                      "not installed or it failed: see the round's log")

    def add(self, part, case, bar, factor, ratios, sides, absent=None):
        """ratios: per-round ratios (both sides of a round present)"""
        v, why, lo, hi, cov = verdict(ratios, factor)
        if not ratios and absent:
            why = absent
        self.rows.append(dict(part=part, case=case, bar=bar, factor=factor, verdict=v, why=why,
                              figure=statistics.median(ratios) if ratios else None, low=lo,
                              high=hi, rounds=len(ratios), coverage=cov, sides=sides))

    def rounds(self, pattern):
        """[(round number, path)] of DIR/pattern (with * the round)"""
        out = []
        for p in glob.glob(os.path.join(self.d, pattern)):
            tail = p[len(os.path.join(self.d, pattern.split("*")[0])):]
            num = "".join(ch for ch in tail.split("/")[0].split(".")[0] if ch.isdigit())
            if num:
                out.append((int(num), p))
        return sorted(out)

    # ---- scale: scripts/scale-bars.sh's bars (scale_bars.bar_list), per round ----
    def scale(self):
        l2 = int(self.machine.get("l2", "0") or 0)
        per = {}  # (mode, n, name, factor) -> [(best, peer) per round]
        for r, rd in self.rounds("scale/r*"):
            if not os.path.isdir(rd):
                continue
            v, notes = scale_bars.load(rd)
            get = lambda k: v[k][0] if v.get(k) else None
            for mode in ("inplace", "outofplace"):
                for n in sorted({k[2] for k in v if k[1] == mode and k[0] == "best"}):
                    for name, b, p, f in scale_bars.bar_list(v, mode, n, l2, get):
                        per.setdefault((mode, n, name, f), []).append((b, p, notes.get(("best", mode, n))))
        for (mode, n, name, f), xs in sorted(per.items()):
            pairs = [(b, p) for b, p, _ in xs if b is not None and p is not None]
            ran = sorted({x for _, _, s in xs for x in (s or ())})
            peer = name.split(">= ")[1]
            sides = ("best %.1f / %s %.1f GB/s" % (_med(b for b, _ in pairs), peer.split(" x ")[-1],
                                                 _med(p for _, p in pairs)) if pairs else "-")
            if ran:
                sides += "; best ran " + ",".join(ran)
            absent = None
            if not pairs:
                absent = (self.missing("likwid", "likwid-bench") if "likwid" in name else
                          self.missing("numpy", "NumPy") if "numpy" in name else "no tbench figure")
            self.add("scale", "%s, 1 thread, n=%d (%s)" % (mode, n, _bytes(n * (4 if mode == "inplace" else 8))),
                     name.replace(">=", "≥"), f, [b / p for b, p in pairs], sides, absent)

    # ---- threads: threaded, 2 threads over 1, in place ----
    def threads(self):
        per, lk = {}, {}
        for r, path in self.rounds("threads/r*.csv"):
            got = {}
            for d in _csv(path):
                if d.get("status") == "ok" and d["variant"] == "threaded":
                    got[(int(d["n"]), int(d["threads"]))] = float(d["median_ns"])
            for n in {k[0] for k in got}:
                if (n, 1) in got and (n, 2) in got:
                    per.setdefault(n, []).append((got[(n, 1)], got[(n, 2)]))
                else:
                    per.setdefault(n, [])
        for r, path in self.rounds("threads/lk.r*.txt"):
            got = {}
            for p in (line.strip().split(",") for line in open(path)):
                if len(p) == 5 and p[4]:
                    got[(int(p[3]), int(p[2]))] = float(p[4])
            for (n, t), g in got.items():
                if t == 2 and (n, 1) in got:
                    lk.setdefault(n, []).append(g / got[(n, 1)])
        for n, xs in sorted(per.items()):
            sides = "-"
            if xs:
                sides = "1 thread %.1f → 2 threads %.1f GB/s" % (8 * n / _med(a for a, _ in xs),
                                                                 8 * n / _med(b for _, b in xs))
            sides += "; likwid-bench update 2/1: %s" % ("%.2fx" % _med(lk[n]) if lk.get(n) else "-")
            self.add("threads", "scale threaded, in place, n=%d (%s)" % (n, _bytes(4 * n)),
                     "2 threads ≥ 1.8 × 1 thread", 1.8, [a / b for a, b in xs], sides)

    # ---- ops: every op family against PyTorch and NumPy ----
    def ops(self):
        per = {}  # case -> {"group", "bytes", rounds: {r: {...}}}
        seen = {p: set() for p in PEERS}  # the families each peer has a figure of
        for r, rd in self.rounds("ops/r*"):
            if not os.path.isdir(rd) or not os.path.exists(os.path.join(rd, "tb.csv")):
                continue
            reg = {}
            if os.path.exists(os.path.join(rd, "registry.json")):
                reg = {f["name"]: f for f in json.load(open(os.path.join(rd, "registry.json")))["families"]}
            tb = _csv(os.path.join(rd, "tb.csv"))
            peer_rows = {}
            for p in PEERS:
                path = os.path.join(rd, p + ".csv")
                if os.path.exists(path):
                    peer_rows[p] = [d for d in _csv(path) if d.get("status") == "ok"]
                    seen[p] |= {d["family"] for d in peer_rows[p]}
            limits = self._limits(r)
            cases = sorted({(d["family"], d["mode"], int(d["rows"]), int(d["cols"]))
                            for d in tb if d.get("status") == "ok"})
            for fam, mode, rr, cc in cases:
                group = (reg.get(fam, {}).get("op") or {}).get("group", "")
                for thr in (1, 2):
                    best = None
                    for d in tb:
                        if (d.get("status") == "ok" and d["family"] == fam and d["mode"] == mode and
                                int(d["rows"]) == rr and int(d["cols"]) == cc and int(d["threads"]) <= thr):
                            if best is None or float(d["median_ns"]) < best[0]:
                                best = (float(d["median_ns"]), d["variant"], d["threads"],
                                        float(d.get("bytes_per_iter") or 0))
                    if best is None:
                        continue
                    c = per.setdefault((fam, mode, rr, cc, thr), {"group": group, "rounds": {}})
                    got = {"best": best, "limit": limits.get((group, rr * cc, thr))}
                    for p, rows in peer_rows.items():
                        want = thr if p == "torch" else 1
                        if p == "numpy" and thr != 1:
                            continue
                        for d in rows:
                            if (d["family"] == fam and d["mode"] == mode and int(d["rows"]) == rr and
                                    int(d["cols"]) == cc and int(d["threads"]) == want):
                                got[p] = float(d["median_ns"])
                    c["rounds"][r] = got
        for (fam, mode, rr, cc, thr), c in sorted(per.items(), key=lambda kv: (kv[0][0], kv[0][1] != "outofplace", kv[0][2:])):
            case = "%s%s %dx%d, %d thread%s" % (fam, "" if mode == "-" else " " + mode, rr, cc, thr,
                                               "" if thr == 1 else "s")
            rs = c["rounds"].values()
            ran = sorted({"%s/%s" % (g["best"][1], g["best"][2]) for g in rs})
            factor = GROUP_BAR.get(c["group"])
            peers = [p for p in PEERS if not (p == "numpy" and thr != 1)]
            # the peer has no equivalent of this op: it ran, but not this family
            na = [p for p in peers if seen[p] and fam not in seen[p]]
            self.na += ["%s vs %s" % (case, PEERS[p]) for p in na]
            peers = [p for p in peers if p not in na]
            absent = lambda p: (self.missing(p, PEERS[p]) if not seen[p] else
                                "no %s figure of this case (see ops/rN.log)" % PEERS[p])
            for p in peers:
                xs = [g[p] / g["best"][0] for g in rs if p in g]
                sides = "tbench %s (%s) / %s %s" % (
                    tbpeer.us(_med(g["best"][0] for g in rs)), ",".join(ran), PEERS[p],
                    tbpeer.us(_med(g[p] for g in rs if p in g)) if xs else "-")
                self.add("ops", case, "≥ 1.0 × %s" % PEERS[p], 1.0, xs, sides, absent(p))
            if factor is None:
                continue
            # bandwidth-bound?  the fastest peer's rate against the round's limit
            shares = [max(g["best"][3] / g[p] for p in peers if p in g) / g["limit"]
                      for g in rs if g["limit"] and any(p in g for p in peers) and g["best"][3]]
            lim = [g["limit"] for g in rs if g["limit"]]
            if not shares:
                why = ("no same-traffic limit: %s" % self.missing("likwid", "likwid-bench") if not lim else
                       "no peer figure to tell whether it is bandwidth-bound: %s" %
                       ("; ".join(absent(p) for p in peers) or "no peer has the op"))
                self.add("ops", case, "≥ %g × peers, or ≥ %d%% of the same-traffic limit" %
                         (factor, 100 * LIMIT_SHARE), factor, [], "-", why)
            elif _med(shares) >= 1 / factor:
                xs = [g["best"][3] / g["best"][0] / g["limit"] for g in rs if g["limit"] and g["best"][3]]
                sides = "tbench %.1f / limit %.1f GB/s; bound: the fastest peer at %.0f%% of the limit" % (
                    _med(g["best"][3] / g["best"][0] for g in rs), _med(lim), 100 * _med(shares))
                self.add("ops", case, "bandwidth-bound: ≥ %d%% of the same-traffic limit" %
                         (100 * LIMIT_SHARE), LIMIT_SHARE, xs, sides)
            else:
                for p in peers:
                    xs = [g[p] / g["best"][0] for g in rs if p in g]
                    sides = "not bound: the fastest peer at %.0f%% of the same-traffic limit" % (100 * _med(shares))
                    self.add("ops", case, "≥ %g × %s" % (factor, PEERS[p]), factor, xs, sides, absent(p))

    def _limits(self, r):
        """{(group, n, threads): GB/s}: the same-traffic limit of round r"""
        got = {}  # (kind, n, threads) -> GB/s
        path = os.path.join(self.d, "ops", "limit.r%d.csv" % r)
        if os.path.exists(path):
            for d in _csv(path):
                if d.get("status") == "ok" and d.get("gbps"):
                    k = ("copy", int(d["n"]), int(d["threads"]))
                    got[k] = max(got.get(k, 0), float(d["gbps"]))
        path = os.path.join(self.d, "ops", "lk.r%d.txt" % r)
        if os.path.exists(path):
            for p in (line.strip().split(",") for line in open(path)):
                if len(p) == 5 and p[4]:
                    kind = p[1].split("_")[0]
                    k = (kind, int(p[3]) // (4 if kind == "load" else 8), int(p[2]))
                    got[k] = max(got.get(k, 0), float(p[4]))
        out = {}
        for (kind, n, t), g in got.items():
            group = "red" if kind == "load" else "act"
            for thr in (1, 2):
                if t <= thr:
                    out[(group, n, thr)] = max(out.get((group, n, thr), 0), g)
        # reductions read only: without likwid-bench's load there is no limit
        return out

    # ---- emu: whole process against qemu-aarch64 (its JIT) ----
    def emu(self):
        per = {}
        for r, path in self.rounds("emu/r*.txt"):
            ips = {}
            for line in open(path):
                f = line.split()
                if len(f) == 6 and f[0].startswith("loop-") and f[1] in ("tbench", "qemu-jit"):
                    ips[(f[0], f[1])] = (float(f[3]), float(f[5]))
            for loop in ("loop-str", "loop-nostr"):
                a, q = ips.get((loop, "tbench")), ips.get((loop, "qemu-jit"))
                per.setdefault(loop, [])
                if a and q:
                    per[loop].append((a, q))
        for loop, factor in (("loop-str", 2.0), ("loop-nostr", 2.5)):
            xs = per.get(loop, [])
            sides = "-"
            if xs:
                sides = "tbench %.0f / qemu-aarch64 %.0f M IPS (wall); by CPU time %.2fx" % (
                    _med(a[0] for a, _ in xs), _med(q[0] for _, q in xs), _med(a[1] / q[1] for a, q in xs))
            absent = self.missing("qemu", "qemu-aarch64")
            self.add("emu", "%s, whole process, start-up included" % loop[5:].upper().replace("NOSTR", "no-STR"),
                     "≥ %g × qemu-aarch64" % factor, factor, [a[0] / q[0] for a, q in xs], sides, absent)


def _med(xs):
    xs = list(xs)
    return statistics.median(xs) if xs else float("nan")


def _bytes(b):
    return "%.3g MiB" % (b / 2 ** 20) if b >= 2 ** 20 else "%.3g KiB" % (b / 2 ** 10)


def _csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def _num(x, fmt):
    return "-" if x is None else fmt % x


def render(j):
    m = j.machine
    out = ["# Issue 18's bars in one run", ""]
    for k in ("cpu", "isa", "caches", "start", "end", "rounds", "peers", "tbench"):
        if k in m:
            out.append("- %s: %s" % (k, m[k]))
    counts = {}
    for r in j.rows:
        counts.setdefault(r["part"], {"holds": 0, "FAILS": 0, "unknown": 0})[r["verdict"]] += 1
    out += ["", "Verdicts: " + "; ".join("%s %d holds, %d FAILS, %d unknown" % (
        p, c["holds"], c["FAILS"], c["unknown"]) for p, c in counts.items()), ""]
    out.append("A figure is the median over the rounds of the per-round ratio; the interval is "
               "a distribution-free interval of it (its coverage beside it: 90% needs 5 rounds, "
               "fewer give the range of the rounds); holds: the interval reaches the bar, FAILS: "
               "wholly below, unknown: it straddles the bar or a side is missing "
               "(scripts/bars.py says how ops are found bandwidth-bound).")
    for part in counts:
        out += ["", "## %s" % part, "",
                "| case | bar | figure | interval (coverage) | verdict | why | sides (medians of the rounds) |",
                "| --- | --- | ---: | --- | --- | --- | --- |"]
        for r in j.rows:
            if r["part"] != part:
                continue
            ci = "-" if r["low"] is None else "[%.2f, %.2f] (%s)" % (r["low"], r["high"], _coverage(r))
            out.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                r["case"], r["bar"], _num(r["figure"], "%.2fx"), ci, r["verdict"], r["why"], r["sides"]))
    if j.na:
        out += ["", "Not judged (the peer has no equivalent of the op): " + "; ".join(j.na)]
    bad = [r for r in j.rows if r["verdict"] != "holds"]
    if bad:
        out += ["", "## Not holding", ""]
        out += ["- %s: %s %s: %s (%s)" % (r["part"], r["case"], r["bar"], r["verdict"], r["why"]) for r in bad]
    cmds = []
    path = os.path.join(j.d, "commands.txt")
    if os.path.exists(path):
        block = 0
        for line in open(path):
            if line.startswith("== round "):
                block += 1
            elif block == 1:
                cmds.append(line.rstrip("\n"))
    if cmds:
        out += ["", "## Commands (round 1; every round runs the same)", "", "```sh"] + cmds + ["```"]
    return "\n".join(out)


def _coverage(r):
    n, cov = r["rounds"], r["coverage"]
    if n >= 5:
        return "%.0f%%, %d rounds" % (100 * cov, n)
    return "range of %d round%s: %.0f%%" % (n, "" if n == 1 else "s", 100 * cov)


def write_csv(j):
    path = os.path.join(j.d, "bars.csv")
    cols = ["part", "case", "bar", "factor", "figure", "low", "high", "rounds", "coverage",
            "verdict", "why", "sides"]
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n")
        w.writeheader()
        for r in j.rows:
            w.writerow({k: ("%.6g" % r[k] if isinstance(r[k], float) else r[k]) for k in cols})
    os.replace(path + ".tmp", path)


def main(argv):
    if len(argv) >= 2 and argv[0] == "judge":
        d = argv[1]
        if not os.path.exists(os.path.join(d, "machine.txt")):
            sys.stderr.write("bars.py: '%s' is not a bars.sh directory (no machine.txt)\n" % d)
            return 2
        j = Judge(d)
        for part in ("scale", "threads", "ops", "emu"):
            if os.path.isdir(os.path.join(d, part)):
                getattr(j, part)()
        write_csv(j)
        print(render(j))
        return 1 if any(r["verdict"] == "FAILS" for r in j.rows) else 0
    if len(argv) >= 2 and argv[0] == "verdict":
        try:
            factor, xs = float(argv[1]), [float(x) for x in argv[2:]]
        except ValueError:
            sys.stderr.write("bars.py: verdict BAR RATIO...: numbers expected, got '%s'\n" % " ".join(argv[1:]))
            return 2
        v, why, lo, hi, cov = verdict(xs, factor)
        print("%s %s %s %s" % (_num(lo, "%.4f"), _num(hi, "%.4f"), _num(cov, "%.4f"), v))
        return 0
    sys.stderr.write("usage: bars.py judge DIR | bars.py verdict BAR RATIO...\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
