/*
 * main.c - the tbench executable: the subcommand table and run_cmd(),
 * which runs one subcommand and then checks that standard output was
 * written completely (a full disk is an error, not a silent truncation).
 */
#include "cmds.h"

#include "version.h" /* generated: build/base/version.h */
#include "../kernels/kernel.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct tb_cmd commands[] = {
#define TB_COMMAND(name, summary) {#name, cmd_##name, summary, tb_usage_##name},
#include "commands.def"
#undef TB_COMMAND
};

const struct tb_cmd *tb_cmd_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void tb_print_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int tb_usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tbench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return TB_EXIT_USAGE;
}

int tb_getopt_error(const char *cmd, int argc, char **argv, int c)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
	if (c == ':')
		return tb_usage_error("option '%s' needs a value (see 'tbench %s --help')", arg, cmd);
	if (optopt && optopt != '?')
		return tb_usage_error("unknown option '-%c' (see 'tbench %s --help')", optopt, cmd);
	return tb_usage_error("unknown option '%s' (see 'tbench %s --help')", arg, cmd);
}

static void usage_main(FILE *f)
{
	fprintf(f, "usage: tbench [--version] [--help] COMMAND [ARGS]\n\n"
		   "A benchmarking and profiling toolkit for kernels.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'tbench help COMMAND' or 'tbench COMMAND --help' for a command's options.\n"
		   "exit status: 0 ok, 1 regression or failed verification, 2 usage or input error,\n"
		   "3 an output could not be written (130/143: interrupted)\n");
}

const char tb_usage_help[] = "usage: tbench help [COMMAND]\n\nShow help for tbench or one command.\n";

int cmd_help(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc >= 2)
			fputs(tb_usage_help, stdout);
		else
			usage_main(stdout);
		return TB_EXIT_OK;
	}
	const struct tb_cmd *c = tb_cmd_find(argv[1]);
	if (!c)
		return tb_usage_error("unknown command '%s' (see 'tbench help')", argv[1]);
	fputs(c->usage, stdout);
	return TB_EXIT_OK;
}

/* stdout must have been written completely (a full disk, a closed pipe):
 * exit 3, unless the command found worse (a regression, bad input) */
static int check_stdout(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		tb_print_error("error writing to standard output: %s", strerror(errno ? errno : EIO));
		return rc ? rc : TB_EXIT_WRITE;
	}
	return rc;
}

static int run_cmd(const struct tb_cmd *c, int argc, char **argv)
{
	/* a descriptor the registry refused (another kernel abi, a missing
	 * hook) is left out; say so once, whatever the command */
	const char *refused = tb_registry_error();
	if (*refused)
		tb_print_error("warning: %s", refused);
	return check_stdout(c->fn(argc, argv));
}

int main(int argc, char **argv)
{
	/* a closed pipe or a file-size limit is a write error (exit 3, the path
	 * named), not a silent death before the outputs are written */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage_main(stderr);
		return TB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("tbench %s\n", TB_VERSION);
		return check_stdout(TB_EXIT_OK);
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage_main(stdout);
		return check_stdout(TB_EXIT_OK);
	}
	const struct tb_cmd *c = tb_cmd_find(argv[1]);
	if (!c) {
		char names[256] = "";
		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
				 i ? ", " : "", commands[i].name);
		return tb_usage_error("unknown command '%s' (commands: %s)", argv[1], names);
	}
	return run_cmd(c, argc - 1, argv + 1);
}
