#!/usr/bin/env bash
# emu-vs-qemu.sh - time the emu benchmark loops as static ELFs (built by
# scripts/emu-loop-elf.sh) under `tbench emu run` (its default engine, the
# translator on x86-64, and `--engine interp`), `qemu-aarch64 -d nochain`
# (qemu's TCG with translation-block chaining disabled: every block exit goes
# back through qemu's dispatcher) and plain `qemu-aarch64` (its JIT with
# chaining), each timed the same way: the whole process, start-up
# included, median of RUNS runs (hyperfine when installed, else GNU time).
# Prints instructions per second for each and the ratios, by wall time and
# by CPU time (user + system: the fairer figure on a loaded machine).
# usage: scripts/emu-vs-qemu.sh [N] [RUNS]   (default N = 100000000 iterations, RUNS = 5)
# Env: TBENCH (default build/tbench; built when missing); TB_PIN=CPU pins
# every command to that CPU (taskset).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-100000000}
runs=${2:-5}
tbench=${TBENCH:-$root/build/tbench}
[ -x "$tbench" ] || tbench=$("$root/scripts/build.sh" release | tail -1)/tbench
for tool in aarch64-linux-gnu-as qemu-aarch64; do
	command -v "$tool" >/dev/null || { echo "emu-vs-qemu.sh: $tool is missing (scripts/deps.sh test)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/emu-loop-elf.sh" "$n" "$tmp" >/dev/null

# "WALL CPU": median wall seconds and mean user+system CPU seconds of RUNS
# runs of a command (CPU time is the fairer figure on a loaded machine)
time_cmd() {
	if command -v hyperfine >/dev/null; then
		hyperfine -N -r "$runs" -w 1 --export-json "$tmp/h.json" -- "$*" >/dev/null 2>&1
		/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["user"] + r["system"])' "$tmp/h.json"
	else
		for _ in $(seq "$runs"); do
			/usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1
		done | sort -n | awk '{w[NR]=$1; c+=$2+$3} END {print w[int((NR+1)/2)], c/NR}'
	fi
}

echo "loop iterations: $n; whole-process wall time, median of $runs runs; machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
printf '%-11s %-14s %9s %10s %9s %10s\n' loop runner "wall s" "M IPS" "cpu s" "M IPS/cpu"
for v in str nostr; do
	elf=$tmp/loop-$v
	insns=$("$tbench" emu run --stats "$elf" 2>&1 >/dev/null | awk '/^emu:/ {print $2}')
	[ $v = str ] && want=$((4 * n + 7)) || want=$((3 * n + 7))
	[ "$insns" = "$want" ] || { echo "emu-vs-qemu.sh: tbench executed $insns instructions, want $want" >&2; exit 1; }
	insns=$("$tbench" emu run --engine interp --stats "$elf" 2>&1 >/dev/null | awk '/^emu:/ {print $2}')
	[ "$insns" = "$want" ] || { echo "emu-vs-qemu.sh: tbench --engine interp executed $insns instructions, want $want" >&2; exit 1; }
	declare -A ips=() cips=()
	pin=()
	[ -n "${TB_PIN:-}" ] && pin=(taskset -c "$TB_PIN")
	for r in tbench tbench-interp qemu-nochain qemu-jit; do
		case $r in
		tbench) cmd=("$tbench" emu run "$elf") ;;
		tbench-interp) cmd=("$tbench" emu run --engine interp "$elf") ;;
		qemu-nochain) cmd=(qemu-aarch64 -d nochain "$elf") ;;
		qemu-jit) cmd=(qemu-aarch64 "$elf") ;;
		esac
		read -r s c < <(time_cmd "${pin[@]}" "${cmd[@]}")
		ips[$r]=$(echo "$insns / $s / 1000000" | bc -l)
		cips[$r]=$(echo "$insns / $c / 1000000" | bc -l)
		printf '%-11s %-14s %9.3f %10.1f %9.3f %10.1f\n' "loop-$v" "$r" "$s" "${ips[$r]}" "$c" "${cips[$r]}"
	done
	metal=$([ $v = str ] && echo 1.9 || echo 2.1)
	for k in ips cips; do
		declare -n m=$k
		for t in tbench tbench-interp; do
			printf '%-11s %-4s %-13s /qemu-nochain %.2fx, /qemu-jit %.2fx, /Metal(%s M IPS) %.0fx\n' \
				"loop-$v" "$([ $k = ips ] && echo wall || echo cpu)" "$t" \
				"$(echo "${m[$t]} / ${m[qemu-nochain]}" | bc -l)" \
				"$(echo "${m[$t]} / ${m[qemu-jit]}" | bc -l)" "$metal" \
				"$(echo "${m[$t]} / $metal" | bc -l)"
		done
		unset -n m
	done
	unset ips cips
done
