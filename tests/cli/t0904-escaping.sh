#!/usr/bin/env bash
# t0904-escaping.sh - every string from a results file or the command line
# (run label, family, variant, note, unit, counter name, CPU string) is
# escaped in the HTML and Markdown reports: hostile markup never survives.
. "$(dirname "$0")/lib.sh"

printf 'schema,name,family,variant,mode,n,threads,median_ns,note,item_unit,ctr_<svg onload=alert(2)>,status\r\n' >h.csv
printf 'tbench-1,"<b>n</b>","<i>f</i>","<img src=x onerror=alert(1)>|x",inplace,10,1,5,"</td><script>alert(3)</script>","<u>",1.5,ok\r\n' >>h.csv
printf 'schema,family,variant,mode,n,threads,sample,iters,ns_per_iter\n' >h.samples.csv
printf 'tbench-1,<i>f</i>,<img src=x onerror=alert(1)>|x,inplace,10,1,%d,1,5\n' 0 1 2 >>h.samples.csv
printf 'key,value\ncpu.model,"<script>alert(4)</script>"\n' >h.fingerprint.csv

expect_status "report renders hostile strings" 0 "$TBENCH" report h.csv --html h.html --markdown h.md -q
for bad in '<img' '<i>' '<u>' '<b>n' 'alert(3)</script>' 'alert(4)</script>' '<svg onload' '</td><script>'; do
	check "HTML has no raw '$bad'" '! grep -qF -- "$bad" h.html'
	check "Markdown has no raw '$bad'" '! grep -qF -- "$bad" h.md'
done
check "HTML shows the variant escaped" 'grep -qF "&lt;img src=x onerror=alert(1)&gt;" h.html'
check "Markdown escapes the table pipe" 'grep -qF "\\|x" h.md'

label='<script>alert(5)</script>&"'"'"'
second line'
expect_status "run with a hostile label" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms \
	--min-sample-time 100us -q --name "$label" --html r.html --markdown r.md
check "run HTML: label escaped" '! grep -qF "alert(5)</script>" r.html && grep -qF "&lt;script&gt;alert(5)" r.html'
check "run Markdown: label escaped, one line" '! grep -qF "<script>" r.md && ! grep -qx "second line" r.md'
finish
