#!/usr/bin/env bash
# agree.sh - do independent harnesses agree with tbench?  Times the same
# loops - y = a*x (out of place) and x *= a (in place), float32 - in
# tbench (`scale -v autovec`, target_clones avx512f/avx2/default), in a
# Google Benchmark program built here with the same loops and clones, and
# in likwid-bench (update_sp_<isa> for in place, copy_<isa> for out of
# place: the same bytes read and written), at the L1, L2, L3 and DRAM tiers
# of this machine (tbench's size tiers, from sysfs), all pinned to one CPU,
# with the buffers at the same page offsets as tbench's and in pages of the
# same size (measured, below).
# The tools take turns: R rounds, each one tbench process, one Google
# Benchmark process (--benchmark_repetitions) and likwid-bench processes,
# the order rotating, so a change of this VM's state (a vCPU sharing its
# core, another clock) reaches every tool alike; tbench's rounds pool into
# one baseline (--append: runs and between_cv, as --rounds pools them).
# Prints per tier and mode each tool's GB/s (medians) with the CV between
# rounds, and the ratios tbench/GB and tbench/likwid: the median of the
# per-round ratios with a distribution-free 90% interval of it (order
# statistics; scripts/agree-verdict.awk) and a verdict: agree (the interval
# within 3% of 1), differ (wholly outside), unknown (it straddles the band:
# the rounds spread too much to tell; or fewer than 5 rounds).  A median
# alone decides nothing.  Beside them what tbench itself said about the case
# (its spread between processes against within one, '!' when between is the
# larger, and its disturbed share), and the share of each tool's buffers
# that was in huge pages, measured.
#
#   scripts/agree.sh [--tiers L1,L2,L3,DRAM] [--rounds R] [--quick]
#   TBENCH=build/tbench CPU=0 scripts/agree.sh
#
# --rounds R: the rounds (default 5; Google Benchmark repetitions and
# likwid-bench runs per round: 10 and 3); --quick: short runs (the smoke test;
# figures are rough).
# Buffer placement: tbench allocates x and y with posix_memalign(64) each
# below 4 MiB, so where they land in their pages depends on glibc (from 128
# KiB on each is mapped on its own: both 64 bytes into a page, y - x = 0
# mod 4096); from 4 MiB on, 2 MiB aligned (huge pages: offset 0).  An
# LD_PRELOAD shim built here logs the addresses tbench's own processes get
# (it changes nothing else there); Google Benchmark's buffers are placed at
# the same page offsets, likwid-bench's at the nearest it allows (multiples
# of its loop stride, 128 bytes), so the store stream is as far from the
# load stream modulo 4 KiB (4K aliasing) in every tool.  Page size too:
# from 4 MiB on tbench marks its buffers for transparent huge pages
# (madvise; THP "madvise" on Debian), so the Google Benchmark program does
# the same and the shim does it for likwid-bench (which has no option for
# it): with 4 KiB pages, at L3 and DRAM sizes, the others measured 15-40%
# slower than tbench on Zen 3 (TLB misses), a difference of page size, not
# of harness (docs/performance.md).  The
# shim logs AnonHugePages of every tool's process (the "2M pages" column).
# Exit status: 0 measured (the target, within 3% from L2 on, is reported,
# not enforced), 2 bad usage or a tool that cannot run here.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tiers=L1,L2,L3,DRAM
R=5
quick=0
while [ $# -gt 0 ]; do
	case $1 in
	--tiers) tiers=$2; shift 2 ;;
	--rounds) R=$2; shift 2 ;;
	--quick) quick=1; shift ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "agree.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
	esac
done
case $R in '' | *[!0-9]* | 0 | 1) echo "agree.sh: invalid --rounds '$R': expected a whole number from 2" >&2; exit 2 ;; esac
CPU=${CPU:-0}
die() { echo "agree.sh: $*" >&2; exit 2; }
if [ -z "${TBENCH:-}" ]; then
	TBENCH=$("$root/scripts/build.sh" release | tail -1)/tbench
fi
[ -x "$TBENCH" ] || die "no tbench at '$TBENCH'"
flags=$("$TBENCH" env 2>/dev/null | awk '$1 == "build.flags"' || true)
if [[ $flags == *-fsanitize=* ]]; then
	die "'$TBENCH' is built with sanitizers: its timings say nothing; agree.sh needs a release build (scripts/build.sh release)"
fi
[ -r "$here/agree-verdict.awk" ] || die "'$here/agree-verdict.awk' is missing (it comes with agree.sh)"
command -v likwid-bench >/dev/null || die "likwid-bench is not installed (Debian: apt-get install likwid)"
[ -f /usr/include/benchmark/benchmark.h ] || die "Google Benchmark is not installed (Debian: apt-get install libbenchmark-dev)"
command -v g++ >/dev/null || die "g++ is not installed (Debian: apt-get install g++)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Short samples and many of them, in every tool: on a shared machine a
# sample that lost a time slice is then an outlier the median ignores, not
# the rule (tbench's gate self-test found the same).
if [ "$quick" = 1 ]; then
	tb_time=(--samples 10 --min-sample-time 100us --warmup-time 5ms)
	gb_time=--benchmark_min_time=0.001
	lk_ms=1
else
	tb_time=(--samples 100 --min-sample-time 200us --warmup-time 50ms)
	gb_time=--benchmark_min_time=0.002
	lk_ms=5
fi
# Per round: Google Benchmark 10 repetitions of about 2 ms, their median (a
# repetition's figure is the mean over its iterations, wall time);
# likwid-bench 3 runs of about 5 ms (a process each, 1.2 s to start here),
# their median.  likwid-bench's iterations are given (-i, from tbench's time
# per call): its own -s calibration runs only its minimum of 10 iterations
# here (microseconds at L1: a warm-up, not a measurement).
gb_reps=10
lk_runs=3

# ---- the ISA: likwid-bench kernels that exist here and run ----
isa=avx512
why=""
if ! grep -qw avx512f /proc/cpuinfo; then
	isa=avx
	why="AVX-512 missing here (no avx512f in /proc/cpuinfo): likwid-bench's AVX kernels instead"
fi
likwid-bench -a >"$work/kernels" 2>&1 || true
for k in update_sp_$isa copy_$isa; do
	grep -q "^$k " "$work/kernels" || die "likwid-bench has no kernel '$k' here (likwid-bench -a)"
	taskset -c "$CPU" likwid-bench -t "$k" -w S0:64kB:1 -i 10 >"$work/probe" 2>&1 ||
		die "likwid-bench cannot run '$k' here: $(grep -m1 -iE 'error|illegal' "$work/probe" || tail -1 "$work/probe")"
done
# likwid-bench pins its threads itself, within its cpuset: taskset keeps it
# on CPU (its "S0" is then that CPU); what it says it ran on is printed
lk_cpu=$(sed -n 's/.*Global Thread 0 running on hwthread \([0-9]*\).*/\1/p' "$work/probe" | head -1)

# ---- the Google Benchmark program and the placement shim ----
cat >"$work/gb.cc" <<'EOF'
// The loops of tbench's scale -v autovec, under Google Benchmark: y = a*x and
// x *= a on float32, one clone per ISA level; buffers at given page offsets.
#include <benchmark/benchmark.h>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <sys/mman.h>
#define CLONES __attribute__((noinline, target_clones("avx512f", "avx2", "default")))
CLONES static void out_loop(float *__restrict y, const float *__restrict x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		y[i] = a * x[i];
}
CLONES static void in_loop(float *__restrict x, float a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		x[i] *= a;
}
// off bytes into a page; from 4 MiB on 2 MiB aligned and marked for
// transparent huge pages, as tbench's scale buffers (kernels/scale/scale_common.c)
static float *place(size_t n, size_t off)
{
	const size_t want = n * 4 + off, huge_min = size_t(4) << 20;
	const size_t align = want >= huge_min ? size_t(2) << 20 : 4096;
	const size_t bytes = (want + 4096 + align - 1) / align * align;
	void *p = nullptr;
	if (posix_memalign(&p, align, bytes))
		abort();
	if (want >= huge_min)
		(void)madvise(p, bytes, MADV_HUGEPAGE);
	memset(p, 0, bytes);
	return reinterpret_cast<float *>(static_cast<char *>(p) + off);
}
int main(int argc, char **argv)
{
	benchmark::Initialize(&argc, argv);
	if (argc != 5) // mode n xoff yoff
		return 2;
	bool inplace = !strcmp(argv[1], "inplace");
	size_t n = strtoull(argv[2], nullptr, 10);
	float *x = place(n, strtoull(argv[3], nullptr, 10));
	float *y = inplace ? x : place(n, strtoull(argv[4], nullptr, 10));
	std::mt19937 g(1);
	std::uniform_real_distribution<float> u(-1.0f, 1.0f);
	for (size_t i = 0; i < n; i++)
		x[i] = u(g);
	const float a[2] = {1.5f, 1.0f / 1.5f}; // in place: a, 1/a, a, ... as tbench (bounded x)
	benchmark::RegisterBenchmark(inplace ? "inplace" : "outofplace", [=](benchmark::State &st) {
		unsigned k = 0;
		for (auto _ : st) {
			if (inplace)
				in_loop(x, a[k++ & 1], n);
			else
				out_loop(y, x, a[0], n);
			benchmark::DoNotOptimize(y);
			benchmark::ClobberMemory();
		}
		st.SetBytesProcessed(int64_t(st.iterations()) * 8 * int64_t(n)); // 4 read + 4 written
	})->UseRealTime();
	benchmark::RunSpecifiedBenchmarks();
	benchmark::Shutdown();
	return 0;
}
EOF
g++ -O3 -std=c++17 "$work/gb.cc" -o "$work/gb" -lbenchmark -lpthread 2>"$work/gb.err" ||
	die "cannot build the Google Benchmark program: $(head -3 "$work/gb.err")"
cat >"$work/shim.c" <<'EOF'
/* logs "pid bytes address" of every posix_memalign to $AGREE_LOG, and
 * "pid thp KIB" - the process's AnonHugePages - when a buffer of 4 MiB or
 * more is freed and at exit (so the page size each tool's buffers got is
 * measured, not assumed).  With AGREE_HUGE set (likwid-bench, which has no
 * such option) a buffer of 4 MiB or more is 2 MiB aligned and marked for
 * transparent huge pages, as tbench's scale does; nothing else changes. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#define HUGE_MIN ((size_t)4 << 20)
extern void __libc_free(void *);
static void *big[16];
static void logline(const char *line, int n)
{
	const char *log = getenv("AGREE_LOG");
	if (!log)
		return;
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (fd >= 0) {
		ssize_t w = write(fd, line, (size_t)n);
		(void)w;
		close(fd);
	}
}
static void log_thp(void) /* no malloc: called from free */
{
	char buf[4096], line[64];
	int fd = open("/proc/self/smaps_rollup", O_RDONLY);
	if (fd < 0)
		return;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	const char *s = strstr(buf, "AnonHugePages:");
	if (!s)
		return;
	logline(line, snprintf(line, sizeof(line), "%d thp %lu\n", (int)getpid(), strtoul(s + 14, NULL, 10)));
}
int posix_memalign(void **p, size_t align, size_t bytes)
{
	static int (*real)(void **, size_t, size_t);
	if (!real)
		real = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
	const int huge = bytes >= HUGE_MIN && getenv("AGREE_HUGE");
	if (huge && align < ((size_t)2 << 20))
		align = (size_t)2 << 20;
	int rc = real(p, align, bytes);
	if (rc)
		return rc;
	if (huge)
		(void)madvise(*p, bytes, MADV_HUGEPAGE);
	if (bytes >= HUGE_MIN)
		for (int i = 0; i < 16; i++)
			if (!big[i]) {
				big[i] = *p;
				break;
			}
	char line[96];
	logline(line, snprintf(line, sizeof(line), "%d %zu %lu\n", (int)getpid(), bytes, (unsigned long)*p));
	return 0;
}
void free(void *p)
{
	if (p)
		for (int i = 0; i < 16; i++)
			if (big[i] == p) {
				log_thp();
				big[i] = NULL;
				break;
			}
	__libc_free(p);
}
__attribute__((destructor)) static void at_exit_thp(void)
{
	log_thp();
}
EOF
cc -O2 -shared -fPIC "$work/shim.c" -o "$work/shim.so" -ldl || die "cannot build the placement shim"
gbver=$(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null | sed 's/-.*//')
lkver=$(likwid-bench -h 2>&1 | sed -n 's/.*Version *\([0-9.]*\).*/\1/p' | head -1)

# ---- the sizes: tbench's tiers ----
"$TBENCH" run scale -v autovec -s "$tiers" --dry-run >"$work/plan" 2>"$work/plan.err" ||
	die "tbench cannot plan the tiers: $(cat "$work/plan.err")"
caches=$(sed -n 's/.*size tiers from [^ ]* (\(.*\)): L.*/\1/p' "$work/plan.err" | head -1)
IFS=, read -r -a tier_list <<<"$tiers"

cv() { awk '{ s += $1; q += $1 * $1; n++ } END { if (n < 2 || s <= 0) { print "nan"; exit }
	m = s / n; v = (q - n * m * m) / (n - 1); if (v < 0) v = 0; printf "%.6f\n", sqrt(v) / m }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (!NR) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# one round of each tool for the case in $mode $size ($n elements, $bytes)
run_tbench() {
	AGREE_LOG=$work/alloc.log LD_PRELOAD=$work/shim.so TBENCH_BASELINE_DIR=$work/bl \
		"$TBENCH" run scale -v autovec -m "$mode" -s "$size" --pin="$CPU" "${tb_time[@]}" -q \
		--save-baseline agree --append --csv "$work/tb.csv" 2>"$work/tb.err" </dev/null ||
		die "tbench failed: $(head -3 "$work/tb.err")"
	local rate ns
	read -r rate ns < <(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
		NR == 2 { print $c["gbps"], $c["median_ns"] }' "$work/tb.csv")
	echo "$rate" >>"$work/tb.r"
	[ -n "${xoff:-}" ] && return 0
	# the first buffers of scale's size (n + 16 floats, rounded to 64 bytes):
	# x, then y out of place; their offsets in the page
	local want k
	# (from 4 MiB on scale rounds them to 2 MiB, aligned for huge pages)
	want=$((4 * (n + 16)))
	if [ "$want" -ge 4194304 ]; then want=$(((want + 2097151) / 2097152 * 2097152)); else want=$(((want + 63) / 64 * 64)); fi
	k=$([ "$mode" = inplace ] && echo 1 || echo 2)
	read -r xoff yoff < <(awk -v b="$want" -v k="$k" '$2 == b && seen[$1]++ < k { o = o " " ($3 % 4096) }
		END { print substr(o, 2) }' "$work/alloc.log")
	[ -n "${xoff:-}" ] || die "tbench's buffers were not seen (no posix_memalign of $want bytes)"
	yoff=${yoff:-$xoff}
	lk_iters=$(awk -v ns="$ns" -v ms="$lk_ms" 'BEGIN { i = int(ms * 1e6 / ns); print (i < 10 ? 10 : i) }')
}
run_gb() {
	AGREE_LOG=$work/gb.alloc LD_PRELOAD=$work/shim.so \
		taskset -c "$CPU" "$work/gb" "$mode" "$n" "$xoff" "$yoff" --benchmark_repetitions="$gb_reps" "$gb_time" \
		--benchmark_format=csv >"$work/gb.csv" 2>"$work/gb.err" </dev/null ||
		die "the Google Benchmark program failed: $(head -3 "$work/gb.err")"
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 !~ /_(mean|median|stddev|cv)"?$/ && $c["bytes_per_second"] != "" { print $c["bytes_per_second"] / 1e9 }' \
		"$work/gb.csv" >"$work/gb.v"
	[ -s "$work/gb.v" ] || die "no figures from the Google Benchmark program"
	median <"$work/gb.v" >>"$work/gb.r"
}
run_likwid() { # offsets in likwid-bench's steps of 128 bytes, nearest to tbench's
	local wspec kern
	if [ "$mode" = inplace ]; then
		wspec="S0:${bytes}B:1-0:S0:$(((xoff + 64) / 128 * 32 % 1024))"
		kern=update_sp_$isa
	else # stream 0 is read (x), 1 written (y)
		wspec="S0:${bytes}B:1-0:S0:$(((xoff + 64) / 128 * 16 % 512)),1:S0:$(((yoff + 64) / 128 * 16 % 512))"
		kern=copy_$isa
	fi
	: >"$work/lk.v"
	for _ in $(seq "$lk_runs"); do
		AGREE_LOG=$work/lk.alloc AGREE_HUGE=1 LD_PRELOAD=$work/shim.so \
			taskset -c "$CPU" likwid-bench -t "$kern" -w "$wspec" -i "$lk_iters" >"$work/lk.out" 2>&1 </dev/null ||
			die "likwid-bench -t $kern -w $wspec failed: $(grep -m1 -i error "$work/lk.out")"
		awk '/^MByte\/s:/ { print $2 / 1000 }' "$work/lk.out" >>"$work/lk.v"
	done
	median <"$work/lk.v" >>"$work/lk.r"
}

echo "agree: tbench $("$TBENCH" --version 2>/dev/null | awk '{print $NF}') vs Google Benchmark $gbver vs likwid-bench $lkver; CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(awk -F': *' '$1 ~ /^cpu family/ { f = $2 } $1 ~ /^model[ \t]*$/ { m = $2 } f != "" && m != "" { printf "family %s model %s", f, m; exit }' /proc/cpuinfo)); pinned to CPU $CPU (likwid-bench: taskset, it ran on hwthread ${lk_cpu:-unknown}); $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "caches: ${caches:-unknown}; likwid-bench kernels: update_sp_$isa (in place), copy_$isa (out of place)${why:+; $why}"
echo "rounds: $R, interleaved (each: one tbench process, one Google Benchmark process of $gb_reps repetitions, $lk_runs likwid-bench processes; medians); ± is the CV between rounds (tbench: between_cv of its pooled rounds)"
echo "ratios: the median of the per-round ratios, [a distribution-free 90% interval of it]; agree: the interval within ±3%, differ: wholly outside, unknown: it straddles ±3% or too few rounds (a 90% interval needs 5)"
echo "tbench says: its spread between processes / within one, '!' when between exceeds within (as its table marks it), and the share of samples it found disturbed; 2M pages: the share of the buffers each tool had in transparent huge pages (tbench/GB/likwid, measured)"
printf '%-5s %-10s %11s %9s  %-16s %-16s %-16s %-28s %-28s %-18s %-12s %s\n' tier mode size bytes "tbench GB/s" "GB GB/s" "likwid GB/s" \
	"tbench/GB" "tbench/likwid" "tbench says" "2M pages" placement
miss="" open=""
# thp LOG: the share (percent) of $bytes in huge pages, the least of any of
# the log's processes that allocated (each: its largest AnonHugePages seen;
# likwid-bench's helper processes allocate nothing)
thp() {
	[ -f "$1" ] || { echo "?"; return; }
	awk -v b="$bytes" '$2 == "thp" { if ($3 > m[$1]) m[$1] = $3; next } { seen[$1] = 1 }
		END { lo = -1; for (p in seen) if (lo < 0 || m[p] < lo) lo = m[p]
			if (lo < 0) { print "?"; exit } v = 100 * lo * 1024 / b; printf "%d%%\n", (v > 100 ? 100 : v) }' "$1"
}
ti=0
for mode in inplace outofplace; do
	ti=0
	while read -r _ _ m size _; do
		[ "$m" = "$mode" ] || continue
		tier=${tier_list[$ti]}
		ti=$((ti + 1))
		side=${size%x*}
		n=$((side * side))
		if [ "$mode" = inplace ]; then bytes=$((4 * n)); else bytes=$((8 * n)); fi
		xoff="" yoff=""
		# R interleaved rounds, each one process of every tool (the order
		# rotates; tbench first in round 1: its buffers' offsets and time per
		# call set up the others), so a change of the host's state (this VM's
		# vCPU sharing a core, another clock) hits every tool alike; tbench's
		# rounds pool into one baseline (--append: runs, between_cv)
		rm -f "$work/alloc.log" "$work/gb.alloc" "$work/lk.alloc" "$work"/{tb,gb,lk}.r
		rm -rf "$work/bl"
		for r in $(seq "$R"); do
			for j in 0 1 2; do
				tool=$(( (j + r - 1) % 3 ))
				[ "$r" = 1 ] && tool=$j
				case $tool in
				0) run_tbench ;;
				1) run_gb ;;
				2) run_likwid ;;
				esac
			done
		done
		read -r tb_gbps tb_cv tb_bw tb_dist < <(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
			function f(v) { return v == "" ? "nan" : v }
			NR == 2 { print $c["gbps"], f($c["between_cv"]), f($c["between_cv"]) "/" f($c["within_cv"]), f($c["disturbed"]) }' \
			"$work/bl/agree/summary.csv")
		gb_gbps=$(median <"$work/gb.r")
		gb_cv=$(cv <"$work/gb.r")
		lk_gbps=$(median <"$work/lk.r")
		lk_cv=$(cv <"$work/lk.r")
		paste "$work/tb.r" "$work/gb.r" | awk '{ print $1 / $2 }' >"$work/tg.r"
		paste "$work/tb.r" "$work/lk.r" | awk '{ print $1 / $2 }' >"$work/tl.r"
		tg=$(median <"$work/tg.r")
		tl=$(median <"$work/tl.r")
		read -r tg_lo tg_hi tg_v < <(awk -f "$here/agree-verdict.awk" "$work/tg.r")
		read -r tl_lo tl_hi tl_v < <(awk -f "$here/agree-verdict.awk" "$work/tl.r")
		row=$(awk -v t="$tb_gbps" -v tc="$tb_cv" -v g="$gb_gbps" -v gc="$gb_cv" -v l="$lk_gbps" -v lc="$lk_cv" \
			-v tg="$tg" -v tgl="$tg_lo" -v tgh="$tg_hi" -v tgv="$tg_v" -v tl="$tl" -v tll="$tl_lo" -v tlh="$tl_hi" -v tlv="$tl_v" \
			-v bw="$tb_bw" -v d="$tb_dist" '
			function pc(c) { return c == "nan" ? "   -  " : sprintf("%5.1f%%", 100 * c) }
			function ci(lo, hi) { return lo == "nan" ? "[    -     ]" : sprintf("[%.3f,%.3f]", lo, hi) }
			BEGIN { split(bw, w, "/")
				says = (w[1] == "nan" || w[2] == "nan") ? "-" : sprintf("%.0f%%/%.0f%%%s", 100 * w[1], 100 * w[2], w[1] > w[2] ? "!" : "")
				if (d != "nan") says = says sprintf(" d%.0f%%", 100 * d)
				printf "%7.2f ±%s  %7.2f ±%s  %7.2f ±%s  %.3f %s %-7s  %.3f %s %-7s  %-18s", t, pc(tc), g, pc(gc), l, pc(lc),
				tg, ci(tgl, tgh), tgv, tl, ci(tll, tlh), tlv, says }')
		pages="$(thp "$work/alloc.log")/$(thp "$work/gb.alloc")/$(thp "$work/lk.alloc")"
		if [ "$mode" = inplace ]; then place="x at page+$xoff"; else place="x at page+$xoff, y at page+$yoff"; fi
		printf '%-5s %-10s %11s %9s  %s %-12s %s\n' "$tier" "$mode" "$size" "$(numfmt --to=iec-i --suffix=B "$bytes")" "$row" "$pages" "$place"
		if [ "$tier" != L1 ]; then
			for v in "GB $tg $tg_v" "likwid $tl $tl_v"; do
				read -r who rat ver <<<"$v"
				case $ver in
				differ) miss="$miss; $tier $mode: tbench/$who $(printf %.3f "$rat")" ;;
				unknown) open="$open; $tier $mode: tbench/$who $(printf %.3f "$rat")" ;;
				esac
			done
		fi
	done <"$work/plan"
done
if [ -n "$miss" ]; then
	echo "target (ratios within 3% from L2 on): missed${miss}${open:+ (and unknown${open})}"
elif [ -n "$open" ]; then
	echo "target (ratios within 3% from L2 on): unknown, the spread between rounds is too wide to tell (more --rounds, a quieter machine)${open}"
else
	echo "target (ratios within 3% from L2 on): met"
fi
