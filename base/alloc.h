/*
 * alloc.h - checked allocation: 64-byte aligned, zero-filled buffers and
 * sizes multiplied without overflow.  Buffers of TB_HUGE_MIN bytes and
 * more are 2 MiB aligned and advised for transparent huge pages.
 */
#ifndef TB_BASE_ALLOC_H
#define TB_BASE_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

#define TB_ALIGN 64 /* cache line: every buffer starts on one */
#define TB_HUGE_MIN ((size_t)2 << 20) /* from here on: 2 MiB aligned, huge pages advised */

/* 64-byte aligned, zero-filled (first touch by the caller's thread);
 * NULL with err filled when bytes is 0, overflows or cannot be allocated */
void *tb_alloc(size_t bytes, char *err, size_t errlen);
/* the same, zero-filled only if zero (else the pages are first touched by
 * whoever writes them first: a worker thread, on its memory node) */
void *tb_alloc_pages(size_t bytes, bool zero, char *err, size_t errlen);
void tb_free(void *p);

/* n * size without overflow; 0 on overflow */
size_t tb_mul_size(size_t n, size_t size);

#endif
