#!/usr/bin/env bash
# t1630-bars.sh - scripts/bars.sh judges every bar of issue 18 in one run:
# the verdict rule on given per-round ratios (holds / FAILS / unknown from
# an interval, never a median alone), the judge on a run directory of known
# figures (scripts/bars.py judge), bad usage (exit 2, one line, nothing
# written), and a narrowed --quick run of all four parts end to end whose
# every row has a verdict; with peers switched off (TB_PEERS_OFF) exactly
# their bars are unknown.  No timing is compared with a number.
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
S=$TB_SRC/scripts/bars.sh
J=$TB_SRC/scripts/bars.py
PY=/usr/bin/python3
verdict() { "$PY" "$J" verdict "$@"; }

# ---- the rule ----
check "0.9x, tight, 5 rounds: FAILS a 1.0x bar" '[ "$(verdict 1.0 0.9 0.91 0.89 0.9 0.92)" = "0.8900 0.9200 0.9375 FAILS" ]'
check "an interval straddling 1.0: unknown" '[ "$(verdict 1.0 0.9 1.1 0.95 1.05 1.0 | cut -d" " -f4)" = unknown ]'
check "median 1.10 but straddling 1.05: unknown" '[ "$(verdict 1.05 1.0 1.2 1.1 1.15 1.1 | cut -d" " -f4)" = unknown ]'
check "tight above 1.05: holds" '[ "$(verdict 1.05 1.1 1.12 1.09 1.11 1.1 | cut -d" " -f4)" = holds ]'
check "3 rounds: the range, 75% coverage" '[ "$(verdict 1.0 1.2 1.1 1.3)" = "1.1000 1.3000 0.7500 holds" ]'
check "12 rounds: the 3rd smallest to the 3rd largest" '[ "$(verdict 1.0 0.5 1.5 0.8 1.2 1 1 1 1 1 1 1 1 | cut -d" " -f1,2,4)" = "1.0000 1.0000 holds" ]'
check "no figure: unknown" '[ "$(verdict 1.0)" = "- - - unknown" ]'
expect_usage "verdict wants numbers" "numbers expected" "$PY" "$J" verdict 1.0 x

# ---- the judge, on figures given ----
mkdir -p j/threads j/emu
printf 'cpu: test\npeers: likwid-bench yes; qemu-aarch64 yes; TB_PEERS_OFF=\nl2: 524288\n' >j/machine.txt
for r in 1 2 3 4 5; do
	{ echo "variant,mode,n,threads,status,median_ns"
	  echo "threaded,inplace,1000,1,ok,100"; echo "threaded,inplace,1000,2,ok,$((66 + r))"
	  echo "threaded,inplace,2000,1,ok,100"; echo "threaded,inplace,2000,2,ok,$((49 + r))"; } >j/threads/r$r.csv
	{ printf 'loop-str    tbench  0.1 %d 0.1 %d\n' $((2000 + 50 * r)) 2000
	  printf 'loop-str    qemu-jit 0.2 1000 0.2 1000\n'
	  printf 'loop-nostr  tbench  0.1 3000 0.1 3000\n'
	  printf 'loop-nostr  qemu-jit 0.2 1000 0.2 1000\n'; } >j/emu/r$r.txt
done
run "$PY" "$J" judge j
check "judge: exit 1, a bar fails" '[ "$rc" = 1 ]'
row() { grep -F "| $1" "$T/out" | grep -F "$2"; }
check "1.4-1.5x over 1 thread FAILS the 1.8x bar" 'row "scale threaded, in place, n=1000 " "2 threads" | grep -q "| 1.45x | \[1.41, 1.49\] (94%, 5 rounds) | FAILS |"'
check "1.9-2.0x holds it" 'row "scale threaded, in place, n=2000 " "2 threads" | grep -q "| holds |"'
check "STR 2.05-2.25x: holds 2.0" 'row "STR, whole" "2 × qemu" | grep -q "| 2.15x | .* | holds |"'
check "no-STR 3.0x: holds 2.5" 'row "no-STR, whole" "2.5 × qemu" | grep -q "| holds |"'
check "bars.csv: a row per bar" '[ "$(tail -n +2 j/bars.csv | wc -l)" = 4 ]'
printf 'loop-str    tbench  0.1 2100 0.1 2100\n' >j/emu/r6.txt
run "$PY" "$J" judge j
check "a round without qemu's figure is left out of the ratio, not counted" 'row "STR, whole" "2 × qemu" | grep -q "(94%, 5 rounds)"'
expect_usage "judge: not a run directory" "not a bars.sh directory" "$PY" "$J" judge "$T/nope"

# ---- usage ----
expect_usage "rounds must be a number" "--rounds 'x'" "$S" --rounds x --dir "$T/no1" --tbench "$TBENCH"
expect_usage "unknown part" "unknown part 'bogus'" "$S" --only scale,bogus --dir "$T/no2" --tbench "$TBENCH"
expect_usage "no such CPU" "--cpu '999'" "$S" --cpu 999 --dir "$T/no3" --tbench "$TBENCH"
expect_usage "unknown option" "unknown option '--bogus'" "$S" --bogus
expect_usage "no tbench" "no tbench at" "$S" --tbench "$T/none" --dir "$T/no4"
TB_BARS_OPS_SIZES=100 expect_usage "ops sizes are RxC" "TB_BARS_OPS_SIZES '100'" "$S" --tbench "$TBENCH" --dir "$T/no5"
check "nothing written for bad usage" '( for d in no1 no2 no3 no4 no5; do [ ! -e "$T/$d" ] || exit 1; done )'

# ---- the lock: waited for when another holds it, not when the caller does ----
(flock "$T/lock" sleep 2) &
sleep 0.5
TB_BARS_LOCK=$T/lock TB_PEERS_OFF=qemu run timeout 60 "$S" --quick --only emu --tbench "$TBENCH" --dir "$T/l1"
check "lock held by another: waited for, said on stderr" '[ "$rc" = 0 ] && grep -q "waiting for $T/lock" "$T/err" &&
	grep -q "^- rounds: .*$T/lock held by bars.sh" "$T/l1/bars.md"'
wait
TB_BARS_LOCK=$T/lock TB_PEERS_OFF=qemu run timeout 60 flock "$T/lock" "$S" --quick --only emu --tbench "$TBENCH" --dir "$T/l2"
check "lock held by the caller (flock LOCK bars.sh): no wait for itself" '[ "$rc" = 0 ] &&
	grep -q "^- rounds: .*$T/lock held by the caller" "$T/l2/bars.md"'

# ---- end to end, narrowed: tiny sizes, two op families, a short emu loop ----
export TB_BARS_LOCK= TB_BARS_OPS="relu sum gelu_erf" TB_BARS_OPS_SIZES=100x100 TB_BARS_SCALE_IN=4096,70000 \
	TB_BARS_SCALE_OUT=70000 TB_BARS_THREADS_SIZES=70000 TB_BARS_EMU_N=100000 TB_BARS_EMU_RUNS=2
verdicts() { # the verdict column of every table row of bars.md
	awk -F' \\| ' '/^\| / && !/^\| case / && !/^\| ---/ { print $5 }' "$1"
}
run "$S" --quick --tbench "$TBENCH" --dir "$T/b"
check "quick: exit 0 or 1, never an error" '[ "$rc" = 0 ] || [ "$rc" = 1 ]'
check "quick: bars.md and the raw CSVs" '[ -s "$T/b/bars.md" ] && [ -s "$T/b/bars.csv" ] &&
	[ -s "$T/b/scale/r1/in.1.csv" ] && [ -s "$T/b/threads/r1.csv" ] && [ -s "$T/b/ops/r1/tb.csv" ]'
check "quick: every part has rows" '( for p in scale threads ops emu; do grep -q "^## $p$" "$T/b/bars.md" || exit 1; done )'
check "quick: every row's verdict is holds, FAILS or unknown" '
	[ "$(verdicts "$T/b/bars.md" | wc -l)" -gt 8 ] && [ -z "$(verdicts "$T/b/bars.md" | grep -Evx "holds|FAILS|unknown")" ]'
check "quick: exit 1 exactly when a bar FAILS" '[ "$rc" = "$(verdicts "$T/b/bars.md" | grep -qx FAILS && echo 1 || echo 0)" ]'
check "quick: the CPU, its caches, the load at start and end, the commands" '
	grep -q "^- cpu: .*family" "$T/b/bars.md" && grep -q "^- caches: L1d" "$T/b/bars.md" &&
	grep -q "^- start: .*load average" "$T/b/bars.md" && grep -q "^- end: .*load average" "$T/b/bars.md" &&
	grep -q "scale-bars.sh --rounds 1" "$T/b/bars.md" && grep -q "compare_torch.py" "$T/b/bars.md"'
check "quick: reductions and activations get the higher bar or the limit" '
	grep -Eq "^\| sum 100x100, 1 thread \| (≥ 1.3 × |bandwidth-bound|≥ 1.3 × peers, or)" "$T/b/bars.md" &&
	grep -Eq "^\| relu outofplace 100x100, 1 thread \| (≥ 1.2 × |bandwidth-bound|≥ 1.2 × peers, or)" "$T/b/bars.md"'
check "quick: a peer without the op is not judged, and named" '
	grep -q "^Not judged (the peer has no equivalent of the op): .*gelu_erf outofplace 100x100, 1 thread vs NumPy" "$T/b/bars.md" &&
	! grep -q "^| gelu_erf .* × NumPy |" "$T/b/bars.md"'
expect_usage "a used --dir is refused" "not empty" "$S" --quick --dir "$T/b" --tbench "$TBENCH"

# ---- peers missing: exactly their bars are unknown ----
if ! "$PY" -c "import numpy" 2>/dev/null; then
	echo "SKIP (peers missing): NumPy is not installed, so the bars left are not all known"
	finish
	exit
fi
TB_PEERS_OFF=likwid,torch,qemu run "$S" --quick --only scale,ops,emu --tbench "$TBENCH" --dir "$T/m"
check "peers off: exit 0 or 1" '[ "$rc" = 0 ] || [ "$rc" = 1 ]'
# rows as "bar<TAB>verdict<TAB>why"; a bar that needs a peer switched off:
# its name says likwid-bench, PyTorch or qemu-aarch64, or it needs a limit
# only likwid-bench measures (a reduction's)
awk -F' \\| ' '/^\| / && !/^\| case / && !/^\| ---/ { print $2 "\t" $5 "\t" $6 }' "$T/m/bars.md" >"$T/rows"
grep -P "^[^\t]*(likwid-bench|PyTorch|qemu-aarch64)|no same-traffic limit|no peer figure" "$T/rows" >"$T/off"
grep -Pv "^[^\t]*(likwid-bench|PyTorch|qemu-aarch64)|no same-traffic limit|no peer figure" "$T/rows" >"$T/on"
check "peers off: their bars are there, each unknown, saying the peer is off" '
	[ "$(grep -c likwid-bench "$T/off")" -ge 2 ] && grep -q PyTorch "$T/off" && grep -q qemu "$T/off" &&
	! grep -Pv "\tunknown\t.*no (likwid-bench|PyTorch|qemu-aarch64) figure \(TB_PEERS_OFF\)" "$T/off"'
check "peers off: the reduction without a load limit is unknown for that reason" '
	grep -q "^| sum 100x100, 1 thread | .* | unknown | no same-traffic limit: no likwid-bench figure (TB_PEERS_OFF) |" "$T/m/bars.md"'
check "peers off: every other bar is known (one round: no straddling)" '
	[ -s "$T/on" ] && ! grep -Pv "\t(holds|FAILS)\t" "$T/on" && grep -q NumPy "$T/on"'
check "peers off: no PyTorch run" '[ ! -e "$T/m/ops/r1/torch.csv" ] && [ ! -e "$T/m/emu/r1.txt" ]'
finish
