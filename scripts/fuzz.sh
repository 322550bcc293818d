#!/usr/bin/env bash
# fuzz.sh - build the libFuzzer harnesses (tests/fuzz/fuzz_*.c) with clang,
# ASan and UBSan in build-fuzz/, and run one.
#   scripts/fuzz.sh TARGET [SECONDS] [LIBFUZZER-ARGS...]   fuzz TARGET (default 60 s)
#   scripts/fuzz.sh --list                                 the targets
#   scripts/fuzz.sh --build                                build only
# TARGET is csv_summary, csv_samples, csv_kv, parse, ... (the fuzz_ prefix is
# optional).  Seeds: tests/fuzz/corpus/TARGET (checked in) plus every input
# that once crashed, tests/fuzz/regress/TARGET; new inputs go to
# build-fuzz/corpus/TARGET (a fresh temporary one with TB_FUZZ_FRESH=1),
# crashes to build-fuzz/crashes/TARGET/.
# (-Werror is the gcc build's gate; clang here only warns.)
# Exit status: 0 no crash, 1 a crash (the input is saved), 2 usage, 77 no clang.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=$root/build-fuzz
targets=()
for f in "$root"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$f" .c)
	targets+=("${t#fuzz_}")
done

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }

build() {
	local cc
	cc=$(command -v clang || command -v clang-14 || true)
	if [ -z "$cc" ] || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
		echo "fuzz.sh: clang with libFuzzer is missing (scripts/deps.sh test installs clang and libclang-rt-14-dev)" >&2
		exit 77
	fi
	cmake -S "$root" -B "$dir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DTB_WERROR=OFF -DTB_SANITIZE=ON -DTB_FUZZ=ON >/dev/null
	local t names=()
	for t in "${targets[@]}"; do names+=("fuzz_$t"); done
	cmake --build "$dir" -j"$(nproc)" --target "${names[@]}" >/dev/null
}

case "${1:-}" in
"" | -h | --help) usage; [ -n "${1:-}" ] && exit 0; exit 2 ;;
--list) printf '%s\n' "${targets[@]}"; exit 0 ;;
--build) build; exit 0 ;;
esac

t=${1#fuzz_}
secs=${2:-60}
shift $(($# >= 2 ? 2 : 1))
ok=0
for x in "${targets[@]}"; do [ "$x" = "$t" ] && ok=1; done
if [ $ok = 0 ]; then
	echo "fuzz.sh: unknown target '$t' (targets: ${targets[*]})" >&2
	exit 2
fi
case "$secs" in
'' | *[!0-9]*) echo "fuzz.sh: invalid SECONDS '$secs': expected a whole number" >&2; exit 2 ;;
esac
build
corpus=$dir/corpus/$t
if [ "${TB_FUZZ_FRESH:-0}" = 1 ]; then # smoke test: start from the checked-in seeds only
	corpus=$(mktemp -d)
	trap 'rm -rf "$corpus"' EXIT
fi
mkdir -p "$corpus" "$dir/crashes/$t"
seeds=()
for d in "$root/tests/fuzz/corpus/$t" "$root/tests/fuzz/regress/$t"; do
	[ -d "$d" ] && seeds+=("$d")
done
dict=()
[ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
set +e
"$dir/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
	-artifact_prefix="$dir/crashes/$t/" -print_final_stats=1 "${dict[@]}" "$@" \
	"$corpus" "${seeds[@]}"
rc=$?
set -e
[ $rc -eq 0 ] || { echo "fuzz.sh: $t found a crash (rc $rc); input saved in $dir/crashes/$t/" >&2; exit 1; }
