#!/usr/bin/env bash
# ci-regression.sh - the CI regression gate in one step: build, run the
# suite against the saved baseline, write the Markdown summary, fail (exit 1)
# on a slower case, and refresh the baseline on the main branch.
#
# The baseline directory must survive between CI jobs: restore it from the
# CI cache before this script and save it after (see README, "The CI
# recipe").  Settings (environment):
#   TBENCH_BASELINE_DIR  where baselines live (default .tbench/baselines)
#   TB_BASELINE          baseline name (default main)
#   TB_MAIN_BRANCH       the branch whose runs refresh the baseline (default main)
#   TB_BRANCH            this job's branch (default: $GITHUB_REF_NAME,
#                        $CI_COMMIT_BRANCH, or git's current branch)
#   TB_RESULTS           where results go (default results/)
#   TB_SUMMARY           Markdown summary (default $GITHUB_STEP_SUMMARY when
#                        set, else $TB_RESULTS/gate.md)
#   TB_ROUNDS            runs of the suite pooled into one result set (default
#                        1).  With N > 1 the suite runs N times into the
#                        baseline NAME-candidate (--append), is compared with
#                        `tbench compare`, which then resamples whole runs,
#                        and on main replaces the baseline: both sides carry
#                        the run-to-run spread of a shared runner (the method
#                        scripts/gate-selftest.sh proves).
#   TBENCH               a tbench binary to use (default: install the build
#                        dependencies and build ./build)
# Extra arguments go to `tbench run` (default: the default suite with
# --min-sample-time 100us, which a shared runner disturbs least).
# Exit: 0 no regression, 1 a slower case (or a failed verification),
# 2 bad usage or a damaged baseline.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rounds=${TB_ROUNDS:-1}
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
