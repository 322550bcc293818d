/*
 * run_blas.h - OpenBLAS in `tbench run`: --blas-core NAME re-executes tbench
 * with OPENBLAS_CORETYPE=NAME (OpenBLAS picks its core when it loads, before
 * main, so setting it later would do nothing).  The note a run gives when
 * OpenBLAS runs a core older than the CPU: engine/session.h.
 */
#ifndef TB_CMD_RUN_BLAS_H
#define TB_CMD_RUN_BLAS_H


/* When OPENBLAS_CORETYPE is not yet core: set it and exec this tbench
 * again with argv (argv[0] = "run"); returns only on failure (exit status)
 * or, -1, when the core is already the one in effect. */
int tb_run_blas_reexec(const char *core, char **argv);
#endif
