/*
 * err.c - the library's error messages and names: tb_emu_fail() for
 * messages, tb_emu_strerror() for codes, the stop reasons' names and the
 * version.  The bottom of libtbench-emu: it uses nothing of the rest.
 */
#include "emu_int.h"

#include <stdarg.h>
#include <stdio.h>

#define STR_(x) #x
#define STR(x) STR_(x)

const char *tb_emu_version(void)
{
	return STR(TB_EMU_VERSION_MAJOR) "." STR(TB_EMU_VERSION_MINOR) "." STR(TB_EMU_VERSION_PATCH);
}

int tb_emu_fail(char *err, size_t errlen, int code, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

const char *tb_emu_strerror(int code)
{
	switch (code) {
	case TB_EMU_OK: return "success";
	case TB_EMU_E_ARG: return "invalid argument";
	case TB_EMU_E_NOMEM: return "out of memory";
	case TB_EMU_E_RANGE: return "outside guest memory";
	case TB_EMU_E_FORMAT: return "not a loadable program";
	case TB_EMU_E_UNSUPPORTED: return "not supported on this host";
	}
	return "unknown error";
}

const char *tb_emu_stop_name(enum tb_emu_stop s)
{
	switch (s) {
	case TB_EMU_HALT: return "halt";
	case TB_EMU_SVC: return "svc";
	case TB_EMU_BUDGET: return "budget";
	case TB_EMU_FAULT: return "memory-fault";
	case TB_EMU_UNDEFINED: return "undefined";
	case TB_EMU_EXIT: return "exit";
	case TB_EMU_INTERRUPTED: return "interrupted";
	}
	return "?";
}

const char *tb_emu_engine_name(enum tb_emu_engine engine)
{
	return engine == TB_EMU_ENGINE_JIT ? "jit" : "interp";
}
