/*
 * cmd-work.c — follow-up and agent commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/json.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

static int
fail(char *cause)
{
	cli_error("%s", cause != NULL ? cause : "failed");
	free(cause);
	return EXIT_USER;
}

int
cmd_followup_add(struct cli *cli)
{
	const char *due = cli_opt(cli, "due"), *v, *owner;
	int64_t at, id, customer, every = 0;
	char *cause = NULL, buf[32];
	int rc;

	if (due == NULL)
		return cli_error("--due is required (e.g. --due +2h or "
		    "--due '2026-12-01 10:00')");
	if (when_parse(due, when_now(), &at, &cause) != 0)
		return fail(cause);
	if ((v = cli_opt(cli, "every")) != NULL &&
	    (every = cli_int(v, 3650)) < 1)
		return cli_error("--every must be 1-3650 days");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	rc = customer_resolve(cli->db, cli->args[0], &customer, &cause);
	if (rc < 0)
		return fail(cause);
	if (rc == 0)
		return cli_error("customer '%s' not found", cli->args[0]);
	owner = cli_opt(cli, "owner") != NULL ? cli_opt(cli, "owner") :
	    cli->agent;
	if (followup_add(cli->db, customer, owner, at, cli_opt(cli, "reason"),
	    (int)every, cli->agent, cli_flag(cli, "overdue-ok"), &id,
	    &cause) < 0)
		return fail(cause);
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
		return fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_followup(v[i]));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
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
	int64_t id = cli_int(cli->args[0], INT64_MAX), next;
	char *cause = NULL;
	int rc;

	if (id < 1)
		return cli_error("'%s' is not a follow-up id", cli->args[0]);
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (followup_done(cli->db, id, cli->agent, &next, &cause) < 0)
		return fail(cause);
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
		return fail(cause);
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
		return fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_agent(v[i]));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
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
