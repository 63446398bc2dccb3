/*
 * playbook-run.c — one run of a playbook during a contact (see
 * playbook.h). Pure: no database, no screen; time comes in as NOW.
 *
 * The run is a state machine over the steps. `cur` is the step on screen
 * (-1 once past the last); `path` is the stack of steps left behind, so
 * back pops it. Each step is not reached, done (answered, or passed when it
 * asks nothing) or skipped (passed with its question unanswered — the
 * agent left the script, which is recorded, never blocked). Time is
 * charged to the stage of the step on screen, at every move.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kefu/playbook.h"
#include "kefu/xmalloc.h"

#define PATH_MAX_STEPS	4096

enum { ST_NONE, ST_DONE, ST_SKIPPED };

struct playbook_run {
	struct playbook	*pb;
	int64_t		 id;
	int		 cur;
	int		*path;
	int		 npath;
	char		**answers;	/* per step, owned */
	unsigned char	*state;		/* per step: ST_* */
	int64_t		 secs[PLAYBOOK_NSTAGES];
	int64_t		 since;		/* when time was last charged */
	bool		 left;		/* left the script on purpose */
};

struct playbook_run *
playbook_run_new(struct playbook *pb, int64_t id, int64_t now)
{
	struct playbook_run *r = xcalloc(1, sizeof *r);

	r->pb = pb;
	r->id = id;
	r->cur = pb->nsteps > 0 ? 0 : -1;
	r->answers = xcalloc((size_t)pb->nsteps, sizeof *r->answers);
	r->state = xcalloc((size_t)pb->nsteps, sizeof *r->state);
	r->path = xcalloc(PATH_MAX_STEPS, sizeof *r->path);
	r->since = now;
	return r;
}

void
playbook_run_free(struct playbook_run *r)
{
	if (r == NULL)
		return;
	for (int i = 0; i < r->pb->nsteps; i++)
		free(r->answers[i]);
	free(r->answers);
	free(r->state);
	free(r->path);
	playbook_free(r->pb);
	free(r);
}

const struct playbook *
playbook_run_playbook(const struct playbook_run *r)
{
	return r->pb;
}

int64_t
playbook_run_id(const struct playbook_run *r)
{
	return r->id;
}

int
playbook_run_current(const struct playbook_run *r)
{
	return r->cur;
}

/* Charge the time since the last move to the stage on screen. */
static void
charge(struct playbook_run *r, int64_t now)
{
	if (r->cur >= 0 && now > r->since)
		r->secs[r->pb->steps[r->cur].stage] += now - r->since;
	r->since = now;
}

/* Leave the current step for TO (-1: the end). */
static void
move(struct playbook_run *r, int to, int64_t now)
{
	charge(r, now);
	if (r->npath == PATH_MAX_STEPS) {
		memmove(r->path, r->path + 1, (PATH_MAX_STEPS - 1) *
		    sizeof *r->path);
		r->npath--;
	}
	r->path[r->npath++] = r->cur;
	r->cur = to;
}

int
playbook_run_choose(struct playbook_run *r, int i, int64_t now)
{
	struct playbook_step *st;
	int to;

	if (r->cur < 0)
		return -1;
	st = &r->pb->steps[r->cur];
	if (i < 0 || i >= st->nchoices)
		return -1;
	free(r->answers[r->cur]);
	r->answers[r->cur] = xstrdup(st->choices[i].key);
	r->state[r->cur] = ST_DONE;
	to = st->choices[i].target == PLAYBOOK_END ? -1 :
	    st->choices[i].target >= 0 ? st->choices[i].target : st->next;
	move(r, to, now);
	return 0;
}

int
playbook_run_answer(struct playbook_run *r, const char *text, int64_t now)
{
	struct playbook_step *st;

	if (r->cur < 0)
		return -1;
	st = &r->pb->steps[r->cur];
	if (st->ask == NULL || st->nchoices > 0 || text == NULL ||
	    *text == '\0')
		return -1;
	free(r->answers[r->cur]);
	r->answers[r->cur] = xstrdup(text);
	r->state[r->cur] = ST_DONE;
	move(r, st->next, now);
	return 0;
}

int
playbook_run_next(struct playbook_run *r, int64_t now)
{
	struct playbook_step *st;
	int to;

	if (r->cur < 0)
		return -1;
	st = &r->pb->steps[r->cur];
	to = st->next;
	if (st->ask != NULL && r->answers[r->cur] == NULL)
		r->state[r->cur] = ST_SKIPPED;
	else {
		r->state[r->cur] = ST_DONE;
		/* An answered step (we came back to it) keeps its branch. */
		for (int i = 0; i < st->nchoices; i++)
			if (r->answers[r->cur] != NULL && strcmp(r->answers[
			    r->cur], st->choices[i].key) == 0 &&
			    st->choices[i].target != -1)
				to = st->choices[i].target >= 0 ?
				    st->choices[i].target : -1;
	}
	move(r, to, now);
	return 0;
}

int
playbook_run_back(struct playbook_run *r, int64_t now)
{
	if (r->npath == 0)
		return -1;
	charge(r, now);
	r->cur = r->path[--r->npath];
	return 0;
}

void
playbook_run_leave(struct playbook_run *r)
{
	r->left = true;
}

int
playbook_run_state(const struct playbook_run *r, int i)
{
	if (i < 0 || i >= r->pb->nsteps)
		return ST_NONE;
	return r->state[i];
}

const char *
playbook_run_answer_of(const struct playbook_run *r, int i)
{
	if (i < 0 || i >= r->pb->nsteps)
		return NULL;
	return r->answers[i];
}

bool
playbook_run_started(const struct playbook_run *r)
{
	return r->npath > 0;
}

bool
playbook_run_confirmed(const struct playbook_run *r)
{
	return r->pb->confirm >= 0 && r->answers[r->pb->confirm] != NULL;
}

const char *
playbook_run_outcome(const struct playbook_run *r)
{
	return r->pb->confirm >= 0 ? r->answers[r->pb->confirm] : NULL;
}

const char *
playbook_run_disposition(const struct playbook_run *r)
{
	const char *d = NULL;

	for (int i = 0; i < r->npath; i++) {
		int s = r->path[i];
		if (s >= 0 && r->state[s] == ST_DONE &&
		    r->pb->steps[s].disposition != NULL)
			d = r->pb->steps[s].disposition;
	}
	if (d == NULL && playbook_run_confirmed(r))
		d = "resolved";
	return d;
}

int64_t
playbook_run_seconds(const struct playbook_run *r, enum playbook_stage s,
    int64_t now)
{
	int64_t t;

	if (s < 0 || s >= PLAYBOOK_NSTAGES)
		return 0;
	t = r->secs[s];
	if (r->cur >= 0 && r->pb->steps[r->cur].stage == s && now > r->since)
		t += now - r->since;
	return t;
}

/* A JSON string, or null for text jansson refuses (invalid UTF-8). */
static json_t *
str(const char *s)
{
	json_t *j = s != NULL ? json_string(s) : NULL;

	return j != NULL ? j : json_null();
}

char *
playbook_run_json(const struct playbook_run *r, int64_t now)
{
	json_t *o = json_object(), *answers = json_object();
	json_t *skipped = json_array(), *secs = json_object();
	json_t *path = json_array();
	bool any_skipped = false;
	char *text;

	for (int i = 0; i < r->pb->nsteps; i++) {
		const char *id = r->pb->steps[i].id;
		if (r->answers[i] != NULL)
			json_object_set_new(answers, id, str(r->answers[i]));
		if (r->state[i] == ST_SKIPPED) {
			json_array_append_new(skipped, json_string(id));
			any_skipped = true;
		}
	}
	for (int s = 0; s < PLAYBOOK_NSTAGES; s++)
		json_object_set_new(secs, playbook_stage_name(s),
		    json_integer(playbook_run_seconds(r, s, now)));
	for (int i = 0; i < r->npath; i++)
		if (r->path[i] >= 0)
			json_array_append_new(path,
			    json_string(r->pb->steps[r->path[i]].id));
	if (r->cur >= 0)
		json_array_append_new(path,
		    json_string(r->pb->steps[r->cur].id));
	json_object_set_new(o, "playbook", json_string(r->pb->name));
	json_object_set_new(o, "version", json_integer(r->pb->version));
	json_object_set_new(o, "answers", answers);
	json_object_set_new(o, "skipped", skipped);
	json_object_set_new(o, "left_script", json_boolean(r->left ||
	    any_skipped || (r->cur >= 0 && !playbook_run_confirmed(r))));
	json_object_set_new(o, "stage_seconds", secs);
	json_object_set_new(o, "confirm", str(playbook_run_outcome(r)));
	json_object_set_new(o, "path", path);
	json_object_set_new(o, "finished", json_boolean(r->cur < 0));
	text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return text != NULL ? text : xstrdup("{}");	/* malloc'd */
}
