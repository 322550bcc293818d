/*
 * cmds.h - the subcommands of tbench.  To add one: write cmd/<name>.c with
 * `int cmd_<name>(int argc, char **argv)` and its usage text, declare both
 * here, and add one line to the table in cmd/main.c.
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

int cmd_run(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_env(int argc, char **argv);
int cmd_counters(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_emu(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_history(int argc, char **argv);

extern const char tb_usage_run[], tb_usage_list[], tb_usage_env[], tb_usage_help[];
extern const char tb_usage_compare[];
extern const char tb_usage_counters[];
extern const char tb_usage_report[];
extern const char tb_usage_emu[];
extern const char tb_usage_exec[];
extern const char tb_usage_history[];

#endif
