#!/usr/bin/env bash
# t1581-agree-verdict.sh - scripts/agree.sh decides agreement from an
# interval, never from a median alone: scripts/agree-verdict.awk on known
# per-round ratios (agree inside the 3% band, differ wholly outside,
# unknown when the interval straddles it or the rounds are too few for a
# 90% interval); and the buffers of all three tools get the same page size
# (huge pages from 4 MiB on, as tbench's scale places them), measured by
# agree.sh's shim, where transparent huge pages can be had here.
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
V=$TB_SRC/scripts/agree-verdict.awk
verdict() { printf '%s\n' "$@" | awk -f "$V"; }
check "tight around 1: agree" '[ "$(verdict 1 1.01 0.99 1.02 1.0)" = "0.9900 1.0200 agree" ]'
check "tight around 1.11: differ" '[ "$(verdict 1.1 1.12 1.11 1.09 1.13)" = "1.0900 1.1300 differ" ]'
check "tight around 0.55: differ" '[ "$(verdict 0.5 0.6 0.55 0.52 0.58 0.6 | cut -d" " -f3)" = differ ]'
check "median 1.00 but 30% spread: unknown" '[ "$(verdict 1 1.5 0.6 1.2 0.9)" = "0.6000 1.5000 unknown" ]'
check "median 1.10 but straddling the band: unknown" '[ "$(verdict 1.1 1.2 1.0 1.1 1.15)" = "1.0000 1.2000 unknown" ]'
check "4 rounds: no 90% interval, unknown" '[ "$(verdict 1 1 1 1)" = "nan nan unknown" ]'
check "12 rounds: the 3rd smallest to the 3rd largest" '[ "$(verdict 0.5 1.5 0.8 1.2 1 1 1 1 1 1 1 1)" = "1.0000 1.0000 agree" ]'
check "another band" '[ "$(printf "1.04\n1.05\n1.045\n1.05\n1.04\n" | awk -v band=0.10 -f "$V" | cut -d" " -f3)" = agree ]'
check "no input: unknown" '[ "$(printf "" | awk -f "$V")" = "nan nan unknown" ]'

# page sizes: caches of 32 KiB / 256 KiB / 16 MiB make the L3 tier 8 MiB in
# place (1448x1448 floats), 4 MiB a buffer out of place (1024x1024): at
# and above scale's huge-page threshold
thp=$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || echo none)
if [[ "$thp" != *"[always]"* && "$thp" != *"[madvise]"* ]]; then
	echo "SKIP (page sizes): transparent huge pages are off here ($thp)"
	finish
	exit
fi
cache() { mkdir -p "$T/caches/index$1"; echo "$2" >"$T/caches/index$1/level"; echo "$3" >"$T/caches/index$1/type"; echo "$4" >"$T/caches/index$1/size"; }
cache 0 1 Data 32K
cache 1 2 Unified 256K
cache 2 3 Unified 16M
TBENCH_CACHE_SYSFS=$T/caches run "$TB_SRC/scripts/agree.sh" --quick --rounds 2 --tiers L3
if [ "$rc" -eq 2 ] && grep -Eq "not installed|cannot run|has no kernel|cannot build|needs a release build" "$T/err"; then
	echo "SKIP (page sizes): $(cat "$T/err")"
	finish
	exit
fi
check "agree.sh --tiers L3: exit 0" '[ $rc -eq 0 ]'
check "tbench's buffers at a 2 MiB boundary" 'grep -Eq "^L3 +inplace +1448x1448 .* x at page\+0$" "$T/out" && grep -Eq "^L3 +outofplace +1024x1024 .* x at page\+0, y at page\+0$" "$T/out"'
# every tool's buffer in huge pages, not tbench's alone (the share may fall
# short of 100% where the kernel has no free 2 MiB page at once)
check "in place: all three tools had huge pages" 'grep -E "^L3 +inplace " "$T/out" | grep -Eq " [1-9][0-9]*%/[1-9][0-9]*%/[1-9][0-9]*% "'
check "out of place: all three tools had huge pages" 'grep -E "^L3 +outofplace " "$T/out" | grep -Eq " [1-9][0-9]*%/[1-9][0-9]*%/[1-9][0-9]*% "'
finish
