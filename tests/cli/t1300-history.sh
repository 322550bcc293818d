#!/usr/bin/env bash
# t1300-history.sh - the results history in SQLite, end to end: twenty
# recorded runs with a +10% step at run 12 make `history check` name run 12
# (its commit) and exit 1; an A/A history of twenty runs reports no change;
# a drift is seen; `history show` prints the series (sparkline only on a
# terminal); `history report --html` marks the change; `run --history`
# records a real run; bad input is one line and exit 2.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
SYNTH="$TB_SRC/tests/cli/history_synth.py"

# record OUTDIR DB: add every run of OUTDIR in order, commit cNN, branch main
record() {
	local f k=0
	for f in "$1"/run*.json; do
		k=$((k + 1))
		"$TBENCH" history add "$f" --history-db "$2" --commit "$(printf c%02d $k)" \
			--branch main -q || return 1
	done
}

$PY "$SYNTH" step --runs 20 --step 12:1.10 --sd 0.01 --seed 5
check "twenty runs with a step recorded" 'record step step.db'
expect_status "check finds the step and fails" 1 "$TBENCH" history check --history-db step.db
check "the change starts at run 12, commit c12" \
	'grep -E "from #12 \(run [0-9]+, commit c12, main" "$T/out" | grep -q "slower +1[0-9]\.[0-9]%"'
check "a step is no drift" '! grep -q "drift:" "$T/out"'
check "the verdict names the slowed case" \
	'grep -q "SLOWER scale/avx2/outofplace/1000x1000/1 on .*from #12 (commit c12)" "$T/out"'
check "the steady cases report no change" \
	'! grep -q "^scale/scalar\|^add/avx2" "$T/out" && grep -q "3 series: 2 without a change point" "$T/out"'
expect_status "a 15% threshold lets the 10% step pass" 0 "$TBENCH" history check --history-db step.db \
	--threshold 15
check "the change is still reported, within the threshold" 'grep -q "within the 15% threshold" "$T/out"'
expect_status "a per-family threshold applies to its family" 0 "$TBENCH" history check \
	--history-db step.db --threshold scale/avx2=20
expect_status "the newest 9 runs, all after the step, hold no change" 0 "$TBENCH" history check \
	--history-db step.db --filter 'scale/avx2' --last 9
check "...and the series is judged on those runs only" 'grep -q "1 series: 1 without" "$T/out"'

$PY "$SYNTH" aa --runs 20 --sd 0.01 --seed 7
check "an A/A history recorded" 'record aa aa.db'
expect_status "A/A: check passes" 0 "$TBENCH" history check --history-db aa.db
check "A/A: no change point in any series" 'grep -q "3 series: 3 without a change point (0 of them too short to judge), 0 with" "$T/out"'

$PY "$SYNTH" drift --runs 30 --drift 0.01 --sd 0.005 --seed 3
check "a drifting history recorded" 'record drift drift.db'
expect_status "drift: check fails" 1 "$TBENCH" history check --history-db drift.db
check "drift: changes upwards and a trend of about +1% per run" \
	'grep -q "slower" "$T/out" && ! grep -q "faster" "$T/out" && grep -Eq "drift: \+(0\.9|1\.0|1\.1)[0-9]% per run" "$T/out"'

# show: the series, oldest first, plain when not a terminal
expect_status "show" 0 "$TBENCH" history show --history-db step.db --filter scale/avx2
check "show prints 20 runs of the case with commits and CIs" \
	'[ "$(grep -c "^ *[0-9]\+ \+[0-9]\+  c[0-9][0-9] " "$T/out")" -eq 20 ] && grep -q "scale/avx2/outofplace/1000x1000/1  time per call, 20 runs" "$T/out" && grep -q "µs – " "$T/out"'
check "no sparkline when not a terminal" '! grep -q "▁\|█" "$T/out"'
expect_status "show --last 5 --sparkline" 0 "$TBENCH" history show --history-db step.db --last 5 --sparkline
check "five runs per series and a sparkline" \
	'grep -q "3 runs\|5 runs" "$T/out" && [ "$(grep -c "^ *[0-9]\+ \+[0-9]\+  c[0-9][0-9] " "$T/out")" -eq 15 ] && grep -q "█" "$T/out"'
if script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$TBENCH' history show --history-db step.db --filter add" /dev/null >tty.txt 2>&1
	check "a sparkline on a terminal" 'grep -q "█" tty.txt'
	NO_COLOR=1 script -qec "'$TBENCH' history show --history-db step.db --filter add" /dev/null >tty2.txt 2>&1
	check "NO_COLOR: plain on a terminal too" '! grep -q "█" tty2.txt && grep -q "add/avx2" tty2.txt'
else
	echo "SKIP terminal sparkline check: script(1) cannot run here"
fi
mid=$(grep -o "machine [0-9a-f]\{16\}" "$T/out" | head -1 | cut -c9-)
expect_status "show --machine by a prefix of the id" 0 "$TBENCH" history show --history-db step.db \
	--machine "${mid:0:6}" --filter add
expect_usage "show for another machine" "no recorded series" "$TBENCH" history show \
	--history-db step.db --machine 0123
expect_usage "show a branch never recorded" "no recorded series" "$TBENCH" history show \
	--history-db step.db --branch nope

# the HTML trend report marks the change point
expect_status "report --html" 0 "$TBENCH" history report --history-db step.db --html trend.html \
	--name '<b>"trend"</b>'
check "the report has a chart per series and marks the slowdown" \
	'[ "$(grep -c "<svg class=\"plot\"" trend.html)" -eq 3 ] && grep -q "class=\"ref cp slower\"" trend.html && grep -q "#12 +1[0-9]\.[0-9]%" trend.html'
check "the report is self-contained and escapes the title" \
	'! grep -Eiq "(https?|ftp):|<link|<img|src=" trend.html && grep -qF "&lt;b&gt;&quot;trend&quot;&lt;/b&gt;" trend.html'
if $PY -c 'import html5lib' 2>/dev/null; then
	check "the report parses strictly (html5lib)" '$PY -c "import html5lib; html5lib.HTMLParser(strict=True).parse(open(\"trend.html\",\"rb\"))"'
fi

# a real run recorded with --history, read back
expect_status "run --history" 0 "$TBENCH" run null spin --samples 5 --warmup 1 --warmup-time 1ms \
	--min-sample-time 50us --history --history-db real.db
check "run says where it recorded" 'grep -q "recorded as run 1 in the history real.db" "$T/out"'
expect_status "show the real run" 0 "$TBENCH" history show --history-db real.db
check "the real cases are there" 'grep -q "null/empty/-/1/1" "$T/out" && grep -q "spin/chain/-/10000/1" "$T/out"'
mkdir -p git && (cd git && git init -q && git -c user.email=t@t -c user.name=t commit -q --allow-empty -m x)
sha=$(git -C git rev-parse HEAD)
(cd git && "$TBENCH" history add ../step/run01.json --history-db ../git.db -q)
check "history add takes the commit and branch from git" \
	'"$TBENCH" history show --history-db git.db --filter add | grep -q " ${sha:0:12} *\(master\|main\) "'
TBENCH_HISTORY_DB=env.db "$TBENCH" history add step/run02.json --commit e1 -q
check "TBENCH_HISTORY_DB names the store" '[ -s env.db ]'
mkdir -p dflt && (cd dflt && "$TBENCH" history add ../step/run02.json --commit d1 -q)
check "the default store is .tbench/history.db" '[ -s dflt/.tbench/history.db ]'

# bad input: one line, exit 2, nothing recorded
expect_usage "history without a command" "no command given" "$TBENCH" history
expect_usage "unknown history command" "unknown history command 'frob'" "$TBENCH" history frob
expect_usage "add without a file" "no results file" "$TBENCH" history add --history-db bad.db
expect_usage "add two files" "one results file per run" "$TBENCH" history add step/run01.json \
	step/run02.json --history-db bad.db
expect_usage "add a missing file" "nosuch.json" "$TBENCH" history add nosuch.json --history-db bad.db
expect_usage "add with a bad time" "invalid time '2024-13-01'" "$TBENCH" history add step/run01.json \
	--commit x --time 2024-13-01 --history-db bad.db
expect_usage "add with a bad commit" "invalid commit 'a b'" "$TBENCH" history add step/run01.json \
	--commit 'a b' --history-db bad.db
expect_usage "add with a control character in the branch" "invalid branch" "$TBENCH" history add \
	step/run01.json --commit x --branch $'a\tb' --history-db bad.db
check "nothing was created by the refused adds" '[ ! -e bad.db ]'
expect_usage "show without a history" "no history at 'none.db'" "$TBENCH" history show --history-db none.db
check "show did not create it" '[ ! -e none.db ]'
expect_usage "check --last 0" "invalid --last '0'" "$TBENCH" history check --history-db step.db --last 0
expect_usage "check --last beyond the detector" "at most 1000 runs" "$TBENCH" history check \
	--history-db step.db --last 5000
expect_usage "check --significance 2" "invalid --significance" "$TBENCH" history check \
	--history-db step.db --significance 2
expect_usage "check --min-size 1" "invalid --min-size" "$TBENCH" history check --history-db step.db \
	--min-size 1
expect_usage "check --machine not hex" "invalid --machine 'xyz'" "$TBENCH" history check \
	--history-db step.db --machine xyz
expect_usage "report without --html" "no output given" "$TBENCH" history report --history-db step.db
expect_usage "report to a bad path" "/nonexistent/dir/t.html" "$TBENCH" history report \
	--history-db step.db --html /nonexistent/dir/t.html
expect_usage "report --html on check is unknown" "unknown option" "$TBENCH" history check \
	--history-db step.db --html x.html
check "no stray temporary files" '! ls -a | grep -q "\.tmp"'
finish
