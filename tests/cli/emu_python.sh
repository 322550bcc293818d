# emu_python.sh - sourced by the tbench_emu Python tests (t0405, t0406):
# PYRUN is how to run /usr/bin/python3 on this build's libtbench-emu.  In a
# sanitizer build the library needs the ASan/UBSan runtimes loaded first
# (Python itself is not instrumented) and Python's own leaks are not ours.
# Skips (77) without /usr/bin/python3.
[ -x /usr/bin/python3 ] || { echo "SKIP: /usr/bin/python3 is missing"; exit 77; }
PYRUN=(/usr/bin/python3)
if grep -q '^TB_SANITIZE:BOOL=ON' "$TB_BUILD/CMakeCache.txt" 2>/dev/null; then
	cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$TB_BUILD/CMakeCache.txt")
	pre=""
	for rt in libasan.so libubsan.so; do
		f=$("${cc:-cc}" -print-file-name=$rt)
		[ -f "$f" ] && pre="$pre $f"
	done
	PYRUN=(env "LD_PRELOAD=${pre# }" ASAN_OPTIONS=detect_leaks=0 /usr/bin/python3)
fi
