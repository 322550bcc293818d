# profile-common.sh - shared by the perf/valgrind wrappers (sourced, not run):
# finding tbench, splitting the wrapper's own options from the case
# selection, checking that the selection names exactly one case, the results
# directory, and the "tool is missing" message.
#
# Exit statuses of every wrapper: 0 ok; 1 the tool failed or found errors;
# 2 bad usage (including a selection of more or fewer than one case);
# 3 a tool is missing or not allowed to run here.
set -uo pipefail
TB_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$TB_HERE/find-tbench.sh"
me=$(basename "$0")

say() { echo "$me: $*" >&2; }
usage_error() { say "$*"; exit 2; }
fail() { say "$*"; exit 1; }

# need_tool PROGRAM PACKAGE: exit 3 with how to install it when missing
need_tool() {
	type -P "$1" >/dev/null && return 0
	say "'$1' is not installed; install the Debian package '$2': sudo apt-get install $2"
	exit 3
}

# the wrapper's own options are taken out; everything else goes to tbench run
tb_args=()
tb_has_opt() { # tb_has_opt NAME...: one of these options is among tb_args
	local a o
	for a in "${tb_args[@]+"${tb_args[@]}"}"; do
		for o in "$@"; do
			case "$a" in "$o" | "$o"=*) return 0 ;; esac
		done
	done
	return 1
}

# TBENCH, or the source tree's build/tbench (built when missing), or the
# installed one (scripts/find-tbench.sh)
tb_find_tbench() {
	if [ -n "${TBENCH:-}" ]; then
		[ -x "$TBENCH" ] || usage_error "TBENCH='$TBENCH' is not an executable file"
		return 0
	fi
	TBENCH=$(tb_default_tbench "$TB_HERE") || fail "no tbench found (set TBENCH)"
}

# tb_one_case: the selection must name exactly one case; sets case_name
# (family-variant-mode-size[-tN]) and case_line ("family variant mode size threads")
tb_one_case() {
	local plan rc
	plan=$("$TBENCH" run "${tb_args[@]+"${tb_args[@]}"}" --dry-run 2>&1)
	rc=$?
	[ $rc -eq 0 ] || usage_error "bad case selection: ${plan#tbench: }"
	local n
	n=$(printf '%s\n' "$plan" | grep -c .)
	if [ "$n" -ne 1 ]; then
		say "the selection names $n cases; a profile needs exactly one (narrow it with FAMILY --variant --mode --size --threads):"
		printf '%s\n' "$plan" | head -20 | sed 's/^/    /' >&2
		exit 2
	fi
	case_line=$plan
	local f v m s t
	read -r f v m s t <<<"$plan"
	case_name=$f-$v
	[ "$m" = - ] || case_name=$case_name-$m
	case_name=$case_name-$s
	[ "$t" = 1 ] || case_name=$case_name-t$t
}

# tb_defaults [ITERS [SAMPLES]]: a fixed-work run (--profile, or ITERS calls per
# sample and SAMPLES samples) unless the user chose otherwise; summary CSV in $out
tb_defaults() {
	if ! tb_has_opt --profile --profile-iters --metric; then
		if [ -n "${1:-}" ]; then tb_args+=(--profile-iters "$1"); else tb_args+=(--profile); fi
	fi
	[ -z "${2:-}" ] || tb_has_opt --samples || tb_args+=(--samples "$2")
	tb_has_opt --csv || tb_args+=(--csv "$out/summary.csv")
}

# tb_outdir: results/profile/<case>-<UTC time> (or under --out DIR)
tb_outdir() {
	local base=${out_base:-$(tb_results_dir "$TB_HERE")/profile}
	local stamp
	stamp=$(date -u +%Y%m%dT%H%M%S)
	out=$base/$case_name-$stamp
	local i=2
	while [ -e "$out" ]; do
		out=$base/$case_name-$stamp-$i
		i=$((i + 1))
	done
	mkdir -p "$out" || usage_error "cannot create the results directory '$out'"
}

# tb_check_ok: the case ran and is ok (not unsupported under the tool, say)
tb_check_ok() {
	local f=$out/summary.csv
	[ -f "$f" ] || return 0
	local st
	st=$(awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "status") c = i} NR == 2 {print $c}' "$f")
	[ "$st" = ok ] || fail "the case did not run: status '$st' (see $out/tbench.txt)"
}

tb_help() { sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }

# tb_parse "$@": --help, --out DIR; other wrapper options are matched by the
# caller's own_opt function (returns the number of arguments it took, or 0)
tb_parse() {
	while [ $# -gt 0 ]; do
		case "$1" in
		-h | --help) tb_help ;;
		--out)
			[ $# -ge 2 ] || usage_error "--out needs a directory"
			out_base=$2
			shift 2
			continue
			;;
		--out=*) out_base=${1#--out=}; shift; continue ;;
		esac
		local used=0
		if declare -F own_opt >/dev/null; then
			own_opt "$@"
			used=$?
		fi
		if [ "$used" -gt 0 ]; then
			shift "$used"
		else
			tb_args+=("$1")
			shift
		fi
	done
}

# perf_find: PERF = a working perf (Debian's linux-perf installs `perf`, a
# wrapper, and `perf_<version>`); exit 3 with how to install it otherwise
perf_find() {
	PERF=
	local c p
	for c in perf $(compgen -c perf_ 2>/dev/null | sort -rV | uniq); do
		p=$(type -P "$c") || continue # programs only, not our perf_* functions
		if "$p" --version >/dev/null 2>&1; then
			PERF=$p
			return 0
		fi
	done
	if type -P perf >/dev/null; then
		say "'perf' is installed but does not run here: $(perf --version 2>&1 | head -1)"
		say "install the linux-perf package matching this kernel: sudo apt-get install linux-perf"
		exit 3
	fi
	need_tool perf linux-perf
}

# perf_check: can perf count here at all, and are hardware events there?
# Sets perf_hw=yes|no and perf_paranoid; explains and exits 3 when perf may
# not count even software events for this user.
perf_check() {
	perf_paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown)
	local err
	if ! err=$("$PERF" stat -e task-clock -o /dev/null -- true 2>&1); then
		say "perf may not count events here: $(printf '%s' "$err" | grep -v '^$' | head -1)"
		say "kernel.perf_event_paranoid is $perf_paranoid (user $(id -un)); a value above 2 blocks"
		say "non-root users on Debian.  Run as root, or: sudo sysctl kernel.perf_event_paranoid=1"
		exit 3
	fi
	# at 2 an unprivileged user may count and sample only user space (perf
	# excludes the kernel by itself): said once, the profile still works
	if [ "$(id -u)" != 0 ] && [ "$perf_paranoid" = 2 ] &&
		! [[ "$(cat /proc/self/status 2>/dev/null)" =~ CapEff:[[:space:]]*[0-9a-f]*[1-9a-f] ]]; then
		say "kernel.perf_event_paranoid=2: user space only for $(id -un) (time the case spends in the"
		say "kernel - page faults, system calls - is not in it; sudo sysctl kernel.perf_event_paranoid=1 includes it)"
	fi
	perf_hw=yes
	if "$PERF" stat -x, -e instructions -- true 2>&1 >/dev/null | grep -Eq '<not (supported|counted)>'; then
		perf_hw=no
	fi
}

# perf_control: perf records the measured samples only.  perf starts with its
# events disabled (-D -1) and listens on a control fifo; tbench (told by
# TB_PERF_CONTROL) writes "enable" right before a case's measured samples and
# "disable" right after, and waits for perf's "ack" each time, so warmup,
# calibration and the clock and bandwidth probes stay out of the profile.
# Sets perf_ctl (perf's options) and exports TB_PERF_CONTROL; needs $out.
# Without --control in this perf (older than 5.10) the whole run is recorded,
# and it says so.
perf_control() {
	perf_ctl=()
	local help
	help=$("$PERF" record -h 2>&1) # exits 129 after the usage
	if [[ "$help" != *--control* ]]; then
		say "this perf has no --control: the profile covers the whole run (warmup and probes too)"
		return 0
	fi
	rm -f "$out/perf.ctl" "$out/perf.ack"
	mkfifo "$out/perf.ctl" "$out/perf.ack" || fail "cannot create the control fifos in $out"
	perf_ctl=(-D -1 --control "fifo:$out/perf.ctl,$out/perf.ack")
	export TB_PERF_CONTROL=$out/perf.ctl,$out/perf.ack
}

# perf_control_done: the fifos go once perf has finished
perf_control_done() {
	rm -f "$out/perf.ctl" "$out/perf.ack"
}

# perf_explain_hw: one line when the CPU's counters are not available
perf_explain_hw() {
	[ "$perf_hw" = no ] || return 0
	say "hardware events (cycles, instructions, cache misses) are not supported here (a VM"
	say "without a virtual PMU?): using software events; kernel.perf_event_paranoid=$perf_paranoid"
}

# vg_check: valgrind is installed and can run this tbench (not an ASan build)
vg_check() {
	need_tool valgrind valgrind
	if "$TBENCH" env 2>/dev/null | grep -q fsanitize; then
		say "'$TBENCH' is built with AddressSanitizer, which valgrind cannot run;"
		say "use a plain build: scripts/build.sh release (build/tbench), or set TBENCH"
		exit 3
	fi
}

# vg_run VALGRIND-OPTION...: valgrind over the case; tbench's table goes to
# tbench.txt (and the terminal), the status to vg_rc
vg_run() {
	echo "$me: valgrind $*: $case_line" >&2
	valgrind "$@" -- "$TBENCH" run "${tb_args[@]}" >"$out/tbench.txt"
	vg_rc=$?
	cat "$out/tbench.txt"
}

# tb_finish: the last line names the results directory
tb_finish() {
	echo "results: $out"
}
