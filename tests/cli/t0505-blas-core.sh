#!/usr/bin/env bash
# t0505-blas-core.sh - BLAS honesty: the fingerprint says which core
# OpenBLAS runs and whether it is older than the CPU (blas.core_vs_cpu);
# --blas-core NAME really changes the core (tbench re-runs itself with
# OPENBLAS_CORETYPE=NAME before OpenBLAS loads), an older core is said once
# in the run's notes, the blas cases still verify; an unknown core, or one
# whose instructions this CPU lacks, is refused in one line (exit 2)
# listing the cores that run here.
. "$(dirname "$0")/lib.sh"

val() { awk -F, -v k="$1" '$1 == k { sub(/^[^,]*,/, ""); gsub(/["\r]/, ""); print; exit }' "$2"; }
blas=(scale -v blas -m inplace -s 1000 --samples 3 --warmup-time 1ms)

expect_status "env" 0 "$TBENCH" env --csv
check "env says whether OpenBLAS's core fits the CPU" 'grep -Eq "^blas.core_vs_cpu,\"?(matches|older|unknown)" "$T/out"'

expect_status "--blas-core Prescott" 0 "$TBENCH" run "${blas[@]}" --blas-core prescott --csv p.csv
check "the fingerprint's core is Prescott" '[ "$(val blas.core p.fingerprint.csv)" = Prescott ] && [ "$(val blas.core_requested p.fingerprint.csv)" = Prescott ]'
check "the blas case verified and ran" 'grep -q "^scale .*blas .* ok " "$T/out"'
if grep -qw avx /proc/cpuinfo; then
	check "an older core is named as such" 'val blas.core_vs_cpu p.fingerprint.csv | grep -q "^older: SSE2/SSE3 kernels on a CPU with AVX"'
	check "said once in the run's notes" '[ "$(grep -c "note: OpenBLAS runs its Prescott kernels (SSE2/SSE3) on a CPU with AVX" "$T/err")" -eq 1 ] &&
		grep -q "not OpenBLAS at its best here" "$T/err"'
fi
if grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
	expect_status "--blas-core Haswell" 0 "$TBENCH" run "${blas[@]}" --blas-core Haswell --csv h.csv
	check "the fingerprint's core is Haswell" '[ "$(val blas.core h.fingerprint.csv)" = Haswell ]'
	check "no note: Haswell fits an AVX2 CPU" '! grep -q "note: OpenBLAS" "$T/err" || grep -qw avx512f /proc/cpuinfo'
fi
expect_status "no --blas-core: OpenBLAS picks" 0 "$TBENCH" run "${blas[@]}" -q --csv d.csv
check "no core requested" '[ -z "$(val blas.core_requested d.fingerprint.csv)" ]'
check "a core is recorded" '[ -n "$(val blas.core d.fingerprint.csv)" ]'
expect_status "a run without blas cases says nothing about BLAS" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms --blas-core Prescott
check "no BLAS note" '! grep -q "OpenBLAS" "$T/err"'

expect_usage "unknown core" "invalid --blas-core 'NoSuchCore': expected a core OpenBLAS 0.3.21 knows" \
	"$TBENCH" run "${blas[@]}" --blas-core NoSuchCore --csv bad.csv
check "lists the cores that run here" 'grep -q "cores that run here: Prescott, " "$T/err"'
check "nothing written" '[ ! -e bad.csv ]'
if ! grep -qw avx512f /proc/cpuinfo; then
	expect_usage "a core this CPU cannot run" "'SkylakeX': its kernels need AVX-512, which this CPU lacks" \
		"$TBENCH" run "${blas[@]}" --blas-core SkylakeX
fi
finish
