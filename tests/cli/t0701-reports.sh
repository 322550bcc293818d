#!/usr/bin/env bash
# t0701-reports.sh - the HTML, JSON and Markdown writers of `tbench run` and
# `tbench report`: self-contained HTML (no URL, escaped hostile label, valid
# structure), a JSON document with the documented shape, Markdown, outputs
# opened before anything runs, re-rendering saved CSV/JSON and merging files.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
HOSTILE='<script>alert(1)</script> "&'"'"
fast=(--samples 8 --warmup 1 --warmup-time 1ms --min-sample-time 50us)

expect_status "run with html, json, markdown" 0 "$TBENCH" run scale -v scalar -s 1000,100000 \
	"${fast[@]}" --name "$HOSTILE" --html r.html --json r.json --json-samples --markdown r.md \
	--csv s.csv --samples-csv s.samples.csv
check "the table shows the run label" 'grep -qxF "run: $HOSTILE" "$T/out"'
check "all outputs written, no temporary files" '[ -s r.html ] && [ -s r.json ] && [ -s r.md ] && ! ls | grep -q tmp'
check "html references no URL" '[ -s r.html ] && ! grep -Eiq "(https?|ftp):|//[a-z0-9]" r.html'
check "html loads nothing" '[ -s r.html ] && ! grep -Eiq "<link|<img|<iframe|@import|url\(|src=" r.html'
check "html has exactly one script, its own" '[ "$(grep -o "<script" r.html | wc -l)" -eq 1 ]'
check "hostile label is escaped in html" '! grep -qF "<script>alert(1)" r.html && grep -qF "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;" r.html'
check "hostile label is escaped in markdown" '! grep -qF "<script>" r.md && grep -qF "&lt;script&gt;alert(1)&lt;/script&gt;" r.md'
check "html has the plots" 'for s in overview throughput distributions summary machine options; do grep -q "<section id=\"$s\">" r.html || exit 1; done'
check "html has inline svg plots (two mode panels and the distributions)" '[ "$(grep -c "<svg class=\"plot\"" r.html)" -ge 3 ]'
check "html shows samples and outliers classes" 'grep -q "class=\"pt\"" r.html'
check "html has light and dark mode and print styles" 'grep -q "prefers-color-scheme:dark" r.html && grep -q "@media print" r.html'
if $PY -c 'import html5lib' 2>/dev/null; then
	check "html parses strictly (html5lib)" '$PY -c "import html5lib,sys; html5lib.HTMLParser(strict=True).parse(open(\"r.html\",\"rb\"))"'
else
	echo "SKIP html5lib check: python3-html5lib is not installed (scripts/deps.sh test installs it)"
fi
check "json document has the documented shape" '$PY - "$HOSTILE" <<"EOF"
import json, sys
d = json.load(open("r.json"))
assert d["schema"] == "tbench-json-1", d["schema"]
assert d["name"] == sys.argv[1], d["name"]
assert d["fingerprint"]["cpu.model"]
assert "seed" in d["options"]
assert len(d["cases"]) == 4
for c in d["cases"]:
    assert c["family"] == "scale" and c["variant"] == "scalar" and c["status"] == "ok"
    assert c["mode"] in ("inplace", "outofplace") and c["n"] in (1000, 100000)
    assert c["time_ns"]["median"] > 0 and c["samples"] == 8
    assert len(c["samples_ns"]) == 8
    assert c["work"]["bytes"] > 0 and c["work"]["unit"] == "elem"
    assert c["limit_share"] is None or c["limit_share"] > 0
    assert isinstance(c["counters"], dict)
EOF'
check "markdown has a row per case" '[ "$(grep -c "^| scale | scalar |" r.md)" -eq 4 ] && grep -q "^## tbench: " r.md'

expect_usage "unwritable html path fails before running" "/nonexistent/dir/r.html" \
	"$TBENCH" run scale -v scalar -s 1000 --html /nonexistent/dir/r.html --csv never.csv
check "nothing ran, nothing written" '[ ! -s "$T/out" ] && [ ! -e never.csv ] && ! ls | grep -q tmp'
expect_usage "same file for two outputs" "given for two outputs" \
	"$TBENCH" run scale -v scalar -s 1000 --html x.out --json x.out

# re-render saved results
expect_status "report from the summary CSV (samples beside it)" 0 "$TBENCH" report s.csv \
	--html r2.html --markdown r2.md --json r2.json
check "re-rendered html has the samples" 'grep -q "class=\"pt\"" r2.html && grep -qF "&lt;script&gt;" r2.html'
check "re-rendered json has the 4 cases" '$PY -c "import json; d=json.load(open(\"r2.json\")); assert len(d[\"cases\"])==4"'
expect_status "report from the JSON document prints the table" 0 "$TBENCH" report r.json
check "table has 4 rows" '[ "$(grep -c "^scale " "$T/out")" -eq 4 ]'
expect_status "json round trip keeps the samples" 0 "$TBENCH" report r.json --json r3.json --json-samples
check "round-tripped json equals the cases" '$PY -c "
import json; a=json.load(open(\"r.json\")); b=json.load(open(\"r3.json\"))
assert a[\"cases\"]==b[\"cases\"], (a[\"cases\"][0], b[\"cases\"][0])"'

# merge a peer's figures in the same columns (what scripts/compare_numpy.py writes)
cat >peer.csv <<'EOF'
schema,name,family,variant,mode,n,rows,cols,threads,status,samples,median_ns,p25_ns,p75_ns,bytes_per_iter,items_per_iter,item_unit,note
tbench-1,numpy,scale,numpy,outofplace,1000,1,1000,1,ok,5,900,850,950,8000,1000,elem,numpy.multiply
tbench-1,numpy,scale,numpy,inplace,1000,1,1000,1,ok,5,800,780,820,8000,1000,elem,numpy.multiply out=x
EOF
expect_status "merge a run and a peer" 0 "$TBENCH" report r.json peer.csv --name merged --html m.html --markdown m.md
check "merged report shows both" 'grep -q "<title>tbench report: merged</title>" m.html && grep -q ">numpy<" m.html && grep -q "| scale | numpy |" m.md && grep -q "| scale | scalar |" m.md'
check "merged report lists its sources" 'grep -q "Merged from: r.json, peer.csv" m.md'
expect_status "the same file twice keeps both" 0 "$TBENCH" report peer.csv peer.csv --markdown m2.md
check "second copy is labelled" 'grep -q "| scale | numpy@numpy |" m2.md'

# a comparison with a baseline: the same run, every sample 1.5x slower
$PY - <<"EOF"
import json
d = json.load(open("r.json"))
for c in d["cases"]:
    c["samples_ns"] = [x * 1.5 for x in c["samples_ns"]]
    c["time_ns"] = {k: (v * 1.5 if v is not None else None) for k, v in c["time_ns"].items()}
json.dump(d, open("slow.json", "w"))
EOF
expect_status "report against a baseline" 0 "$TBENCH" report r.json --baseline slow.json \
	--html c.html --json c.json --markdown c.md
check "html has the comparison chart and table" 'grep -q "<section id=\"comparison\">" c.html && grep -q "ratio to the baseline per case" c.html'
check "json has the comparison" '$PY -c "
import json; c=json.load(open(\"c.json\"))[\"comparison\"]
assert c[\"baseline\"]==\"slow.json\" and len(c[\"cases\"])==4
assert all(abs(r[\"ratio\"]-1/1.5)<1e-6 for r in c[\"cases\"]), c[\"cases\"]
assert sum(c[\"counts\"].values())==4"'
check "markdown has the comparison table" 'grep -q "^### Against the baseline slow.json" c.md && [ "$(grep -c "^| scale/scalar " c.md)" -eq 4 ]'

# the fingerprint saved beside a summary CSV is shown
"$TBENCH" env --csv >fingerprint.csv
expect_status "report reads fingerprint.csv beside the summary" 0 "$TBENCH" report s.csv --html f.html
check "fingerprint shown" 'grep -q "<section id=\"machine\">" f.html && grep -q "clock.source" f.html'

printf 'not,a\ntbench,file\n' >bad.csv
expect_usage "report of a file that is not results" "bad.csv" "$TBENCH" report bad.csv --html never.html
check "no html written on bad input" '[ ! -e never.html ] && ! ls | grep -q tmp'
echo '{"schema": "other"}' >bad.json
expect_usage "report of a foreign JSON document" "tbench-json-1" "$TBENCH" report bad.json
expect_usage "report without a file" "no results file" "$TBENCH" report
expect_usage "report of a missing file" "missing.csv" "$TBENCH" report missing.csv
finish
