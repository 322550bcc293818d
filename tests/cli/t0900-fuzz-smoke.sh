#!/usr/bin/env bash
# t0900-fuzz-smoke.sh - every libFuzzer target (tests/fuzz) replays its seed
# corpus and every input that once crashed it, then fuzzes for a few
# seconds: no crash, leak or undefined behaviour.  Runs in the release pass
# only (the harnesses carry their own ASan + UBSan).
. "$(dirname "$0")/lib.sh"
if grep -q '^TB_SANITIZE:BOOL=ON' "$TB_BUILD/CMakeCache.txt" 2>/dev/null; then
	echo "SKIP: the fuzz smoke test runs in the release pass"
	exit 77
fi
"$TB_SRC/scripts/fuzz.sh" --build >"$T/build.log" 2>&1
brc=$?
if [ $brc -ne 0 ]; then
	[ $brc -eq 77 ] && { echo "SKIP: $(tail -1 "$T/build.log")"; exit 77; }
	cat "$T/build.log"
	bad "building the fuzz targets failed"
	finish
	exit 1
fi
for t in $("$TB_SRC/scripts/fuzz.sh" --list); do
	if TB_FUZZ_FRESH=1 "$TB_SRC/scripts/fuzz.sh" "$t" "${TB_FUZZ_SECONDS:-3}" >"$T/err" 2>&1; then
		ok "fuzz $t: $(grep -o 'Done [0-9]* runs' "$T/err")"
	else
		grep -E 'ERROR|SUMMARY|runtime error|bad error' "$T/err" | head -5
		bad "fuzz $t crashed (see build-fuzz/crashes/$t/)"
	fi
done
finish
