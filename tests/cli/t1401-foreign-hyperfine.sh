#!/usr/bin/env bash
# t1401-foreign-hyperfine.sh - hyperfine --export-json through the gate,
# with Debian's hyperfine: two exports of the same command exit 0; a
# command that sleeps 10% longer (same --command-name) exits 1 naming it;
# parameter scans, user/system metrics, failed runs, malformed files.
# The commands sleep, and hyperfine runs under SCHED_FIFO where allowed
# (chrt -f 1; a sleeping process takes no CPU from anyone): on this shared
# 2-CPU VM at load 13 a plain sleep 0.2 woke up to 9 ms late (CV 3%), under
# chrt 0.2% - a 10% change is then unmistakable.  Each timing pair still
# gets three attempts; a broken reader or gate fails all three.
. "$(dirname "$0")/lib.sh"
command -v hyperfine >/dev/null || { echo "SKIP: no hyperfine (scripts/deps.sh test installs it)"; exit 77; }
rt() { if chrt -f 1 true 2>/dev/null; then chrt -f 1 "$@"; else "$@"; fi; }
hf() { # hf OUT ARGS...: hyperfine, no shell, 12 runs, into OUT
	local out=$1; shift
	rt hyperfine -N --runs "${HF_RUNS:-12}" --warmup 1 --style none --export-json "$out" "$@" >/dev/null 2>"$T/hf.err"
}
aa=0
for attempt in 1 2 3; do
	hf a.json --command-name nap 'sleep 0.05' && hf a2.json --command-name nap 'sleep 0.05' || break
	run "$TBENCH" compare a.json a2.json
	[ "$rc" -eq 0 ] && { aa=1; break; }
	cp "$T/out" "$T/aa.out"
done
[ $aa = 1 ] && ok "A/A: exit 0" || { bad "A/A: exit $rc in 3 attempts ($(cat "$T/hf.err"))"; cat "$T/aa.out"; }
check "keyed by the command name" 'grep -qE "^hyperfine +nap +- " "$T/out"'
ab=0
for attempt in 1 2 3; do
	hf b.json --command-name nap 'sleep 0.055' || break
	run "$TBENCH" compare a.json b.json --markdown summary.md
	[ "$rc" -eq 1 ] && grep -qE "^hyperfine +nap .* slower$" "$T/out" && { ab=1; break; }
	cp "$T/out" "$T/ab.out"
done
[ $ab = 1 ] && ok "10% longer: exit 1 naming it" || { bad "10% longer: exit $rc in 3 attempts"; cat "$T/ab.out"; }
check "Markdown names it" 'grep -F "hyperfine/nap" summary.md | grep -q slower'
check "12 samples per command" '"$TBENCH" report a.json --csv a.csv && grep -q ",hyperfine,nap,-,1,1,1,1,ok,12,1," a.csv'
check "user and system are metrics" 'head -1 a.csv | grep -q ctr_user_ns && head -1 a.csv | grep -q ctr_system_ns'
run "$TBENCH" compare a.json a.json --metric user_ns
check "compare --metric user_ns" '[ "$rc" -eq 0 ] && grep -qE "^hyperfine +nap " "$T/out"'
expect_status "what tbench writes it reads back (CSV)" 0 "$TBENCH" report a.csv -q

# the command is the case, even without --command-name
HF_RUNS=3 hf plain.json 'sleep 0.01'
check "the command line names the case" '"$TBENCH" report plain.json | grep -qE "^hyperfine +sleep 0.01 "'
# --parameter-scan: one case per value
HF_RUNS=3 hf scan.json -P ms 10 12 'sleep 0.0{ms}'
run "$TBENCH" report scan.json
check "parameter scan: three cases" 'grep -qE "^hyperfine +sleep 0.010 " "$T/out" && grep -qE "^hyperfine +sleep 0.012 " "$T/out"'
# the same name for several parameter values: the values keep them apart
HF_RUNS=3 hf same.json -L x a,b --command-name same 'sleep 0.01'
run "$TBENCH" report same.json
check "same name, parameters appended" 'grep -qE "^hyperfine +same \(x=a\) " "$T/out" && grep -qE "^hyperfine +same \(x=b\) " "$T/out"'
# failed runs (hyperfine --ignore-failure) are said
hyperfine -N --runs 3 --style none -i --export-json fail.json false >/dev/null 2>&1
run "$TBENCH" report fail.json --json fail.tb.json
check "failed runs noted" 'grep -q "3 of 3 runs failed" fail.tb.json'

# malformed -> exit 2, one line naming file and field
/usr/bin/python3 - <<'EOF'
import json
d = json.load(open("a.json"))
def out(name, f):
    x = json.loads(json.dumps(d)); f(x["results"][0]); json.dump(x, open(name, "w"))
out("bad-time.json", lambda r: r["times"].__setitem__(3, "slow"))
out("neg-time.json", lambda r: r["times"].__setitem__(0, -1))
out("no-cmd.json", lambda r: r.pop("command"))
out("codes.json", lambda r: r["exit_codes"].pop())
out("no-user.json", lambda r: r.pop("user"))
out("mem.json", lambda r: r.__setitem__("memory_usage_byte", [1000 + i for i in range(len(r["times"]))]))
out("mem-bad.json", lambda r: r.__setitem__("memory_usage_byte", [1]))
out("no-times.json", lambda r: r.pop("times"))
esc = json.loads(json.dumps(d)); esc["results"][0]["command"] = "\x1b[2Jclear\nsecond line"
json.dump(esc, open("esc.json", "w"))
long = json.loads(json.dumps(d)); long["results"][0]["command"] = "x" * 300
json.dump(long, open("long.json", "w"))
json.dump({"results": []}, open("empty.json", "w"))
two = json.loads(json.dumps(d)); two["results"].append(json.loads(json.dumps(d["results"][0])))
json.dump(two, open("twice.json", "w"))
med = json.loads(json.dumps(d)); med["results"][0]["median"] *= 2
json.dump(med, open("median.json", "w"))
EOF
expect_usage "one command twice (the loader's duplicate check)" "twice.json: results[1]: duplicate case hyperfine/" "$TBENCH" compare twice.json a.json
expect_usage "hyperfine's median is not its times' median" "median.json: results[0].median (as ns): " "$TBENCH" compare a.json median.json
check "... said as for tbench's own files" 'grep -q "but the median of the [0-9]* raw samples of hyperfine/" "$T/err"'
head -c 300 a.json >cut.json
expect_usage "a truncated file" "cut.json:" "$TBENCH" compare a.json cut.json
expect_usage "a time that is a string" "bad-time.json: results[0].times[3]" "$TBENCH" compare bad-time.json a.json
expect_usage "a negative time (the loader's check)" "neg-time.json: results[0].times (as ns): sample 0: -" "$TBENCH" report neg-time.json
expect_usage "no command" "results[0].command is missing" "$TBENCH" report no-cmd.json
expect_usage "exit codes short" "12 times but 11 exit_codes" "$TBENCH" report codes.json
expect_usage "no user time" "results[0].user is missing" "$TBENCH" report no-user.json
expect_usage "a command too long for a case name" "give it a short name with hyperfine's --command-name" "$TBENCH" report long.json
expect_usage "no results" "\"results\" is missing, empty or not an array" "$TBENCH" report empty.json
expect_usage "memory_usage_byte of the wrong length" "memory_usage_byte" "$TBENCH" report mem-bad.json
check "memory_usage_byte (newer hyperfine) -> max_rss_bytes" '"$TBENCH" report mem.json --csv mem.csv && head -1 mem.csv | grep -q ctr_max_rss_bytes'
run "$TBENCH" compare esc.json esc.json
check "control characters in a name: escaped on the terminal" '[ "$rc" -eq 0 ] && ! grep -q "$(printf "\033")" "$T/out" && grep -qF "\x1b[2Jclear\nsecond line" "$T/out" && ! grep -q "^second line" "$T/out"'
run "$TBENCH" compare no-times.json no-times.json
check "no times[]: medians only" '[ "$rc" -eq 0 ] && grep -q "no raw samples" "$T/out"'
check "... and its median survives CSV and back" '"$TBENCH" report no-times.json --csv nt.csv && "$TBENCH" report nt.csv -q && "$TBENCH" compare nt.csv no-times.json >/dev/null'
finish
