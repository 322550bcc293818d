/*
 * fresh_pages.h - for the counter tests (include after cmocka.h): first
 * touch of `pages` fresh small pages (no THP), each one page fault.
 */
#ifndef TB_TEST_FRESH_PAGES_H
#define TB_TEST_FRESH_PAGES_H

#include <sys/mman.h>
#include <unistd.h>

static inline void touch_fresh(size_t pages)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(p != MAP_FAILED);
	madvise(p, pages * page, MADV_NOHUGEPAGE);
	for (size_t i = 0; i < pages; i++)
		((volatile char *)p)[i * page] = 1;
	munmap(p, pages * page);
}

#endif
