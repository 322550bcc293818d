#!/usr/bin/env bash
# gate-ab.sh - the regression gate's method, in one place (the CI recipe,
# scripts/ci-regression.sh, and its proof, scripts/gate-selftest.sh, both
# run this): OLD and NEW are measured in rounds; in each round a fresh
# `tbench run` process of each side runs at the same time and the two take
# turns sample by sample (`run --turns`, through two FIFOs; who goes first
# alternates by round), each appending its samples to its side's baseline
# (--append); then `tbench compare OLD NEW`, which pairs the rounds
# (Wilcoxon signed-rank test on the log ratios of the pairs, Hodges-Lehmann
# ratio with its 99% interval): load from the rest of the machine - which
# changes from one 100 ms to the next on a shared runner - hits both sides
# of a round alike and cancels.  When a case is undecided - not significant,
# yet its interval reaches past the threshold (a regression of that size
# cannot be excluded) - TB_ROUND_STEP more rounds are measured, up to
# TB_MAX_ROUNDS: a noisier machine gets more rounds, a quiet one stops early.
#
#   TB_OLD_TBENCH / TB_NEW_TBENCH  binaries of the two sides (default $TBENCH)
#   TB_OLD_ARGS / TB_NEW_ARGS      extra `tbench run` arguments per side
#   TB_OLD_ENV / TB_NEW_ENV        extra environment per side, VAR=VALUE ...
#                                  (the self-test: TB_NEW_ENV="TBENCH_TEST_WORK_FACTOR=1.05")
#   TB_ROUNDS      rounds first (default 10: the fewest for p < 0.01 paired)
#   TB_ROUND_STEP  rounds added while undecided (default 10)
#   TB_MAX_ROUNDS  at most (default 40)
#   TB_AB_PIN      the CPU both sides run on (default 0): the two sides of a
#                  round share it, so neither gets the quieter CPU
#   TB_AB_DIR      where the two sides are kept (default: a temporary directory);
#                  TB_OLD_NAME / TB_NEW_NAME their baseline names (old, new)
#   TB_COMPARE_ARGS  extra `tbench compare` options (--markdown FILE, --csv FILE, ...)
#   gate-ab.sh [tbench run arguments: the selection, e.g. spin --size 10000]
# Defaults added to the run arguments: --samples 100 --min-sample-time 100us
# (short samples: a time slice lost to another process spoils few).
# Exit: tbench compare's status (0 no slower case, 1 slower, 2 bad input),
# 1 when a verification failed, 2 when a run fails.  The last line on
# stdout says the rounds used.
case ${1:-} in # the header above is the help
-h | --help) sed -n '2,/^case \${1:-} in # the header/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/find-tbench.sh"
num() { # num NAME VALUE MIN MAX
	case $2 in '' | *[!0-9]*) bad=1 ;; *) bad=$(($2 < $3 || $2 > $4)) ;; esac
	[ "$bad" = 0 ] || { echo "gate-ab: invalid $1 '$2': expected a whole number from $3 to $4" >&2; exit 2; }
}
rounds=${TB_ROUNDS:-10} step=${TB_ROUND_STEP:-10} max=${TB_MAX_ROUNDS:-40}
pin=${TB_AB_PIN:-0}
num TB_ROUNDS "$rounds" 1 1000
num TB_ROUND_STEP "$step" 1 1000
num TB_MAX_ROUNDS "$max" "$rounds" 1000
num TB_AB_PIN "$pin" 0 65535
if [ -z "${TBENCH:-}" ] && { [ -z "${TB_OLD_TBENCH:-}" ] || [ -z "${TB_NEW_TBENCH:-}" ]; }; then
	TBENCH=$(tb_default_tbench "$here") || { echo "gate-ab: no tbench found (set TBENCH)" >&2; exit 2; }
fi
old_tb=${TB_OLD_TBENCH:-$TBENCH} new_tb=${TB_NEW_TBENCH:-$TBENCH}
read -r -a old_args <<<"${TB_OLD_ARGS:-}"
read -r -a new_args <<<"${TB_NEW_ARGS:-}"
read -r -a old_env <<<"${TB_OLD_ENV:-}"
read -r -a new_env <<<"${TB_NEW_ENV:-}"
read -r -a cmp_args <<<"${TB_COMPARE_ARGS:-}"
old=${TB_OLD_NAME:-old} new=${TB_NEW_NAME:-new}
if [ -n "${TB_AB_DIR:-}" ]; then
	dir=$TB_AB_DIR
	mkdir -p "$dir"
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
export TBENCH_BASELINE_DIR=$dir
rm -rf "${dir:?}/$old" "${dir:?}/$new"
run_args=(--samples 100 --min-sample-time 100us --pin="$pin" "$@")

rm -f "$dir/o2n" "$dir/n2o"
mkfifo "$dir/o2n" "$dir/n2o"
# a base revision from before `run --turns` takes its rounds in ABBA order
turns=1
for tb in "$old_tb" "$new_tb"; do
	"$tb" run --help 2>/dev/null | grep -- '--turns' >/dev/null || turns=0
done
[ $turns = 1 ] || echo "gate-ab: a binary has no 'run --turns': the sides of a round run one after the other" >&2

side() { # side TBENCH NAME TURNS [extra args]: in the background, with the side's environment
	local tb=$1 name=$2 t=() e=("${old_env[@]}")
	[ $turns = 1 ] && t=(--turns "$3")
	[ "$name" = "$new" ] && e=("${new_env[@]}")
	shift 3
	env "${e[@]}" "$tb" run "${run_args[@]}" "$@" -q "${t[@]}" --save-baseline "$name" --append \
		>/dev/null 2>"$dir/err.$name" &
	[ $turns = 1 ] || wait $! # one after the other
}

# rounds from+1 .. to: both sides at once, taking turns; odd rounds old first
measure() {
	for r in $(seq $(($1 + 1)) "$2"); do
		local po=$((2 - r % 2)) pn=$((1 + r % 2)) p1 p2 rc1=0 rc2=0
		if [ "$po" = 1 ]; then
			side "$old_tb" "$old" "$dir/n2o,$dir/o2n,$po" "${old_args[@]}" || rc1=$?
			p1=$!
			side "$new_tb" "$new" "$dir/o2n,$dir/n2o,$pn" "${new_args[@]}" || rc2=$?
			p2=$!
		else
			side "$new_tb" "$new" "$dir/o2n,$dir/n2o,$pn" "${new_args[@]}" || rc2=$?
			p2=$!
			side "$old_tb" "$old" "$dir/n2o,$dir/o2n,$po" "${old_args[@]}" || rc1=$?
			p1=$!
		fi
		[ $turns = 1 ] && { wait "$p1" || rc1=$?; wait "$p2" || rc2=$?; }
		if [ $rc1 -gt 1 ] || [ $rc2 -gt 1 ]; then
			echo "gate-ab: tbench run failed in round $r:" >&2
			cat "$dir/err.$old" "$dir/err.$new" >&2
			exit 2
		fi
		if [ $rc1 -eq 1 ] || [ $rc2 -eq 1 ]; then # a failed verification: said, and exit 1
			[ $verify = 1 ] || cat "$dir/err.$old" "$dir/err.$new" >&2
			verify=1
		fi
	done
}

# any case undecided: unchanged or too few, with the interval reaching past
# the threshold, or no interval at all
undecided() {
	awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		($c["verdict"] == "unchanged" || $c["verdict"] == "too-few-samples") &&
		($c["ci_high"] == "" || $c["ci_high"] + 0 >= 1 + $c["threshold"]) { u = 1 }
		END { exit !u }' "$1"
}

done_rounds=0 verify=0
while :; do
	measure "$done_rounds" "$rounds"
	done_rounds=$rounds
	set +e
	"$new_tb" compare "$old" "$new" --csv "$dir/ab.csv" "${cmp_args[@]}" >"$dir/out" 2>"$dir/cerr"
	rc=$?
	set -e
	if [ $rc -le 1 ] && [ "$rounds" -lt "$max" ] && undecided "$dir/ab.csv"; then
		rounds=$((rounds + step > max ? max : rounds + step))
		continue
	fi
	break
done
cat "$dir/out"
cat "$dir/cerr" >&2
echo "gate-ab: $done_rounds rounds a side"
[ $rc -eq 0 ] && [ $verify = 1 ] && rc=1
exit $rc
