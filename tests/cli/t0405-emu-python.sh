#!/usr/bin/env bash
# t0405-emu-python.sh - the Python module tbench_emu from the build tree
# (build/lib/python3/dist-packages, beside build/lib/libtbench-emu.so.1, the
# install layout) under /usr/bin/python3: tests/emu/python_check.py runs the
# seed's example, the STR / no-STR loop in both engines, a guest fault,
# budgets, output, an interrupt and the error messages.  TBENCH_EMU_LIB
# overrides where the library comes from; a wrong one fails in one line.
. "$(dirname "$0")/lib.sh"
. "$TB_SRC/tests/cli/emu_python.sh"

py=$TB_BUILD/lib/python3/dist-packages
check "the module is in the build tree" '[ -f "$py/tbench_emu/__init__.py" ]'
run env PYTHONPATH="$py" "${PYRUN[@]}" "$TB_SRC/tests/emu/python_check.py" \
	--expect-lib "$TB_BUILD/lib/libtbench-emu.so.1"
if [ "$rc" -eq 0 ]; then ok "python_check.py: $(grep -c '^ok' "$T/out") checks"
else bad "python_check.py exit $rc: $(grep '^not ok' "$T/out" | head -5)"; fi
run env PYTHONPATH="$py" TBENCH_EMU_LIB="$T/nope.so" "${PYRUN[@]}" -c 'import tbench_emu'
check "a missing TBENCH_EMU_LIB is one clear error" \
	'[ "$rc" -ne 0 ] && grep -q "ImportError: tbench_emu: cannot load libtbench-emu: tried $T/nope.so (missing)" "$T/err"'
finish
