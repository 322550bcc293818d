#!/usr/bin/env bash
# t0606-messages.sh - messages that said the wrong thing (issue 15, items 9
# and 10): an allocation failure is setup-failed, not failed-verify; an
# event given twice, a misaligned --entry, --max-insns, a denormal
# --alpha, a --threshold rule that names no case, the metric of an
# instruction-count comparison, and the run help's percent sign.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(--samples 3 --warmup 1 --warmup-time 1ms --min-sample-time 50us)

# 9: the reference buffers of verify() cannot be allocated (1 GiB case, 2.4 GB address space)
if ldd "$TBENCH" 2>/dev/null | grep -q libasan; then
	echo "SKIP allocation failure: AddressSanitizer reserves more address space than the limit"
elif run bash -c 'ulimit -v 2500000; exec "$0" "$@"' "$TBENCH" run scale -v scalar -m inplace -s 256Mi "${Q[@]}" --csv a.csv
	grep -q "too large for" "$T/err"; then
	echo "SKIP allocation failure: this machine has less than 1 GiB available"
else
	check "allocation failure: setup-failed, exit 0" '[ "$rc" -eq 0 ] && grep -q ",setup-failed," a.csv && ! grep -q failed-verify a.csv'
	check "says what could not be allocated" 'grep -q "verification: cannot allocate" a.csv'
fi

# 10
expect_usage "an event given twice, two spellings" "event 'perf::page-faults' is listed twice" \
	"$TBENCH" run null "${Q[@]}" --events perf::PAGE-FAULTS,perf::page-faults
expect_usage "an event given twice where PAPI cannot count" "is listed twice" \
	env LIBPFM_DISABLED_PMUS=amd64_fam19h_zen3,amd64_fam19h_zen3_l3,amd64_rapl,skx,spr,icx,adl_glc,adl_grt \
	"$TBENCH" run null "${Q[@]}" --events perf::TASK-CLOCK,perf::TASK-CLOCK
printf '\x1f\x20\x03\xd5\x00\x00\x40\xd4' >nop.bin # nop; hlt
expect_usage "emu --raw --entry 2" "invalid --entry '2': an instruction address is a multiple of 4" "$TBENCH" emu run nop.bin --raw --entry 2
expect_usage "emu --max-insns 0" "invalid --max-insns '0': expected a positive instruction count" "$TBENCH" emu run nop.bin --max-insns 0
check "not a byte count" '! grep -q "byte count" "$T/err"'
expect_usage "--alpha 1e-320" "smallest normal float" "$TBENCH" run scale --alpha 1e-320
expect_usage "--alpha 1e-40 (a denormal float)" "smallest normal float" "$TBENCH" run scale --alpha 1e-40
expect_usage "--alpha 0" "must not be 0 or 1" "$TBENCH" run scale --alpha 0
"$TBENCH" run spin "${Q[@]}" -q --save-baseline main
expect_usage "compare --threshold nofam=3" "no case compared is of family or family/variant 'nofam' (families: spin)" \
	"$TBENCH" compare main main --threshold nofam=3
expect_usage "run --threshold spin/nosuch=3, before running" "'spin/nosuch'" \
	"$TBENCH" run spin "${Q[@]}" --baseline main --threshold spin/nosuch=3 --csv never.csv
check "nothing ran" '[ ! -e never.csv ]'
expect_status "a rule that names a case is fine" 0 "$TBENCH" compare main main --threshold spin/chain=7 -q
run "$TBENCH" run --help
check "run --help: one percent sign" 'grep -q "move < 2%$" "$T/out" && ! grep -q "%%" "$T/out"'
# instruction counts are compared as instructions, and said so
H="schema,family,variant,mode,n,threads,status,samples,median_ns,metric"
mkdir i1 i2
printf '%s\ntbench-1,spin,chain,-,1000,1,ok,1,6018,instructions\n' "$H" >i1/s.csv
printf '%s\ntbench-1,spin,chain,-,1000,1,ok,1,6018,instructions\n' "$H" >i2/s.csv
expect_status "instruction counts compare" 0 "$TBENCH" compare i1/s.csv i2/s.csv --csv ic.csv
check "the summary says metric instructions" 'grep -q "(metric instructions;" "$T/out" && ! grep -q "metric time" "$T/out"'
check "so does the CSV" 'grep -q ",instructions," ic.csv'
finish
