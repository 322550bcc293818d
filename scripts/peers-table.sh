#!/usr/bin/env bash
# peers-table.sh - tbench, PyTorch and NumPy on the tensor-op families,
# interleaved family by family (so a change in the machine's load hits all
# three alike), at the same sizes and thread counts, then one speed-up
# table (scripts/tbpeer.py against) on standard output.
#   scripts/peers-table.sh OUTDIR [FAMILY...]
# FAMILY defaults to every op family of the registry (tbench list --json).
# Environment: TBENCH (default build/tbench), SIZES (100x100,500x500,1000x1000),
# THREADS (1,2), SAMPLES (30), MAXTIME (seconds per case, 0.3), VARIANTS
# (tbench's candidates, default avx2,avx512,neon,threaded,pool), TB_PEERS_OFF
# (torch,numpy: peers treated as missing, not run).  OUTDIR gets
# tb.csv, torch.csv, numpy.csv, table.md (a line per family, size and thread
# count), table-wide.md (a line per family) and machine.txt (CPU, UTC start
# and end, load average at both: a speed-up marked '?' is one the load
# decided).  Time it under `flock /tmp/tbench-bench.lock` on a shared
# machine.  tbench pins itself (--pin); the peers run under taskset on the
# same CPUs.
# Exit status: 0 ok, 1 a step failed, 2 usage.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/find-tbench.sh"
if [ $# -lt 1 ] || [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
	sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
	[ $# -lt 1 ] && exit 2 || exit 0
fi
out=$1
shift
PY=/usr/bin/python3
TB=${TBENCH:-$(tb_default_tbench "$here")}
SIZES=${SIZES:-100x100,500x500,1000x1000}
THREADS=${THREADS:-1,2}
SAMPLES=${SAMPLES:-30}
MAXTIME=${MAXTIME:-0.3}
VARIANTS=${VARIANTS:-avx2,avx512,neon,threaded,pool}
mkdir -p "$out"
# the machine and its load, before and after (the table's caveat)
machine() {
	echo "$1 $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
{
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs online"
	machine start
} >"$out/machine.txt"
if [ $# -eq 0 ]; then
	read -r -a fams < <("$TB" list --json | "$PY" -c 'import json, sys
print(" ".join(f["name"] for f in json.load(sys.stdin)["families"] if "op" in f))')
else
	fams=("$@")
fi
cpus=$(seq -s, 0 $(($(echo "$THREADS" | tr , '\n' | sort -n | tail -1) - 1)))
"$TB" list --json >"$out/registry.json"
for f in "${fams[@]}"; do
	echo "== $f" >&2
	vars=$("$PY" -c 'import json, sys
want = sys.argv[2].split(",")
fam = [f for f in json.load(open(sys.argv[1]))["families"] if f["name"] == sys.argv[3]][0]
print(",".join(v["name"] for v in fam["variants"] if v["name"] in want))' "$out/registry.json" "$VARIANTS" "$f")
	"$TB" run "$f" -v "$vars" -s "$SIZES" -t "$THREADS" --pin --samples "$SAMPLES" \
		--max-time "${MAXTIME}s" -q --csv "$out/.tb.$f.csv" || [ $? -eq 1 ]
	off=",${TB_PEERS_OFF:-},"
	if [[ $off == *,torch,* ]]; then :; elif taskset -c "$cpus" "$PY" "$here/compare_torch.py" "$f" --size "$SIZES" --threads "$THREADS" \
		--samples "$SAMPLES" --max-time "$MAXTIME" --csv "$out/.torch.$f.csv" 2>/dev/null; then :; else
		echo "peers-table: no PyTorch figure for $f" >&2
	fi
	if [[ $off == *,numpy,* ]]; then :; elif taskset -c 0 "$PY" "$here/compare_numpy.py" "$f" --size "$SIZES" --samples "$SAMPLES" \
		--max-time "$MAXTIME" --csv "$out/.numpy.$f.csv" 2>/dev/null; then :; else
		echo "peers-table: no NumPy figure for $f" >&2
	fi
done
# one CSV per side: the first file's header, every file's rows
for side in tb torch numpy; do
	set -- "$out"/.$side.*.csv
	[ -e "$1" ] || continue
	{ head -1 "$1"; for c in "$@"; do tail -n +2 "$c"; done; } >"$out/$side.csv"
	rm -f "$@"
done
peers=()
for side in torch numpy; do
	[ -s "$out/$side.csv" ] && peers+=("$out/$side.csv")
done
machine end >>"$out/machine.txt"
if [ ${#peers[@]} -eq 0 ]; then
	echo "peers-table: no peer figures (PyTorch and NumPy missing): no table" | tee "$out/table.md" >"$out/table-wide.md"
	exit 0
fi
"$PY" "$here/tbpeer.py" against --wide "$out/tb.csv" "${peers[@]}" >"$out/table-wide.md"
"$PY" "$here/tbpeer.py" against "$out/tb.csv" "${peers[@]}" | tee "$out/table.md"
