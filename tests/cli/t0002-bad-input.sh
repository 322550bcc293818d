#!/usr/bin/env bash
# t0002-bad-input.sh - every bad input gives one line on stderr naming the
# bad value, exit status 2, and no output file.
. "$(dirname "$0")/lib.sh"

expect_status "no command exits 2" 2 "$TBENCH"
expect_usage "unknown command" "'frobnicate'" "$TBENCH" frobnicate
expect_usage "unknown family" "'nosuch'" "$TBENCH" run nosuch
expect_usage "families as one comma list: says to give words" "give families as separate words" "$TBENCH" run add,sum
expect_usage "unknown variant" "'nosuch'" "$TBENCH" run scale --variant nosuch
expect_usage "unknown option" "'--bogus'" "$TBENCH" run --bogus
expect_usage "missing option value" "'--size'" "$TBENCH" run scale --size
expect_usage "size 0" "'0'" "$TBENCH" run scale --size 0
expect_usage "negative size" "'-5'" "$TBENCH" run scale --size -5
expect_usage "non-numeric size" "'abc'" "$TBENCH" run scale --size abc
expect_usage "huge size refused before allocating" "1000000000000" "$TBENCH" run scale --size 1000000000000 --csv huge.csv
check "no csv after refused size" '[ ! -e huge.csv ] && [ -z "$(ls)" ]'
expect_usage "samples 0" "'0'" "$TBENCH" run null --samples 0
expect_usage "samples negative" "'-1'" "$TBENCH" run null --samples -1
expect_usage "warmup 0" "'0'" "$TBENCH" run null --warmup 0
expect_usage "warmup negative" "'-4'" "$TBENCH" run null --warmup -4
expect_usage "bad duration" "'10 parsecs'" "$TBENCH" run null --warmup-time "10 parsecs"
expect_usage "bad mode" "'sideways'" "$TBENCH" run scale --mode sideways
expect_usage "alpha 1" "'1'" "$TBENCH" run scale --alpha 1
expect_usage "threads 0" "'0'" "$TBENCH" run scale --threads 0
expect_usage "threads absurd" "'100000'" "$TBENCH" run scale --threads 100000
expect_usage "unwritable csv" "/nonexistent/dir/out.csv" "$TBENCH" run null --csv /nonexistent/dir/out.csv
expect_usage "csv is a directory" "directory" "$TBENCH" run null --csv .
expect_usage "unwritable samples csv, csv not left" "/nonexistent/s.csv" "$TBENCH" run null --csv good.csv --samples-csv /nonexistent/s.csv
check "no good.csv after a refused run" '[ ! -e good.csv ] && [ -z "$(ls)" ]'
expect_usage "unknown command for help" "'nosuch'" "$TBENCH" help nosuch
expect_usage "env extra argument" "'extra'" "$TBENCH" env extra
expect_usage "list unknown family" "'nosuch'" "$TBENCH" list nosuch
finish
