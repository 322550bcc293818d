#!/usr/bin/env bash
# t0504-clock.sh - the effective clock of a run: measured by two chains of
# different kinds (a dependent imul chain / 3 and a dependent add/xor
# chain), recorded with the run (cpu.effective_ghz_check, and
# cpu.effective_ghz when they agree), and items_per_cycle follows it: the
# items per second over that clock when known, empty in CSV and null in
# JSON when the clock is unknown.
. "$(dirname "$0")/lib.sh"

expect_status "env" 0 "$TBENCH" env
check "cpu.ghz_measured names both chains" 'grep -Eq "^cpu.ghz_measured +([0-9]+\.[0-9]{3} \(dependent imul chain / 3; add/xor chain [0-9]+\.[0-9]{3} GHz, [0-9.]+% apart\)|unknown \(.*disagree by)" "$T/out"'

expect_status "a run" 0 "$TBENCH" run spin -s 10000 --samples 5 --warmup-time 1ms --csv r.csv --json r.json
check "the header line says the clock" 'head -1 "$T/out" | grep -Eq "effective clock ([0-9]+\.[0-9]{2} GHz|unknown \()"'
check "items_per_cycle follows the recorded clock" '/usr/bin/python3 - r.json r.csv <<"PY"
import csv, json, math, sys
d = json.load(open(sys.argv[1]))
opts = d["options"]
check = opts["cpu.effective_ghz_check"]
c = d["cases"][0]
row = next(csv.DictReader(open(sys.argv[2])))
if check.startswith("unknown"):
    assert "cpu.effective_ghz" not in opts, opts
    assert c["items_per_cycle"] is None, c["items_per_cycle"]
    assert row["items_per_cycle"] == "", row["items_per_cycle"]
else:
    ghz = float(opts["cpu.effective_ghz"])
    assert check.startswith("%.3f (dependent imul chain / 3" % ghz), check
    want = c["items_per_s"] / (ghz * 1e9)
    assert math.isclose(c["items_per_cycle"], want, rel_tol=1e-3), (c["items_per_cycle"], want)
    assert math.isclose(float(row["items_per_cycle"]), want, rel_tol=1e-3)
PY'
check "JSON read back keeps items_per_cycle" '"$TBENCH" report r.json --csv back.csv >/dev/null 2>&1 &&
	[ "$(head -2 back.csv | tail -1 | cut -d, -f34)" = "$(head -2 r.csv | tail -1 | cut -d, -f34)" ]'
finish
