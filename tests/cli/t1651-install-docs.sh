#!/usr/bin/env bash
# t1651-install-docs.sh - the installed man pages and bash completion, both
# generated from tbench's --help texts (cmake/gen-docs.sh): one page per
# command of 'tbench --help' plus tbench(1); man -l renders each without a
# groff warning, with NAME, SYNOPSIS and every option the command's --help
# names; the completion loads in a plain bash, registers for tbench, and
# completes commands, options, sub-commands and families from P's tbench.
. "$(dirname "$0")/lib.sh"
command -v cmake >/dev/null || { echo "SKIP: cmake is missing"; exit 77; }
P=$T/p
run cmake --install "$TB_BUILD" --prefix "$P"
check "cmake --install exits 0" '[ "$rc" -eq 0 ]'
man1=$P/share/man/man1
cmds=$("$TBENCH" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
check "tbench --help lists commands" '[ -n "$cmds" ]'
pages=(tbench)
for c in $cmds; do pages+=("tbench-$c"); done
missing=()
for p in "${pages[@]}"; do [ -s "$man1/$p.1" ] || missing+=("$p.1"); done
check "a man page for tbench and each of its $(echo $cmds | wc -w) commands${missing[*]:+ (missing: ${missing[*]})}" \
	'[ ${#missing[@]} -eq 0 ]'
check "no page for a command that does not exist" '[ "$(ls "$man1" | wc -l)" -eq ${#pages[@]} ]'

if command -v man >/dev/null; then
	for p in "${pages[@]}"; do
		[ -s "$man1/$p.1" ] || continue
		c=${p#tbench-}
		[ "$p" = tbench ] && c=
		MANWIDTH=200 man --warnings -l "$man1/$p.1" 2>man.err | col -b >man.txt
		bad_opts=()
		for o in $("$TBENCH" $c --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			grep -qF -- "$o" man.txt || bad_opts+=("$o")
		done
		check "man -l $p.1: no warnings, NAME, SYNOPSIS, every option of its --help${bad_opts[*]:+ (lacks ${bad_opts[*]})}" \
			'[ ! -s man.err ] && grep -q "^NAME" man.txt && grep -q "^SYNOPSIS" man.txt && grep -q "^ *$p - " man.txt && [ ${#bad_opts[@]} -eq 0 ]' ||
			sed 's/^/    | /' man.err | head -3
	done
	MANWIDTH=200 man -l "$man1/tbench-run.1" 2>/dev/null | col -b >run.txt
	check "tbench-run(1): options under their headings, exit status, see also" \
		'grep -q "^   selection" run.txt && grep -q "^       -v, --variant V\[,V...\]" run.txt && grep -q "^EXIT STATUS" run.txt && grep -q "tbench-compare(1)" run.txt'
	MANWIDTH=200 man -l "$man1/tbench.1" 2>/dev/null | col -b >main.txt
	check "tbench(1) lists every command with its page" \
		'for c in $cmds; do grep -q "see tbench-$c(1)" main.txt || exit 1; done'
	check "man finds the pages with MANPATH=P/share/man" 'MANPATH="$P/share/man" MANWIDTH=100 man tbench-compare 2>/dev/null | col -b | grep -q "tbench compare \[options\] OLD NEW"'
else
	ok "# skip man -l: man-db is not installed"
fi

comp=$P/share/bash-completion/completions/tbench
run bash -c 'source "$1" && complete -p tbench' _ "$comp"
check "the completion loads in a plain bash and registers for tbench" '[ "$rc" -eq 0 ] && grep -q "_tbench tbench$" "$T/out"'
# complete WORD...: the words bash would offer at the last (possibly empty) one
complete_words() {
	env PATH="$P/bin:/usr/bin:/bin" bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tbench; printf "%s\n" "${COMPREPLY[@]}"' _ "$comp" "$@" | sort | tr '\n' ' '
}
got=$(complete_words tbench '')
check "tbench <TAB>: every command ($got)" 'for c in $cmds; do [[ " $got " == *" $c "* ]] || exit 1; done'
got=$(complete_words tbench run --sa)
check "tbench run --sa<TAB>: $got" '[ "$got" = "--samples --samples-csv --save-baseline " ]'
got=$(complete_words tbench run sc)
check "tbench run sc<TAB>: the family from P's tbench ($got)" '[ "$got" = "scale " ]'
got=$(complete_words tbench run -v avx512)
check "tbench run -v avx512<TAB>: variants ($got)" '[[ "$got" == *"avx512 "* ]]'
got=$(complete_words tbench history --history-db h.db '')
check "tbench history --history-db h.db <TAB>: sub-commands ($got)" '[ "$got" = "add check report show " ]'
touch results.json
got=$(complete_words tbench report -o res)
check "tbench report -o res<TAB>: a file ($got)" '[ "$got" = "results.json " ]'
got=$(complete_words tbench help co)
check "tbench help co<TAB>: commands ($got)" '[ "$got" = "compare counters " ]'
finish
