/*
 * cmd-complaint.c — complaints from the command line: open, list, resolve,
 * assign (抱怨是金: opened, owned, with a deadline, never dropped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/complaint.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/json.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

int
cmd_complaint_open(struct cli *cli)
{
	const char *v, *cat = cli_opt(cli, "category");
	int64_t customer, deadline = 0, id;
	char *cause = NULL;
	int rc;

	if (cat == NULL)
		cat = "other";
	if ((v = cli_opt(cli, "deadline")) != NULL &&
	    when_parse(v, when_now(), &deadline, &cause) != 0)
		return cli_fail(cause);
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((rc = customer_resolve(cli->db, cli->args[0], &customer,
	    &cause)) <= 0)
		return rc < 0 ? cli_fail(cause) : cli_error("customer '%s' not found",
		    cli->args[0]);
	if (complaint_open(cli->db, customer, 0, cli_opt(cli, "owner") ?
	    cli_opt(cli, "owner") : cli->agent, cat, cli_opt(cli, "summary"),
	    deadline, cli->agent, &id, &cause) < 0)
		return cli_fail(cause);
	printf("%lld\n", (long long)id);
	return EXIT_OK;
}

int
cmd_complaint_list(struct cli *cli)
{
	struct complaint **v;
	char *cause = NULL, due[32];
	int64_t now = when_now();
	int rc, n;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((n = complaint_list_open(cli->db, 0, 1000, &v, &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:I,s:I,s:s?,s:s,"
			    "s:s,s:s?,s:o,s:o,s:s}", "id", (json_int_t)v[i]->id,
			    "customer_id", (json_int_t)v[i]->customer_id,
			    "customer", v[i]->customer_name, "owner", v[i]->owner,
			    "category", v[i]->category, "summary", v[i]->summary,
			    "opened_at", json_time(v[i]->opened_at), "deadline",
			    json_time(v[i]->deadline), "state", v[i]->state));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			printf("%lld\t%s%s\t%s\t%s\t#%lld ", (long long)v[i]->id,
			    when_format(v[i]->deadline, due, sizeof due),
			    v[i]->deadline < now ? " LATE" : "", v[i]->owner,
			    v[i]->category, (long long)v[i]->customer_id);
			cli_print_safe(v[i]->customer_name);
			putchar('\t');
			cli_print_safe(v[i]->summary);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	complaint_list_free(v, n);
	return rc;
}

int
cmd_complaint_resolve(struct cli *cli)
{
	int64_t id = cli_id(cli, "complaint");
	const char *how = cli_opt(cli, "resolution");
	char *cause = NULL;
	int rc;

	if (id == 0)
		return EXIT_USER;
	if (how == NULL)
		return cli_error("--resolution is required: what was done");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (complaint_resolve(cli->db, id, how, cli->agent, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}

int
cmd_complaint_assign(struct cli *cli)
{
	int64_t id = cli_id(cli, "complaint");
	char *cause = NULL;
	int rc;

	if (id == 0)
		return EXIT_USER;
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (complaint_assign(cli->db, id, cli->args[1], cli->agent, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}
