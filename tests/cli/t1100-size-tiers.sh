#!/usr/bin/env bash
# t1100-size-tiers.sh - the size tiers L1, L2, L3, DRAM: resolved from the
# machine's caches (a sysfs-shaped directory in $TBENCH_CACHE_SYSFS, here
# the Intel guest's 48 KiB / 2 MiB / 300 MiB) per working set per element,
# case-insensitive, printed and stored; scale's default sizes reach beyond
# the LLC on every machine; a missing level is said; what cannot be
# allocated is refused (given) or left out (default); tiers do not apply to
# families whose size is not a working set.
. "$(dirname "$0")/lib.sh"

fake() { # fake DIR L1D L2 L3 (sysfs sizes, e.g. 48K); L3 may be empty
	local d=$1 i=0 lv ty sz
	mkdir -p "$d"
	for spec in "1 Data $2" "1 Instruction 32K" "2 Unified $3" ${4:+"3 Unified $4"}; do
		read -r lv ty sz <<<"$spec"
		mkdir -p "$d/index$i"
		echo "$lv" >"$d/index$i/level"
		echo "$ty" >"$d/index$i/type"
		echo "$sz" >"$d/index$i/size"
		i=$((i + 1))
	done
}
fake "$T/spr" 48K 2048K 307200K
fake "$T/nol3" 32K 1024K ""
fake "$T/huge" 48K 2048K 68719476736K # a 64 TiB "LLC": DRAM cannot be allocated

export TBENCH_CACHE_SYSFS=$T/spr
run "$TBENCH" run scale -v scalar -s L1,l2,L3,dram --dry-run
check "tiers: exit 0" '[ $rc -eq 0 ]'
# 4 B/element in place, 8 B/element out of place; squares of multiples of 8
want="scale scalar outofplace 48x48 1
scale scalar outofplace 360x360 1
scale scalar outofplace 4432x4432 1
scale scalar outofplace 12544x12544 1
scale scalar inplace 72x72 1
scale scalar inplace 512x512 1
scale scalar inplace 6264x6264 1
scale scalar inplace 17744x17744 1"
check "tiers resolved from the caches (half L1d, half L2, half L3, >= 4x L3)" '[ "$(cat "$T/out")" = "$want" ]'
check "tiers: the note names the caches" 'grep -q "note: size tiers from $T/spr (L1d 48 KiB, L2 2 MiB, L3 300 MiB)" "$T/err"'
check "tiers: the note gives the DRAM bound" 'grep -q "DRAM (at least 1.2 GiB)" "$T/err"'

# the working set decides: add out of place holds three arrays (12 B/element)
run "$TBENCH" run add -v scalar -m outofplace -s L2 --dry-run
check "tiers follow the working set (add: 12 B/element)" '[ "$(cat "$T/out")" = "add scalar outofplace 288x288 1" ]'

# scale's default sizes include a DRAM tier: beyond 4x this 300 MiB LLC
run "$TBENCH" run scale -v scalar -m inplace --dry-run
last=$(tail -1 "$T/out" | awk '{print $4}')
check "default sizes: last is the DRAM tier ($last)" '[ "$last" = 17744x17744 ]'
check "default sizes: DRAM tier beyond 4x the LLC" \
	'awk -v s="$last" "BEGIN { split(s, a, \"x\"); exit !(a[1] * a[2] * 4 >= 4 * 300 * 2^20) }"'

# a level sysfs lacks: said, assumed
TBENCH_CACHE_SYSFS=$T/nol3 run "$TBENCH" run scale -v scalar -m inplace -s L3 --dry-run
check "missing L3: assumed and said" 'grep -q "sysfs lacks L3 (assumed 32 MiB)" "$T/err" && [ "$(cat "$T/out")" = "scale scalar inplace 2048x2048 1" ]'
TBENCH_CACHE_SYSFS=$T/nothing run "$TBENCH" run scale -v scalar -m inplace -s L1 --dry-run
check "no sysfs at all: every level assumed" 'grep -q "sysfs lacks L1d (assumed 32 KiB), L2 (assumed 1 MiB), L3 (assumed 32 MiB)" "$T/err"'

# memory: a given tier that cannot be allocated is refused; a default one left out
TBENCH_CACHE_SYSFS=$T/huge expect_usage "DRAM tier too large: refused" "is too large for scale/scalar" \
	"$TBENCH" run scale -v scalar -m inplace -s DRAM
TBENCH_CACHE_SYSFS=$T/huge run "$TBENCH" run scale -v scalar -m inplace --dry-run
check "DRAM tier in the defaults, too large: left out and said" \
	'[ $rc -eq 0 ] && grep -q "left out of the default sizes, too large for the memory here: scale" "$T/err" && [ "$(tail -1 "$T/out")" = "scale scalar inplace 4096x4096 1" ]'

# tiers do not apply where n is not a working set
expect_usage "tiers for spin alone: one line" "spin is not" "$TBENCH" run spin -s L1
run "$TBENCH" run spin scale -v chain,scalar -m inplace -s L1 --dry-run
check "tiers with spin and scale: scale only, spin named" \
	'[ "$(cat "$T/out")" = "scale scalar inplace 72x72 1" ] && grep -q "not for spin" "$T/err"'
expect_usage "unknown tier" "size tier L1, L2, L3, DRAM" "$TBENCH" run scale -s L4

# a real run: the note on stdout, the sizes in the CSV, the caches in the fingerprint
run "$TBENCH" run scale -v scalar -m inplace -s L1 --samples 3 --warmup-time 1ms --csv t.csv --json t.json
check "run with a tier: exit 0" '[ $rc -eq 0 ]'
check "run: the note is printed" 'grep -q "^note: size tiers from" "$T/out"'
check "run: the size column holds the resolved size" 'grep -q "^tbench-1,,scale,scalar,inplace,5184,72,72," t.csv'
check "run: the fingerprint stores the cache sizes" 'grep -q "^tiers.caches,\"\{0,1\}L1d 48 KiB, L2 2 MiB, L3 300 MiB" t.fingerprint.csv'
check "run: the options store the tiers" 'grep -q "\"size_tiers\": \"size tiers from" t.json'
finish
