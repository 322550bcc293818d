#!/usr/bin/env bash
# t1400-foreign-gbench.sh - Google Benchmark JSON through the gate: a tiny
# benchmark program built here against Debian's libbenchmark-dev, run with
# --benchmark_repetitions=10.  The gate's verdicts are asserted on
# benchmarks that time themselves (UseManualTime: each repetition reports a
# time the program computes, with a seeded 2% jitter, and TB_SLOW=BM_work
# adds 10% work to BM_work): an A/A pair exits 0, the 10% slower build
# exits 1 naming BM_work - that holds on any machine.  Real time too: BM_nap
# sleeps (nanosleep, timer slack 1 ns) 10% longer; on this shared 2-CPU VM
# at load 14 plain wakeups came up to 5 ms late, so the program runs under
# SCHED_FIFO (chrt -f 1, where allowed; a sleeper takes no CPU), and where
# it is not allowed BM_nap is slowed 10x instead.
# Also: one repetition, aggregates only, cpu_time, counters, the context,
# NaN, malformed files.
. "$(dirname "$0")/lib.sh"
command -v g++ >/dev/null || { echo "SKIP: no g++ (scripts/deps.sh test installs it)"; exit 77; }
cat >"$T/b.cc" <<'EOF'
#include <benchmark/benchmark.h>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sys/prctl.h>
#include <time.h>
// TB_SLOW=NAME[:F]: benchmark NAME does F times the work (default 1.1)
static double work(const char *name)
{
	const char *s = std::getenv("TB_SLOW");
	size_t n = std::strlen(name);
	if (!s || std::strncmp(s, name, n) || (s[n] && s[n] != ':'))
		return 1.0;
	return s[n] == ':' ? std::atof(s + n + 1) : 1.1;
}
// manual time: 1 ms per iteration x work, a 2% jitter per repetition drawn
// from TB_SEED (deterministic)
static double jitter()
{
	static unsigned long x = 0;
	if (!x) {
		const char *s = std::getenv("TB_SEED");
		x = 88172645463325252UL + (s ? std::strtoul(s, nullptr, 10) : 1) * 2654435761UL;
	}
	double u = 0;
	for (int i = 0; i < 4; i++) { // Irwin-Hall: about normal
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		u += (double)(x >> 11) / 9007199254740992.0;
	}
	return 1 + 0.02 * (u - 2) * std::sqrt(3.0);
}
static void manual(benchmark::State &st, const char *name)
{
	double t = 1e-3 * work(name) * jitter();
	for (auto _ : st)
		st.SetIterationTime(t);
}
static void BM_work(benchmark::State &st) { manual(st, "BM_work"); }
static void BM_other(benchmark::State &st) { manual(st, "BM_other"); }
BENCHMARK(BM_work)->UseManualTime()->Iterations(20)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_other)->UseManualTime()->Iterations(20)->Unit(benchmark::kMicrosecond);
static void BM_nap(benchmark::State &st)
{
	long ns = (long)(st.range(0) * 1000 * work("BM_nap"));
	struct timespec t = {ns / 1000000000, ns % 1000000000};
	for (auto _ : st)
		nanosleep(&t, nullptr);
	st.counters["naps"] = 1; // the same in every run: compared as a metric
}
BENCHMARK(BM_nap)->Arg(4000)->Unit(benchmark::kMicrosecond)->UseRealTime();
int main(int argc, char **argv)
{
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	benchmark::Initialize(&argc, argv);
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
}
EOF
if ! g++ -O2 -o "$T/bench" "$T/b.cc" -lbenchmark -lpthread 2>"$T/err"; then
	echo "SKIP: cannot build against Google Benchmark (scripts/deps.sh test installs libbenchmark-dev): $(head -1 "$T/err")"
	exit 77
fi
gb() { # gb OUT [ARGS...]: run the benchmark into OUT (JSON)
	local out=$1; shift
	"$T/bench" --benchmark_min_time=0.05 --benchmark_out="$out" --benchmark_out_format=json "$@" >/dev/null 2>&1
}
W=BM_work/iterations:20/manual_time
TB_SEED=1 gb a.json --benchmark_repetitions=10 --benchmark_filter=manual
TB_SEED=2 gb a2.json --benchmark_repetitions=10 --benchmark_filter=manual
TB_SEED=3 TB_SLOW=BM_work gb b.json --benchmark_repetitions=10 --benchmark_filter=manual
expect_status "A/A pair (repetitions 10): exit 0" 0 "$TBENCH" compare a.json a2.json
check "A/A: both benchmarks compared, unchanged" 'grep -qF "$W " "$T/out" && grep -qE "^gbench +BM_other/.* unchanged$" "$T/out" && grep -qE "^gbench +BM_work/.* unchanged$" "$T/out"'
expect_status "BM_work 10% slower: exit 1" 1 "$TBENCH" compare a.json b.json --markdown summary.md
check "it is named slower, the other unchanged" 'grep -E "^gbench +BM_work/" "$T/out" | grep -qE " 1\.(09|10|11)[0-9] .* slower$" && grep -qE "^gbench +BM_other/.* unchanged$" "$T/out"'
check "Markdown names the slower benchmark" 'grep -F "gbench/BM\_work/" summary.md | grep -q "slower"'
# real time: BM_nap sleeps 10% longer (10x without SCHED_FIFO)
slow=BM_nap:1.1 how="10% slower, SCHED_FIFO"
if chrt -f 1 true 2>/dev/null; then rt=(chrt -f 1); else rt=(); slow=BM_nap:10 how="10x slower, no SCHED_FIFO here"; fi
"${rt[@]}" "$T/bench" --benchmark_min_time=0.05 --benchmark_repetitions=10 --benchmark_filter=BM_nap \
	--benchmark_out=n1.json --benchmark_out_format=json >/dev/null 2>&1
TB_SLOW=$slow "${rt[@]}" "$T/bench" --benchmark_min_time=0.05 --benchmark_repetitions=10 \
	--benchmark_filter=BM_nap --benchmark_out=n2.json --benchmark_out_format=json >/dev/null 2>&1
expect_status "real time: BM_nap $how, exit 1" 1 "$TBENCH" compare n1.json n2.json
check "... naming it" 'grep -qE "^gbench +BM_nap/4000/real_time .* slower$" "$T/out"'
if [ ${#rt[@]} -gt 0 ]; then
	"${rt[@]}" "$T/bench" --benchmark_min_time=0.05 --benchmark_repetitions=10 --benchmark_filter=BM_nap \
		--benchmark_out=n3.json --benchmark_out_format=json >/dev/null 2>&1
	expect_status "real time, A/A: exit 0" 0 "$TBENCH" compare n1.json n3.json
fi
cp n2.json b.json
check "samples: the 10 repetitions, aggregates not counted" '"$TBENCH" report b.json --csv b.csv && grep -q ",BM_nap/4000/real_time,-,1,1,1,1,ok,10," b.csv'
check "the counter is a metric" 'head -1 b.csv | grep -q ctr_naps && head -1 b.csv | grep -q ctr_cpu_time'
expect_status "compare --metric naps (a user counter)" 0 "$TBENCH" compare n1.json b.json --metric naps
check "context -> fingerprint" '"$TBENCH" report a.json --json a.tb.json && grep -q "\"host.name\"" a.tb.json && grep -q "\"gbench.mhz_per_cpu\"" a.tb.json'
expect_status "what tbench writes it reads back (JSON)" 0 "$TBENCH" compare a.tb.json a.json
check "... every case" '[ "$(grep -c "\"family\": \"gbench\"" a.tb.json)" = 2 ]'
expect_status "--gbench-time cpu" 0 "$TBENCH" report b.json --gbench-time cpu --json cpu.json -q
check "cpu_time chosen, real_time a metric" 'grep -q "\"gbench.time\": \"cpu_time\"" cpu.json && grep -q "\"real_time\"" cpu.json'
expect_usage "--gbench-time bad" "expected real or cpu" "$TBENCH" compare a.json b.json --gbench-time wall

# one repetition: too few samples for the test, the threshold decides, said
TB_SEED=1 gb one.json --benchmark_filter=manual && TB_SEED=1 TB_SLOW=BM_work gb one-slow.json --benchmark_filter=manual
run "$TBENCH" compare one.json one-slow.json
check "one repetition: threshold only, said" '[ "$rc" -eq 1 ] && grep -q "1 and 1 samples: the test cannot reach p < 0.01; medians and threshold only" "$T/out"'
check "... and the threshold finds BM_work" 'grep -qE "^gbench +BM_work/.* slower$" "$T/out"'
check "one repetition: the note says what to do" '"$TBENCH" report one.json --json one.tb.json && grep -q "benchmark_repetitions=N" one.tb.json'
expect_status "one repetition, same file: exit 0" 0 "$TBENCH" compare one.json one.json
# aggregates only: the median aggregate, no samples
gb agg.json --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_filter=manual
run "$TBENCH" compare agg.json agg.json
check "aggregates only: medians" '[ "$rc" -eq 0 ] && grep -q "no raw samples: medians and threshold only" "$T/out"'
check "... which survive CSV and back" '"$TBENCH" report agg.json --csv agg.csv && "$TBENCH" compare agg.csv agg.json >/dev/null'
expect_status "report --baseline with a GB file" 0 "$TBENCH" report b.json --baseline a.json -q --html r.html
check "HTML of a GB comparison" 'grep -q "BM_nap/4000" r.html'
check "no 'fastest' sentence across different benchmarks" '! grep -q "is fastest" r.html'

# malformed -> exit 2, one line naming file and field
head -c 300 a.json >cut.json
expect_usage "truncated file" "cut.json" "$TBENCH" compare cut.json a.json
/usr/bin/python3 - <<'EOF'
import json
d = json.load(open("a.json"))
rows = [r for r in d["benchmarks"] if r.get("run_type") == "iteration"]
r0 = json.loads(json.dumps(d)); r0["benchmarks"][0]["iterations"] = "many"
json.dump(r0, open("bad-iters.json", "w"))
r1 = json.loads(json.dumps(d)); r1["benchmarks"][0]["time_unit"] = "fortnights"
json.dump(r1, open("bad-unit.json", "w"))
r2 = json.loads(json.dumps(d))  # the aggregates now disagree with the rows
for r in r2["benchmarks"][:6]: r["real_time"] *= 3
json.dump(r2, open("edited.json", "w"))
r3 = json.loads(json.dumps(d)); del r3["benchmarks"][1]  # 9 of 10 repetitions
json.dump(r3, open("missing-rep.json", "w"))
r4 = json.loads(json.dumps(d)); r4["benchmarks"][0]["real_time"] = -1
json.dump(r4, open("negative.json", "w"))
r5 = json.loads(json.dumps(d))  # Google Benchmark < 1.5: aggregates known by name only
for r in r5["benchmarks"]:
    for k in ("run_name", "run_type", "aggregate_name", "aggregate_unit", "repetition_index"):
        r.pop(k, None)
r5["benchmarks"].sort(key=lambda r: not r["name"].endswith(("_mean", "_median", "_stddev", "_cv")))  # aggregates first
json.dump(r5, open("old-style.json", "w"))
EOF
run "$TBENCH" report old-style.json --csv old.csv
check "before run_type: NAME_mean etc. are aggregates" '[ "$rc" -eq 0 ] && [ "$(grep -c ",gbench," old.csv)" = 2 ] && grep -q ",BM_work/iterations:20/manual_time,-,1,1,1,1,ok,10," old.csv'
expect_usage "iterations not a number" "bad-iters.json: benchmarks[0].iterations" "$TBENCH" compare bad-iters.json a.json
expect_usage "unknown time_unit" "benchmarks[0].time_unit" "$TBENCH" compare a.json bad-unit.json
# the values are the loader's checks, as for tbench's own files
expect_usage "an edited repetition" "median aggregate's real_time (as ns): " "$TBENCH" compare edited.json a.json
check "... said as for tbench's own files" 'grep -q "but the median of the 10 raw samples of gbench/BM_work" "$T/err"'
expect_usage "a repetition missing" "missing-rep.json: BM_work/iterations:20/manual_time: repetitions: 10 declared, but 9 raw samples are given" "$TBENCH" report missing-rep.json
expect_usage "negative time" "negative.json: BM_work/iterations:20/manual_time: real_time (as ns): sample 0: -1000 is not a number from 0 to 1e+15" "$TBENCH" report negative.json
/usr/bin/python3 - <<'EOF'
import json
d = json.load(open("a.json"))
d["benchmarks"][0]["real_time"] = 1e300
json.dump(d, open("absurd.json", "w"))
EOF
expect_usage "an absurd time" "absurd.json: BM_work/iterations:20/manual_time: real_time (as ns): sample 0: 1e+303 is not a number from 0 to 1e+15" "$TBENCH" compare a.json absurd.json
head -c 2000 a.json >cut.json
expect_usage "a truncated file" "cut.json:" "$TBENCH" compare a.json cut.json
echo '{"context": {}, "benchmarks": []}' >empty.json
expect_usage "no benchmarks" "\"benchmarks\" is empty" "$TBENCH" report empty.json
echo '{"what": 1}' >other.json
expect_usage "an unknown JSON document" "not a result file tbench reads" "$TBENCH" compare other.json a.json
check "a refused file is named once, nothing on stdout" '[ ! -s "$T/out" ]' 
# NaN counters (Google Benchmark writes bare NaN): read as unknown
sed '0,/"naps": /s/"naps": [0-9.e+-]*/"naps": NaN/' a.json >nan.json
expect_status "a NaN counter is read" 0 "$TBENCH" report nan.json -q --csv nan.csv
finish
