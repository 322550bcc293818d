#!/usr/bin/env bash
# layering-selftest.sh - the layering check (tests/layering.py) on small
# fixture trees: it passes a clean tree, and fails an upward include, a
# circle between two files, and emu/ reaching up into kernels/ (ctest:
# layering.selftest; layering.tree runs the check on the real tree).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
check=$here/layering.py
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0

# put FILE CONTENT: write a fixture file (folders made)
put() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$2" >"$1"; }
# expect NAME STATUS PATTERN ROOT: the check on ROOT exits STATUS, prints PATTERN
expect() {
	local out rc
	out=$(/usr/bin/python3 "$check" "$4" 2>&1)
	rc=$?
	if [ "$rc" -eq "$2" ] && grep -qF -- "$3" <<<"$out"; then
		echo "ok - $1"
	else
		echo "not ok - $1 (exit $rc, wanted $2 and '$3'):"
		sed 's/^/    | /' <<<"$out"
		failed=1
	fi
}

clean=$T/clean
put "$clean/base/err.h" '/* err */'
put "$clean/kernels/k.h" '#include "err.h"'
put "$clean/kernels/k.c" '#include "k.h"'
put "$clean/probes/c.h" '#include "../kernels/k.h"'
put "$clean/probes/c_impl.h" '#include "c.h"'
put "$clean/probes/c.c" '#include "c_impl.h"'
put "$clean/emu/include/tbench/emu.h" '#include <stdint.h>'
put "$clean/kernels/loop.c" '#include "tbench/emu.h"'
put "$clean/cmd/main.c" '#include "../probes/c.h"
#include "version.h"'
expect "a clean tree passes (an internal x_impl.h is part of x)" 0 "layering: ok" "$clean"

up=$T/up
cp -r "$clean" "$up"
put "$up/reports/r.h" '/* r */'
put "$up/probes/p.c" '#include "c.h"
#include "../reports/r.h"'
expect "an upward include fails, naming the file and line" 1 \
	'probes/p.c:2: includes "../reports/r.h" (reports/r.h): reports/ is above probes/' "$up"

circle=$T/circle
cp -r "$clean" "$circle"
put "$circle/probes/x.c" '#include "x.h"
#include "y.h"'
put "$circle/probes/x.h" ''
put "$circle/probes/y.c" '#include "x.h"'
put "$circle/probes/y.h" ''
expect "a circle between two files fails" 1 "circle between probes/x, probes/y" "$circle"

emu=$T/emu
cp -r "$clean" "$emu"
put "$emu/emu/src/jit.c" '#include "../../kernels/k.h"'
expect "emu/ including kernels/ fails" 1 "kernels/ is above emu/" "$emu"

expect "a missing root is a usage error" 2 "is not a directory" "$T/none"
exit $failed
