#!/usr/bin/env bash
# t0405-emu-python.sh - the Python module tbench_emu from the build tree
# (build/lib/python3/dist-packages, beside build/lib/libtbench-emu.so.1, the
# install layout) under /usr/bin/python3: tests/emu/python_check.py runs the
# seed's example, the STR / no-STR loop in both engines, a guest fault,
# budgets, output, an interrupt and the error messages; Ctrl-C during a
# guest that never stops.  TBENCH_EMU_LIB overrides where the library comes
# from; a wrong one fails in one line.
. "$(dirname "$0")/lib.sh"
. "$TB_SRC/tests/cli/emu_python.sh"

py=$TB_BUILD/lib/python3/dist-packages
check "the module is in the build tree" '[ -f "$py/tbench_emu/__init__.py" ]'
run env PYTHONPATH="$py" "${PYRUN[@]}" "$TB_SRC/tests/emu/python_check.py" \
	--expect-lib "$TB_BUILD/lib/libtbench-emu.so.1"
if [ "$rc" -eq 0 ]; then ok "python_check.py: $(grep -c '^ok' "$T/out") checks"
else bad "python_check.py exit $rc: $(grep '^not ok' "$T/out" | head -5)"; fi
# Ctrl-C during execute() of a guest that never stops: KeyboardInterrupt
# soon, the machine at an instruction boundary and resumable.  (A background
# job starts with SIGINT ignored, so the script installs Python's handler.)
cat >spin.py <<'PY'
import signal, struct, sys, time
from tbench_emu import Emulator
signal.signal(signal.SIGINT, signal.default_int_handler)
cpu = Emulator(memory_size=4096)
cpu.load_program(struct.pack("<I", 0x14000000))  # b .
print("running", flush=True)
t0 = time.time()
try:
    cpu.execute()
except KeyboardInterrupt:
    r = cpu.execute(max_cycles=5)
    print("KeyboardInterrupt after %.1f s at pc %d; resumed: %d %s" % (
        time.time() - t0, cpu.pc, r.cycles, r.stop_reason_name))
    sys.exit(0)
print("not interrupted")
sys.exit(1)
PY
env PYTHONPATH="$py" "${PYRUN[@]}" spin.py >"$T/out" 2>"$T/err" &
pid=$!
for i in $(seq 100); do grep -q running "$T/out" && break; sleep 0.1; done
sleep 0.2
kill -INT "$pid"
for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { kill -9 "$pid"; echo "(killed: still running 10 s after SIGINT)" >"$T/err"; }
wait "$pid"
rc=$?
check "Ctrl-C stops execute() with KeyboardInterrupt, resumable" \
	'[ "$rc" -eq 0 ] && grep -q "^KeyboardInterrupt after .* at pc 0; resumed: 5 budget$" "$T/out"'

run env PYTHONPATH="$py" TBENCH_EMU_LIB="$T/nope.so" "${PYRUN[@]}" -c 'import tbench_emu'
check "a missing TBENCH_EMU_LIB is one clear error" \
	'[ "$rc" -ne 0 ] && grep -q "ImportError: tbench_emu: cannot load libtbench-emu: tried $T/nope.so (missing)" "$T/err"'
finish
