#!/usr/bin/env bash
# t0702-html-browser.sh - render a real report in headless Chromium: it loads
# without script errors or console errors, every SVG has a non-zero size,
# the hostile run label does not execute, the sortable table works, and a
# screenshot is produced.  SKIP (77) where Chromium is missing.
. "$(dirname "$0")/lib.sh"
if [ ! -x "$CHROMIUM" ]; then
	echo "SKIP: $CHROMIUM not found (scripts/deps.sh test installs Debian's chromium)"
	exit 77
fi

# a real run, with a label that would run script if it were not escaped
expect_status "run scale with html" 0 "$TBENCH" run scale null -s 1000,100000 --samples 12 \
	--warmup 1 --warmup-time 1ms --min-sample-time 50us --json run.json \
	--name '<script>window.__pwn=1</script>'
# plus figures in the same columns for charts a small run cannot fill:
# threads scaling, the emulator's IPS, the machine limit and intervals
cat >extra.csv <<'EOF'
schema,name,family,variant,mode,n,rows,cols,threads,status,samples,min_ns,median_ns,p5_ns,p25_ns,p75_ns,p95_ns,ci_low_ns,ci_high_ns,bytes_per_iter,items_per_iter,item_unit,limit_share,note
tbench-1,peer,scale,threaded,outofplace,100000,1,100000,1,ok,10,26000,27000,26100,26500,27500,29000,26800,27300,800000,100000,elem,0.55,
tbench-1,peer,scale,threaded,outofplace,100000,1,100000,2,ok,10,14000,14500,14100,14300,14800,15500,14400,14700,800000,100000,elem,0.9,
tbench-1,peer,scale,threaded,outofplace,100000,1,100000,4,ok,10,13000,13500,13100,13300,13800,14500,13400,13700,800000,100000,elem,0.95,
tbench-1,peer,emu,loop-str,-,1000000,1,1000000,1,ok,10,9000000,9500000,9100000,9300000,9700000,9900000,9400000,9600000,,4000000,insn,,
tbench-1,peer,emu,loop-nostr,-,1000000,1,1000000,1,ok,10,6000000,6400000,6100000,6300000,6500000,6700000,6350000,6450000,,3000000,insn,,
tbench-1,peer,scale,fails,outofplace,1000,1,1000,1,failed-verify,0,,,,,,,,,,,,,"y[3] = 1.5, expected 3"
EOF
expect_status "merged report" 0 "$TBENCH" report run.json extra.csv --html report.html
check "report has every chart" 'for s in overview throughput distributions threads; do grep -q "<section id=\"$s\">" report.html || exit 1; done'
check "report shows the limit line and error bars" 'grep -q "class=\"ref limit\"" report.html && grep -q "class=\"err\"" report.html'

# the check: errors are collected from the first moment; after load every
# <svg> is measured, a sortable column is clicked, and the verdict goes to
# the title, which --dump-dom prints
cat >check.js <<'EOF'
<script>
window.addEventListener("load", function () {
	var s = document.querySelectorAll("svg"), z = 0;
	s.forEach(function (v) {
		var r = v.getBoundingClientRect();
		if (!(r.width > 0 && r.height > 0)) z++;
	});
	var th = document.querySelectorAll("table.sortable th")[7]; /* median */
	th.click();
	var prev = -Infinity, mono = 1;
	document.querySelectorAll("table.sortable tbody tr td:nth-child(8)").forEach(function (td) {
		var v = parseFloat(td.getAttribute("data-v"));
		if (!isNaN(v)) { if (v < prev) mono = 0; prev = v; }
	});
	document.title = "TBCHECK svgs=" + s.length + " zero=" + z + " errors=" + window.__e.length +
		" pwn=" + (window.__pwn ? 1 : 0) + " sorted=" + th.getAttribute("aria-sort") +
		" mono=" + mono + " end";
});
</script>
EOF
browser_check report.html check.js 1200x2000
check "chromium ran the check" '[ -n "$title" ]'
check "there are SVG plots" 'echo "$title" | grep -Eq "TBCHECK svgs=([5-9]|[1-9][0-9]) "'
check "every SVG has a non-zero size" 'echo "$title" | grep -q " zero=0 "'
check "no script errors" 'echo "$title" | grep -q " errors=0 "'
check "the hostile label did not run" 'echo "$title" | grep -q " pwn=0 "'
check "the summary table sorts" 'echo "$title" | grep -q " sorted=ascending mono=1 "'
check "no console errors" '! grep -Ei "CONSOLE.*(error|uncaught)|Uncaught" console.txt'
browser_shot report.html shot.png 1200x2000
check "a screenshot was produced" '[ "$(head -c 8 shot.png | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ] && [ "$(wc -c <shot.png)" -gt 20000 ]'
finish
