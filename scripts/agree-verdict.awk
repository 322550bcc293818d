# agree-verdict.awk - does a ratio of two tools' figures sit within a band of
# 1?  Used by scripts/agree.sh; tested by tests/cli/t1581-agree-verdict.sh.
# Input: one per-round ratio a line.  Output: "LOW HIGH VERDICT", where LOW..HIGH
# is a distribution-free interval of the median ratio (order statistics: the
# k-th smallest and the k-th largest, k the largest that covers the median
# with at least 90% probability) and VERDICT is
#   agree    the whole interval lies within 1 +- band (-v band=0.03)
#   differ   the whole interval lies outside it (one side)
#   unknown  the interval straddles an edge (too much spread between rounds
#            to tell), or too few rounds for a 90% interval (fewer than 5);
#            LOW and HIGH are then "nan" when there is no interval at all.
# A median alone never decides: with 30% spread between rounds a median of
# 1.05 is no evidence of a disagreement, nor 1.01 of agreement.
BEGIN { if (band == "") band = 0.03 }
NF { v[++n] = $1 + 0 }
END {
	if (n < 1) { print "nan nan unknown"; exit }
	# sort (insertion: a handful of rounds)
	for (i = 2; i <= n; i++) {
		x = v[i]
		for (j = i - 1; j >= 1 && v[j] > x; j--)
			v[j + 1] = v[j]
		v[j + 1] = x
	}
	# P(Binomial(n, 1/2) < k), for k = 1, 2, ...: coverage 1 - 2 P
	k = 0
	tail = 0
	c = 1 # C(n, i)
	for (i = 0; i < n / 2; i++) {
		tail += c / 2 ^ n
		if (1 - 2 * tail < 0.90)
			break
		k = i + 1
		c = c * (n - i) / (i + 1)
	}
	if (k < 1) { print "nan nan unknown"; exit }
	lo = v[k]
	hi = v[n - k + 1]
	if (lo >= 1 - band && hi <= 1 + band)
		verdict = "agree"
	else if (hi < 1 - band || lo > 1 + band)
		verdict = "differ"
	else
		verdict = "unknown"
	printf "%.4f %.4f %s\n", lo, hi, verdict
}
