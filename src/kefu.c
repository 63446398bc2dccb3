/*
 * kefu.c — main: the command table and the commands that open the
 * console (console, init, demo). The other commands are in cmd-*.c.
 */
#include <locale.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/db.h"
#include "kefu/demo.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"
#include "ui.h"

static const struct optspec demo_opts[] = {
	{ "no-console", 0, "create the demo database but do not open the console" },
	{ "customers", 1, "how many customers (default 500)" },
	{ NULL, 0, NULL }
};

static const struct optspec customer_add_opts[] = {
	{ "name", 1, "full name (required)" },
	{ "phone", 1, "phone number, any common format (repeatable; one required)" },
	{ "segment", 1, "vip, key, normal, at_risk or new (default normal)" },
	{ "notes", 1, "free notes" },
	{ "household", 1, "household: who lives there, size" },
	{ "habits", 1, "habits: when and what they buy" },
	{ "preferences", 1, "preferences: when to call, channel" },
	{ "owner", 1, "owner agent login" },
	{ "cycle", 1, "consumption cycle in days (e.g. 30 for a 20 kg rice bag)" },
	{ "spend", 1, "average annual spend in yuan" },
	{ "first-purchase", 1, "first purchase date YYYY-MM-DD" },
	{ NULL, 0, NULL }
};

static const struct optspec find_opts[] = {
	{ "limit", 1, "at most this many results (default 20)" },
	{ NULL, 0, NULL }
};

static const struct optspec contact_log_opts[] = {
	{ "disposition", 1, "resolved, callback, escalated, complaint, sale, "
	    "info, no_answer, wrong_number or unresolved (required)" },
	{ "notes", 1, "what was said" },
	{ "reason", 1, "why the customer called" },
	{ "channel", 1, "phone, visit, email, chat or sms (default phone)" },
	{ "direction", 1, "in or out (default in)" },
	{ "outcome", 1, "delighted, satisfied or disappointed" },
	{ "purchase", 1, "amount bought in yuan" },
	{ NULL, 0, NULL }
};

static const struct optspec followup_add_opts[] = {
	{ "due", 1, "+30s, +5m, +2h, +3d, YYYY-MM-DD HH:MM or ISO 8601 (required)" },
	{ "owner", 1, "agent login or 'pool' (default: you)" },
	{ "reason", 1, "why to call" },
	{ "every", 1, "repeat every DAYS days when done" },
	{ "overdue-ok", 0, "accept a due time in the past (imports)" },
	{ NULL, 0, NULL }
};

static const struct optspec followup_list_opts[] = {
	{ "due", 0, "only those due now" },
	{ "overdue", 0, "only those overdue (15 min past due)" },
	{ "owner", 1, "only this owner (agent login or 'pool')" },
	{ "limit", 1, "at most this many" },
	{ NULL, 0, NULL }
};

static const struct optspec agent_add_opts[] = {
	{ "role", 1, "agent or supervisor (default agent)" },
	{ "name", 1, "display name" },
	{ NULL, 0, NULL }
};

static const struct optspec limit_opts[] = {
	{ "limit", 1, "at most this many (default 20)" },
	{ NULL, 0, NULL }
};

/* Entry 0 is the console: what runs without a command word. */
const struct command commands[] = {
	{ "", "", "open the console", NULL, 0, 0, cmd_console },
	{ "console", "", "open the console", NULL, 0, 0, cmd_console },
	{ "init", "", "create the database and register yourself as supervisor",
	    NULL, 0, 0, cmd_init },
	{ "demo", "", "create (or reuse) a demo database and open the console",
	    demo_opts, 0, 0, cmd_demo },
	{ "customer add", "", "add a customer; prints the new id",
	    customer_add_opts, 0, 0, cmd_customer_add },
	{ "customer show", "ID|PHONE", "show a customer's profile and history",
	    limit_opts, 1, 1, cmd_customer_show },
	{ "customer find", "QUERY", "search customers by name, phone or notes",
	    find_opts, 1, 1, cmd_customer_find },
	{ "contact log", "CUSTOMER", "log a contact with a customer",
	    contact_log_opts, 1, 1, cmd_contact_log },
	{ "contact list", "CUSTOMER", "a customer's contacts, newest first",
	    limit_opts, 1, 1, cmd_contact_list },
	{ "followup add", "CUSTOMER", "schedule a follow-up",
	    followup_add_opts, 1, 1, cmd_followup_add },
	{ "followup list", "", "open follow-ups, earliest first",
	    followup_list_opts, 0, 0, cmd_followup_list },
	{ "followup done", "ID", "mark a follow-up done", NULL, 1, 1,
	    cmd_followup_done },
	{ "agent add", "LOGIN", "register an agent (supervisors only)",
	    agent_add_opts, 1, 1, cmd_agent_add },
	{ "agent list", "", "registered agents", NULL, 0, 0, cmd_agent_list },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL }
};

/* Open the console on CLI's database as CLI's agent. */
static int
run_console(struct cli *cli)
{
	struct ui_options o = { cli->agent, cli->theme, cli->db_path };
	char *cause = NULL;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error("the console needs a terminal (for scripts, "
		    "see 'kefu --help')");
	if (ui_run(cli->db, &o, &cause) != 0) {
		cli_error("%s", cause != NULL ? cause : "console failed");
		free(cause);
		return EXIT_USER;
	}
	return EXIT_OK;
}

int
cmd_console(struct cli *cli)
{
	int rc;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	return run_console(cli);
}

/* Register the invoking agent as the first supervisor of an empty
 * database; an already registered agent is fine. */
static int
register_first(struct cli *cli)
{
	char *cause = NULL;
	int n = agent_count(cli->db), rc;

	if (n < 0)
		return cli_error("%s", db_errmsg(cli->db));
	if (n > 0)
		return cli_check_agent(cli);
	if (!agent_login_valid(cli->agent))
		return cli_error("invalid agent login '%s' (use --agent)",
		    cli->agent);
	rc = agent_add(cli->db, cli->agent, NULL, AGENT_ROLE_SUPERVISOR,
	    cli->agent, 1, &cause);
	if (rc < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_USER;
	}
	return EXIT_OK;
}

int
cmd_init(struct cli *cli)
{
	int rc;

	if ((rc = cli_open_db(cli, 1, 0)) != 0)
		return rc;
	if ((rc = register_first(cli)) != 0)
		return rc;
	printf("%s: schema version %d, %s is a supervisor\n", cli->db_path,
	    db_schema_version(cli->db), cli->agent);
	return EXIT_OK;
}

int
cmd_demo(struct cli *cli)
{
	int64_t n = 500, t0;
	const char *v;
	char *cause = NULL;
	int rc;

	if ((v = cli_opt(cli, "customers")) != NULL &&
	    ((n = cli_int(v, 1000000)) < 1))
		return cli_error("--customers must be 1-1000000");
	if ((rc = cli_open_db(cli, 1, 0)) != 0 ||
	    (rc = register_first(cli)) != 0)
		return rc;
	t0 = when_now();
	rc = demo_populate(cli->db, cli->agent, t0, 20261124, (int)n, &cause);
	if (rc < 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_USER;
	}
	if (rc > 0)
		fprintf(stderr, "kefu: demo database %s: %d customers\n",
		    cli->db_path, rc);
	else
		fprintf(stderr, "kefu: reusing demo database %s\n", cli->db_path);
	if (cli_flag(cli, "no-console"))
		return EXIT_OK;
	return run_console(cli);
}

/* The language the environment asks for ("zh_CN"), or NULL. */
static const char *
wanted_language(void)
{
	const char *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

/* Locale and catalogue. If the asked-for locale is not installed (a fresh
 * Debian has only C.UTF-8), keep its language for messages through
 * LANGUAGE over C.UTF-8, so `LANG=zh_CN.UTF-8 kefu` is Chinese anyway.
 * The catalogue comes from $KEFU_LOCALEDIR, the install, or a build tree
 * beside the binary. */
static void
setup_locale(void)
{
	const char *lang = wanted_language(), *dir = getenv("KEFU_LOCALEDIR");
	char exe[4096], *local = NULL, *mo;
	ssize_t n;

	if (setlocale(LC_ALL, "") == NULL && lang != NULL &&
	    setlocale(LC_ALL, "C.UTF-8") != NULL) {
		char *l = xstrndup(lang, strcspn(lang, ".@"));
		setenv("LANGUAGE", l, 0);
		free(l);
	}
	if (dir == NULL) {
		mo = xasprintf("%s/zh_CN/LC_MESSAGES/kefu.mo", LOCALEDIR);
		if (access(mo, R_OK) == 0)
			dir = LOCALEDIR;
		free(mo);
	}
	if (dir == NULL && (n = readlink("/proc/self/exe", exe,
	    sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		dir = local = xasprintf("%s/po", exe);
	}
	bindtextdomain("kefu", dir != NULL ? dir : LOCALEDIR);
	bind_textdomain_codeset("kefu", "UTF-8");
	textdomain("kefu");
	free(local);
}

int
main(int argc, char **argv)
{
	struct cli cli;
	int rc;

	setup_locale();

	rc = cli_parse(&cli, argc, argv);
	if (rc == 0)
		rc = cli.cmd->fn(&cli);
	else if (rc == CLI_DONE)
		rc = EXIT_OK;
	cli_free(&cli);
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		perror("kefu: stdout");
		rc = EXIT_USER;
	}
	return rc;
}
