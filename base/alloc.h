/*
 * alloc.h - checked allocation: 64-byte aligned, zero-filled buffers and
 * sizes multiplied without overflow.
 */
#ifndef TB_BASE_ALLOC_H
#define TB_BASE_ALLOC_H

#include <stddef.h>

#define TB_ALIGN 64 /* cache line: every buffer starts on one */

/* 64-byte aligned, zero-filled (first touch by the caller's thread);
 * NULL with err filled when bytes is 0, overflows or cannot be allocated */
void *tb_alloc(size_t bytes, char *err, size_t errlen);
void tb_free(void *p);

/* n * size without overflow; 0 on overflow */
size_t tb_mul_size(size_t n, size_t size);

#endif
