/*
 * cmd-customer.c — customer and contact commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/db.h"
#include "kefu/followup.h"
#include "kefu/json.h"
#include "kefu/search.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* Parse a money amount in yuan ("12", "12.5", "12.34") into cents. */
static int
parse_money(const char *s, int64_t *cents)
{
	int64_t yuan = 0, fen = 0;
	int digits = 0, frac = -1;

	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || digits > 12 || frac >= 2)
			return -1;
		if (frac >= 0) {
			fen = fen * 10 + (*s - '0');
			frac++;
		} else
			yuan = yuan * 10 + (*s - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	if (frac == 1)
		fen *= 10;
	*cents = yuan * 100 + fen;
	return 0;
}

/* Resolve the CUSTOMER argument; 0 and *id, or an exit status. */
static int
resolve(struct cli *cli, const char *arg, int64_t *id)
{
	char *cause = NULL;
	int rc = customer_resolve(cli->db, arg, id, &cause);

	if (rc < 0)
		return cli_fail(cause);
	if (rc == 0)
		return cli_error("customer '%s' not found", arg);
	if (rc == 2)
		fprintf(stderr, "kefu: note: %s belongs to several customers; "
		    "using #%lld, the most recently contacted\n", arg,
		    (long long)*id);
	return 0;
}

int
cmd_customer_add(struct cli *cli)
{
	struct customer *c;
	const char **phones, *v;
	char *cause = NULL;
	int n, rc;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((v = cli_opt(cli, "name")) == NULL)
		return cli_error("--name is required");
	c = customer_new();
	free(c->name);
	c->name = xstrdup(v);
	n = cli_opts(cli, "phone", &phones);
	for (int i = 0; i < n && cause == NULL; i++)
		customer_add_phone(c, phones[i], &cause);
	free(phones);
	if (cause != NULL) {
		customer_free(c);
		return cli_fail(cause);
	}
	const struct { const char *opt; char **field; } text[] = {
		{ "segment", &c->segment }, { "notes", &c->notes },
		{ "household", &c->household }, { "habits", &c->habits },
		{ "preferences", &c->preferences }, { "owner", &c->owner },
		{ "first-purchase", &c->first_purchase },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		if ((v = cli_opt(cli, text[i].opt)) == NULL)
			continue;
		free(*text[i].field);
		*text[i].field = xstrdup(v);
	}
	if ((v = cli_opt(cli, "cycle")) != NULL &&
	    (c->cycle_days = (int)cli_int(v, 3650)) < 0) {
		customer_free(c);
		return cli_error("--cycle must be 0-3650 days");
	}
	if ((v = cli_opt(cli, "spend")) != NULL &&
	    parse_money(v, &c->annual_spend) != 0) {
		customer_free(c);
		return cli_error("--spend must be an amount in yuan, like 1200 "
		    "or 1200.50");
	}
	if (customer_insert(cli->db, c, cli->agent, &cause) < 0) {
		customer_free(c);
		return cli_fail(cause);
	}
	printf("%lld\n", (long long)c->id);
	customer_free(c);
	return EXIT_OK;
}

/* One history line: date, channel, agent, disposition, outcome, note. */
static void
print_contact(struct contact *k)
{
	char date[32], *nl, *note = xstrdup(k->notes ? k->notes : "");

	if ((nl = strchr(note, '\n')) != NULL)
		*nl = '\0';
	cli_sanitise(&k->channel);
	cli_sanitise(&k->agent);
	printf("  %s  %-5s  %-10s  ", when_format(k->started_at, date,
	    sizeof date), k->channel, k->agent);
	cli_print_safe(k->disposition);
	printf("  %s  ", k->outcome ? k->outcome : "-");
	cli_print_safe(k->reason);
	if (k->reason != NULL && *k->reason && *note)
		fputs(": ", stdout);
	cli_print_safe(note);
	putchar('\n');
	free(note);
}

static void
print_field(const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	printf("%-15s ", label);
	cli_print_safe(value);
	putchar('\n');
}

int
cmd_customer_show(struct cli *cli)
{
	struct customer *c;
	struct contact **ks;
	char *cause = NULL, date[32];
	int64_t id, limit = 20, now = when_now(), due;
	const char *v;
	int rc, n;

	if ((v = cli_opt(cli, "limit")) != NULL &&
	    (limit = cli_int(v, 100000)) < 0)
		return cli_error("--limit must be a number");
	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = resolve(cli, cli->args[0], &id)) != 0)
		return rc;
	if (customer_get(cli->db, id, &c, &cause) <= 0)
		return cli_fail(cause);
	if ((n = contact_list(cli->db, id, (int)limit, &ks, &cause)) < 0) {
		customer_free(c);
		return cli_fail(cause);
	}
	if (followup_next_for(cli->db, id, &due, &cause) < 0) {
		customer_free(c);
		contact_list_free(ks, n);
		return cli_fail(cause);
	}
	if (cli->json) {
		json_t *j = json_customer(c, now), *h = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(h, json_contact(ks[i]));
		json_object_set_new(j, "contacts", h);
		json_object_set_new(j, "next_followup", json_time(due));
		rc = json_print(j);
	} else {
		printf("#%lld ", (long long)c->id);
		cli_print_safe(c->name);
		printf("  [%s]\n", c->segment);
		for (int i = 0; i < c->nphones; i++) {
			printf("%-15s %s (", i == 0 ? "phones" : "",
			    c->phones[i].e164);
			cli_print_safe(c->phones[i].raw);
			printf(")\n");
		}
		print_field("owner", c->owner);
		print_field("household", c->household);
		print_field("habits", c->habits);
		print_field("preferences", c->preferences);
		print_field("notes", c->notes);
		if (c->cycle_days > 0)
			printf("%-15s every %d days\n", "cycle", c->cycle_days);
		printf("%-15s %.2f yuan (%.2f/year)\n", "lifetime value",
		    customer_lifetime_value(c, now) / 100.0,
		    c->annual_spend / 100.0);
		if (due != 0)
			printf("%-15s %s\n", "next follow-up",
			    when_format(due, date, sizeof date));
		printf("history (%d):\n", n);
		for (int i = 0; i < n; i++)
			print_contact(ks[i]);
		rc = 0;
	}
	customer_free(c);
	contact_list_free(ks, n);
	return rc == 0 ? EXIT_OK : EXIT_USER;
}

int
cmd_customer_find(struct cli *cli)
{
	struct search_hit *h;
	char *cause = NULL;
	int64_t limit = 20;
	const char *v;
	int rc, n;

	if ((v = cli_opt(cli, "limit")) != NULL &&
	    (limit = cli_int(v, 10000)) < 1)
		return cli_error("--limit must be 1-10000");
	if (!utf8_valid(cli->args[0], strlen(cli->args[0])))
		return cli_error("the query is not valid UTF-8");
	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((n = search_customers(cli->db, cli->args[0], (int)limit, &h,
	    &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_search_hit(&h[i]));
		rc = json_print(a);
	} else {
		for (int i = 0; i < n; i++) {
			printf("%lld\t", (long long)h[i].id);
			cli_print_safe(h[i].name);
			printf("\t%s\t", h[i].segment);
			cli_print_safe(h[i].phone);
			putchar('\n');
		}
		rc = 0;
	}
	search_hits_free(h, n);
	if (n == 0 && !cli->json)
		fprintf(stderr, "kefu: no customer matches '%s'\n",
		    cli->args[0]);
	return rc == 0 ? EXIT_OK : EXIT_USER;
}

int
cmd_contact_log(struct cli *cli)
{
	struct contact *k;
	const char *v;
	char *cause = NULL;
	int rc;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if (cli_opt(cli, "disposition") == NULL)
		return cli_error("--disposition is required");
	k = contact_new();
	if ((rc = resolve(cli, cli->args[0], &k->customer_id)) != 0) {
		contact_free(k);
		return rc;
	}
	k->agent = xstrdup(cli->agent);
	const struct { const char *opt; char **field; } text[] = {
		{ "disposition", &k->disposition }, { "notes", &k->notes },
		{ "reason", &k->reason }, { "channel", &k->channel },
		{ "direction", &k->direction }, { "outcome", &k->outcome },
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
		if ((v = cli_opt(cli, text[i].opt)) == NULL)
			continue;
		free(*text[i].field);
		*text[i].field = xstrdup(v);
	}
	if ((v = cli_opt(cli, "purchase")) != NULL &&
	    parse_money(v, &k->purchase) != 0) {
		contact_free(k);
		return cli_error("--purchase must be an amount in yuan");
	}
	if (contact_log(cli->db, k, &cause) < 0) {
		contact_free(k);
		return cli_fail(cause);
	}
	printf("%lld\n", (long long)k->id);
	contact_free(k);
	return EXIT_OK;
}

int
cmd_contact_list(struct cli *cli)
{
	struct contact **ks;
	char *cause = NULL;
	int64_t id, limit = 20;
	const char *v;
	int rc, n;

	if ((v = cli_opt(cli, "limit")) != NULL &&
	    (limit = cli_int(v, 100000)) < 0)
		return cli_error("--limit must be a number");
	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = resolve(cli, cli->args[0], &id)) != 0)
		return rc;
	if ((n = contact_list(cli->db, id, (int)limit, &ks, &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_contact(ks[i]));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++)
			print_contact(ks[i]);
		rc = EXIT_OK;
	}
	contact_list_free(ks, n);
	return rc;
}
