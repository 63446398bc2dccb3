/* fuzz-playbook.c — playbook_parse() on arbitrary bytes: either a playbook
 * whose every reference holds, or located, printable errors — never both,
 * never a crash. A parsed playbook is then run by keys taken from the
 * input, and its run record must be JSON. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "kefu/playbook.h"
#include "kefu/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless E is a located, one-line, visible, valid UTF-8 message. */
static void
check_error(const struct playbook_error *e, int lines)
{
	size_t i;

	if (e->line < 1 || e->col < 1 || e->line > lines + 1 || e->msg == NULL)
		abort();
	for (i = 0; e->msg[i] != '\0'; i++)
		if ((unsigned char)e->msg[i] < 0x20 || e->msg[i] == 0x7F)
			abort();
	if (i == 0 || i > 2000 || !utf8_valid(e->msg, i))
		abort();
}

/* Every index in PB points at a step; the Confirm step is sound. */
static void
check_playbook(const struct playbook *pb)
{
	const struct playbook_step *c;
	int last = 0;

	if (pb->name == NULL || pb->title == NULL || pb->version < 1 ||
	    pb->nsteps < 4 || pb->confirm < 0 || pb->confirm >= pb->nsteps)
		abort();
	for (int i = 0; i < pb->nsteps; i++) {
		const struct playbook_step *st = &pb->steps[i];
		if ((int)st->stage < last || st->next < -1 ||
		    st->next >= pb->nsteps || st->nchoices > PLAYBOOK_MAX_CHOICES)
			abort();
		last = (int)st->stage;
		for (int k = 0; k < st->nchoices; k++)
			if (st->choices[k].target < PLAYBOOK_END ||
			    st->choices[k].target >= pb->nsteps)
				abort();
		if (playbook_step_find(pb, st->id) != i)
			abort();
	}
	c = &pb->steps[pb->confirm];
	if (!c->confirm || c->stage != PLAYBOOK_CONFIRM || c->nchoices < 3)
		abort();
}

static const char *
lookup(const char *name, void *arg)
{
	(void)arg;
	return name;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct playbook_errors errs = { NULL, 0 };
	struct playbook *pb = NULL;
	struct playbook_run *r;
	int lines = 1, rc;
	char *json, *t;
	json_t *j;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = playbook_parse((const char *)data, size, &pb, &errs);
	if (rc != 0) {
		if (rc != -1 || pb != NULL || errs.n < 1 ||
		    errs.n > PLAYBOOK_MAX_ERRORS)
			abort();
		for (int i = 0; i < errs.n; i++)
			check_error(&errs.v[i], lines);
		playbook_errors_free(&errs);
		return 0;
	}
	if (errs.n != 0)
		abort();
	check_playbook(pb);
	for (int i = 0; i < pb->nsteps; i++) {
		if (pb->steps[i].say == NULL)
			continue;
		t = playbook_fill(pb->steps[i].say, lookup, NULL);
		free(t);
	}
	r = playbook_run_new(pb, 1, 0);
	for (size_t i = 0; i < size && i < 512; i++) {
		switch (data[i] % 4) {
		case 0:
			playbook_run_choose(r, data[i] / 4 % 10, (int64_t)i);
			break;
		case 1:
			playbook_run_next(r, (int64_t)i);
			break;
		case 2:
			playbook_run_back(r, (int64_t)i);
			break;
		default:
			playbook_run_answer(r, "text", (int64_t)i);
			break;
		}
		if (playbook_run_current(r) < -1 ||
		    playbook_run_current(r) >= pb->nsteps)
			abort();
	}
	json = playbook_run_json(r, (int64_t)size);
	if ((j = json_loads(json, 0, NULL)) == NULL)
		abort();
	json_decref(j);
	free(json);
	playbook_run_free(r);
	return 0;
}
