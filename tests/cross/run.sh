#!/usr/bin/env bash
# run.sh - cross-build kernels for AArch64 and run their checks under
# qemu-aarch64 (ctest: cross.aarch64).  Exit 77 (SKIP) only when the cross
# compiler or qemu is missing; scripts/deps.sh test installs both.
#
# 1. Every kernels/ source that needs no GSL or BLAS, base/ (what kernels
#    may use below them), and the emulator library (emu/src, whose translator falls back to the interpreter), is
#    compiled for AArch64 with -Werror (x86-only variants must fall back to
#    their "unsupported" descriptors there).
# 2. Each family in FAMILIES is linked statically with its test driver and
#    run under qemu-aarch64; the driver prints ok/not ok lines, exits 0 if
#    all pass.
#
# Adding a family (e.g. the tensor ops' NEON files): write
# tests/cross/<family>_main.c (see scale_main.c: call the variants' verify
# on odd sizes and unaligned starts, print ok/not ok, return non-zero on a
# failure) and add one line to FAMILIES: the family name, then the sources
# it needs besides the shared ones (kernels/common.c, kernels/pool.c, kernels/verify.c,
# base/alloc.c, base/err.c and tests/cross/fill_lcg.c, which replaces the GSL fill).
set -u
root=${TB_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
cd "$root" || exit 1

FAMILIES=(
	"scale kernels/scale/scale_common.c kernels/scale/scalar.c kernels/scale/neon.c"
	"ops kernels/ops/ops_common.c kernels/ops/ref.c kernels/ops/isa_avx2.c kernels/ops/isa_avx512.c kernels/ops/isa_neon.c kernels/ops/binary.c kernels/ops/reduce.c kernels/ops/act.c"
)
SHARED="kernels/common.c kernels/pool.c kernels/verify.c base/alloc.c base/err.c tests/cross/fill_lcg.c"

CC=${TB_CROSS_CC:-aarch64-linux-gnu-gcc}
QEMU=${TB_QEMU:-qemu-aarch64}
for tool in "$CC" "$QEMU"; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool not found (scripts/deps.sh test installs gcc-aarch64-linux-gnu and qemu-user)"
		exit 77
	fi
done

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CFLAGS=(-std=gnu11 -O2 -Wall -Wextra -Werror -Ikernels -Ibase -Iemu/include -pthread)
failed=0

# 1. the portable part of kernels/ cross-compiles
n=0
while IFS= read -r src; do
	if grep -Eq '#include <(gsl/|cblas)' "$src"; then
		continue
	fi
	if ! "$CC" "${CFLAGS[@]}" -c "$src" -o "$T/obj.o" 2>"$T/err"; then
		echo "not ok - cross-compile $src"
		sed 's/^/    | /' "$T/err" | head -20
		failed=1
	fi
	n=$((n + 1))
done < <(find base kernels emu/src -name '*.c' | sort)
echo "ok - $n base/, kernels/ and emu/src sources compiled for AArch64 (those without GSL/BLAS)"

# 2. each family's driver runs under qemu
for entry in "${FAMILIES[@]}"; do
	read -r fam srcs <<<"$entry"
	bin=$T/$fam-aarch64
	# the reference is compiled as in the real build: no vectorisation
	if ! "$CC" "${CFLAGS[@]}" -fno-tree-vectorize -fno-tree-slp-vectorize -static \
		-o "$bin" "tests/cross/${fam}_main.c" $srcs $SHARED -lm 2>"$T/err"; then
		echo "not ok - build the $fam driver for AArch64"
		sed 's/^/    | /' "$T/err" | head -20
		failed=1
		continue
	fi
	if command -v file >/dev/null && ! file "$bin" | grep -q 'ARM aarch64'; then
		echo "not ok - $bin is not an AArch64 executable"
		failed=1
	fi
	if "$QEMU" "$bin" >"$T/out" 2>&1; then
		sed 's/^/    /' "$T/out"
		echo "ok - $fam checks pass under $QEMU"
	else
		sed 's/^/    /' "$T/out"
		echo "not ok - $fam checks under $QEMU"
		failed=1
	fi
done
exit $failed
