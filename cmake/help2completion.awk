# help2completion.awk - bash completion for tbench from the records of
# cmake/help-parse.awk over every command's --help ("=<TAB>CMD" starts a
# command; CMD "tbench" is the main help, whose items are the commands).
# Per command: its options (from the items' specs), which of them take a
# value (a placeholder after the name, or NAME=), which value is a file
# (FILE, RESULTS, PATH) or a directory (DIR), its sub-commands (the third
# word of its synopsis lines: history add/show/...), and what its operands
# are (FAMILY: the families 'tbench list' prints; COMMAND; else files).
BEGIN { FS = "\t" }
$1 == "=" { cmd = $2; if (cmd != "tbench") order[++n] = cmd; next }
cmd == "tbench" && $1 == "I" { cmds = cmds (cmds ? " " : "") $2; next }
$1 == "U" {
	k = split($2, w, " ")
	if (k >= 3 && w[3] ~ /^[a-z]+$/ && !((cmd, w[3]) in seen)) {
		seen[cmd, w[3]] = 1; subs[cmd] = subs[cmd] (subs[cmd] ? " " : "") w[3]
	}
	if ($2 ~ /FAMILY/) operand[cmd] = "family"
	else if ($2 ~ /COMMAND/) operand[cmd] = "command"
	else if (!(cmd in operand) && $2 ~ /FILE|RESULTS|OLD/) operand[cmd] = "file"
	next
}
$1 == "I" {
	# "-o, --html FILE": both names take the value
	k = split($2, w, " "); np = 0; chain = 0
	for (i = 1; i <= k; i++) {
		t = w[i]
		if (t ~ /^-/) {
			comma = t ~ /,$/; sub(/,$/, "", t)
			if (t ~ /\[=/) { sub(/\[=.*/, "", t); add(cmd, t); np = 0; continue }
			if (t ~ /=/) {
				a = t; sub(/=.*/, "", t); sub(/^[^=]*=/, "", a); add(cmd, t)
				pend[++np] = t
				for (j = 1; j <= np; j++) value(cmd, pend[j], a)
				np = 0; continue
			}
			if (!chain) np = 0
			add(cmd, t); pend[++np] = t; chain = comma
		} else if (np && t != "/") {
			for (j = 1; j <= np; j++) value(cmd, pend[j], t)
			np = 0; chain = 0
		} else { np = 0; chain = 0 }
	}
}
function add(c, o) { if (!((c, o) in have)) { have[c, o] = 1; opts[c] = opts[c] (opts[c] ? " " : "") o } }
function value(c, o, a) {
	if ((c, o, "v") in have) return
	have[c, o, "v"] = 1
	args[c] = args[c] (args[c] ? "|" : "") o
	if (a ~ /^(FILE|RESULTS|PATH)/) files[c] = files[c] (files[c] ? "|" : "") o
	else if (a ~ /^DIR/) dirs[c] = dirs[c] (dirs[c] ? "|" : "") o
}
END {
	print "# bash completion for tbench: generated from tbench's --help texts by"
	print "# cmake/help2completion.awk (the option tables of cmd/*.c); do not edit."
	print "# Needs only bash (bash-completion's helpers are not used)."
	print "_tbench_families() {"
	print "\t\"$1\" list 2>/dev/null | sed -n 's/^\\([A-Za-z0-9_.-]*\\): .*/\\1/p'"
	print "}"
	print "_tbench_variants() {"
	print "\t\"$1\" list 2>/dev/null | awk '/^  [A-Za-z0-9]/ && $1 !~ /:$/ { print $1 }' | sort -u"
	print "}"
	print "_tbench() {"
	print "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= tb=${COMP_WORDS[0]} cmd= sub= i at=0 w"
	print "\t[ \"$COMP_CWORD\" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}"
	print "\tcommand -v \"$tb\" >/dev/null 2>&1 || tb=tbench"
	print "\tfor ((i = 1; i < COMP_CWORD; i++)); do"
	print "\t\tw=${COMP_WORDS[i]}"
	print "\t\tcase $w in -*) continue ;; esac"
	print "\t\tcmd=$w at=$i"
	print "\t\tbreak"
	print "\tdone"
	print "\tCOMPREPLY=()"
	print "\tif [ -z \"$cmd\" ]; then"
	print "\t\tCOMPREPLY=($(compgen -W \"--help --version " cmds "\" -- \"$cur\"))"
	print "\t\treturn"
	print "\tfi"
	print "\tlocal opts= subs= operand= values= files= dirs="
	print "\tcase $cmd in"
	for (i = 1; i <= n; i++) {
		c = order[i]
		print "\t" c ")"
		print "\t\topts='" opts[c] (opts[c] ? " " : "") "--help'"
		if (subs[c] != "") print "\t\tsubs='" subs[c] "'"
		if (operand[c] != "") print "\t\toperand=" operand[c]
		print "\t\tvalues='" args[c] "' files='" files[c] "' dirs='" dirs[c] "' ;;"
	}
	print "\t*) return ;;"
	print "\tesac"
	print "\t# the sub-command: the first operand after CMD that is no option's value"
	print "\tfor ((i = at + 1; i < COMP_CWORD; i++)); do"
	print "\t\tw=${COMP_WORDS[i]}"
	print "\t\tif [[ \"|$values|\" == *\"|$w|\"* ]]; then ((i++)); continue; fi"
	print "\t\tcase $w in -*) continue ;; esac"
	print "\t\tsub=$w"
	print "\t\tbreak"
	print "\tdone"
	print "\tif [ -n \"$prev\" ] && [[ \"|$values|\" == *\"|$prev|\"* ]]; then"
	print "\t\tif [[ \"|$files|\" == *\"|$prev|\"* ]]; then COMPREPLY=($(compgen -f -- \"$cur\"))"
	print "\t\telif [[ \"|$dirs|\" == *\"|$prev|\"* ]]; then COMPREPLY=($(compgen -d -- \"$cur\"))"
	print "\t\telif [ \"$prev\" = --variant ] || [ \"$prev\" = -v ]; then"
	print "\t\t\tCOMPREPLY=($(compgen -W \"$(_tbench_variants \"$tb\")\" -- \"$cur\"))"
	print "\t\tfi"
	print "\t\treturn"
	print "\tfi"
	print "\tcase $cur in"
	print "\t-*) COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\")); return ;;"
	print "\tesac"
	print "\tif [ -n \"$subs\" ] && [ -z \"$sub\" ]; then"
	print "\t\tCOMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))"
	print "\t\treturn"
	print "\tfi"
	print "\tcase $operand in"
	print "\tfamily) COMPREPLY=($(compgen -W \"all $(_tbench_families \"$tb\")\" -- \"$cur\")) ;;"
	print "\tcommand) COMPREPLY=($(compgen -W \"" cmds "\" -- \"$cur\")) ;;"
	print "\t*) COMPREPLY=($(compgen -f -- \"$cur\")) ;;"
	print "\tesac"
	print "}"
	print "complete -o filenames -F _tbench tbench"
}
