#!/usr/bin/awk -f
# stackcollapse-perf.awk - fold the call stacks of `perf script` output into
# one line per distinct stack: "comm;root;...;leaf COUNT" (the format flame
# graph tools read), counting samples.  Kernel frames get a "_[k]" suffix;
# frames without a symbol show as "[unknown]" or the library's name.
#   perf script -i perf.data | awk -f scripts/stackcollapse-perf.awk > stacks.folded
# Written for tbench (no download); output sorted, so it is reproducible.

function flush(   s, i) {
	if (comm != "") {
		s = comm
		for (i = n; i >= 1; i--)
			s = s ";" frame[i]
		count[s]++
	}
	comm = ""
	n = 0
}

# a sample header: "comm  pid  time:  period event:" (comm may hold spaces,
# so take what precedes the pid, the first all-digit field (or pid/tid))
/^[^ \t]/ {
	flush()
	comm = ""
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^[0-9]+(\/[0-9]+)?$/)
			break
		comm = comm (comm == "" ? "" : "_") $i
	}
	if (comm == "")
		comm = "[unknown]"
	next
}

# a frame: "\t  addr symbol+0xoff (dso)"
/^[ \t]+ffffffffffffffff / { next } # the unwinder's end marker, not a frame
/^[ \t]+[0-9a-f]+ / {
	line = $0
	sub(/^[ \t]+[0-9a-f]+ /, "", line)
	dso = ""
	if (match(line, / \([^()]*\)$/)) {
		dso = substr(line, RSTART + 2, RLENGTH - 3)
		line = substr(line, 1, RSTART - 1)
	}
	sub(/\+0x[0-9a-f]+$/, "", line)
	if (line == "[unknown]" && dso != "" && dso != "[unknown]") {
		k = split(dso, parts, "/")
		line = "[" parts[k] "]"
	}
	if (dso == "[kernel.kallsyms]")
		line = line "_[k]"
	gsub(/;/, ":", line)
	frame[++n] = line
	next
}

/^[ \t]*$/ { flush() }

END {
	flush()
	for (s in count)
		print s, count[s] | "LC_ALL=C sort"
}
