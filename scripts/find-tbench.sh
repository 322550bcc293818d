# find-tbench.sh - sourced by the scripts that run tbench, in the source
# tree (scripts/) and installed (P/share/tbench/, by cmake/install.cmake):
#   tb_default_tbench DIR   the tbench to use when $TBENCH is not set, for a
#                           script in DIR: in a source tree DIR/../build/tbench
#                           (built by scripts/build.sh when missing); installed
#                           DIR/../../bin/tbench; else tbench on PATH.  Prints
#                           nothing and returns 1 when there is none.
#   tb_results_dir DIR      where results go by default: the source tree's
#                           results/, or ./results when installed
#   tb_cache_bytes LEVEL    bytes of cpu0's largest level-LEVEL data or unified
#                           cache (sysfs), 0 if unknown
tb_source_tree() { [ -x "$1/build.sh" ] && [ -f "$1/../CMakeLists.txt" ]; }

tb_default_tbench() {
	local d=$1 t
	if tb_source_tree "$d"; then
		t=$(cd "$d/.." && pwd)/build/tbench
		if [ ! -x "$t" ]; then
			echo "no $t yet: building it (scripts/build.sh release)" >&2
			"$d/build.sh" release >/dev/null || return 1
		fi
		echo "$t"
		return 0
	fi
	if [ -x "$d/../../bin/tbench" ]; then
		echo "$(cd "$d/../../bin" && pwd)/tbench"
		return 0
	fi
	type -P tbench
}

tb_results_dir() {
	if tb_source_tree "$1"; then echo "$(cd "$1/.." && pwd)/results"; else echo "$PWD/results"; fi
}

tb_cache_bytes() {
	local best=0 d s b
	for d in /sys/devices/system/cpu/cpu0/cache/index*; do
		[ "$(cat "$d/level" 2>/dev/null)" = "$1" ] || continue
		[ "$(cat "$d/type" 2>/dev/null)" = Instruction ] && continue
		s=$(cat "$d/size" 2>/dev/null) || continue
		case $s in *K) b=$((${s%K} << 10)) ;; *M) b=$((${s%M} << 20)) ;; *) b=$s ;; esac
		[ "$b" -gt "$best" ] && best=$b
	done
	echo "$best"
}
