#!/usr/bin/env bash
# gate-selftest.sh - prove the regression gate on this machine, with the CI
# recipe's own method and defaults (scripts/gate-ab.sh: interleaved rounds,
# paired run-level test, more rounds while undecided).  K times each: an
# A/A experiment (a case against itself: a "slower" verdict is a false
# alarm) and A/B experiments where the new side does 5% and 10% more work
# than the old under the same key, where "slower" is a detection: the new
# side is the case as named, the old one does 1/1.05 and 1/1.10 of its work
# ($TBENCH_TEST_WORK_FACTOR, a test aid: floor(cols / F) columns, so the ratio is
# at least F, and a buffer never crosses a size where the kernel changes its
# layout - tb_alloc's 2 MiB huge-page threshold lies below 1000x1000 / 1.10).  Exit 0 when the bars hold: at
# most K/20 false alarms, at least 19K/20 detected at +5%, all K at +10%;
# 1 otherwise; 2 on a tbench error.
#
#   K=20 scripts/gate-selftest.sh                 the spin case (spin --size 10000)
#   K=20 GATE_CASE=memory scripts/gate-selftest.sh  a memory-bound case
#                                  (scale -v autovec -m inplace -s 1000x1000)
#   K=20 scripts/gate-selftest.sh ARGS...         any selection of one case
# TBENCH picks the binary; TB_ROUNDS, TB_ROUND_STEP, TB_MAX_ROUNDS are
# gate-ab.sh's (leave them unset to prove the defaults).
case ${1:-} in # the header above is the help
-h | --help) sed -n '2,/^case \${1:-} in # the header/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/find-tbench.sh"
K=${K:-20}
case ${GATE_CASE:-spin} in
spin) sel=(spin --size 10000) ;;
memory) sel=(scale -v autovec -m inplace -s 1000x1000) ;;
*) echo "gate-selftest: invalid GATE_CASE '${GATE_CASE}': expected spin or memory" >&2; exit 2 ;;
esac
[ $# -gt 0 ] && sel=("$@")
if [ -z "${TBENCH:-}" ]; then
	TBENCH=$(tb_default_tbench "$here") || { echo "gate-selftest: no tbench found (set TBENCH)" >&2; exit 2; }
fi
export TBENCH
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

aa=0 d5=0 d10=0 rounds_used=""
start=$(date +%s)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for k in $(seq 1 "$K"); do
	line="round $k/$K:"
	for f in 1.00 1.05 1.10; do
		set +e
		inv=$(awk -v f="$f" 'BEGIN { printf "%.9f", 1 / f }')
		TB_AB_DIR=$work/ab TB_OLD_ENV="TBENCH_TEST_WORK_FACTOR=$inv" TB_COMPARE_ARGS="-q" \
			"$here/gate-ab.sh" "${sel[@]}" >"$work/out" 2>"$work/err"
		rc=$?
		set -e
		if [ $rc -gt 1 ]; then
			echo "gate-selftest: gate-ab.sh failed (exit $rc):" >&2
			cat "$work/err" "$work/out" >&2
			exit 2
		fi
		hit=$([ $rc -eq 1 ] && echo 1 || echo 0)
		case $f in
		1.00) aa=$((aa + hit)); v=$([ "$hit" = 1 ] && echo ALARM || echo quiet) ;;
		1.05) d5=$((d5 + hit)); v=$([ "$hit" = 1 ] && echo detected || echo MISSED) ;;
		1.10) d10=$((d10 + hit)); v=$([ "$hit" = 1 ] && echo detected || echo MISSED) ;;
		esac
		n=$(sed -n 's/^gate-ab: \([0-9]*\) rounds a side$/\1/p' "$work/out")
		rounds_used="$rounds_used $n"
		ratio=$(awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			NR == 2 { printf "%.4f [%.4f, %.4f]", $c["ratio"], $c["ci_low"], $c["ci_high"] }' "$work/ab/ab.csv")
		line="$line  x$f $v $ratio (${n}r)"
	done
	echo "$line"
done
secs=$(($(date +%s) - start))
max_fa=$(((K + 19) / 20)) min5=$(((K * 19 + 19) / 20))
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, load average $load0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "case: tbench run ${sel[*]}"
echo "method: scripts/gate-ab.sh defaults (rounds: ${TB_ROUNDS:-10} first, +${TB_ROUND_STEP:-10} while undecided, at most ${TB_MAX_ROUNDS:-40}); used:$rounds_used"
echo "verdict: tbench compare defaults (alpha 0.01, threshold 5%, 99% interval, paired runs)"
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
