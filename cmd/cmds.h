/*
 * cmds.h - the subcommands of tbench.  To add one: write cmd/<name>.c with
 * `int cmd_<name>(int argc, char **argv)` and `tb_usage_<name>[]`, and add
 * one row to cmd/commands.def (declared here and tabled in main.c from it).
 */
#ifndef TB_CMDS_H
#define TB_CMDS_H

#include <stdio.h>

enum {
	TB_EXIT_OK = 0,
	TB_EXIT_FAIL = 1,  /* a regression or a failed verification */
	TB_EXIT_USAGE = 2, /* bad usage or input */
	TB_EXIT_WRITE = 3, /* an output could not be written (the message names it) */
};

struct tb_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text */
};

const struct tb_cmd *tb_cmd_find(const char *name);
/* prints "tbench: <msg>" on one line to stderr, returns TB_EXIT_USAGE */
int tb_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* prints "tbench: <msg>" to stderr (no exit status implied) */
void tb_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* standard handling of an unknown option / missing value from getopt_long */
int tb_getopt_error(const char *cmd, int argc, char **argv, int optopt_c);

/* every command of cmd/commands.def: its function and its --help text */
#define TB_COMMAND(name, summary)                 \
	int cmd_##name(int argc, char **argv); \
	extern const char tb_usage_##name[];
#include "commands.def"
#undef TB_COMMAND

#endif
