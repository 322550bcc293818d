#!/usr/bin/env bash
# t1302-history-pg.sh - the results history in a real PostgreSQL server the
# test starts itself (a throwaway cluster in a temporary directory, on a
# Unix socket there, run as an unprivileged user; stopped at the end, also
# on failure): the +10% step at run 12 is named and fails the check, an A/A
# history passes, show and check print what they print for SQLite,
# concurrent writers (creating the schema included) all land, a failing
# write is rolled back, a foreign or newer schema is refused.
# SKIP (77) only where PostgreSQL's server is not installed.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null; then
	echo "SKIP: PostgreSQL's server is not installed (scripts/deps.sh test installs postgresql)"
	exit 77
fi
pg=$(mktemp -d /tmp/tbench-pg.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then # the server refuses to run as root
	chown nobody "$pg"
	as=(runuser -u nobody --)
fi
stop_pg() {
	"${as[@]}" "$PGBIN/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$pg" "$T"
}
trap stop_pg EXIT
if ! "${as[@]}" "$PGBIN/initdb" -D "$pg/data" -A trust -U tbench >"$pg/initdb.log" 2>&1 ||
	! "${as[@]}" "$PGBIN/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w -t 60 \
		-o "-k $pg -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1; then
	echo "not ok - the throwaway PostgreSQL server did not start"
	tail -5 "$pg/initdb.log" "$pg/server.log" 2>/dev/null
	exit 1
fi
url() { echo "postgresql://tbench@/$1?host=$pg"; }
sql() { psql -qAt "$(url "$1")" -c "$2"; }
for db in step aa conc alien newer otherapp; do sql postgres "CREATE DATABASE $db"; done
ok "a throwaway PostgreSQL server runs on $pg"

record() { # record OUTDIR WHERE
	local f k=0
	for f in "$1"/run*.json; do
		k=$((k + 1))
		"$TBENCH" history add "$f" --history-db "$2" --commit "$(printf c%02d $k)" \
			--branch main -q || return 1
	done
}
$PY "$TB_SRC/tests/cli/history_synth.py" step --runs 20 --step 12:1.10 --sd 0.01 --seed 5
$PY "$TB_SRC/tests/cli/history_synth.py" aa --runs 20 --sd 0.01 --seed 7
check "twenty runs with a step recorded in PostgreSQL" 'record step "$(url step)"'
check "the same runs recorded in SQLite" 'record step step.db'
expect_status "check finds the step and fails" 1 "$TBENCH" history check --history-db "$(url step)"
check "the change starts at run 12, commit c12" \
	'grep -E "from #12 \(run [0-9]+, commit c12, main" "$T/out" | grep -q "slower +1[0-9]\.[0-9]%"'
grep -v "^history check of" "$T/out" >check.pg
"$TBENCH" history check --history-db step.db | grep -v "^history check of" >check.sqlite
check "check says the same as for SQLite" 'diff check.pg check.sqlite'
"$TBENCH" history show --history-db "$(url step)" >show.pg
"$TBENCH" history show --history-db step.db >show.sqlite
check "show prints the same as for SQLite" 'diff show.pg show.sqlite'
check "the password is never printed" \
	'! "$TBENCH" history show --history-db "postgresql://tbench:s3cret@/step?host=/nonexistent" 2>&1 | grep -q s3cret'
check "an A/A history recorded" 'record aa "$(url aa)"'
expect_status "A/A: check passes" 0 "$TBENCH" history check --history-db "$(url aa)"
check "A/A: no change point" 'grep -q "3 series: 3 without a change point" "$T/out"'
expect_status "report --html from PostgreSQL" 0 "$TBENCH" history report \
	--history-db "$(url step)" --html pg.html
check "the report marks the change" 'grep -q "class=\"ref cp slower\"" pg.html'

# eight writers at once, into a database without the schema yet
$PY "$TB_SRC/tests/cli/history_synth.py" runs --runs 8 --seed 2
pids=()
for k in 1 2 3 4 5 6 7 8; do
	"$TBENCH" history add runs/run0$k.json --history-db "$(url conc)" --commit "w$k" -q 2>"err$k" &
	pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
check "eight concurrent writers all succeed" '[ "$fails" -eq 0 ] && ! grep -q . err[1-8]'
check "eight runs, 24 results, one schema row" \
	'[ "$(sql conc "select count(*) from tbench_runs")" = 8 ] && [ "$(sql conc "select count(*) from tbench_results")" = 24 ] && [ "$(sql conc "select count(*) from tbench_schema")" = 1 ]'

# a write that fails after its first rows leaves nothing
sql conc "CREATE FUNCTION boom() RETURNS trigger AS \$\$ BEGIN IF NEW.family = 'add' THEN
	RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \$\$ LANGUAGE plpgsql;
	CREATE TRIGGER boom BEFORE INSERT ON tbench_results FOR EACH ROW EXECUTE FUNCTION boom()"
expect_status "a failing write is a write error (exit 3)" 3 "$TBENCH" history add runs/run01.json \
	--history-db "$(url conc)" --commit x1
check "...named in one line" 'grep -q boom "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]'
check "and rolled back" '[ "$(sql conc "select count(*) from tbench_runs")" = 8 ] && [ "$(sql conc "select count(*) from tbench_results")" = 24 ]'

# refusals: one line, exit 2, nothing changed
sql alien "CREATE TABLE tbench_runs (x TEXT)"
expect_usage "a foreign table of our name: add" "not a tbench history" "$TBENCH" history add \
	runs/run01.json --history-db "$(url alien)" --commit r
check "...nothing was created" '[ "$(sql alien "select count(*) from information_schema.tables where table_schema = current_schema()")" = 1 ]'
expect_usage "a foreign table of our name: show" "not a tbench history" "$TBENCH" history show \
	--history-db "$(url alien)"
record runs "$(url newer)" >/dev/null
sql newer "INSERT INTO tbench_schema VALUES ('tbench-history', 99, 'later')"
expect_usage "a newer schema: add" "newer than the 1" "$TBENCH" history add runs/run01.json \
	--history-db "$(url newer)" --commit r
expect_usage "a newer schema: check" "newer than the 1" "$TBENCH" history check \
	--history-db "$(url newer)"
record runs "$(url otherapp)" >/dev/null
sql otherapp "UPDATE tbench_schema SET app = 'someone-else'"
expect_usage "another application's schema table" "another application's database" \
	"$TBENCH" history show --history-db "$(url otherapp)"
expect_usage "an empty database: show" "no history recorded" "$TBENCH" history show \
	--history-db "$(url postgres)"
expect_usage "a server that is not there" "cannot connect" "$TBENCH" history show \
	--history-db "postgresql://tbench@/x?host=/nonexistent"
finish
