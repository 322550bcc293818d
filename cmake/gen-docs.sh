#!/bin/sh
# gen-docs.sh TBENCH OUTDIR VERSION - the man pages (OUTDIR/share/man/man1:
# tbench.1 and tbench-CMD.1 for every command of 'tbench --help') and the
# bash completion (OUTDIR/share/bash-completion/completions/tbench), all
# generated from the --help texts of the built tbench, so cmd/*.c's usage
# strings stay the one source.  Run at build time (cmake/install.cmake);
# each file is written beside and renamed, so a failure leaves none half
# written.
set -eu
tb=$1 out=$2 ver=$3
here=$(cd "$(dirname "$0")" && pwd)
man=$out/share/man/man1 comp=$out/share/bash-completion/completions
mkdir -p "$man" "$comp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
parse() { awk -f "$here/help-parse.awk"; }

"$tb" --help | parse >"$tmp/tbench.rec"
awk -F'\t' '$1 == "I" { print $2 "\t" $3 }' "$tmp/tbench.rec" >"$tmp/cmds"
[ -s "$tmp/cmds" ] || { echo "gen-docs.sh: '$tb --help' lists no commands" >&2; exit 1; }
pages="tbench"
while IFS="	" read -r c summary; do pages="$pages tbench-$c"; done <"$tmp/cmds"

render() { # PAGE SUMMARY RECORDS
	see=$(printf '%s\n' $pages | grep -vx "$1" | tr '\n' ' ')
	awk -v page="$1" -v summary="$2" -v version="$ver" -v see="$see" \
		-f "$here/help2man.awk" "$3" >"$man/$1.1.tmp"
	mv "$man/$1.1.tmp" "$man/$1.1"
}
render tbench "a benchmarking and profiling toolkit for kernels" "$tmp/tbench.rec"
printf '=\ttbench\n' >"$tmp/all.rec"
cat "$tmp/tbench.rec" >>"$tmp/all.rec"
while IFS="	" read -r c summary; do
	"$tb" "$c" --help | parse >"$tmp/$c.rec"
	[ -s "$tmp/$c.rec" ] || { echo "gen-docs.sh: '$tb $c --help' printed nothing" >&2; exit 1; }
	render "tbench-$c" "$summary" "$tmp/$c.rec"
	printf '=\t%s\n' "$c" >>"$tmp/all.rec"
	cat "$tmp/$c.rec" >>"$tmp/all.rec"
done <"$tmp/cmds"
awk -f "$here/help2completion.awk" "$tmp/all.rec" >"$comp/tbench.tmp"
mv "$comp/tbench.tmp" "$comp/tbench"
