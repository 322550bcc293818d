#!/usr/bin/env bash
# check-registry.sh - fail the build when a kernel descriptor is defined but
# not listed in the registry.  Run by the build (kernels/CMakeLists.txt) on
# the kernels library after every change to it:
#   scripts/check-registry.sh NM LIBRARY
# A descriptor is a global `tb_k_*` object defined by any member of LIBRARY;
# it is listed when registry.c's object refers to it (kernels/kernels.def's
# TB_KERNEL lines, which take the tensor ops' lines from kernels/ops/ops.def).
# The opposite, a line without its descriptor, is already a link error.
# Exit status: 0 every descriptor listed, 1 some are not (one line each on
# stderr), 2 usage or an unreadable library.
set -euo pipefail
if [ $# -ne 2 ]; then
	echo "usage: check-registry.sh NM LIBRARY" >&2
	exit 2
fi
nm=$1 lib=$2
if ! syms=$("$nm" -A -g "$lib" 2>&1); then
	echo "check-registry: cannot read '$lib' with '$nm': $syms" >&2
	exit 2
fi
# lines are "LIBRARY:MEMBER:ADDRESS TYPE SYMBOL" ("LIBRARY:MEMBER: U SYMBOL")
listed=$(awk '$1 ~ /:registry\.c\.o:$/ && $2 == "U" && $3 ~ /^tb_k_/ { print $3 }' <<<"$syms" | sort -u)
if ! grep -q ':registry\.c\.o:' <<<"$syms"; then
	echo "check-registry: '$lib' has no registry.c.o" >&2
	exit 2
fi
defined=$(awk 'NF == 3 && $2 ~ /^[DRBGSV]$/ && $3 ~ /^tb_k_/ {
	m = $1; sub(/:[^:]*$/, "", m); sub(/^.*:/, "", m); print $3, m }' <<<"$syms" | sort -u)
bad=0
while read -r sym member; do
	[ -n "$sym" ] || continue
	if ! grep -qx "$sym" <<<"$listed"; then
		echo "error: kernel descriptor $sym (defined in $member) is not in the registry: add TB_KERNEL($sym) to kernels/kernels.def (tensor ops: a row in kernels/ops/ops.def)" >&2
		bad=1
	fi
done <<<"$defined"
exit $bad
