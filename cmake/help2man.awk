# help2man.awk - render the records of cmake/help-parse.awk as a man(7)
# page.  Variables: page (tbench or tbench-CMD), summary (the command
# table's one line), version, see (space-separated page names for SEE ALSO),
# cmds (on the tbench page: "items name commands", COMMANDS links them).
# Sections: NAME, SYNOPSIS (the usage lines), DESCRIPTION (text before the
# first option), OPTIONS or COMMANDS (the items, headings as .SS), then
# EXIT STATUS (the text that names it) or NOTES, SEE ALSO.
BEGIN { FS = "\t"; sec = "" }

# roff escapes: backslash, dashes (so options copy and search as typed),
# and a control character at the start of a line
function esc(s) {
	gsub(/\\/, "\\e", s); gsub(/-/, "\\-", s)
	if (s ~ /^[.']/) s = "\\&" s
	return s
}
# option names bold, placeholders italic, literal words (sub-commands) bold
function spec(s,    n, w, i, out, t, p) {
	n = split(s, w, " "); out = ""
	for (i = 1; i <= n; i++) {
		t = w[i]
		if (t ~ /^-/) {
			p = match(t, /[[=,]/)
			if (p) t = "\\fB" esc(substr(t, 1, p - 1)) "\\fR" esc(substr(t, p))
			else t = "\\fB" esc(t) "\\fR"
		} else if (t ~ /^[a-z][a-z-]*$/ && i == 1) {
			t = "\\fB" esc(t) "\\fR"
		} else if (t ~ /[A-Z]/) {
			t = "\\fI" esc(t) "\\fR"
		} else {
			t = esc(t)
		}
		out = out (i > 1 ? " " : "") t
	}
	return out
}
function section(s) { if (sec != s) { print ".SH " s; sec = s } }

NR == 1 {
	up = toupper(page)
	print ".\\\" generated from 'tbench " (page == "tbench" ? "--help" : substr(page, 8) " --help") \
		"' by cmake/help2man.awk; do not edit"
	print ".TH " up " 1 \"\" \"tbench " version "\" \"tbench manual\""
	print ".SH NAME"
	print esc(page) " \\- " esc(summary)
}
$1 == "U" {
	if (sec != "SYNOPSIS") { section("SYNOPSIS"); print ".nf" }
	print esc($2); next
}
sec == "SYNOPSIS" { print ".fi" ; sec = "SYNOPSIS." }
$1 == "B" { blank = 1; next }
$1 == "P" {
	# a line that starts with "exit status" starts that section
	if (items && $2 ~ /^[Ee]xit status/ && sec != "EXIT STATUS") { section("EXIT STATUS"); blank = 0; intext = 1 }
	else if (items && (blank || !intext)) {
		if ($2 ~ /[Ee]xit status/) section("EXIT STATUS")
		else if (sec != "EXIT STATUS") section("NOTES")
		else print ".PP"
	} else if (!items) {
		section("DESCRIPTION")
		if (blank && intext) print ".PP"
	} else if (blank) print ".PP"
	print esc($2); intext = 1; blank = 0; next
}
$1 == "S" {
	section(page == "tbench" ? "COMMANDS" : "OPTIONS"); items = 1; intext = 0; blank = 0
	if (!(page == "tbench" && $2 == "commands")) print ".SS \"" esc($2) "\""
	next
}
$1 == "I" {
	if (!items) section(page == "tbench" ? "COMMANDS" : "OPTIONS")
	items = 1; intext = 0; blank = 0
	print ".TP"
	if (page == "tbench") print "\\fB" esc($2) "\\fR (see \\fBtbench\\-" esc($2) "\\fR(1))"
	else print spec($2)
	if ($3 != "") print esc($3)
	next
}
$1 == "C" { print esc($2); next }
END {
	if (sec == "SYNOPSIS") print ".fi"
	print ".SH SEE ALSO"
	n = split(see, w, " "); out = ""
	for (i = 1; i <= n; i++) out = out (i > 1 ? ",\n" : "") "\\fB" esc(w[i]) "\\fR(1)"
	print out
	print ".PP"
	print "The manual: docs/*.md in tbench's source tree."
}
