/*
 * taus2.h - GSL's taus2 step (gsl/rng/taus.c), written once for rand's
 * seeding (create/create.c, 32-bit words) and its vector recurrence
 * (vec_body.h, vectors of 32-bit words): both must stay GSL's exact step.
 */
#ifndef TB_OPS_TAUS2_H
#define TB_OPS_TAUS2_H

/* one Tausworthe component: (((s & c) << d) ^ (((s << a) ^ s) >> b)) */
#define TB_TAUS(s, a, b, c, d) ((((s) & (c)) << (d)) ^ ((((s) << (a)) ^ (s)) >> (b)))
/* the three components of taus2, advanced in place */
#define TB_TAUS2_STEP(s1, s2, s3)                                                \
	((s1) = TB_TAUS(s1, 13, 19, 4294967294u, 12),                            \
	 (s2) = TB_TAUS(s2, 2, 25, 4294967288u, 4),                              \
	 (s3) = TB_TAUS(s3, 3, 11, 4294967280u, 17))

#endif
