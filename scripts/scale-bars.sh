#!/usr/bin/env bash
# scale-bars.sh - issue 18's scale bars, checked on this machine in one run:
# tbench's scale variants, OpenBLAS (variant blas), NumPy (compare_numpy.py)
# and likwid-bench (update_sp_* in place, copy_mem_* out of place), one
# thread, pinned to one CPU, interleaved over ROUNDS rounds; medians of the
# rounds with their range, ratios and a verdict per bar:
#   in place   best >= 1.05 x blas at every size from L2 to 4 x LLC
#              best >= numpy and >= likwid-bench at every size
#   out of place (sizes beyond L2)  best >= 0.95 x likwid-bench's NT copy
# Sizes follow the caches in sysfs: in place L2/2, 2 x L2, LLC/2, 4 x LLC
# bytes (n = bytes / 4); out of place the same footprints of x + y (n =
# bytes / 8), L2/2 left out.  A peer that is missing is said once, its bars
# are "unknown"; TB_PEERS_OFF=likwid,numpy (a comma list) treats those as
# missing (scripts/bars.sh, the tests).
#
# usage: scripts/scale-bars.sh [--rounds N] [--cpu C] [--in N,N...] [--out N,N...]
#                              [--tbench PATH] [--dir DIR]
# Writes DIR (default results/scale-bars-<UTC time>): the CSVs of every round
# and bars.md (the table, also printed).  Run it under
# `flock /tmp/tbench-bench.lock` on a shared machine.
# Exit: 0 every known bar holds, 1 a bar fails, 2 bad usage.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/find-tbench.sh"
rounds=3 cpu=1 in_sizes= out_sizes= tb=${TBENCH:-$(tb_default_tbench "$here" 2>/dev/null)} dir=
usage() { echo "scale-bars.sh: $1 (see the header of scripts/scale-bars.sh)" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=${2:-}; shift ;;
	--cpu) cpu=${2:-}; shift ;;
	--in) in_sizes=${2:-}; shift ;;
	--out) out_sizes=${2:-}; shift ;;
	--tbench) tb=${2:-}; shift ;;
	--dir) dir=${2:-}; shift ;;
	*) usage "unknown option '$1'" ;;
	esac
	shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || usage "--rounds '$rounds' is not a positive integer"
[[ $cpu =~ ^[0-9]+$ ]] || usage "--cpu '$cpu' is not a CPU number"
for s in ${in_sizes//,/ } ${out_sizes//,/ }; do
	[[ $s =~ ^[1-9][0-9]*$ ]] || usage "size '$s' is not a positive element count"
done
[ -x "$tb" ] || usage "no tbench at '$tb' (build first, or --tbench PATH)"

l2=$(tb_cache_bytes 2) llc=$(tb_cache_bytes 3)
[ "$llc" -gt 0 ] || llc=$l2
if [ -z "$in_sizes" ] || [ -z "$out_sizes" ]; then
	[ "$l2" -gt 0 ] || usage "no cache sizes in sysfs: give --in and --out"
	[ -n "$in_sizes" ] || in_sizes="$((l2 / 8)),$((l2 / 2)),$((llc / 8)),$((llc))"
	[ -n "$out_sizes" ] || out_sizes="$((l2 / 4)),$((llc / 16)),$((llc / 2))"
fi
dir=${dir:-$(tb_results_dir "$here")/scale-bars-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$dir" || usage "cannot create '$dir'"

w=256; grep -qw avx512f /proc/cpuinfo && w=512
lk_up=update_sp_avx lk_cp=copy_mem_avx
[ $w = 512 ] && lk_up=update_sp_avx512 lk_cp=copy_mem_avx512
off=",${TB_PEERS_OFF:-},"
have_lk=yes; [[ $off != *,likwid,* ]] && command -v likwid-bench >/dev/null || { have_lk=no; echo "likwid-bench missing: its bars are unknown"; }
have_np=yes; [[ $off != *,numpy,* ]] && /usr/bin/python3 -c "import numpy" 2>/dev/null || { have_np=no; echo "NumPy missing: its bars are unknown"; }
pin=(taskset -c "$cpu")
variants_in=best,blas,avx2,avx2-pf,sse,avx512,avx512-pf
variants_out=best,blas,avx2,stream,stream512
Q=(--samples 20 --max-time 1s -q)
lk() { # likwid-bench test bytes -> GB/s (its MByte/s counts load + store bytes, as tbench)
	"${pin[@]}" likwid-bench -t "$1" -w "S0:${2}B:1" 2>/dev/null | awk '/^MByte\/s/ { print $2 / 1000 }'
}
for r in $(seq 1 "$rounds"); do
	echo "round $r of $rounds"
	"${pin[@]}" "$tb" run scale -m inplace -v $variants_in -t 1 -s "$in_sizes" "${Q[@]}" --csv "$dir/in.$r.csv"
	"${pin[@]}" "$tb" run scale -m outofplace -v $variants_out -t 1 -s "$out_sizes" "${Q[@]}" --csv "$dir/out.$r.csv"
	[ $have_np = yes ] && "${pin[@]}" /usr/bin/python3 "$here/compare_numpy.py" scale \
		--sizes "$in_sizes,$out_sizes" --samples 20 --max-time 1 --csv "$dir/np.$r.csv" >/dev/null
	if [ $have_lk = yes ]; then
		for n in ${in_sizes//,/ }; do
			echo "likwid,$lk_up,inplace,$n,$(lk $lk_up $((4 * n)))" >>"$dir/lk.$r.txt"
			echo "likwid,update_sp_sse,inplace,$n,$(lk update_sp_sse $((4 * n)))" >>"$dir/lk.$r.txt"
		done
		for n in ${out_sizes//,/ }; do
			echo "likwid,$lk_cp,outofplace,$n,$(lk $lk_cp $((8 * n)))" >>"$dir/lk.$r.txt"
		done
	fi
done
{
	echo "# scale bars, $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), L2 $l2 B, LLC $llc B, CPU $cpu, $rounds rounds"
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$dir/bars.md"
/usr/bin/python3 "$here/scale_bars.py" "$dir" "$l2" >>"$dir/bars.md"
rc=$?
cat "$dir/bars.md"
echo "$dir"
exit $rc
