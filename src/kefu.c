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
	{ "every", 1, "repeat every DAYS days when done ('auto': the segment's care interval)" },
	{ "warn", 1, "also warn this long before (15m, 2h, 1d; repeatable)" },
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

static const struct optspec remind_opts[] = {
	{ "once", 0, "print what would fire now for you, and exit" },
	{ "mark", 0, "with --once: record them as shown (cron use)" },
	{ NULL, 0, NULL }
};

static const struct optspec call_opts[] = {
	{ "at", 1, "when it happened (ISO 8601), for replaying a log" },
	{ "queue", 1, "the queue (offer; default 'default')" },
	{ NULL, 0, NULL }
};

static const struct optspec stats_opts[] = {
	{ "since", 1, "start of the period (default: today 00:00)" },
	{ "threshold", 1, "service level threshold, seconds (default 20)" },
	{ "target", 1, "service level target, % (default 80)" },
	{ NULL, 0, NULL }
};

static const struct optspec state_opts[] = {
	{ "reason", 1, "why (paused): break, lunch, training, meeting, coaching, other" },
	{ "at", 1, "when (ISO 8601; closes a wrap-up at that time)" },
	{ NULL, 0, NULL }
};

static const struct optspec complaint_opts[] = {
	{ "category", 1, "product, service, billing, delivery, attitude or other" },
	{ "summary", 1, "what the customer said" },
	{ "owner", 1, "who owns it (default: you)" },
	{ "deadline", 1, "resolve by (default: 48 h)" },
	{ NULL, 0, NULL }
};

static const struct optspec resolve_opts[] = {
	{ "resolution", 1, "what was done (required)" },
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

static const char stats_details[] =
"Figures over [--since, now); percentages with nothing to divide are null.\n"
"JSON fields (--json):\n"
"  since, until         the period (ISO 8601 UTC)\n"
"  threshold, target    SL threshold (s) and target (%)\n"
"  offered              calls offered in the period\n"
"  answered, abandoned  of those; waiting: calls in the queue now\n"
"  abandon_pct          abandoned / offered x 100\n"
"  sl                   answered within threshold / answered x 100\n"
"  sl2                  (answered + abandoned within threshold) /\n"
"                       (answered + abandoned) x 100\n"
"  asa                  mean seconds offered -> answered\n"
"  aht                  mean talk + wrap-up seconds of ended calls\n"
"  contacts             contacts logged in the period\n"
"  fcr                  resolved with no contact from that customer in the\n"
"                       next 7 days / contacts x 100\n"
"  satisfaction         (delighted + satisfied) / rated contacts x 100\n"
"  open_complaints      now; silent_unhappy = open_complaints x 25\n"
"  overdue_followups    open follow-ups more than 15 min past due\n"
"  erlang.arrivals_per_hour, erlang.traffic (Erlangs),\n"
"  erlang.agents_needed at the target SL (Erlang C via the Erlang-B\n"
"  recursion, occupancy capped at 85%), erlang.predicted_sl,\n"
"  erlang.occupancy, erlang.occupancy_capped\n";

/* Entry 0 is the console: what runs without a command word. */
const struct command commands[] = {
	{ "", "", "open the console", NULL, 0, 0, cmd_console, NULL },
	{ "console", "", "open the console", NULL, 0, 0, cmd_console, NULL },
	{ "init", "", "create the database and register yourself as supervisor",
	    NULL, 0, 0, cmd_init, NULL },
	{ "demo", "", "create (or reuse) a demo database and open the console",
	    demo_opts, 0, 0, cmd_demo, NULL },
	{ "customer add", "", "add a customer; prints the new id",
	    customer_add_opts, 0, 0, cmd_customer_add, NULL },
	{ "customer show", "ID|PHONE", "show a customer's profile and history",
	    limit_opts, 1, 1, cmd_customer_show, NULL },
	{ "customer find", "QUERY", "search customers by name, phone or notes",
	    find_opts, 1, 1, cmd_customer_find, NULL },
	{ "contact log", "CUSTOMER", "log a contact with a customer",
	    contact_log_opts, 1, 1, cmd_contact_log, NULL },
	{ "contact list", "CUSTOMER", "a customer's contacts, newest first",
	    limit_opts, 1, 1, cmd_contact_list, NULL },
	{ "followup add", "CUSTOMER", "schedule a follow-up",
	    followup_add_opts, 1, 1, cmd_followup_add, NULL },
	{ "followup list", "", "open follow-ups, earliest first",
	    followup_list_opts, 0, 0, cmd_followup_list, NULL },
	{ "followup done", "ID", "mark a follow-up done", NULL, 1, 1,
	    cmd_followup_done, NULL },
	{ "followup snooze", "ID WHEN", "push a follow-up to a later time",
	    NULL, 2, 2, cmd_followup_snooze, NULL },
	{ "followup assign", "ID LOGIN|pool", "give a follow-up to a colleague "
	    "or the pool (your own login claims a pool item)", NULL, 2, 2,
	    cmd_followup_assign, NULL },
	{ "remind", "", "what would fire now (--once)", remind_opts, 0, 0,
	    cmd_remind, NULL },
	{ "complaint open", "CUSTOMER", "open a complaint; prints its id",
	    complaint_opts, 1, 1, cmd_complaint_open, NULL },
	{ "complaint list", "", "open complaints, by deadline", NULL, 0, 0,
	    cmd_complaint_list, NULL },
	{ "complaint resolve", "ID", "resolve a complaint", resolve_opts, 1, 1,
	    cmd_complaint_resolve, NULL },
	{ "complaint assign", "ID LOGIN|pool", "hand a complaint over (its "
	    "owner or a supervisor)", NULL, 2, 2, cmd_complaint_assign, NULL },
	{ "agent add", "LOGIN", "register an agent (supervisors only)",
	    agent_add_opts, 1, 1, cmd_agent_add, NULL },
	{ "agent list", "", "registered agents", NULL, 0, 0, cmd_agent_list, NULL },
	{ "agent state", "LOGIN STATE", "set an agent's state (yourself, or "
	    "anyone as a supervisor)", state_opts, 2, 2, cmd_agent_state, NULL },
	{ "agent message", "LOGIN TEXT", "a one-line message to an agent's "
	    "console (supervisors)", NULL, 2, 2, cmd_agent_message, NULL },
	{ "agents", "", "every agent's state now (supervisors)", NULL, 0, 0,
	    cmd_agents, NULL },
	{ "call offer", "NUMBER", "a call enters the queue; prints its id",
	    call_opts, 1, 1, cmd_call, NULL },
	{ "call answer", "ID", "the acting agent (--agent) answers call ID",
	    call_opts, 1, 1, cmd_call, NULL },
	{ "call end", "ID", "call ID ends", call_opts, 1, 1, cmd_call, NULL },
	{ "call abandon", "ID", "the caller hung up while waiting", call_opts,
	    1, 1, cmd_call, NULL },
	{ "stats", "", "today's figures: SL, SL2, abandon %, ASA, AHT, FCR, "
	    "satisfaction, Erlang C (supervisors)", stats_opts, 0, 0,
	    cmd_stats, stats_details },
	{ "playbook check", "FILE...", "validate playbook files (all errors "
	    "as FILE:LINE:COL)", NULL, 1, 10000, cmd_playbook_check, NULL },
	{ "playbook import", "FILE...", "validate and store playbooks "
	    "(supervisors; all or nothing)", NULL, 1, 10000,
	    cmd_playbook_import, NULL },
	{ "playbook list", "", "stored playbooks and their versions", NULL, 0,
	    0, cmd_playbook_list, NULL },
	{ "playbook show", "NAME[@VERSION]", "a stored playbook's text "
	    "(--json: its steps); the newest version by default", NULL, 1, 1,
	    cmd_playbook_show, NULL },
	{ NULL, NULL, NULL, NULL, 0, 0, NULL, NULL }
};

/* Open the console on CLI's database as CLI's agent. */
static int
run_console(struct cli *cli)
{
	struct ui_options o = { cli->agent, cli->theme, cli->db_path,
	    cli_opt(cli, "cti") };
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
		fprintf(stderr, "kefu: demo database %s: %d customers, %d "
		    "playbooks\n", cli->db_path, rc, playbook_import_shipped(cli));
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
