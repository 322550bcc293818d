#!/usr/bin/env bash
# ci-regression.sh - the CI regression gate in one step.  Two modes:
#
# A/B (the gate; what scripts/gate-selftest.sh proves): with TB_BASE_REF (a
# git revision: the pull request's base, or the commit before a push) the
# base revision is built beside this one and both are measured in one job,
# in rounds that take turns sample by sample (scripts/gate-ab.sh); exit 1 on
# a slower case.  TB_BASE_TBENCH=path gives a base binary instead of a
# revision.  No baseline needs to be kept between jobs.
#
# Stored baseline (a trend check): without a base, the suite runs TB_ROUNDS
# times against the baseline saved by an earlier job, which must survive
# between jobs (restore it from the CI cache before this script and save it
# after), and the main branch refreshes it.  Runs of different jobs may
# land on different machines and loads: the A/B mode is the one to gate on.
# Settings (environment):
#   TBENCH_BASELINE_DIR  where baselines live (default .tbench/baselines)
#   TB_BASELINE          baseline name (default main)
#   TB_MAIN_BRANCH       the branch whose runs refresh the baseline (default main)
#   TB_BRANCH            this job's branch (default: $GITHUB_REF_NAME,
#                        $CI_COMMIT_BRANCH, or git's current branch)
#   TB_RESULTS           where results go (default results/)
#   TB_SUMMARY           Markdown summary (default $GITHUB_STEP_SUMMARY when
#                        set, else $TB_RESULTS/gate.md)
#   TB_BASE_REF          A/B mode: the base revision to build and compare with
#   TB_BASE_TBENCH       A/B mode: a base tbench binary (instead of TB_BASE_REF)
#   TB_ROUNDS            A/B: rounds first (gate-ab.sh, default 10, more while
#                        undecided up to TB_MAX_ROUNDS, default 40).  Stored
#                        baseline: runs of the suite pooled into one result set
#                        (default 10): the suite runs N times into the baseline
#                        NAME-candidate (--append), is compared with `tbench
#                        compare`, which then compares run by run, and on main
#                        replaces the baseline.
#   TBENCH               a tbench binary to use (default: install the build
#                        dependencies and build ./build)
# Extra arguments go to `tbench run` (default: the default suite with
# --min-sample-time 100us, which a shared runner disturbs least).
# Exit: 0 no regression, 1 a slower case (or a failed verification),
# 2 bad usage or a damaged baseline, 3 an output could not be written.
case ${1:-} in # the header above is the help
-h | --help) sed -n '2,/^case \${1:-} in # the header/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
esac
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${TB_ROUNDS:-10}
case $rounds in
'' | *[!0-9]* | 0) echo "ci-regression: invalid TB_ROUNDS '$rounds': expected a whole number from 1 to 100" >&2; exit 2 ;;
esac
[ "$rounds" -le 100 ] || { echo "ci-regression: invalid TB_ROUNDS '$rounds': expected a whole number from 1 to 100" >&2; exit 2; }
if [ -n "${TBENCH:-}" ]; then
	tbench=$TBENCH
else
	"$root/scripts/deps.sh" build >&2
	tbench=$("$root/scripts/build.sh" release | tail -1)/tbench
fi
export TBENCH_BASELINE_DIR=${TBENCH_BASELINE_DIR:-.tbench/baselines}
name=${TB_BASELINE:-main}
main=${TB_MAIN_BRANCH:-main}
branch=${TB_BRANCH:-${GITHUB_REF_NAME:-${CI_COMMIT_BRANCH:-$(git -C "$root" rev-parse --abbrev-ref HEAD 2>/dev/null || echo unknown)}}}
out=${TB_RESULTS:-results}
summary=${TB_SUMMARY:-${GITHUB_STEP_SUMMARY:-$out/gate.md}}
mkdir -p "$out" "$(dirname "$summary")"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--min-sample-time 100us)

# the base binary of the A/B mode: given, or built from TB_BASE_REF
base=${TB_BASE_TBENCH:-}
if [ -z "$base" ] && [ -n "${TB_BASE_REF:-}" ]; then
	bsrc=$(mktemp -d)
	cleanup_base() { git -C "$root" worktree remove --force "$bsrc/src" >/dev/null 2>&1 || true; rm -rf "$bsrc"; }
	trap cleanup_base EXIT
	git -C "$root" worktree add --detach "$bsrc/src" "$TB_BASE_REF" >"$bsrc/log" 2>&1 ||
		{ echo "ci-regression: cannot check out TB_BASE_REF '$TB_BASE_REF': $(tail -1 "$bsrc/log")" >&2; exit 2; }
	echo "ci-regression: building the base revision $TB_BASE_REF" >&2
	base=$("$bsrc/src/scripts/build.sh" release | tail -1)/tbench
fi
# publish the Markdown summary, say what happened, exit with tbench's status
finish() {
	if [ "$summary" != "$out/gate.md" ] && [ -f "$out/gate.md" ]; then
		cat "$out/gate.md" >>"$summary"
	fi
	case $1 in
	0) echo "ci-regression: no regression" >&2 ;;
	1) echo "ci-regression: REGRESSION (or a failed verification): see $summary" >&2 ;;
	*) echo "ci-regression: tbench failed (exit $1)" >&2 ;;
	esac
	exit "$1"
}

if [ -n "$base" ]; then
	# A/B: both revisions in this job, in rounds taking turns (gate-ab.sh)
	[ -x "$base" ] || { echo "ci-regression: TB_BASE_TBENCH '$base' is not an executable" >&2; exit 2; }
	echo "ci-regression: comparing with the base ${TB_BASE_REF:-$base} in rounds (scripts/gate-ab.sh)" >&2
	set +e
	TB_OLD_TBENCH=$base TB_NEW_TBENCH=$tbench TB_OLD_NAME=base TB_NEW_NAME=head TB_AB_DIR=$out/ab \
		TB_ROUNDS=${TB_ROUNDS:-10} TB_COMPARE_ARGS="--markdown $out/gate.md" \
		"$root/scripts/gate-ab.sh" "${args[@]}"
	rc=$?
	set -e
	[ -f "$out/ab/head/summary.csv" ] && cp "$out/ab/head/summary.csv" "$out/ab/head/samples.csv" "$out/"
	finish $rc
fi

if [ "$rounds" -gt 1 ]; then
	# N runs pooled into NAME-candidate, compared as a whole, promoted on main
	cand=$name-candidate
	rm -rf "${TBENCH_BASELINE_DIR:?}/$cand"
	verify=0
	for r in $(seq 1 "$rounds"); do
		echo "ci-regression: round $r/$rounds" >&2
		set +e
		"$tbench" run "${args[@]}" -q --name "$branch" --save-baseline "$cand" --append
		rc=$?
		set -e
		[ $rc -le 1 ] || { echo "ci-regression: tbench failed (exit $rc)" >&2; exit $rc; }
		[ $rc -eq 0 ] || verify=1
	done
	cp "$TBENCH_BASELINE_DIR/$cand/summary.csv" "$out/summary.csv"
	cp "$TBENCH_BASELINE_DIR/$cand/samples.csv" "$out/samples.csv"
	rc=0
	if [ -d "$TBENCH_BASELINE_DIR/$name" ]; then
		echo "ci-regression: comparing $rounds pooled runs with baseline '$name' in $TBENCH_BASELINE_DIR" >&2
		set +e
		"$tbench" compare "$name" "$cand" --markdown "$out/gate.md"
		rc=$?
		set -e
	else
		echo "ci-regression: no baseline '$name' yet: this run only measures" >&2
	fi
	[ $rc -eq 0 ] && [ $verify -eq 1 ] && rc=1
	if [ "$branch" = "$main" ] && [ $rc -le 1 ]; then
		old=$TBENCH_BASELINE_DIR/.replaced-$$
		[ -d "$TBENCH_BASELINE_DIR/$name" ] && mv "$TBENCH_BASELINE_DIR/$name" "$old"
		mv "$TBENCH_BASELINE_DIR/$cand" "$TBENCH_BASELINE_DIR/$name"
		rm -rf "$old"
	else
		rm -rf "${TBENCH_BASELINE_DIR:?}/$cand"
	fi
	finish $rc
fi

run=("$tbench" run "${args[@]}" --csv "$out/summary.csv" --samples-csv "$out/samples.csv"
	--markdown "$out/gate.md" --name "$branch")
if [ -d "$TBENCH_BASELINE_DIR/$name" ]; then
	run+=(--baseline "$name")
	echo "ci-regression: comparing with baseline '$name' in $TBENCH_BASELINE_DIR" >&2
else
	echo "ci-regression: no baseline '$name' yet: this run only measures" >&2
fi
if [ "$branch" = "$main" ]; then
	# main defines the reference: refresh the baseline after comparing
	run+=(--save-baseline "$name")
fi
set +e
"${run[@]}"
rc=$?
set -e
finish $rc
