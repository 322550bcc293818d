# lib.sh - helpers for the end-to-end CLI tests (sourced by tests/cli/t*.sh).
# TBENCH is the binary under test; each test works in its own temporary dir.
set -u
: "${TBENCH:?TBENCH must name the tbench binary}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/w" && cd "$T/w" || exit 1
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "not ok - $*"; sed 's/^/    | /' "$T/err" 2>/dev/null | head -5; }

# run CMD...: runs it with stdout in $T/out, stderr in $T/err, status in $rc
run() { "$@" >"$T/out" 2>"$T/err" </dev/null; rc=$?; }

# expect_usage DESC NEEDLE CMD...: exit 2, exactly one line on stderr, containing NEEDLE
expect_usage() {
	local desc=$1 needle=$2; shift 2
	run "$@"
	local lines; lines=$(wc -l <"$T/err")
	if [ "$rc" -ne 2 ]; then bad "$desc: exit $rc, wanted 2"; return; fi
	if [ "$lines" -ne 1 ]; then bad "$desc: $lines lines on stderr, wanted 1"; return; fi
	if ! grep -qF -- "$needle" "$T/err"; then bad "$desc: stderr lacks '$needle'"; return; fi
	ok "$desc"
}

# expect_status DESC STATUS CMD...
expect_status() {
	local desc=$1 want=$2; shift 2
	run "$@"
	if [ "$rc" -ne "$want" ]; then bad "$desc: exit $rc, wanted $want"; else ok "$desc"; fi
}

# csv_col CSV VARIANT COLUMN: COLUMN of the first row of summary CSV whose
# variant is VARIANT (exec's cases: the command name is the variant)
csv_col() { /usr/bin/python3 -c 'import csv, sys
print(next(r for r in csv.DictReader(open(sys.argv[1])) if r["variant"] == sys.argv[2])[sys.argv[3]])' "$@"; }

# check DESC COMMAND-STRING: passes when the shell command succeeds
check() {
	local desc=$1; shift
	if eval "$*"; then ok "$desc"; else bad "$desc: failed: $*"; fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# bin_without DIR: DIR gets links to the basic tools scripts use (bash,
# coreutils, sed, awk, grep, perl), so PATH=DIR simulates a machine
# without everything else (perf, valgrind, ...)
bin_without() {
	local d=$1 t p links=()
	mkdir -p "$d"
	for t in bash sh env dirname basename sed grep cat date mkdir awk mawk sort head cut id \
		uniq tail wc tr ls rm mktemp readlink perl python3; do
		p=$(type -P "$t") && links+=("$p")
	done
	ln -s "${links[@]}" "$d/"
}

# Headless Chromium (Debian's chromium; CHROMIUM overrides), a fresh profile
# each time, no network.  browser_check HTML CHECK.JS WxH: loads HTML with
# the <script> in CHECK.JS appended (script errors are collected in
# window.__e from the first moment on); the check sets document.title to
# "TBCHECK ..." and $title receives it; the console goes to console.txt.
# browser_shot HTML PNG WxH: a screenshot.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
browser_run() {
	local size=$1 profile rc; shift
	profile=$(mktemp -d)
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$profile" --window-size="${size/x/,}" --virtual-time-budget=5000 \
		--hide-scrollbars "$@"
	rc=$?
	rm -rf "$profile"
	return $rc
}
browser_check() {
	{
		sed -e '/^<\/body>/,$d' \
			-e 's|<head>|<head><script>window.__e=[];window.addEventListener("error",function(e){window.__e.push(String(e.message));});</script>|' \
			"$1"
		cat "$2"
		printf '</body>\n</html>\n'
	} >"$1.check.html"
	browser_run "$3" --enable-logging=stderr --v=0 --dump-dom "file://$PWD/$1.check.html" \
		>"$1.dom" 2>console.txt
	title=$(grep -o "<title>TBCHECK[^<]*" "$1.dom")
	title=${title#<title>}
	echo "# $title"
}
browser_shot() {
	browser_run "$3" --screenshot="$2" "file://$(readlink -f "$1")" >/dev/null 2>&1
}
