/*
 * cmd-work.c — follow-up and agent commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/config.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/json.h"
#include "kefu/remind.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* A duration before the due time: "15m", "+2h", "1d". */
static int
parse_before(const char *s, int64_t *secs)
{
	char *rel = xasprintf("%s%s", *s == '+' ? "" : "+", s), *cause = NULL;
	int rc = when_parse(rel, 0, secs, &cause);

	free(rel);
	free(cause);
	return rc != 0 || *secs <= 0 ? -1 : 0;
}

/* The care interval of CUSTOMER's segment; the config's
 * `care = vip=30,key=60,…` line overrides the built-in table. */
static int64_t
care_days(struct cli *cli, int64_t customer)
{
	struct customer *c;
	struct config *cfg = NULL;
	char *path = config_default_path(), *cause = NULL;
	int days = 0;

	config_load(path, &cfg, &cause);
	free(cause);
	free(path);
	if (customer_get(cli->db, customer, &c, NULL) > 0) {
		days = followup_care_days(c->segment, cfg != NULL ?
		    config_get(cfg, "care") : NULL);
		customer_free(c);
	}
	config_free(cfg);
	return days;
}

int
cmd_followup_add(struct cli *cli)
{
	const char *due = cli_opt(cli, "due"), *v, *owner;
	int64_t at, id, customer, every = 0, before[8];
	char *cause = NULL, buf[32];
	const char **warns;
	int rc, nwarn;

	if (due == NULL)
		return cli_error("--due is required (e.g. --due +2h or "
		    "--due '2026-12-01 10:00')");
	if (when_parse(due, when_now(), &at, &cause) != 0)
		return cli_fail(cause);
	if ((v = cli_opt(cli, "every")) != NULL && strcmp(v, "auto") != 0 &&
	    (every = cli_int(v, 3650)) < 1)
		return cli_error("--every must be 1-3650 days or 'auto'");
	nwarn = cli_opts(cli, "warn", &warns);
	for (int i = 0; i < nwarn; i++) {
		if (parse_before(warns[i], &before[i < 8 ? i : 7]) != 0 ||
		    i >= 8) {
			free(warns);
			return cli_error("--warn '%s': expected a duration before "
			    "the due time like 15m, 2h or 1d (at most 8)",
			    warns[i]);
		}
	}
	free(warns);
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	rc = customer_resolve(cli->db, cli->args[0], &customer, &cause);
	if (rc < 0)
		return cli_fail(cause);
	if (rc == 0)
		return cli_error("customer '%s' not found", cli->args[0]);
	if (v != NULL && strcmp(v, "auto") == 0 &&
	    (every = care_days(cli, customer)) < 1)
		return cli_error("no care interval for this customer's segment");
	owner = cli_opt(cli, "owner") != NULL ? cli_opt(cli, "owner") :
	    cli->agent;
	/* The follow-up and its warnings land together. */
	if ((rc = db_begin(cli->db)) < 0)
		return cli_fail(xstrdup(db_errmsg(cli->db)));
	if (followup_add(cli->db, customer, owner, at, cli_opt(cli, "reason"),
	    (int)every, cli->agent, cli_flag(cli, "overdue-ok"), &id,
	    &cause) < 0) {
		db_rollback(cli->db);
		return cli_fail(cause);
	}
	for (int i = 0; i < nwarn; i++) {
		if (followup_warn(cli->db, id, before[i], &cause) < 0) {
			db_rollback(cli->db);
			return cli_fail(cause);
		}
	}
	if ((rc = db_commit(cli->db)) < 0)
		return cli_fail(xstrdup(db_errmsg(cli->db)));
	printf("%lld\n", (long long)id);
	fprintf(stderr, "kefu: follow-up %lld due %s for %s\n", (long long)id,
	    when_format(at, buf, sizeof buf), owner);
	return EXIT_OK;
}

int
cmd_followup_list(struct cli *cli)
{
	enum followup_filter filter = FOLLOWUP_OPEN;
	struct followup **v;
	int64_t now = when_now(), limit = 0;
	char *cause = NULL, due[32];
	const char *s;
	int rc, n;

	if (cli_flag(cli, "overdue"))
		filter = FOLLOWUP_OVERDUE;
	else if (cli_flag(cli, "due"))
		filter = FOLLOWUP_DUE;
	if ((s = cli_opt(cli, "limit")) != NULL &&
	    (limit = cli_int(s, 1000000)) < 0)
		return cli_error("--limit must be a number");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	n = followup_list(cli->db, filter, cli_opt(cli, "owner"), now,
	    (int)limit, &v, &cause);
	if (n < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_followup(v[i]));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			cli_sanitise(&v[i]->state);
			cli_sanitise(&v[i]->owner);
			printf("%lld\t%s\t%s\t%s\t#%lld ", (long long)v[i]->id,
			    when_format(v[i]->due_at, due, sizeof due),
			    v[i]->state, v[i]->owner,
			    (long long)v[i]->customer_id);
			cli_print_safe(v[i]->customer_name);
			putchar('\t');
			cli_print_safe(v[i]->reason);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	followup_list_free(v, n);
	return rc;
}

int
cmd_followup_done(struct cli *cli)
{
	int64_t id = cli_id(cli, "follow-up"), next;
	char *cause = NULL;
	int rc;

	if (id == 0)
		return EXIT_USER;
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (followup_done(cli->db, id, cli->agent, &next, &cause) < 0)
		return cli_fail(cause);
	if (next != 0)
		printf("next follow-up: %lld\n", (long long)next);
	return EXIT_OK;
}

int
cmd_agent_add(struct cli *cli)
{
	const char *r = cli_opt(cli, "role");
	char *cause = NULL;
	int role = AGENT_ROLE_AGENT, rc;

	if (r != NULL && (role = agent_role_parse(r)) < 0)
		return cli_error("--role must be agent or supervisor");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (agent_add(cli->db, cli->args[0], cli_opt(cli, "name"), role,
	    cli->agent, 0, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}

int
cmd_agent_list(struct cli *cli)
{
	struct agent **v;
	char *cause = NULL;
	int rc, n;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((n = agent_list(cli->db, &v, &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_agent(v[i]));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			cli_sanitise(&v[i]->login);
			cli_sanitise(&v[i]->state);
			printf("%s\t%s\t%s\t", v[i]->login,
			    agent_role_name(v[i]->role), v[i]->state);
			cli_print_safe(v[i]->name);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	agent_list_free(v, n);
	return rc;
}

int
cmd_followup_snooze(struct cli *cli)
{
	int64_t id = cli_id(cli, "follow-up"), until;
	char *cause = NULL, buf[32];
	int rc;

	if (id == 0)
		return EXIT_USER;
	if (when_parse(cli->args[1], when_now(), &until, &cause) != 0)
		return cli_fail(cause);
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (followup_snooze(cli->db, id, until, cli->agent, &cause) < 0)
		return cli_fail(cause);
	fprintf(stderr, "kefu: follow-up %lld snoozed until %s\n",
	    (long long)id, when_format(until, buf, sizeof buf));
	return EXIT_OK;
}

int
cmd_followup_assign(struct cli *cli)
{
	int64_t id = cli_id(cli, "follow-up");
	char *cause = NULL;
	int rc;

	if (id == 0)
		return EXIT_USER;
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (followup_assign(cli->db, id, cli->args[1], cli->agent, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}

int
cmd_remind(struct cli *cli)
{
	struct reminder *v;
	char *cause = NULL, due[32];
	int rc, n;

	if (!cli_flag(cli, "once"))
		return cli_error("only 'kefu remind --once' exists: the console "
		    "fires reminders itself");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	n = remind_due(cli->db, cli->agent, when_now(), cli_flag(cli, "mark"),
	    &v, &cause);
	if (n < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:I,s:I,s:s,s:s,"
			    "s:s,s:o,s:I}", "followup_id",
			    (json_int_t)v[i].followup_id, "customer_id",
			    (json_int_t)v[i].customer_id, "customer",
			    v[i].customer_name, "reason", v[i].reason, "owner",
			    v[i].owner, "due_at", json_time(v[i].due_at),
			    "warn_before_secs", (json_int_t)v[i].before_secs));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			cli_sanitise(&v[i].owner);
			printf("%lld\t%s\t%s\t%s\t#%lld ",
			    (long long)v[i].followup_id, v[i].before_secs ?
			    "warning" : "due", when_format(v[i].due_at, due,
			    sizeof due), v[i].owner, (long long)v[i].customer_id);
			cli_print_safe(v[i].customer_name);
			putchar('\t');
			cli_print_safe(v[i].reason);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	reminder_list_free(v, n);
	return rc;
}
