#!/usr/bin/env bash
# bench.sh - quick start 1: install what is missing, build (Release), run the
# default benchmark suite, and write the reports to results/ (CSV summary,
# raw samples, HTML when the build supports it).  Extra arguments go to
# `tbench run`.  Works from any directory; safe to run again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh" build
dir=$("$root/scripts/build.sh" release | tail -1)
out=${TB_RESULTS:-$root/results}
mkdir -p "$out"
args=(--csv "$out/summary.csv" --samples-csv "$out/samples.csv")
if "$dir/tbench" run --help | grep -q -- '--html'; then
	args+=(--html "$out/report.html")
fi
"$dir/tbench" run "${args[@]}" "$@"
echo "reports written to $out"
