/*
 * freq.h - the effective core clock, measured by two dependent chains of
 * different kinds in the same probe, so that one a core can shortcut
 * cannot give a wrong clock unnoticed:
 *   - a chain of dependent 64-bit `imul reg, reg` (latency 3 cycles on
 *     every x86-64 core since Nehalem and Zen): imuls per ns x 3 = GHz;
 *   - a chain of dependent register-register `add` / `xor` pairs (one
 *     cycle each; no immediate, so no rename-stage folding of the kind
 *     Golden Cove / Sapphire Rapids does to `add $1`): ops per ns = GHz.
 * They must agree within TB_FREQ_AGREE; otherwise the clock is unknown.
 * (Elsewhere than x86-64 both chains are register-register ALU chains.)
 * Used where the machine exposes no cycle counter (most VMs) to turn
 * throughput into items per cycle; turbo and VM steal are included.
 */
#ifndef TB_FREQ_H
#define TB_FREQ_H

#include <stdbool.h>
#include <stddef.h>

#define TB_FREQ_AGREE 0.10 /* largest relative difference of the two chains */
#define TB_FREQ_IMUL_LATENCY 3

struct tb_freq {
	double imul_ghz; /* the imul chain's clock (NaN: not measured) */
	double alu_ghz;  /* the add/xor chain's clock */
	double diff;     /* |imul - alu| / max of the two */
	double ghz;      /* the imul chain's, when they agree; else NaN */
	const char *imul_what, *alu_what; /* what each chain is, for reports */
};

/* Runs both chains, interleaved, for about min_ns in all (at least 2 ms)
 * and keeps each chain's best round (the one least disturbed by other
 * work).  f->ghz is NaN when they disagree or the clock cannot be read. */
void tb_freq_measure(double min_ns, struct tb_freq *f);
/* The judgement alone (tests): fills diff and ghz from imul_ghz, alu_ghz. */
void tb_freq_judge(struct tb_freq *f);
/* f->ghz of a measurement of min_ns: the effective clock, or NaN. */
double tb_effective_ghz(double min_ns);
/* "2.447 (dependent imul chain / 3; add/xor chain 2.451 GHz, 0.2% apart)"
 * or "unknown (... disagree by 31% > 10%)" */
void tb_freq_describe(const struct tb_freq *f, char *buf, size_t len);

#endif
