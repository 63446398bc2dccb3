/*
 * cmd-super.c — calls from a PBX dialplan, agent states and messages, and
 * the supervisor's figures (stats, agents).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/audit.h"
#include "kefu/call.h"
#include "kefu/db.h"
#include "kefu/json.h"
#include "kefu/kpi.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* --at WHEN (ISO 8601, for replaying a log) or now. */
static int
event_time(struct cli *cli, int64_t *at)
{
	const char *v = cli_opt(cli, "at");
	char *cause = NULL;

	*at = when_now();
	if (v != NULL && when_parse(v, *at, at, &cause) != 0)
		return cli_fail(cause);
	return 0;
}

int
cmd_call(struct cli *cli)
{
	const char *verb = cli->cmd->name + 5;	/* after "call " */
	int64_t at, id = 0;
	char *cause = NULL;
	int rc;

	if ((rc = event_time(cli, &at)) != 0)
		return rc;
	if (strcmp(verb, "offer") != 0 && (id = cli_id(cli, "call")) == 0)
		return EXIT_USER;
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (strcmp(verb, "offer") == 0) {
		rc = call_offer(cli->db, cli->args[0], cli_opt(cli, "queue"), at,
		    cli->agent, &id, &cause);
		if (rc == 0)
			printf("%lld\n", (long long)id);
	} else if (strcmp(verb, "answer") == 0)
		rc = call_answer(cli->db, id, cli->agent, at, cli->agent, &cause);
	else if (strcmp(verb, "end") == 0)
		rc = call_end(cli->db, id, at, cli->agent, &cause);
	else
		rc = call_abandon(cli->db, id, at, cli->agent, &cause);
	return rc < 0 ? cli_fail(cause) : EXIT_OK;
}

/* Supervisors only: a clear refusal for agents. */
static int
supervisor_only(struct cli *cli, const char *what)
{
	struct agent *a = NULL;
	int rc;

	rc = agent_get(cli->db, cli->agent, &a, NULL);
	if (rc > 0 && a->role == AGENT_ROLE_SUPERVISOR) {
		agent_free(a);
		return 0;
	}
	agent_free(a);
	return cli_error("%s is for supervisors ('%s' is an agent)", what,
	    cli->agent);
}

static json_t *
num_or_null(double v)
{
	return v < 0 ? json_null() : json_real(((long long)(v * 100 + 0.5)) /
	    100.0);
}

static void
print_pct(const char *label, double v)
{
	if (v < 0)
		printf("%-22s -\n", label);
	else
		printf("%-22s %.1f%%\n", label, v);
}

static void
spark(const char *label, const double *v, int n, double max)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆",
	    "▇", "█" };

	printf("%-22s ", label);
	for (int i = 0; i < n; i++) {
		if (v[i] < 0)
			putchar(' ');
		else
			fputs(bars[max > 0 ? (int)(v[i] / max * 7.0 + 0.5) : 0],
			    stdout);
	}
	putchar('\n');
}

int
cmd_stats(struct cli *cli)
{
	struct kpi k;
	const char *v;
	char *cause = NULL;
	int64_t now = when_now(), since = when_day_start(now), t = 20, tgt = 80;
	double offered[KPI_SLOTS], maxo = 0;
	int rc;

	if ((v = cli_opt(cli, "since")) != NULL &&
	    when_parse(v, now, &since, &cause) != 0)
		return cli_fail(cause);
	if ((v = cli_opt(cli, "threshold")) != NULL &&
	    (t = cli_int(v, 3600)) < 1)
		return cli_error("--threshold must be 1-3600 seconds");
	if ((v = cli_opt(cli, "target")) != NULL &&
	    ((tgt = cli_int(v, 99)) < 1))
		return cli_error("--target must be 1-99 (%%)");
	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = supervisor_only(cli, "kefu stats")) != 0)
		return rc;
	if (kpi_compute(cli->db, since, now + 1, now, (int)t, (int)tgt, &k,
	    &cause) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *j = json_pack("{s:o,s:o,s:i,s:i,s:i,s:i,s:i,s:i,s:o,s:o,"
		    "s:o,s:o,s:o,s:i,s:o,s:o,s:i,s:i,s:i}",
		    "since", json_time(k.since), "until", json_time(now),
		    "threshold", k.threshold, "target", k.target,
		    "offered", k.offered, "answered", k.answered,
		    "abandoned", k.abandoned, "waiting", k.waiting,
		    "abandon_pct", num_or_null(k.abandon_pct),
		    "sl", num_or_null(k.sl), "sl2", num_or_null(k.sl2),
		    "asa", num_or_null(k.asa), "aht", num_or_null(k.aht),
		    "contacts", k.contacts, "fcr", num_or_null(k.fcr),
		    "satisfaction", num_or_null(k.satisfaction),
		    "open_complaints", k.open_complaints,
		    "silent_unhappy", k.silent_unhappy,
		    "overdue_followups", k.overdue_followups);
		json_object_set_new(j, "erlang", json_pack("{s:o,s:o,s:i,s:o,"
		    "s:o,s:b}", "arrivals_per_hour",
		    num_or_null(k.arrivals_per_hour), "traffic",
		    num_or_null(k.traffic), "agents_needed", k.agents_needed,
		    "predicted_sl", num_or_null(k.predicted_sl), "occupancy",
		    num_or_null(k.occupancy), "occupancy_capped",
		    k.occupancy_capped));
		return json_print(j) == 0 ? EXIT_OK : EXIT_USER;
	}
	printf("%-22s %d (waiting now %d)\n", "offered", k.offered, k.waiting);
	printf("%-22s %d\n%-22s %d\n", "answered", k.answered, "abandoned",
	    k.abandoned);
	print_pct("abandon", k.abandon_pct);
	printf("%-22s answered within %d s, target %d%%\n", "service level",
	    k.threshold, k.target);
	print_pct("  SL", k.sl);
	print_pct("  SL2", k.sl2);
	printf("%-22s %.0f s\n%-22s %.0f s\n", "ASA", k.asa, "AHT", k.aht);
	print_pct("FCR (7 days)", k.fcr);
	print_pct("satisfaction", k.satisfaction);
	printf("%-22s %d (≈ %d silent unhappy)\n", "open complaints",
	    k.open_complaints, k.silent_unhappy);
	printf("%-22s %d\n", "overdue follow-ups", k.overdue_followups);
	printf("%-22s %d agents for %.0f calls/h at %d%%/%ds (occupancy "
	    "%.0f%%%s)\n", "Erlang C", k.agents_needed, k.arrivals_per_hour,
	    k.target, k.threshold, k.occupancy, k.occupancy_capped ?
	    ", capped at 85%" : "");
	for (int i = 0; i < k.nslots; i++) {
		offered[i] = k.slot_offered[i];
		if (offered[i] > maxo)
			maxo = offered[i];
	}
	spark("offered / 15 min", offered, k.nslots, maxo);
	spark("SL / 15 min", k.slot_sl, k.nslots, 100.0);
	return EXIT_OK;
}

int
cmd_agents(struct cli *cli)
{
	struct agent **v;
	char *cause = NULL, since[32];
	int64_t now = when_now();
	int rc, n;

	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = supervisor_only(cli, "kefu agents")) != 0)
		return rc;
	if ((n = agent_list(cli->db, &v, &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++) {
			json_t *j = json_agent(v[i]);
			/* No heartbeat for 30 s: offline, whatever it said. */
			if (v[i]->heartbeat < now - 30)
				json_object_set_new(j, "state",
				    json_string("offline"));
			json_array_append_new(a, j);
		}
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			cli_sanitise(&v[i]->login);
			cli_sanitise(&v[i]->state);
			printf("%-12s %-10s %-10s %s\n", v[i]->login,
			    agent_role_name(v[i]->role), v[i]->heartbeat <
			    now - 30 ? "offline" : v[i]->state,
			    v[i]->state_since ? when_relative(v[i]->state_since,
			    now, since, sizeof since) : "-");
		}
		rc = EXIT_OK;
	}
	agent_list_free(v, n);
	return rc;
}

int
cmd_agent_state(struct cli *cli)
{
	const char *login = cli->args[0], *state = cli->args[1];
	char *cause = NULL;
	int64_t at;
	int rc;

	if ((rc = event_time(cli, &at)) != 0 ||
	    (rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (strcmp(login, cli->agent) != 0 &&
	    (rc = supervisor_only(cli, "changing another agent's state")) != 0)
		return rc;
	if (strcmp(state, "available") == 0 &&
	    call_wrapup_done(cli->db, login, at, &cause) < 0)
		return cli_fail(cause);
	if (agent_set_state(cli->db, login, state, cli_opt(cli, "reason"),
	    cli->agent, &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}

int
cmd_agent_message(struct cli *cli)
{
	char *cause = NULL;
	int rc;

	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = supervisor_only(cli, "messages to agents")) != 0)
		return rc;
	if (agent_message(cli->db, cli->args[0], cli->agent, cli->args[1],
	    &cause) < 0)
		return cli_fail(cause);
	return EXIT_OK;
}
