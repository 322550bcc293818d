#!/usr/bin/env bash
# t0602-loader.sh - the one loader checks everything it reads (issue 15,
# items 1, 2, 3, 6, the BOM of 10, 11): samples that belong to another run,
# truncated rows, a directory path checked as a baseline name is, JSON
# checked as CSV is, a UTF-8 BOM, a fingerprint of 100 000 keys.  Every
# failure: exit 2, one line naming the file and line (or JSON path).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
export TBENCH_BASELINE_DIR=$T/w/bl
F=(spin -v chain --samples 20 --warmup 1 --warmup-time 1ms --min-sample-time 100us -q)

# 1: a stale samples file beside a new summary hides nothing
"$TBENCH" run "${F[@]}" -s 1000 --save-baseline main
mkdir results
"$TBENCH" run "${F[@]}" -s 1000 --csv results/summary.csv --samples-csv results/samples.csv
TBENCH_TEST_WORK_FACTOR=2 "$TBENCH" run "${F[@]}" -s 1000 --csv results/summary.csv
expect_usage "stale samples beside a new summary" "results/samples.csv:2" "$TBENCH" compare main results/
check "names the summary line it contradicts" 'grep -q "results/summary.csv:2" "$T/err"'
# the same with calls per sample equal: the medians disagree
mkdir stale && cp bl/main/summary.csv bl/main/samples.csv stale/
awk -F, -v OFS=, 'NR > 1 {$14 = $14 * 2} {print}' bl/main/summary.csv >stale/summary.csv
expect_usage "a median its samples do not have" "median of the 20 raw samples" "$TBENCH" compare main stale

# 2: truncated files: a row cut short, a last row without its line end
mkdir cut && cp bl/main/*.csv cut/ && truncate -s -16 cut/samples.csv
expect_usage "samples file cut inside its last row" "cut/samples.csv:21" "$TBENCH" compare main cut
mkdir cut2 && cp bl/main/*.csv cut2/
head -c -2 bl/main/summary.csv >cut2/summary.csv # the CRLF of the last row
expect_usage "summary without its last line end" "no line end" "$TBENCH" compare main cut2
mkdir cut3 && cp bl/main/*.csv cut3/
awk -F, -v OFS=, 'NR == 2 {NF = 14} {print}' bl/main/summary.csv >cut3/summary.csv
expect_usage "summary row cut after median_ns" "cut3/summary.csv:2: 14 fields" "$TBENCH" compare main cut3

# 3: a directory path gets the checks a baseline name gets
cp -r bl/main bl/few && head -10 bl/main/samples.csv >bl/few/samples.csv
expect_usage "few samples, by name" "declares 20" "$TBENCH" compare main few
expect_usage "few samples, by path" "declares 20" "$TBENCH" compare main bl/few
cp -r bl/main bl/none && rm bl/none/samples.csv
expect_usage "no samples.csv, by name" "bl/none/samples.csv" "$TBENCH" compare main none
expect_usage "no samples.csv, by path" "bl/none/samples.csv" "$TBENCH" compare main bl/none

# 6: JSON is checked as CSV is
"$TBENCH" run "${F[@]}" -s 1000 --json j.json --json-samples
$PY - <<'EOF'
import json
d = json.load(open("j.json"))
def w(name, f):
    e = json.loads(json.dumps(d)); f(e["cases"][0]); json.dump(e, open(name, "w"))
w("neg.json", lambda c: c["time_ns"].__setitem__("median", -3))
w("n0.json", lambda c: c.__setitem__("n", 0))
w("count.json", lambda c: c.__setitem__("samples", 7))
w("status.json", lambda c: c.__setitem__("status", "<bogus>"))
w("huge.json", lambda c: c["time_ns"].__setitem__("median", 1.7e308))
w("type.json", lambda c: c["time_ns"].__setitem__("median", "fast"))
w("med.json", lambda c: c["time_ns"].__setitem__("median", c["time_ns"]["median"] * 2))
EOF
expect_usage "json: negative median" "neg.json: cases[0].time_ns.median: -3 is negative" "$TBENCH" compare j.json neg.json
expect_usage "json: n 0" "n0.json: cases[0].n: 0" "$TBENCH" compare j.json n0.json
expect_usage "json: samples disagrees with samples_ns" "count.json: cases[0].samples: 7 declared, but 20" \
	"$TBENCH" compare j.json count.json
expect_usage "json: unknown status" "'<bogus>' is not a status" "$TBENCH" compare j.json status.json
expect_usage "json: median 1.7e308" "out of range" "$TBENCH" compare j.json huge.json
expect_usage "json: a string for a number" "expected a number or null" "$TBENCH" compare j.json type.json
expect_usage "json: median not its samples'" "median of the 20 raw samples" "$TBENCH" compare j.json med.json
expect_status "json: what run wrote compares" 0 "$TBENCH" compare j.json j.json -q

# 10: a UTF-8 byte order mark (spreadsheet exports) is skipped
mkdir bom && cp bl/main/*.csv bom/
{ printf '\357\273\277'; cat bl/main/summary.csv; } >bom/summary.csv
expect_status "csv with a BOM" 0 "$TBENCH" compare main bom -q
{ printf '\357\273\277'; cat j.json; } >bom.json
expect_status "json with a BOM" 0 "$TBENCH" compare j.json bom.json -q

# 11: a fingerprint of 100 000 keys is read and compared (linear, not quadratic)
cp -r bl/main bl/keys
$PY - bl/keys/fingerprint.csv <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("key,value\r\ncpu.model,other\r\n")
    for i in range(100000):
        f.write("k%06d,v%d\r\n" % (i, i))
EOF
run timeout 60 "$TBENCH" compare main keys -q
check "100 000 keys: read and compared" '[ "$rc" -eq 0 ] && grep -q "machines differ: cpu.model" "$T/err"'
printf 'k000005,again\r\n' >>bl/keys/fingerprint.csv
expect_usage "100 000 keys: a duplicate found" "fingerprint.csv:100003: duplicate key 'k000005'" \
	timeout 60 "$TBENCH" compare main keys
finish
