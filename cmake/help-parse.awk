# help-parse.awk - split one tbench --help text into tagged records, the
# single parse that cmake/help2man.awk (man pages) and
# cmake/help2completion.awk (bash completion) read, so the option tables in
# cmd/*.c stay the one source of truth.  One record per line, fields by tab:
#   U  synopsis line (without "usage: ")
#   P  description text          B  blank line
#   S  section heading ("selection", "options")
#   I  item: SPEC TAB DESCRIPTION (an option or a sub-item such as "add RESULTS")
#   C  continuation of the item above
# An item is a line indented by 2 to 6 spaces; deeper lines continue it.
# Spec and description are split at the first run of two spaces, else at
# the page's usual description column (a spec that fills its column).
# POSIX awk (Debian's mawk): no gensub, no match() arrays.
{ line[NR] = $0 }

function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
function indent(s) { match(s, /^ */); return RLENGTH }

END {
	n = NR
	# the usual description column: most frequent over items split by "  "
	for (i = 1; i <= n; i++) {
		s = line[i]; d = indent(s)
		if (d < 2 || d > 6) continue
		rest = substr(s, d + 1); g = index(rest, "  ")
		if (!g) continue
		tail = substr(rest, g); c = d + g - 1 + indent(tail) + 1
		cnt[c]++
		if (cnt[c] > best) { best = cnt[c]; col = c }
	}
	syn = 0
	for (i = 1; i <= n; i++) {
		s = line[i]
		if (i == 1 && s ~ /^usage: /) { syn = 1; print "U\t" substr(s, 8); continue }
		if (syn && s ~ /^ +[^ ]/) {
			t = trim(s); sub(/^usage: /, "", t); print "U\t" t; continue
		}
		syn = 0
		if (s ~ /^ *$/) { print "B"; continue }
		d = indent(s)
		if (d == 0 && s ~ /:$/ && length(s) < 80) {
			sub(/:$/, "", s); print "S\t" s; continue
		}
		if (d == 0) { print "P\t" s; continue }
		if (d > 6) { print "C\t" trim(s); continue }
		rest = substr(s, d + 1); g = index(rest, "  ")
		if (g) {
			print "I\t" substr(rest, 1, g - 1) "\t" trim(substr(rest, g))
		} else if (col && length(s) >= col && substr(s, col - 1, 1) == " ") {
			print "I\t" trim(substr(s, 1, col - 2)) "\t" trim(substr(s, col))
		} else {
			print "I\t" trim(rest) "\t"
		}
	}
}
