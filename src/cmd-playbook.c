/*
 * cmd-playbook.c — playbook commands: check, import, list, show.
 *
 * check and import read every file first and list every error as
 * FILE:LINE:COL: message; import stores nothing unless all files are
 * good, and then stores them in one transaction.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kefu/agent.h"
#include "kefu/db.h"
#include "kefu/json.h"
#include "kefu/playbook.h"
#include "kefu/utf8.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* A file read and parsed. */
struct loaded {
	const char	*file;
	char		*text;
	size_t		 len;
	struct playbook	*pb;		/* NULL if it had errors */
};

/* Read FILE (at most one byte past the limit) into L. 0 or -1 (said). */
static int
read_file(struct loaded *l)
{
	FILE *f = fopen(l->file, "rb");
	size_t cap = 64 * 1024, n;

	if (f == NULL) {
		cli_error("%s: %s", l->file, strerror(errno));
		return -1;
	}
	l->text = xmalloc(cap + 1);
	l->len = 0;
	while ((n = fread(l->text + l->len, 1, cap - l->len, f)) > 0) {
		l->len += n;
		if (l->len > PLAYBOOK_MAX_BYTES)
			break;
		if (l->len == cap) {
			cap *= 2;
			l->text = xrealloc(l->text, cap + 1);
		}
	}
	l->text[l->len] = '\0';	/* stored as text */
	if (ferror(f)) {
		cli_error("%s: %s", l->file, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* Read and parse every file; print each error. Returns the error count. */
static int
load_all(struct cli *cli, struct loaded *v)
{
	struct playbook_errors errs = { NULL, 0 };
	int bad = 0;

	for (int i = 0; i < cli->nargs; i++) {
		v[i].file = cli->args[i];
		if (read_file(&v[i]) != 0) {
			bad++;
			continue;
		}
		if (v[i].len > PLAYBOOK_MAX_BYTES) {
			fprintf(stderr, "%s:1:1: file too large (over %d bytes)\n",
			    v[i].file, PLAYBOOK_MAX_BYTES);
			bad++;
			continue;
		}
		if (playbook_parse(v[i].text, v[i].len, &v[i].pb, &errs) == 0)
			continue;
		for (int e = 0; e < errs.n; e++) {
			char *msg = playbook_error_format(v[i].file, &errs.v[e]);
			fprintf(stderr, "%s\n", msg);
			free(msg);
		}
		bad += errs.n;
		playbook_errors_free(&errs);
	}
	return bad;
}

/* Free the N loaded files of V. */
static void
free_all(struct loaded *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].text);
		playbook_free(v[i].pb);
	}
	free(v);
}

/* `kefu playbook check FILE...`: validate only. */
int
cmd_playbook_check(struct cli *cli)
{
	struct loaded *v = xcalloc((size_t)cli->nargs, sizeof *v);
	int bad = load_all(cli, v);

	for (int i = 0; i < cli->nargs; i++)
		if (v[i].pb != NULL)
			printf("%s: ok (%s version %d, %d steps)\n", v[i].file,
			    v[i].pb->name, v[i].pb->version, v[i].pb->nsteps);
	free_all(v, cli->nargs);
	if (bad > 0) {
		cli_error("%d error%s", bad, bad == 1 ? "" : "s");
		return EXIT_USER;
	}
	return EXIT_OK;
}

/* Only supervisors change what agents are guided by. */
static int
check_supervisor(struct cli *cli)
{
	struct agent *a = NULL;
	int rc = agent_get(cli->db, cli->agent, &a, NULL), role;

	role = rc > 0 ? (int)a->role : -1;
	agent_free(a);
	if (role != AGENT_ROLE_SUPERVISOR)
		return cli_error("only supervisors import playbooks (%s is "
		    "not one)", cli->agent);
	return EXIT_OK;
}

/* `kefu playbook import FILE...`: validate all, then store all in one
 * transaction, or nothing. */
int
cmd_playbook_import(struct cli *cli)
{
	struct loaded *v = xcalloc((size_t)cli->nargs, sizeof *v);
	int64_t id;
	char *cause = NULL;
	int rc, *stored = xcalloc((size_t)cli->nargs, sizeof *stored);

	if (load_all(cli, v) > 0) {
		rc = cli_error("nothing imported");
		goto out;
	}
	if ((rc = cli_open_db(cli, 0, 1)) != 0 ||
	    (rc = check_supervisor(cli)) != 0)
		goto out;
	if (db_begin(cli->db) < 0) {
		rc = cli_error("%s", db_errmsg(cli->db));
		goto out;
	}
	for (int i = 0; i < cli->nargs; i++) {
		stored[i] = playbook_store_import(cli->db, v[i].pb, v[i].text,
		    cli->agent, &id, &cause);
		if (stored[i] < 0) {
			db_rollback(cli->db);
			cli_error("%s: %s; nothing imported", v[i].file, cause);
			free(cause);
			rc = EXIT_USER;
			goto out;
		}
	}
	if ((rc = db_commit(cli->db)) < 0) {
		db_fail(cli->db, rc, "importing playbooks", &cause);
		rc = cli_fail(cause);
		goto out;
	}
	for (int i = 0; i < cli->nargs; i++)
		printf("%s %s version %d\n", stored[i] ? "imported" :
		    "unchanged", v[i].pb->name, v[i].pb->version);
	rc = EXIT_OK;
out:
	free(stored);
	free_all(v, cli->nargs);
	return rc;
}

/* `kefu playbook list`: every stored version. */
int
cmd_playbook_list(struct cli *cli)
{
	struct playbook_info **v;
	char *cause = NULL, when[32];
	int rc, n;

	if ((rc = cli_open_db(cli, 0, 1)) != 0)
		return rc;
	if ((n = playbook_store_list(cli->db, &v, &cause)) < 0)
		return cli_fail(cause);
	if (cli->json) {
		json_t *a = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(a, json_pack("{s:I,s:s,s:i,s:s?,"
			    "s:s?,s:o}", "id", (json_int_t)v[i]->id,
			    "name", v[i]->name, "version", v[i]->version,
			    "title", v[i]->title, "imported_by",
			    v[i]->imported_by, "imported_at",
			    json_time(v[i]->imported_at)));
		rc = json_print(a) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		for (int i = 0; i < n; i++) {
			cli_sanitise(&v[i]->name);
			cli_sanitise(&v[i]->imported_by);
			printf("%s\t%d\t%s\t%s\t", v[i]->name, v[i]->version,
			    when_format(v[i]->imported_at, when, sizeof when),
			    v[i]->imported_by);
			cli_print_safe(v[i]->title);
			putchar('\n');
		}
		rc = EXIT_OK;
	}
	playbook_info_list_free(v, n);
	return rc;
}

/* The parsed structure of PB as JSON. */
static json_t *
json_playbook(const struct playbook *pb)
{
	json_t *steps = json_array(), *segs = json_array(), *rsns = json_array();

	for (int i = 0; i < pb->nsegments; i++)
		json_array_append_new(segs, json_string(pb->segments[i]));
	for (int i = 0; i < pb->nreasons; i++)
		json_array_append_new(rsns, json_string(pb->reasons[i]));
	for (int i = 0; i < pb->nsteps; i++) {
		const struct playbook_step *st = &pb->steps[i];
		json_t *ch = json_array();
		for (int c = 0; c < st->nchoices; c++)
			json_array_append_new(ch, json_pack("{s:s,s:s,s:s?}",
			    "key", st->choices[c].key, "label",
			    st->choices[c].label, "goto",
			    st->choices[c].target >= 0 ?
			    pb->steps[st->choices[c].target].id :
			    st->choices[c].target == PLAYBOOK_END ? "end" :
			    NULL));
		json_array_append_new(steps, json_pack("{s:s,s:s,s:s?,s:s?,"
		    "s:o,s:s?,s:b,s:b,s:s?}", "id", st->id, "stage",
		    playbook_stage_name(st->stage), "say", st->say, "ask",
		    st->ask, "choices", ch, "next", st->next >= 0 ?
		    pb->steps[st->next].id : NULL, "value_added",
		    st->value_added, "confirm", st->confirm, "disposition",
		    st->disposition));
	}
	return json_pack("{s:s,s:i,s:s,s:s?,s:o,s:o,s:i,s:o}", "name",
	    pb->name, "version", pb->version, "title", pb->title, "language",
	    pb->language, "segments", segs, "reasons", rsns, "priority",
	    pb->priority, "steps", steps);
}

/* `kefu playbook show NAME[@VERSION]`: the text, or with --json the steps. */
int
cmd_playbook_show(struct cli *cli)
{
	struct playbook_info *p;
	struct playbook_errors errs = { NULL, 0 };
	struct playbook *pb = NULL;
	char *name = xstrdup(cli->args[0]), *at = strchr(name, '@');
	int64_t version = 0;
	char *cause = NULL, when[32], *safe;
	int rc;

	if (at != NULL) {
		*at++ = '\0';
		if ((version = cli_int(at, 1000000)) < 1) {
			free(name);
			return cli_error("'%s': expected NAME@VERSION, e.g. "
			    "complaint-zh@2", cli->args[0]);
		}
	}
	if ((rc = cli_open_db(cli, 0, 1)) != 0) {
		free(name);
		return rc;
	}
	rc = playbook_store_get(cli->db, name, (int)version, &p, &cause);
	free(name);
	if (rc < 0)
		return cli_fail(cause);
	if (rc == 0)
		return cli_error("no playbook '%s'", cli->args[0]);
	if (cli->json) {
		json_t *j;
		if (playbook_parse(p->source, strlen(p->source), &pb,
		    &errs) == 0)
			j = json_playbook(pb);
		else
			j = json_object();
		playbook_errors_free(&errs);
		playbook_free(pb);
		json_object_set_new(j, "id", json_integer(p->id));
		json_object_set_new(j, "imported_by",
		    json_string(p->imported_by));
		json_object_set_new(j, "imported_at",
		    json_time(p->imported_at));
		json_object_set_new(j, "source", json_string(p->source));
		rc = json_print(j) == 0 ? EXIT_OK : EXIT_USER;
	} else {
		printf("# %s version %d, imported by %s at %s\n", p->name,
		    p->version, p->imported_by, when_format(p->imported_at,
		    when, sizeof when));
		safe = utf8_sanitise(p->source, true);
		fputs(safe, stdout);
		if (*safe != '\0' && safe[strlen(safe) - 1] != '\n')
			putchar('\n');
		free(safe);
		rc = EXIT_OK;
	}
	playbook_info_free(p);
	return rc;
}

/* The shipped playbooks' directory: beside the binary in a build tree,
 * else the installed data directory. Owned by the caller. */
static char *
shipped_dir(void)
{
	char exe[4096], *dir;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		dir = xasprintf("%s/../playbooks", exe);
		if (access(dir, R_OK) == 0)
			return dir;
		free(dir);
	}
	return xstrdup(KEFU_DATADIR "/playbooks");
}

int
playbook_import_shipped(struct cli *cli)
{
	char *dir = shipped_dir(), *cause = NULL;
	struct loaded *v = NULL;
	struct playbook_errors errs = { NULL, 0 };
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0, stored = 0;
	int64_t id;

	if (d == NULL) {
		free(dir);
		return 0;	/* a demo without playbooks still works */
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l < 10 || strcmp(e->d_name + l - 9, ".playbook") != 0)
			continue;
		v = xreallocarray(v, n + 1, sizeof *v);
		memset(&v[n], 0, sizeof v[n]);
		v[n].file = xasprintf("%s/%s", dir, e->d_name);
		if (read_file(&v[n]) == 0 && v[n].len <= PLAYBOOK_MAX_BYTES &&
		    playbook_parse(v[n].text, v[n].len, &v[n].pb, &errs) != 0)
			playbook_errors_free(&errs);
		n++;
	}
	closedir(d);
	free(dir);
	if (db_begin(cli->db) == 0) {
		for (int i = 0; i < n; i++) {
			if (v[i].pb == NULL)
				continue;
			if (playbook_store_import(cli->db, v[i].pb, v[i].text,
			    cli->agent, &id, &cause) > 0)
				stored++;
			free(cause);
			cause = NULL;
		}
		if (db_commit(cli->db) < 0)
			db_rollback(cli->db);
	}
	for (int i = 0; i < n; i++)
		free((char *)v[i].file);
	free_all(v, n);
	return stored;
}
