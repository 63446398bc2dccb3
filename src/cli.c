/*
 * cli.c — parsing the command line (see cli.h).
 *
 * Words before the first command word may only be global options; the
 * command is the longest run of words naming an entry of commands[]
 * ("customer add" before "customer"). After it, options are checked against
 * that command's table, so `--due` can take a value in `followup add` and
 * be a flag in `followup list`.
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/db.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"

static const struct optspec global_opts[] = {
	{ "db", 1, "database file (else $KEFU_DB, else $XDG_DATA_HOME/kefu/kefu.db)" },
	{ "agent", 1, "act as this agent login (else $USER)" },
	{ "json", 0, "print JSON (read commands)" },
	{ "theme", 1, "colour theme of the console" },
	{ "cti", 1, "softphone link: baresip ctrl_tcp HOST:PORT (console)" },
	{ "help", 0, "show help" },
	{ "version", 0, "show the version" },
	{ NULL, 0, NULL }
};

int
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("kefu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USER;
}

static const struct optspec *
find_opt(const struct optspec *table, const char *name, size_t len)
{
	for (; table != NULL && table->name != NULL; table++)
		if (strlen(table->name) == len &&
		    strncmp(table->name, name, len) == 0)
			return table;
	return NULL;
}

static void
usage_of(const struct command *c, FILE *f)
{
	fprintf(f, "usage: kefu [--db PATH] [--agent LOGIN] %s%s%s", c->name,
	    c->args[0] ? " " : "", c->args);
	for (const struct optspec *o = c->opts; o != NULL && o->name; o++)
		fprintf(f, " [--%s%s]", o->name, o->has_arg ? " X" : "");
	fputc('\n', f);
}

static void
help_of(const struct command *c)
{
	usage_of(c, stdout);
	printf("\n%s\n", c->summary);
	if (c->details != NULL)
		printf("\n%s", c->details);
	if (c->opts != NULL && c->opts->name != NULL)
		printf("\noptions:\n");
	for (const struct optspec *o = c->opts; o != NULL && o->name; o++)
		printf("  --%-16s %s\n", o->name, o->help);
	printf("\nglobal options:\n");
	for (const struct optspec *o = global_opts; o->name; o++)
		printf("  --%-16s %s\n", o->name, o->help);
}

static void
help_all(void)
{
	printf("kefu — a terminal console for call-centre agents and "
	    "supervisors\n\nusage: kefu [--db PATH] [--agent LOGIN] "
	    "[COMMAND] [ARGS]\n\nWith no command, kefu opens the console.\n"
	    "\ncommands:\n");
	for (const struct command *c = commands; c->name != NULL; c++) {
		if (*c->name == '\0')
			continue;
		printf("  %-18s %s\n", c->name, c->summary);
	}
	printf("\nglobal options:\n");
	for (const struct optspec *o = global_opts; o->name; o++)
		printf("  --%-16s %s\n", o->name, o->help);
	printf("\n'kefu COMMAND --help' describes one command.\n");
}

/* The command named by the words at ARGV[I..], longest match first. */
static const struct command *
match_command(char **argv, int argc, int i, int *nwords)
{
	const struct command *best = NULL;
	int bestw = 0;

	for (const struct command *c = commands; c->name != NULL; c++) {
		const char *p = c->name;
		int w = 0, j = i;

		if (*p == '\0')
			continue;
		while (j < argc && *p != '\0') {
			size_t n = strcspn(p, " ");
			if (strlen(argv[j]) != n || strncmp(argv[j], p, n) != 0)
				break;
			w++, j++, p += n;
			p += (*p == ' ');
		}
		if (*p == '\0' && w > bestw) {
			best = c;
			bestw = w;
		}
	}
	*nwords = bestw;
	return best;
}

static void
add_opt(struct cli *cli, const char *name, const char *value)
{
	cli->opts = xreallocarray(cli->opts, cli->nopts + 1, sizeof *cli->opts);
	cli->opts[cli->nopts].name = name;
	cli->opts[cli->nopts].value = value;
	cli->nopts++;
}

/* Take the option at ARGV[*I] (--name, --name=value, --name value). */
static int
take_opt(struct cli *cli, const struct command *cmd, int argc, char **argv,
    int *i)
{
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '=');
	size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	const struct optspec *o;
	const char *value = NULL;

	if ((o = find_opt(global_opts, arg, len)) == NULL &&
	    (cmd == NULL || (o = find_opt(cmd->opts, arg, len)) == NULL)) {
		fprintf(stderr, "kefu: unknown option '--%.*s'%s%s\n", (int)len,
		    arg, cmd ? " for " : "", cmd ? cmd->name : "");
		return EXIT_USAGE;
	}
	if (o->has_arg) {
		if (eq != NULL)
			value = eq + 1;
		else if (*i + 1 < argc)
			value = argv[++*i];
		else {
			fprintf(stderr, "kefu: option '--%s' needs a value\n",
			    o->name);
			return EXIT_USAGE;
		}
	} else if (eq != NULL) {
		fprintf(stderr, "kefu: option '--%s' takes no value\n", o->name);
		return EXIT_USAGE;
	}
	add_opt(cli, o->name, value);
	return 0;
}

char *
cli_default_db(const char *file)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char *dir, *path;

	if (xdg != NULL && *xdg == '/')
		dir = xasprintf("%s/kefu", xdg);
	else {
		if (home == NULL || *home == '\0') {
			struct passwd *pw = getpwuid(getuid());
			home = pw != NULL ? pw->pw_dir : "/tmp";
		}
		dir = xasprintf("%s/.local/share/kefu", home);
	}
	path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}

/* mkdir -p for the directory of PATH (only for the default location). */
static void
make_parent(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

int
cli_parse(struct cli *cli, int argc, char **argv)
{
	const struct command *cmd = NULL;
	const char *v;
	int i, rc, nwords, dashdash = 0;

	memset(cli, 0, sizeof *cli);
	cli->args = xcalloc(argc + 1, sizeof *cli->args);
	for (i = 1; i < argc; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && (strcmp(argv[i], "-h") == 0)) {
			add_opt(cli, "help", NULL);
			continue;
		}
		if (!dashdash && strcmp(argv[i], "-V") == 0) {
			add_opt(cli, "version", NULL);
			continue;
		}
		if (!dashdash && strncmp(argv[i], "--", 2) == 0) {
			if ((rc = take_opt(cli, cmd, argc, argv, &i)) != 0)
				return rc;
			continue;
		}
		if (!dashdash && argv[i][0] == '-' && argv[i][1] != '\0' &&
		    !(argv[i][1] >= '0' && argv[i][1] <= '9') &&
		    argv[i][1] != '+') {
			fprintf(stderr, "kefu: unknown option '%s'\n", argv[i]);
			return EXIT_USAGE;
		}
		if (cmd == NULL) {
			cmd = match_command(argv, argc, i, &nwords);
			if (cmd == NULL) {
				fprintf(stderr, "kefu: unknown command '%s' "
				    "(see 'kefu --help')\n", argv[i]);
				return EXIT_USAGE;
			}
			i += nwords - 1;
			continue;
		}
		cli->args[cli->nargs++] = argv[i];
	}
	if (cmd == NULL)
		cmd = &commands[0];	/* the console */
	cli->cmd = cmd;
	if (cli_flag(cli, "version")) {
		printf("kefu %s\n", KEFU_VERSION);
		return CLI_DONE;
	}
	if (cli_flag(cli, "help")) {
		if (cmd == &commands[0])
			help_all();
		else
			help_of(cmd);
		return CLI_DONE;
	}
	if (cli->nargs < cmd->min_args || cli->nargs > cmd->max_args) {
		fprintf(stderr, "kefu: %s\n", cli->nargs < cmd->min_args ?
		    "missing argument" : "too many arguments");
		usage_of(cmd, stderr);
		return EXIT_USAGE;
	}
	cli->json = cli_flag(cli, "json");
	cli->theme = cli_opt(cli, "theme");
	if ((v = cli_opt(cli, "db")) != NULL || ((v = getenv("KEFU_DB")) !=
	    NULL && *v != '\0')) {
		cli->db_path = xstrdup(v);
		cli->db_explicit = 1;
	} else
		cli->db_path = cli_default_db(cmd->fn == cmd_demo ? "demo.db" :
		    "kefu.db");
	if ((v = cli_opt(cli, "agent")) == NULL || *v == '\0')
		v = getenv("USER");
	if (v == NULL || *v == '\0') {
		struct passwd *pw = getpwuid(getuid());
		v = pw != NULL ? pw->pw_name : "";
	}
	cli->agent = v;
	return 0;
}

void
cli_free(struct cli *cli)
{
	free(cli->args);
	free(cli->opts);
	free((char *)cli->db_path);
	db_close(cli->db);
}

const char *
cli_opt(const struct cli *cli, const char *name)
{
	for (int i = cli->nopts - 1; i >= 0; i--)
		if (strcmp(cli->opts[i].name, name) == 0)
			return cli->opts[i].value;
	return NULL;
}

int
cli_flag(const struct cli *cli, const char *name)
{
	for (int i = 0; i < cli->nopts; i++)
		if (strcmp(cli->opts[i].name, name) == 0)
			return 1;
	return 0;
}

int
cli_opts(const struct cli *cli, const char *name, const char ***out)
{
	int n = 0;

	*out = xcalloc(cli->nopts + 1, sizeof **out);
	for (int i = 0; i < cli->nopts; i++)
		if (strcmp(cli->opts[i].name, name) == 0)
			(*out)[n++] = cli->opts[i].value;
	return n;
}

int
cli_check_agent(struct cli *cli)
{
	struct agent *a = NULL;
	char *cause = NULL;
	int rc;

	if (!agent_login_valid(cli->agent))
		return cli_error("invalid agent login '%s' (use --agent)",
		    cli->agent);
	if ((rc = agent_get(cli->db, cli->agent, &a, &cause)) <= 0) {
		if (rc < 0) {
			cli_error("%s", cause);
			free(cause);
			return EXIT_USER;
		}
		return cli_error("agent '%s' is not registered (a supervisor "
		    "adds agents with 'kefu agent add %s')", cli->agent,
		    cli->agent);
	}
	agent_free(a);
	return 0;
}

int
cli_open_db(struct cli *cli, int create, int registered)
{
	char *cause = NULL;

	if (!cli->db_explicit && create)
		make_parent(cli->db_path);
	if (db_open(cli->db_path, create ? DB_OPEN_CREATE : 0, &cli->db,
	    &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_USER;
	}
	return registered ? cli_check_agent(cli) : 0;
}

void
cli_print_safe(const char *text)
{
	char *s = utf8_sanitise(text != NULL ? text : "", 0);

	fputs(s, stdout);
	free(s);
}

int64_t
cli_int(const char *s, int64_t max)
{
	char *end;
	long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	return v;
}

int
cli_fail(char *cause)
{
	cli_error("%s", cause != NULL ? cause : "failed");
	free(cause);
	return EXIT_USER;
}

int64_t
cli_id(struct cli *cli, const char *what)
{
	int64_t id = cli_int(cli->args[0], INT64_MAX);

	if (id < 1) {
		cli_error("'%s' is not a %s id", cli->args[0], what);
		return 0;
	}
	return id;
}

void
cli_sanitise(char **s)
{
	char *safe;

	if (*s == NULL)
		return;
	safe = utf8_sanitise(*s, false);
	free(*s);
	*s = safe;
}
