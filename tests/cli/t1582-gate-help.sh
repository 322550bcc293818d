#!/usr/bin/env bash
# t1582-gate-help.sh - the gate's scripts answer --help (and -h) with their
# header, exit 0, and run nothing: before, scripts/gate-selftest.sh --help
# (which its own header and the docs point to) passed "--help" to tbench as
# the case selection and failed with "no baseline 'old'" (exit 2),
# gate-ab.sh did the same, and ci-regression.sh --help installed packages
# and built tbench first.
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
S=$TB_SRC/scripts
# a tbench that records being run: --help must not run it
cat >"$T/fake" <<FAKE
#!/bin/sh
echo ran >>"$T/ran"
exit 2
FAKE
chmod +x "$T/fake"
for s in gate-selftest gate-ab ci-regression; do
	for h in --help -h; do
		expect_status "$s.sh $h: exit 0" 0 env TBENCH="$T/fake" "$S/$s.sh" $h
		check "$s.sh $h: prints its header" 'grep -q "^$s.sh - " "$T/out" && ! grep -q "^#" "$T/out"'
		check "$s.sh $h: nothing on stderr" '[ ! -s "$T/err" ]'
	done
done
check "gate-selftest --help names K and GATE_CASE" 'run "$S/gate-selftest.sh" --help; grep -q "K=20 GATE_CASE=memory" "$T/out"'
check "tbench was never run" '[ ! -e "$T/ran" ]'
check "nothing built or written here" '[ -z "$(ls -A)" ]'
finish
