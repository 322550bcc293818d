#!/usr/bin/env bash
# t0450-emu-startup.sh - what a short tbench process loads: OpenBLAS and
# libpq are opened at their first use (dlopen), not at start-up, so
# `tbench emu run` (and --version) map neither them nor the twenty
# libraries behind libpq; a command that uses OpenBLAS still gets it (the
# blas variant runs, the fingerprint names its core), and a libpq that
# cannot be loaded is one line naming why, exit 2.
. "$(dirname "$0")/lib.sh"

needed=$(readelf -d "$TBENCH" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
check "tbench links libc (readelf works)" 'grep -q "^libc\.so" <<<"$needed"'
check "tbench does not link OpenBLAS or libpq" '! grep -Eq "openblas|libpq|libgfortran" <<<"$needed"'

# movz x0, #0; movz x8, #93; svc #0: exit(0)
printf '\x00\x00\x80\xd2\xa8\x0b\x80\xd2\x01\x00\x00\xd4' >exit0.bin
run env LD_DEBUG=files "$TBENCH" emu run --raw exit0.bin
check "tbench emu run exits 0" '[ "$rc" -eq 0 ]'
check "LD_DEBUG lists what it loads (libc)" 'grep -q "file=libc\.so" "$T/err"'
check "tbench emu run loads neither OpenBLAS nor libpq" \
	'! grep -Eq "file=.*(openblas|libpq|libgfortran|libkrb5|libgnutls)" "$T/err"'
run env LD_DEBUG=files "$TBENCH" --version
check "tbench --version loads neither" '[ "$rc" -eq 0 ] && ! grep -Eq "file=.*(openblas|libpq)" "$T/err"'

run env LD_DEBUG=files "$TBENCH" run scale --variant blas --mode inplace --size 4096 --samples 3 \
	--json blas.json
check "the blas variant runs and loads OpenBLAS at first use" \
	'[ "$rc" -eq 0 ] && grep -q "file=libopenblas" "$T/err" && grep -q "\"status\": *\"ok\"" blas.json'
check "the fingerprint names OpenBLAS's core" 'grep -Eq "\"blas\.core\": *\"[A-Za-z]" blas.json'

if grep -q '^LIBPQ_FOUND:INTERNAL=1' "$TB_BUILD/CMakeCache.txt" 2>/dev/null; then
	mkdir badlib && : >badlib/libpq.so.5
	expect_usage "a libpq that cannot be loaded: one line, exit 2" \
		"the PostgreSQL history needs libpq, which cannot be loaded:" \
		env LD_LIBRARY_PATH="$PWD/badlib" "$TBENCH" history show \
		--history-db "postgresql://tbench@/x?host=/nonexistent"
fi
finish
