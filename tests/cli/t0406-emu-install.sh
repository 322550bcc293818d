#!/usr/bin/env bash
# t0406-emu-install.sh - `cmake --install BUILD --prefix P` installs
# libtbench-emu: the versioned shared library, <tbench/emu.h> and
# <tbench/emu_encode.h>, lib/pkgconfig/tbench-emu.pc and the Python module.
# A C program built with pkg-config alone against P runs a guest; the
# Python module from P loads P's library; both still work after the prefix
# is moved (the .pc file and the module find things relative to themselves).
. "$(dirname "$0")/lib.sh"
. "$TB_SRC/tests/cli/emu_python.sh"
for tool in cmake pkg-config cc; do
	command -v $tool >/dev/null || { echo "SKIP: $tool is missing"; exit 77; }
done

run cmake --install "$TB_BUILD" --prefix "$T/p"
check "cmake --install exits 0" '[ "$rc" -eq 0 ]'
for f in lib/libtbench-emu.so lib/libtbench-emu.so.1 lib/libtbench-emu.so.1.0.0 \
	include/tbench/emu.h include/tbench/emu_encode.h lib/pkgconfig/tbench-emu.pc \
	lib/python3/dist-packages/tbench_emu/__init__.py; do
	check "installed $f" '[ -e "$T/p/$f" ]'
done
check "the soname is versioned" 'objdump -p "$T/p/lib/libtbench-emu.so.1.0.0" | grep -q "SONAME *libtbench-emu.so.1$"'
check "only the API is exported" '! nm -D --defined-only "$T/p/lib/libtbench-emu.so.1" | awk "{print \$3}" | grep -v "^tb_emu_\|^tb_a64_" | grep -q .'

cat >hello.c <<'C'
#include <tbench/emu.h>
#include <tbench/emu_encode.h>
#include <stdio.h>
int main(void)
{
	char err[256];
	struct tb_emu *e = tb_emu_create(64 << 10, err, sizeof(err));
	uint32_t prog[] = {tb_a64_movz(1, 0, 40, 0), tb_a64_add_imm(1, 0, 0, 2, 0), tb_a64_hlt(0)};
	if (!e || tb_emu_load_raw(e, 0, prog, sizeof(prog), err, sizeof(err)))
		return 3;
	struct tb_emu_result r = tb_emu_execute(e, 100);
	printf("%s %llu x0=%llu %s\n", tb_emu_stop_name(r.reason), (unsigned long long)r.executed,
	       (unsigned long long)tb_emu_get_reg(e, 0), tb_emu_version());
	if (tb_emu_load_elf(e, "junk", 4, err, sizeof(err)) != TB_EMU_E_FORMAT)
		return 4;
	printf("%s\n", err);
	tb_emu_destroy(e);
	return 0;
}
C
san=""
grep -q '^TB_SANITIZE:BOOL=ON' "$TB_BUILD/CMakeCache.txt" && san="-fsanitize=address,undefined"
build_and_run() { # PREFIX
	local flags
	flags=$(PKG_CONFIG_PATH="$1/lib/pkgconfig" pkg-config --cflags --libs tbench-emu) || return 1
	cc -std=c11 -Wall -Werror $san hello.c $flags -o hello && LD_LIBRARY_PATH="$1/lib" ./hello
}
run build_and_run "$T/p"
check "a C program built with pkg-config runs a guest" '[ "$rc" -eq 0 ] && grep -q "^halt 3 x0=42 1\.0\.0$" "$T/out" && grep -q "^not an ELF file" "$T/out"'
check "pkg-config points into the prefix" 'PKG_CONFIG_PATH="$T/p/lib/pkgconfig" pkg-config --variable=libdir tbench-emu | grep -q "^$T/p/lib/pkgconfig/../../lib$"'

py=lib/python3/dist-packages
run env PYTHONPATH="$T/p/$py" "${PYRUN[@]}" "$TB_SRC/tests/emu/python_check.py" \
	--expect-lib "$T/p/lib/libtbench-emu.so.1"
if [ "$rc" -eq 0 ]; then ok "python_check.py from the prefix: $(grep -c '^ok' "$T/out") checks"
else bad "python_check.py from the prefix exit $rc: $(grep '^not ok' "$T/out" | head -5)"; fi

# the installed module knows the library's path (substituted at install):
# a copy of the package elsewhere still loads P's library; a library in the
# package's own directory comes first
check "the install substituted the library's path" \
	'grep -qx "_INSTALLED_LIB = \"$T/p/lib/libtbench-emu.so.1\"" "$T/p/$py/tbench_emu/__init__.py"'
mkdir -p "$T/elsewhere" "$T/beside"
cp -r "$T/p/$py/tbench_emu" "$T/elsewhere/"
run env PYTHONPATH="$T/elsewhere" "${PYRUN[@]}" -c 'import tbench_emu; print(tbench_emu.library_path)'
check "a copy of the package elsewhere loads the installed library" \
	'[ "$rc" -eq 0 ] && grep -qx "$T/p/lib/libtbench-emu.so.1" "$T/out"'
cp -r "$T/p/$py/tbench_emu" "$T/beside/"
cp "$T/p/lib/libtbench-emu.so.1.0.0" "$T/beside/tbench_emu/libtbench-emu.so.1"
run env PYTHONPATH="$T/beside" "${PYRUN[@]}" -c 'import tbench_emu; print(tbench_emu.library_path)'
check "a library beside the module comes first" \
	'[ "$rc" -eq 0 ] && grep -qx "$T/beside/tbench_emu/libtbench-emu.so.1" "$T/out"'

mv "$T/p" "$T/moved"
rm -f hello
run build_and_run "$T/moved"
check "after moving the prefix, pkg-config still builds and runs it" '[ "$rc" -eq 0 ] && grep -q "^halt 3 x0=42" "$T/out"'
run env PYTHONPATH="$T/moved/$py" "${PYRUN[@]}" -c 'import tbench_emu; print(tbench_emu.library_path)'
check "after moving the prefix, the module finds the moved library" '[ "$rc" -eq 0 ] && grep -q "^$T/moved/lib/libtbench-emu.so.1$" "$T/out"'
finish
