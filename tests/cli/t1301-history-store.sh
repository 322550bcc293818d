#!/usr/bin/env bash
# t1301-history-store.sh - the SQLite history store: concurrent writers
# (creating the database included) all land; a write that fails half-way
# leaves nothing behind; a damaged, foreign, newer or truncated database is
# refused with one line and exit 2 and left as it was.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if ! command -v sqlite3 >/dev/null; then
	echo "SKIP: the sqlite3 command-line tool is missing (scripts/deps.sh test installs it)"
	exit 77
fi
$PY "$TB_SRC/tests/cli/history_synth.py" runs --runs 8 --seed 2

# eight writers at once into a database none of them found
pids=()
for k in 1 2 3 4 5 6 7 8; do
	"$TBENCH" history add runs/run0$k.json --history-db conc.db --commit "w$k" --branch main -q \
		2>"err$k" &
	pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
check "eight concurrent writers all succeed" '[ "$fails" -eq 0 ] && ! grep -q . err[1-8]'
check "eight runs and 24 results, one schema row" \
	'[ "$(sqlite3 conc.db "select count(*) from tbench_runs")" = 8 ] && [ "$(sqlite3 conc.db "select count(*) from tbench_results")" = 24 ] && [ "$(sqlite3 conc.db "select count(*) from tbench_schema")" = 1 ]'
check "the database is intact" '[ "$(sqlite3 conc.db "pragma integrity_check")" = ok ]'
expect_status "and reads back" 0 "$TBENCH" history show --history-db conc.db --filter add
check "with every writer's run" '[ "$(grep -c " w[1-8] " "$T/out")" -eq 8 ]'

# a write that fails after its first rows: nothing of it stays
sqlite3 conc.db "CREATE TRIGGER boom BEFORE INSERT ON tbench_results WHEN NEW.family = 'add'
	BEGIN SELECT RAISE(ABORT, 'boom'); END;"
expect_status "a failing write is a write error (exit 3)" 3 "$TBENCH" history add runs/run01.json \
	--history-db conc.db --commit x1
check "...named in one line" 'grep -q boom "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]'
check "and rolled back: still eight runs, 24 results" \
	'[ "$(sqlite3 conc.db "select count(*) from tbench_runs")" = 8 ] && [ "$(sqlite3 conc.db "select count(*) from tbench_results")" = 24 ]'
sqlite3 conc.db "DROP TRIGGER boom"

# results that hold one case twice cannot be keyed: refused before writing
$PY - <<'EOF'
import json
d = json.load(open("runs/run01.json"))
d["cases"].append(d["cases"][0])
json.dump(d, open("twice.json", "w"))
EOF
if "$TBENCH" report twice.json -q 2>/dev/null; then
	expect_usage "a case twice is refused" "twice" "$TBENCH" history add twice.json \
		--history-db conc.db --commit x2
	check "nothing recorded" '[ "$(sqlite3 conc.db "select count(*) from tbench_runs")" = 8 ]'
fi

# refusals: one line, exit 2, the file untouched
refuse() { # refuse DESC NEEDLE DB
	local db=$3 sum; sum=$(sha256sum "$db")
	expect_usage "$1: add" "$2" "$TBENCH" history add runs/run01.json --history-db "$db" --commit r
	expect_usage "$1: show" "$2" "$TBENCH" history show --history-db "$db"
	expect_usage "$1: check" "$2" "$TBENCH" history check --history-db "$db"
	check "$1: left as it was" '[ "$(sha256sum "$db")" = "$sum" ] && [ ! -e "$db-wal" ]'
}
head -c 5000 /dev/urandom >garbage.db
refuse "not a database" "not an SQLite database" garbage.db
printf 'just text\n' >text.db
refuse "a text file" "refusing it" text.db
sqlite3 foreign.db "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine')"
refuse "another application's SQLite database" "not a tbench history" foreign.db
cp conc.db newer.db
sqlite3 newer.db "INSERT INTO tbench_schema VALUES ('tbench-history', 99, 'later')"
refuse "a newer schema" "schema version 99, newer than the 1" newer.db
cp conc.db otherapp.db
sqlite3 otherapp.db "UPDATE tbench_schema SET app = 'someone-else'"
refuse "another application's schema table" "another application's database" otherapp.db
cp conc.db notable.db
sqlite3 notable.db "DROP TABLE tbench_results"
refuse "a missing table" "damaged" notable.db
cp conc.db trunc.db
sqlite3 trunc.db "PRAGMA journal_mode=DELETE" >/dev/null
size=$(stat -c %s trunc.db)
truncate -s $((size / 2)) trunc.db
refuse "a truncated database" "damaged" trunc.db
mkdir dir.db
expect_usage "a directory" "not a regular file" "$TBENCH" history add runs/run01.json \
	--history-db dir.db --commit r
# a store that cannot be written is a write error (exit 3), not bad input
touch plainfile
expect_status "a history under a regular file: exit 3" 3 "$TBENCH" history add runs/run01.json \
	--history-db plainfile/h.db --commit r
expect_status "run --history with it: exit 3 before running" 3 "$TBENCH" run spin --samples 3 \
	--history-db plainfile/h.db --csv never.csv
expect_usage "run --history refuses a foreign store before running" "not a tbench history" \
	"$TBENCH" run spin --samples 3 --history-db foreign.db --csv never.csv
check "...and wrote nothing" '[ ! -e never.csv ]'
finish
