#!/usr/bin/env bash
# t0704-html-1400.sh - the default suite's report, with a baseline, in
# headless Chromium at 1400 px: no horizontal scroll on the page, an
# overview whose every cell links to a chart that exists, one legend for
# the page (no per-chart legends, no colours by chart order), the
# single-case families (null, spin) in the table only, at least three tick
# labels on every chart's numeric axis, no script errors; a screenshot is
# kept in the build directory (artefacts/report-1400.png).  SKIP (77)
# where Chromium is missing.
. "$(dirname "$0")/lib.sh"
if [ ! -x "$CHROMIUM" ]; then
	echo "SKIP: $CHROMIUM not found (scripts/deps.sh test installs Debian's chromium)"
	exit 77
fi
fast=(--samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)
expect_status "the default suite, once" 0 "$TBENCH" run "${fast[@]}" --json base.json --json-samples
expect_status "the default suite again, with the report" 0 "$TBENCH" run "${fast[@]}" \
	--json new.json --json-samples
expect_status "the report against the first run" 0 "$TBENCH" report new.json --baseline base.json \
	--html report.html
check "colours come from the variant, not the chart's order" '! grep -q "class=\"s[0-9]" report.html && grep -q "class=\"v[0-9]" report.html'
check "no chart draws a legend of its own" '! grep -q "<g class=\"legend\">" report.html'

cat >check.js <<'EOF'
<script>
window.addEventListener("load", function () {
	var d = document.documentElement, s = document.querySelectorAll("svg"), zero = 0, few = 0;
	s.forEach(function (v) {
		var r = v.getBoundingClientRect();
		if (!(r.width > 0 && r.height > 0)) zero++;
		/* numeric ticks: axis texts that are numbers (category labels are not) */
		var n = 0;
		v.querySelectorAll("g.axis text").forEach(function (t) {
			if (/^[-+]?[0-9.]+[kMGTP]?$/.test(t.textContent.trim())) n++;
		});
		if (n < 3) few++;
	});
	var cells = document.querySelectorAll("table.matrix a[href^='#']"), broken = 0;
	cells.forEach(function (a) {
		if (!document.getElementById(a.getAttribute("href").slice(1))) broken++;
	});
	document.title = "TBCHECK sw=" + d.scrollWidth + " cw=" + d.clientWidth + " w=" +
		window.innerWidth + " h=" + d.scrollHeight + " svgs=" + s.length + " zero=" + zero +
		" fewticks=" + few + " cells=" + cells.length + " broken=" + broken +
		" legends=" + document.querySelectorAll("p.legend").length +
		" null=" + (document.getElementById("fam-null") ? 1 : 0) +
		" spin=" + (document.getElementById("fam-spin") ? 1 : 0) +
		" scale=" + (document.getElementById("fam-scale") ? 1 : 0) +
		" errors=" + window.__e.length + " end";
});
</script>
EOF
browser_check report.html check.js 1400x1800
val() { echo " $title" | grep -o " $1=[0-9]*" | cut -d= -f2; }
check "chromium ran the check" '[ -n "$title" ]'
check "the window is 1400 px wide" '[ "$(val w)" = 1400 ]'
check "no horizontal scroll on the page" '[ -n "$(val sw)" ] && [ "$(val sw)" -le "$(val cw)" ]'
check "every SVG has a size" '[ "$(val zero)" = 0 ] && [ "$(val svgs)" -ge 30 ]'
check "every chart has three or more numeric ticks" '[ "$(val fewticks)" = 0 ]'
check "the overview links every cell to a chart that exists" '[ "$(val cells)" -ge 60 ] && [ "$(val broken)" = 0 ]'
check "one legend for the page" '[ "$(val legends)" = 1 ]'
check "single-case families are in the table only" '[ "$(val null)" = 0 ] && [ "$(val spin)" = 0 ] && [ "$(val scale)" = 1 ] && grep -q "<td>null</td>" report.html'
check "no script errors" '[ "$(val errors)" = 0 ]'
art=${TB_BUILD:-$T}/artefacts
mkdir -p "$art"
browser_shot report.html "$art/report-1400.png" 1400x1800
check "a screenshot is kept in $art" '[ "$(head -c 8 "$art/report-1400.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ] && [ "$(wc -c <"$art/report-1400.png")" -gt 50000 ]'
finish
