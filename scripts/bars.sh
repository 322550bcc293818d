#!/usr/bin/env bash
# bars.sh - every bar of issue 18 judged in one run, by one command: the
# scale bars (scripts/scale-bars.sh), 2 threads over 1 (scale `threaded`),
# the tensor ops against PyTorch and NumPy (compare_torch.py and
# compare_numpy.py, one process per side and round, with a
# same-traffic limit measured beside them) and the emulator against
# qemu-aarch64 (scripts/emu-vs-qemu.sh).  Each part runs once per round,
# its sides interleaved inside the round, pinned (taskset / --pin), so a
# change of load hits every side alike; scripts/bars.py then takes per bar
# the per-round ratios, their median, a distribution-free interval of it
# (90% from 5 rounds on; with fewer, the range of the rounds, its coverage
# said) and a verdict: holds (the interval at or above the bar), FAILS
# (wholly below), unknown (it straddles the bar, or a side is missing: the
# row says which).
#
#   scripts/bars.sh [--rounds N] [--quick] [--only scale,threads,ops,emu]
#                   [--dir DIR] [--cpu C] [--tbench PATH]
#
# --rounds N   rounds (default 5; about 30 minutes on the 2-vCPU Zen 3 guest)
# --quick      1 round, short samples, the emulator loop at 10M iterations: a
#              smoke check of the machinery (about 3 minutes), not evidence
# --only LIST  the parts to run (default all four)
# --dir DIR    where everything goes (default results/bars-<UTC time>):
#              bars.md (the table, also printed), bars.csv (a row per bar),
#              machine.txt, commands.txt (every command as run), and per part
#              and round the raw CSVs and logs (scale/rN/, threads/, ops/rN/
#              {tb,torch,numpy}.csv, ops/limit.rN.csv, ops/lk.rN.txt, emu/rN.txt)
# --cpu C      the CPU of the 1-thread runs (default 1); 2-thread runs use 0,1
#
# The lock: bars.sh holds /tmp/tbench-bench.lock (TB_BARS_LOCK; empty: no
# lock) for the whole run, waiting for it if another measurement has it; run
# under `flock /tmp/tbench-bench.lock` it sees that its caller holds it.
# Peers: TB_PEERS_OFF=likwid,numpy,torch,qemu treats those as missing (as
# if not installed: their bars are unknown); scale-bars.sh and
# peers-table.sh honour it too.  Narrower runs (smoke tests): TB_BARS_OPS
# (families, space-separated; default every op family), TB_BARS_OPS_SIZES
# (default 100x100,500x500,1000x1000), TB_BARS_SCALE_IN / TB_BARS_SCALE_OUT
# (element counts, scale-bars.sh's --in / --out), TB_BARS_THREADS_SIZES,
# TB_BARS_EMU_N (loop iterations), TB_BARS_EMU_RUNS.
# Exit: 0 every known bar holds, 1 a bar fails (or a part could not run),
# 2 bad usage.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/find-tbench.sh"
PY=/usr/bin/python3
usage() { echo "bars.sh: $1 (see the header of scripts/bars.sh)" >&2; exit 2; }
rounds=5 quick=0 only=scale,threads,ops,emu dir= cpu=1 tb=${TBENCH:-} rounds_set=0
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=${2-}; rounds_set=1; shift ;;
	--quick) quick=1 ;;
	--only) only=${2-}; shift ;;
	--dir) dir=${2-}; shift ;;
	--cpu) cpu=${2-}; shift ;;
	--tbench) tb=${2-}; shift ;;
	-h | --help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) usage "unknown option '$1'" ;;
	esac
	[ $# -gt 0 ] && shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage "--rounds '$rounds' is not a positive integer"
[ $quick = 1 ] && [ $rounds_set = 0 ] && rounds=1
[[ $cpu =~ ^[0-9]+$ ]] && [ "$cpu" -lt "$(nproc)" ] || usage "--cpu '$cpu' is not a CPU here (0 to $(($(nproc) - 1)))"
parts=()
for p in ${only//,/ }; do
	case $p in scale | threads | ops | emu) parts+=("$p") ;;
	*) usage "--only '$only': unknown part '$p' (parts: scale, threads, ops, emu)" ;;
	esac
done
[ ${#parts[@]} -gt 0 ] || usage "--only '$only' names no part (parts: scale, threads, ops, emu)"
for s in ${TB_BARS_SCALE_IN:-} ${TB_BARS_SCALE_OUT:-} ${TB_BARS_THREADS_SIZES:-}; do
	[[ $s =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || usage "size list '$s' is not element counts, comma-separated"
done
[[ ${TB_BARS_OPS_SIZES:-1x1} =~ ^[1-9][0-9]*x[1-9][0-9]*(,[1-9][0-9]*x[1-9][0-9]*)*$ ]] ||
	usage "TB_BARS_OPS_SIZES '$TB_BARS_OPS_SIZES' is not RxC sizes, comma-separated"
[ -n "$tb" ] || tb=$(tb_default_tbench "$here" 2>/dev/null) || usage "no tbench found (build first, or --tbench PATH)"
[ -x "$tb" ] || usage "no tbench at '$tb' (build first, or --tbench PATH)"
tb=$(cd "$(dirname "$tb")" && pwd)/$(basename "$tb")
dir=${dir:-$(tb_results_dir "$here")/bars-$(date -u +%Y%m%dT%H%M%SZ)}
[ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ] && usage "--dir '$dir' exists and is not empty"
mkdir -p "$dir" || usage "cannot create '$dir'"
dir=$(cd "$dir" && pwd)
has() { [[ $1 == *"$2"* ]]; }

# ---- the lock: held for the whole run (fd 9), unless the caller holds it ----
lock=${TB_BARS_LOCK-/tmp/tbench-bench.lock}
held_by_caller() { # does an ancestor of this shell hold a flock on $lock?
	local ino p holders
	ino=$(stat -c %i "$lock" 2>/dev/null) || return 1
	holders=$(awk -v i=":$ino" '$2 == "FLOCK" && substr($6, length($6) - length(i) + 1) == i { print $5 }' /proc/locks)
	p=$$
	while [ "${p:-0}" -gt 1 ]; do
		grep -qx "$p" <<<"$holders" && return 0
		p=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f2) # the parent (after "(comm) S")
	done
	return 1
}
if [ -n "$lock" ]; then
	if held_by_caller; then
		lock_note="$lock held by the caller"
	else
		exec 9>>"$lock" || usage "cannot open the lock '$lock'"
		if ! flock -n 9; then
			echo "bars: waiting for $lock (another measurement holds it)" >&2
			flock 9
		fi
		lock_note="$lock held by bars.sh"
	fi
else
	lock_note="no lock (TB_BARS_LOCK empty)"
fi

# ---- the machine ----
l1=$(tb_cache_bytes 1) l2=$(tb_cache_bytes 2) llc=$(tb_cache_bytes 3)
[ "$llc" -gt 0 ] || llc=$l2
flags=" $(grep -m1 -E '^(flags|Features)' /proc/cpuinfo | cut -d: -f2) "
isa=""
for f in sse4_2 avx fma avx2 avx512f avx512bw avx512vl avx512_bf16 amx_tile asimd sve; do
	[[ $flags == *" $f "* ]] && isa="$isa $f"
done
v=avx; has "$flags" " avx512f " && v=avx512
off=",${TB_PEERS_OFF:-},"
peer_off() { has "$off" ",$1,"; }
have_lk=yes
if peer_off likwid; then have_lk="no (TB_PEERS_OFF)"; elif ! command -v likwid-bench >/dev/null; then have_lk="no (not installed)"; fi
have_qemu=yes
if peer_off qemu; then have_qemu="no (TB_PEERS_OFF)"; else
	for t in qemu-aarch64 aarch64-linux-gnu-as aarch64-linux-gnu-ld; do
		command -v $t >/dev/null || { have_qemu="no ($t not installed)"; break; }
	done
fi
mib() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%g MiB", b / 1048576; else printf "%g KiB", b / 1024 }'; }
{
	echo "start: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(awk -F': *' '$1 ~ /^cpu family/ { f = $2 } $1 ~ /^model[ \t]*$/ { m = $2 } f != "" && m != "" { printf "family %s model %s", f, m; exit }' /proc/cpuinfo)), $(nproc) CPUs online"
	echo "isa:$isa"
	echo "caches: L1d $(mib "$l1"), L2 $(mib "$l2"), LLC $(mib "$llc") (sysfs, cpu0)"
	echo "tbench: $tb ($("$tb" --version 2>/dev/null | head -1)); $("$tb" env 2>/dev/null | awk '$1 == "build.flags" { if ($0 ~ /-fsanitize=/) print "SANITIZER BUILD: its timings say nothing"; else print "release build" }')"
	echo "rounds: $rounds$([ $quick = 1 ] && echo ", --quick (short samples: a smoke check, not evidence)"); parts: ${parts[*]}; 1-thread CPU $cpu; $lock_note"
	echo "peers: likwid-bench $have_lk; qemu-aarch64 $have_qemu; TB_PEERS_OFF=${TB_PEERS_OFF:-}"
	echo "l2: $l2"
	echo "llc: $llc"
} >"$dir/machine.txt"

# x CMD...: log the command (commands.txt, round by round) and run it
x() {
	{ printf '%q ' "$@"; echo; } | sed 's/ $//' >>"$dir/commands.txt"
	"$@"
}
lk() { # likwid-bench KERNEL BYTES THREADS CPUS -> GB/s (its MByte/s counts every stream's bytes;
	# -i: its own -s calibration stops at 10 iterations, see scripts/agree.sh)
	x timeout 300 taskset -c "$4" likwid-bench -t "$1" -w "S0:${2}B:$3" -i "$(lk_iters "$2")" 2>/dev/null </dev/null |
		awk '/^MByte\/s/ { print $2 / 1000 }'
}

# ---- the parts: one round each ----
if [ $quick = 1 ]; then tbq=(--samples 5 --max-time 0.2s -q) ops_samples=5 ops_max=0.03; else
	tbq=(--samples 20 --max-time 1s -q) ops_samples=20 ops_max=0.1
fi
scale_round() {
	local a=(--rounds 1 --cpu "$cpu" --tbench "$tb" --dir "$dir/scale/r$1")
	[ -n "${TB_BARS_SCALE_IN:-}" ] && a+=(--in "$TB_BARS_SCALE_IN")
	[ -n "${TB_BARS_SCALE_OUT:-}" ] && a+=(--out "$TB_BARS_SCALE_OUT")
	x "$here/scale-bars.sh" "${a[@]}" >"$dir/scale/r$1.log" 2>&1
	[ $? -le 1 ] || { echo "bars: scale-bars.sh failed in round $1 ($dir/scale/r$1.log)"; return 1; }
}
thr_sizes=${TB_BARS_THREADS_SIZES:-$((l2 / 2)),$((llc / 8)),$((llc))}
threads_round() {
	local n t
	x taskset -c 0,1 "$tb" run scale -m inplace -v threaded -t 1,2 --pin -s "$thr_sizes" "${tbq[@]}" \
		--csv "$dir/threads/r$1.csv" >"$dir/threads/r$1.log" 2>&1
	[ $? -le 1 ] || { echo "bars: tbench failed in the threads round $1 ($dir/threads/r$1.log)"; return 1; }
	[ "$have_lk" = yes ] || return 0
	for n in ${thr_sizes//,/ }; do
		for t in 1 2; do
			echo "likwid,update_sp_$v,$t,$n,$(lk update_sp_$v $((4 * n)) $t 0,1)" >>"$dir/threads/lk.r$1.txt"
		done
	done
}
ops_sizes=${TB_BARS_OPS_SIZES:-100x100,500x500,1000x1000}
lk_iters() { awk -v b="$1" 'BEGIN { i = int(2e10 / b); print (i < 10 ? 10 : i) }'; } # 20 GB: 0.1-1 s
ops_round() {
	local o=$dir/ops/r$1 s n t side fams
	mkdir -p "$o"
	x "$tb" list --json >"$o/registry.json" || { echo "bars: '$tb list --json' failed"; return 1; }
	fams=${TB_BARS_OPS:-$("$PY" -c 'import json, sys
print(" ".join(f["name"] for f in json.load(open(sys.argv[1]))["families"] if "op" in f))' "$o/registry.json")}
	# tbench's candidates (peers-table.sh's), those the families have: a
	# filter that matches no case is an error
	local filters=()
	# shellcheck disable=SC2086
	for s in $("$PY" -c 'import json, sys
fams = {f["name"]: f for f in json.load(open(sys.argv[1]))["families"]}
have = {v["name"] for f in sys.argv[2:] if f in fams for v in fams[f]["variants"]}
print(" ".join(v for v in ("avx2", "avx512", "neon", "threaded", "pool") if v in have))' "$o/registry.json" $fams); do
		filters+=(--filter "*/$s/*")
	done
	# one process per side and round, the sides' order turning round by
	# round; the same method on each: samples, --max-time, warm-up, 1 ms samples
	local sides=(tb torch numpy) k=$(( ($1 - 1) % 3 ))
	sides=("${sides[@]:k}" "${sides[@]:0:k}")
	for side in "${sides[@]}"; do
		case $side in
		tb) # shellcheck disable=SC2086 # fams is a list
			x "$tb" run $fams -s "$ops_sizes" -t 1,2 --pin "${filters[@]}" --samples "$ops_samples" \
				--max-time "${ops_max}s" --warmup-time 20ms -q --csv "$o/tb.csv" >"$o/tb.log" 2>&1
			[ $? -le 1 ] || { echo "bars: tbench failed in the ops round $1 ($o/tb.log)"; return 1; } ;;
		torch | numpy)
			peer_off $side && continue
			# shellcheck disable=SC2086
			x taskset -c "$([ $side = torch ] && echo 0,1 || echo 0)" "$PY" "$here/compare_$side.py" $fams \
				--skip-unmatched --size "$ops_sizes" --threads 1,2 --samples "$ops_samples" \
				--max-time "$ops_max" --warmup-time 0.02 --tbench "$tb" --csv "$o/$side.csv" >"$o/$side.log" 2>&1 ||
				echo "bars: no $side figures in round $1 ($o/$side.log)" ;;
		esac
	done
	# the same-traffic limits at the ops' sizes, 1 and 2 threads: tbench's
	# own copy (scale out of place, 8 bytes per element, as an activation)
	# and likwid-bench's load (4 bytes, as a reduction) and copy (8 bytes)
	local ns=""
	for s in ${ops_sizes//,/ }; do ns="$ns,$(( ${s%x*} * ${s#*x} ))"; done
	x "$tb" run scale -m outofplace -v best,threaded -t 1,2 --pin -s "${ns#,}" "${tbq[@]}" \
		--csv "$dir/ops/limit.r$1.csv" >"$dir/ops/limit.r$1.log" 2>&1
	[ "$have_lk" = yes ] || return 0
	for n in ${ns//,/ }; do
		for t in 1 2; do
			echo "likwid,load_$v,$t,$((4 * n)),$(lk load_$v $((4 * n)) $t "$(seq -s, 0 $((t - 1)))")"
			echo "likwid,copy_$v,$t,$((8 * n)),$(lk copy_$v $((8 * n)) $t "$(seq -s, 0 $((t - 1)))")"
		done
	done >>"$dir/ops/lk.r$1.txt"
}
emu_n=${TB_BARS_EMU_N:-$([ $quick = 1 ] && echo 10000000 || echo 100000000)}
emu_runs=${TB_BARS_EMU_RUNS:-$([ $quick = 1 ] && echo 2 || echo 5)}
emu_round() {
	[ "$have_qemu" = yes ] || return 0
	x env TB_PIN="$cpu" TBENCH="$tb" "$here/emu-vs-qemu.sh" "$emu_n" "$emu_runs" >"$dir/emu/r$1.txt" 2>&1 ||
		{ echo "bars: emu-vs-qemu.sh failed in round $1 ($dir/emu/r$1.txt)"; return 1; }
}

export TB_PEERS_OFF=${TB_PEERS_OFF:-}
echo "bars: ${parts[*]}, $rounds round(s), into $dir"
broken=0
for p in "${parts[@]}"; do mkdir -p "$dir/$p"; done
for r in $(seq 1 "$rounds"); do
	echo "== round $r of $rounds: ${parts[*]} ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$dir/commands.txt"
	for p in "${parts[@]}"; do
		echo "# $p, round $r, $(date -u +%T) UTC" >>"$dir/commands.txt"
		"${p}_round" "$r" || broken=1
	done
done
echo "end: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >>"$dir/machine.txt"
"$PY" "$here/bars.py" judge "$dir" >"$dir/bars.md.tmp"
rc=$?
if [ $rc -gt 1 ]; then
	echo "bars: bars.py could not judge '$dir'" >&2
	rm -f "$dir/bars.md.tmp"
	exit 1
fi
mv "$dir/bars.md.tmp" "$dir/bars.md"
cat "$dir/bars.md"
echo "$dir"
[ $broken = 1 ] && exit 1
exit $rc
