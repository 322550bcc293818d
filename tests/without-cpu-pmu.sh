#!/usr/bin/env bash
# without-cpu-pmu.sh CMD...: run CMD with libpfm4's CPU PMUs disabled
# (LIBPFM_DISABLED_PMUS = every PMU libpfm4 detects here except its generic
# perf ones), so PAPI's perf_event component is disabled ("libpfm4 no
# default PMU found") exactly as on a machine whose CPU libpfm4 does not
# know, such as the Intel KVM guests: every counter then comes from
# perf_event_open.  ctest runs the counter tests through it (nopmu.*), so
# a CI machine with a known CPU proves that path too.  Needs TBENCH.
# Exit: CMD's status; 1 when PAPI's component stays active (the variant
# would prove nothing).
set -u
: "${TBENCH:?TBENCH must name the tbench binary}"
pmus=$("$TBENCH" counters | sed -n 's/^libpfm4 PMUs here: //p' | tr -d ' ' | tr , '\n' |
	grep -Ev '^(perf|perf_raw|none)$' | paste -sd, -)
export LIBPFM_DISABLED_PMUS=${LIBPFM_DISABLED_PMUS:+$LIBPFM_DISABLED_PMUS,}$pmus
if ! "$TBENCH" counters | grep -Eq '^  perf_event +disabled'; then
	echo "without-cpu-pmu.sh: PAPI's perf_event component is still active with LIBPFM_DISABLED_PMUS=$LIBPFM_DISABLED_PMUS" >&2
	exit 1
fi
echo "# LIBPFM_DISABLED_PMUS=$LIBPFM_DISABLED_PMUS: $("$TBENCH" counters | grep -E '^  perf_event +disabled' | sed 's/^ *//')"
exec "$@"
