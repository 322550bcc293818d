#!/usr/bin/env bash
# t1053-peers-unknown.sh - tbpeer.py's speed-up table marks '?' (unknown)
# where the machine's load decides the winner: the fastest samples' ratio
# and the medians' ratio fall on different sides of 1.0; a loss both agree
# on stays unmarked, and a CSV without min_ns marks nothing; --wide puts
# one family on a line.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
P="$TB_SRC/scripts/tbpeer.py"
h=schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,min_ns,median_ns
cat >tb.csv <<CSV
$h
tbench-1,,add,avx2,outofplace,100,10,10,1,ok,3,1,50,100
tbench-1,,sum,avx2,-,100,10,10,1,ok,3,1,90,100
tbench-1,,relu,avx2,outofplace,100,10,10,1,ok,3,1,90,100
CSV
cat >peer.csv <<CSV
$h
tbench-1,torch,add,torch,outofplace,100,10,10,1,ok,3,1,80,90
tbench-1,torch,sum,torch,-,100,10,10,1,ok,3,1,80,90
tbench-1,torch,relu,torch,outofplace,100,10,10,1,ok,3,1,95,120
CSV
expect_status "against" 0 "$PY" "$P" against tb.csv peer.csv
check "medians say 0.90x, fastest samples 1.60x: unknown" 'grep -q "^| add outofplace | 10x10 | 1 | .* | 0.90x? |$" "$T/out"'
check "a loss both agree on is not marked" 'grep -q "^| sum | 10x10 | 1 | .* | 0.90x |$" "$T/out"'
check "a win both agree on is not marked" 'grep -q "^| relu outofplace | 10x10 | 1 | .* | 1.20x |$" "$T/out"'
check "the mark is explained" 'grep -q "^?: .*unknown" "$T/out"'
expect_status "against --wide" 0 "$PY" "$P" against --wide tb.csv peer.csv
check "wide: a column per peer, size and thread count" 'grep -q "^| family | PyTorch 10x10 t1 |$" "$T/out"'
check "wide: a line per family, the marks kept" 'grep -q "^| add outofplace | 0.90x? |$" "$T/out" && grep -q "^| sum | 0.90x |$" "$T/out" && grep -q "^?: " "$T/out"'
cut -d, -f1-12,14 tb.csv >tb2.csv
expect_status "against, no min_ns" 0 "$PY" "$P" against tb2.csv peer.csv
check "without min_ns nothing is marked" '! grep -q "x?" "$T/out" && ! grep -q "^?:" "$T/out"'
finish
