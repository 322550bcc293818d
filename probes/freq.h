/*
 * freq.h - the effective core clock, measured: a chain of dependent integer
 * adds retires one add per cycle on every current x86-64 and AArch64 core,
 * so adds per nanosecond is the clock in GHz (turbo and VM steal included).
 * Used where the machine exposes no cycle counter (most VMs) to turn
 * throughput into items per cycle.
 */
#ifndef TB_FREQ_H
#define TB_FREQ_H

/* Runs the chain for about min_ns (at least 1 ms) in several rounds and
 * returns the highest rate seen, in GHz (the rounds least disturbed by other
 * work); NaN if the clock could not be read. */
double tb_effective_ghz(double min_ns);

#endif
