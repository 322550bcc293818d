#!/usr/bin/env bash
# t1624-exec-events-perf-stat.sh - tbench exec --events against Linux perf
# (an independent tool on the same kernel counters): `perf stat -x, -e
# task-clock,page-faults,context-switches -r 5` of the page-touching helper
# and `tbench exec -e` of the same command agree on the page faults (within
# 5% + 10) and the context switches (at least the sleeps on both); the
# task-clock figures are only checked to be in the same unit (a factor of
# 5: no timing asserted).  SKIP without perf, or where perf cannot count.
. "$(dirname "$0")/lib.sh"
H=${TB_BUILD:-}/tests/tb_touch_pages
[ -x "$H" ] || { echo "SKIP: $H is not built"; exit 77; }
command -v perf >/dev/null || { echo "SKIP: no perf (linux-perf) here"; exit 77; }
if ! perf stat -x, -e task-clock,page-faults,context-switches -r 5 -o ps.txt -- "$H" 3000 10 >/dev/null 2>"$T/err"; then
	echo "SKIP: perf stat cannot count here: $(head -1 "$T/err")"; exit 77
fi
pf() { awk -F, -v e="$1" '$3 == e || $3 ~ "^"e":" { print $1 }' ps.txt; }
p_pf=$(pf page-faults) p_cs=$(pf context-switches) p_tc=$(pf task-clock)
run "$TBENCH" exec -r 5 -e task-clock,page-faults,context-switches -n h --csv a.csv -- "$H" 3000 10
if grep -q "no counters:" "$T/err"; then echo "SKIP: $(cat "$T/err")"; exit 77; fi
check "exit 0" '[ "$rc" -eq 0 ]'
t_pf=$(csv_col a.csv h ctr_page-faults) t_cs=$(csv_col a.csv h ctr_context-switches) t_tc=$(csv_col a.csv h ctr_task-clock)
echo "# perf stat: page-faults $p_pf, context-switches $p_cs, task-clock $p_tc ms"
echo "# tbench exec: page-faults $t_pf, context-switches $t_cs, task-clock $t_tc ns"
check "perf stat's figures read" '[ -n "$p_pf" ] && [ -n "$p_cs" ] && [ -n "$p_tc" ]'
check "page faults agree within 5% + 10" '/usr/bin/python3 -c "import sys; a, b = $p_pf, $t_pf; sys.exit(not (abs(a - b) <= 10 + 0.05 * max(a, b)))"'
check "both see the 10 sleeps" '/usr/bin/python3 -c "import sys; sys.exit(not ($p_cs >= 10 and $t_cs >= 10))"'
check "task-clock in the same unit (ms vs ns, a factor of 5)" '/usr/bin/python3 -c "import sys; r = $t_tc / ($p_tc * 1e6); sys.exit(not (0.2 <= r <= 5))"'
finish
