#!/usr/bin/env bash
# gate-selftest.sh - prove the regression gate on this machine.  K times
# each: an A/A experiment (the spin kernel against itself: a "slower"
# verdict is a false alarm) and A/B experiments where the candidate does 5%
# and 10% more work under the same key (--work-factor, a test aid): a
# "slower" verdict is a detection.  Prints the false-alarm and detection
# rates; exit 0 when the bars hold (at most K/20 false alarms, all K
# detected at +10%, at least 90% at +5%), 1 otherwise, 2 on a tbench error.
#
# The method (see README, "Statistics, baselines and the CI gate"): old and
# new are measured in R interleaved rounds (ABBA order: A B B A A B ...),
# each round a fresh process appending its samples to the side's baseline
# (--append), with short samples (--min-sample-time 100us) so a time slice
# lost to another process spoils few samples; then `tbench compare` with the
# default verdict settings (alpha 0.01, threshold 5%, 95% CI).  On this VM
# each process runs at its own speed (clock bins ~0.7% apart, +-3%), so the
# unit of evidence is the run: ten short runs a side, and compare resamples
# whole runs for the ratio's CI (cluster bootstrap).
#
#   K=20 R=10 S=20 TBENCH=build/tbench scripts/gate-selftest.sh [tbench run args]
#   GATE_MODE=sequential: one run of old, then one of new (R=1, no interleaving)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
K=${K:-20}
R=${R:-10}
S=${S:-20}
mode=${GATE_MODE:-interleaved}
[ "$mode" = sequential ] && R=1 && S=$((S * ${R_SEQ:-10}))
if [ -z "${TBENCH:-}" ]; then
	TBENCH=$("$root/scripts/build.sh" release | tail -1)/tbench
fi
RUN=(run spin --size 10000 --samples "$S" --min-sample-time 100us "$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TBENCH_BASELINE_DIR=$work/baselines

side() { # side NAME FACTOR
	"$TBENCH" "${RUN[@]}" -q --save-baseline "$1" --append --work-factor "$2" >/dev/null 2>"$work/err" ||
		{ echo "gate-selftest: tbench run failed:" >&2; cat "$work/err" >&2; exit 2; }
}

aa=0 d5=0 d10=0
start=$(date +%s)
for k in $(seq 1 "$K"); do
	line="round $k/$K:"
	for f in 1.00 1.05 1.10; do
		a="a$k-$f" b="b$k-$f"
		for r in $(seq 1 "$R"); do
			if [ $((r % 2)) -eq 1 ]; then side "$a" 1; side "$b" "$f"; else side "$b" "$f"; side "$a" 1; fi
		done
		set +e
		"$TBENCH" compare "$a" "$b" -q --csv "$work/cmp.csv" 2>"$work/err"
		rc=$?
		set -e
		if [ $rc -gt 1 ]; then
			echo "gate-selftest: tbench compare failed (exit $rc):" >&2
			cat "$work/err" >&2
			exit 2
		fi
		hit=$([ $rc -eq 1 ] && echo 1 || echo 0)
		case $f in
		1.00) aa=$((aa + hit)); v=$([ "$hit" = 1 ] && echo ALARM || echo quiet) ;;
		1.05) d5=$((d5 + hit)); v=$([ "$hit" = 1 ] && echo detected || echo MISSED) ;;
		1.10) d10=$((d10 + hit)); v=$([ "$hit" = 1 ] && echo detected || echo MISSED) ;;
		esac
		ratio=$(awk -F, 'NR==2 {printf "%.3f [%.3f, %.3f]", $14, $15, $16}' "$work/cmp.csv")
		line="$line  x$f $v $ratio"
	done
	echo "$line"
done
secs=$(($(date +%s) - start))
max_fa=$(((K + 19) / 20)) min5=$(((K * 18 + 19) / 20))
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "method: $mode, $R round(s) x $S samples per side; tbench ${RUN[*]}"
echo "verdict: tbench compare defaults (alpha 0.01, threshold 5%, 95% CI)"
printf 'A/A false alarms:   %2d/%d  (bar: at most %d)\n' "$aa" "$K" "$max_fa"
printf 'A/B +5%% detected:   %2d/%d  (bar: at least %d)\n' "$d5" "$K" "$min5"
printf 'A/B +10%% detected:  %2d/%d  (bar: %d)\n' "$d10" "$K" "$K"
echo "time: ${secs}s"
if [ "$aa" -le "$max_fa" ] && [ "$d5" -ge "$min5" ] && [ "$d10" -eq "$K" ]; then
	echo "gate self-test: PASS"
else
	echo "gate self-test: FAIL"
	exit 1
fi
