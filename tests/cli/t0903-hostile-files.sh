#!/usr/bin/env bash
# t0903-hostile-files.sh - every file tbench reads (results CSV and JSON for
# `tbench report`, programs for `tbench emu run`) refuses hostile content
# with one line naming the file, exit 2, quickly and without reading a
# device or a huge file whole.
. "$(dirname "$0")/lib.sh"

head -c 4096 /dev/urandom >garbage.bin
printf '' >empty.csv
printf '\xef\xbb\xbfschema\0,family\n' >nul.csv
printf 'schema,family,variant,mode,n,threads,median_ns\ntbench-1,scale,s,inplace,10,1,5\ntbench-1,scale,s,inplace,10,1,6\n' >dup.csv
printf 'schema,family,variant,mode,n,threads,median_ns\ntbench-2,scale,s,inplace,10,1,5\n' >schema.csv
printf 'schema,family,variant,mode,n,threads,median_ns\ntbench-1,scale,s,inplace,10,1,NaN\n' >nan.csv
printf '{"schema": "tbench-json-1", "cases": [' >cut.json
printf '{"schema": "tbench-json-1", "schema": "x", "cases": []}' >dupkey.json
ln -s /dev/zero zero.csv
ln -s /dev/urandom random.json
mkfifo fifo.csv
truncate -s 2G sparse.csv
{ printf '{'; } >big.json && truncate -s 600M big.json

for f in garbage.bin empty.csv nul.csv dup.csv schema.csv nan.csv cut.json dupkey.json \
	zero.csv random.json fifo.csv sparse.csv big.json; do
	expect_usage "report $f" "$f" "$TBENCH" report "$f"
done
expect_usage "report refuses a JSON document too big to parse in memory" "more than the 536870912" \
	"$TBENCH" report big.json
check "nothing written by refused reports" '[ -z "$(ls ./*.html ./*.md 2>/dev/null)" ]'

# a valid file with CRLF, quoted commas and newlines and an extra column
printf 'schema,family,variant,mode,n,threads,median_ns,extra,note\r\ntbench-1,scale,"a,b",inplace,10,1,5,x,"two\r\nlines"\r\n' >ok.csv
expect_status "report accepts CRLF, quotes, extra columns" 0 "$TBENCH" report ok.csv
check "report shows the quoted variant" 'grep -q "a,b" "$T/out"'

# emu run: devices, FIFOs and huge files are refused before reading
for f in zero.csv random.json fifo.csv sparse.csv; do
	expect_usage "emu run $f" "$f" "$TBENCH" emu run "$f"
	expect_usage "emu run --raw $f" "$f" "$TBENCH" emu run --raw "$f"
done
expect_usage "emu run garbage" "garbage.bin" "$TBENCH" emu run garbage.bin
expect_usage "emu run empty" "empty.csv" "$TBENCH" emu run empty.csv
expect_usage "emu --mem beyond the bound" "--mem" "$TBENCH" emu run garbage.bin --raw --mem 8Gi
finish
