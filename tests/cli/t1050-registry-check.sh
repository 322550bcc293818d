#!/usr/bin/env bash
# t1050-registry-check.sh - a kernel descriptor that is defined but not
# listed in the registry fails the build: scripts/check-registry.sh on a
# small library, then a real build of a copy of the tree with one orphan
# descriptor added (fails, fails again on the next build, passes once the
# orphan is gone).
. "$(dirname "$0")/lib.sh"

S="$TB_SRC/scripts/check-registry.sh"
NM=$(command -v nm || true)
if [ -z "$NM" ] || ! command -v cmake >/dev/null || ! command -v cc >/dev/null; then
	echo "SKIP: needs nm, cc and cmake"
	exit 77
fi

# 1. the script: listed descriptors pass, an unlisted one is named
cat >registry.c <<'EOF'
extern const int tb_k_a;
const void *listed = &tb_k_a;
EOF
cat >k.c <<'EOF'
const int tb_k_a = 1;
static const int tb_k_local = 3; /* file-local: not a registry entry */
const void *local = &tb_k_local;
EOF
cat >orphan.c <<'EOF'
const int tb_k_orphan = 2;
EOF
cc -c registry.c -o registry.c.o && cc -c k.c -o k.c.o && cc -c orphan.c -o orphan.c.o
ar rcs good.a registry.c.o k.c.o && ar rcs bad.a registry.c.o k.c.o orphan.c.o
expect_status "every descriptor listed" 0 bash "$S" "$NM" good.a
expect_status "an unlisted descriptor fails" 1 bash "$S" "$NM" bad.a
check "one line naming it, its object and the fix" \
	'[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "tb_k_orphan (defined in orphan.c.o) is not in the registry: add TB_KERNEL(tb_k_orphan)" "$T/err"'
expect_status "no library" 2 bash "$S" "$NM" nosuch.a
ar rcs noreg.a k.c.o
expect_status "a library without registry.c.o" 2 bash "$S" "$NM" noreg.a
expect_status "usage" 2 bash "$S" "$NM"

# 2. the real build, on a copy of the tree
src=$T/src
mkdir "$src"
tar -C "$TB_SRC" --exclude='./build*' --exclude=./.git -cf - . | tar -C "$src" -xf -
cat >"$src/kernels/null/orphan.c" <<'EOF'
/* orphan.c - a descriptor nobody listed in kernels.def (t1050) */
#include "../kernel.h"
const struct tb_kernel tb_k_null_orphan = {.abi = TB_KERNEL_ABI, .family = "null", .variant = "orphan"};
EOF
expect_status "configure the copy" 0 cmake -S "$src" -B "$T/b" -DCMAKE_BUILD_TYPE=Release
run cmake --build "$T/b" -j2 --target tb_registry_check
check "the build fails" '[ "$rc" -ne 0 ]'
check "the build says which descriptor and where" \
	'grep -q "error: kernel descriptor tb_k_null_orphan (defined in orphan.c.o) is not in the registry" "$T/out" "$T/err"'
run cmake --build "$T/b" --target tb_registry_check
check "and fails again on the next build" '[ "$rc" -ne 0 ] && grep -q tb_k_null_orphan "$T/err"' 
rm "$src/kernels/null/orphan.c"
expect_status "without the orphan it passes" 0 cmake --build "$T/b" -j2 --target tb_registry_check
finish
