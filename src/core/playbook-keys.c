/*
 * playbook-keys.c — what each `key:` of a playbook line means (see
 * playbook.h, docs/playbooks.md): the header keys, `stage:`, `step:` and
 * the keys of a step. Each handler checks its value, reports what it
 * expected at the value's column, and fills the playbook.
 */
#include <stdlib.h>
#include <string.h>

#include "kefu/contact.h"
#include "kefu/customer.h"
#include "kefu/playbook.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"
#include "playbook-int.h"

static kw_fn kw_name, kw_version, kw_title, kw_language, kw_segments,
    kw_reasons, kw_priority, kw_stage, kw_step, kw_say, kw_ask, kw_choice,
    kw_goto, kw_value_added, kw_confirm, kw_disposition;

/* Every key a line may start with; header keys first (hdr_line index). */
const struct keyword parser_keywords[] = {
	{ "playbook", KW_HEADER, kw_name },
	{ "version", KW_HEADER, kw_version },
	{ "title", KW_HEADER, kw_title },
	{ "language", KW_HEADER, kw_language },
	{ "segments", KW_HEADER, kw_segments },
	{ "reasons", KW_HEADER, kw_reasons },
	{ "priority", KW_HEADER, kw_priority },
	{ "stage", KW_STAGE, kw_stage },
	{ "step", KW_STEP_START, kw_step },
	{ "say", KW_STEP, kw_say },
	{ "ask", KW_STEP, kw_ask },
	{ "choice", KW_STEP, kw_choice },
	{ "goto", KW_STEP, kw_goto },
	{ "value-added", KW_STEP, kw_value_added },
	{ "confirm", KW_STEP, kw_confirm },
	{ "disposition", KW_STEP, kw_disposition },
};

const int parser_nkeywords = (int)(sizeof parser_keywords /
    sizeof parser_keywords[0]);

/* Stage names as written; Chinese names are accepted too. */
static const struct {
	const char		*name;
	enum playbook_stage	 stage;
} stage_names[] = {
	{ "explore", PLAYBOOK_EXPLORE }, { "offer", PLAYBOOK_OFFER },
	{ "do", PLAYBOOK_DO }, { "confirm", PLAYBOOK_CONFIRM },
	{ "探索", PLAYBOOK_EXPLORE }, { "提议", PLAYBOOK_OFFER },
	{ "执行", PLAYBOOK_DO }, { "确认", PLAYBOOK_CONFIRM },
};

/* True if S (N bytes) is a step id or name: [a-z0-9][a-z0-9_-]*. */
static bool
valid_id(const char *s, size_t n, size_t max)
{
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (i > 0 && (c == '_' || c == '-'))))
			return false;
	}
	return true;
}

/* Check an id value; report what was expected. */
static bool
check_id(struct parser *p, const char *v, size_t n, const char *what)
{
	char *q;

	if (valid_id(v, n, ID_MAX))
		return true;
	if (n == 0) {
		parser_error(p, p->line, parser_col(p, v), "expected %s (letters a-z, "
		    "digits, '-' or '_')", what);
		return false;
	}
	q = parser_quote(v, n);
	parser_error(p, p->line, parser_col(p, v), "bad %s '%s': expected lower-case "
	    "letters, digits, '-' or '_', at most %d", what, q, ID_MAX);
	free(q);
	return false;
}

/* True if S (N bytes) names a variable of playbook_variables. */
static bool
known_variable(const char *s, size_t n)
{
	for (int i = 0; playbook_variables[i] != NULL; i++)
		if (strlen(playbook_variables[i]) == n &&
		    memcmp(playbook_variables[i], s, n) == 0)
			return true;
	return false;
}

/* Check the {variables} of a text value. */
static void
check_text(struct parser *p, const char *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *end;
		char *q;

		if (v[i] != '{')
			continue;
		if (i + 1 < n && v[i + 1] == '{') {
			i++;
			continue;
		}
		end = memchr(v + i, '}', n - i);
		if (end == NULL) {
			parser_error(p, p->line, parser_col(p, v + i), "unclosed '{': "
			    "expected '{variable}' (write '{{' for a brace)");
			return;
		}
		if (!known_variable(v + i + 1, (size_t)(end - v - i - 1))) {
			q = parser_quote(v + i, (size_t)(end - v - i + 1));
			parser_error(p, p->line, parser_col(p, v + i), "unknown "
			    "variable '%s': expected one of customer.name, "
			    "customer.segment, customer.phone, customer.household,"
			    " customer.habits, customer.preferences, customer.notes,"
			    " customer.owner, customer.cycle_days, "
			    "customer.annual_spend, customer.first_purchase, "
			    "customer.lifetime_value, customer.next_followup, "
			    "customer.open_complaints, customer.loyalty, "
			    "customer.id, agent.name, agent.login, today", q);
			free(q);
		}
		i = (size_t)(end - v);
	}
}

/* A text value: not empty, variables known. */
static bool
check_value(struct parser *p, const char *key, const char *v, size_t n)
{
	if (n == 0) {
		parser_error(p, p->line, parser_col(p, v), "expected text after "
		    "'%s:'", key);
		return false;
	}
	check_text(p, v, n);
	return true;
}

/* The step whose lines are being read. */
static struct playbook_step *
step_cur(struct parser *p)
{
	return &p->pb->steps[p->cur];
}

/* `playbook: NAME`. */
static void
kw_name(struct parser *p, const char *v, size_t n)
{
	if (!valid_id(v, n, NAME_MAX_LEN)) {
		char *q = parser_quote(v, n);
		parser_error(p, p->line, parser_col(p, v), "bad playbook name '%s': "
		    "expected lower-case letters, digits, '-' or '_' (e.g. "
		    "'complaint-zh'), at most %d", q, NAME_MAX_LEN);
		free(q);
		return;
	}
	p->pb->name = xstrndup(v, n);
}

/* An integer in MIN..MAX, or an error naming WHAT. */
static bool
parse_int(struct parser *p, const char *v, size_t n, long min, long max,
    const char *what, long *out)
{
	long x = 0;
	size_t i = 0;
	bool neg = false;

	if (n > 0 && v[0] == '-' && min < 0) {
		neg = true;
		i++;
	}
	if (i == n)
		goto bad;
	for (; i < n; i++) {
		if (v[i] < '0' || v[i] > '9' || x > max)
			goto bad;
		x = x * 10 + (v[i] - '0');
	}
	if (neg)
		x = -x;
	if (x < min || x > max)
		goto bad;
	*out = x;
	return true;
bad:
	parser_error(p, p->line, parser_col(p, v), "expected %s: a whole number "
	    "%ld-%ld", what, min, max);
	return false;
}

/* `version: N`. */
static void
kw_version(struct parser *p, const char *v, size_t n)
{
	long x;

	if (parse_int(p, v, n, 1, 1000000, "a version", &x))
		p->pb->version = (int)x;
}

/* `title: TEXT`. */
static void
kw_title(struct parser *p, const char *v, size_t n)
{
	if (n == 0) {
		parser_error(p, p->line, parser_col(p, v), "expected a title after "
		    "'title:'");
		return;
	}
	if (n > TITLE_MAX) {
		parser_error(p, p->line, parser_col(p, v), "title too long (at most "
		    "%d bytes)", TITLE_MAX);
		return;
	}
	p->pb->title = xstrndup(v, n);
}

/* `language: CODE`. */
static void
kw_language(struct parser *p, const char *v, size_t n)
{
	bool ok = n >= 2 && n <= 16;

	for (size_t i = 0; i < n && ok; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' &&
		    v[i] <= 'Z') || (i >= 2 && (v[i] == '_' || v[i] == '-'));
	if (!ok) {
		parser_error(p, p->line, parser_col(p, v), "expected a language code "
		    "such as 'zh_CN' or 'en'");
		return;
	}
	p->pb->language = xstrndup(v, n);
}

/* Split V into words; CHECK says whether a word is allowed. */
static void
words(struct parser *p, const char *v, size_t n, char ***out, int *nout,
    bool (*check)(struct parser *, const char *, size_t))
{
	size_t i = 0, j;

	while (i < n) {
		while (i < n && (parser_space(v[i]) || v[i] == ','))
			i++;
		if (i == n)
			break;
		for (j = i; j < n && !parser_space(v[j]) && v[j] != ','; j++)
			;
		if (*nout == WORDS_MAX) {
			parser_error(p, p->line, parser_col(p, v + i), "too many "
			    "words (at most %d)", WORDS_MAX);
			return;
		}
		if (check(p, v + i, j - i)) {
			*out = xreallocarray(*out, (size_t)*nout + 1,
			    sizeof **out);
			(*out)[(*nout)++] = xstrndup(v + i, j - i);
		}
		i = j;
	}
	if (*nout == 0)
		parser_error(p, p->line, parser_col(p, v), "expected a list of words, "
		    "or '*' for any");
}

/* A `segments:` word: a known segment or `*`. */
static bool
segment_ok(struct parser *p, const char *s, size_t n)
{
	char *w = xstrndup(s, n), *q;
	bool ok = strcmp(w, "*") == 0 || customer_segment_valid(w);

	if (!ok) {
		q = parser_quote(s, n);
		parser_error(p, p->line, parser_col(p, s), "unknown segment '%s': "
		    "expected vip, key, normal, at_risk, new or '*'", q);
		free(q);
	}
	free(w);
	return ok;
}

/* A `reasons:` word: any text of reasonable length. */
static bool
reason_ok(struct parser *p, const char *s, size_t n)
{
	if (n > 64) {
		parser_error(p, p->line, parser_col(p, s), "reason word too long (at "
		    "most 64 bytes)");
		return false;
	}
	return true;
}

/* `segments: WORD...`. */
static void
kw_segments(struct parser *p, const char *v, size_t n)
{
	words(p, v, n, &p->pb->segments, &p->pb->nsegments, segment_ok);
}

/* `reasons: WORD...`. */
static void
kw_reasons(struct parser *p, const char *v, size_t n)
{
	words(p, v, n, &p->pb->reasons, &p->pb->nreasons, reason_ok);
}

/* `priority: N`. */
static void
kw_priority(struct parser *p, const char *v, size_t n)
{
	long x;

	if (parse_int(p, v, n, -1000, 1000, "a priority", &x))
		p->pb->priority = (int)x;
}

/* `stage: NAME`: known, once, and in EODC order. */
static void
kw_stage(struct parser *p, const char *v, size_t n)
{
	int s = -1, last = -1;
	char *q;

	for (size_t i = 0; i < sizeof stage_names / sizeof stage_names[0];
	    i++)
		if (strlen(stage_names[i].name) == n &&
		    memcmp(stage_names[i].name, v, n) == 0)
			s = (int)stage_names[i].stage;
	p->cur = -1;
	if (s < 0) {
		q = parser_quote(v, n);
		parser_error(p, p->line, parser_col(p, v), "unknown stage '%s': "
		    "expected explore, offer, do or confirm", q);
		free(q);
		return;
	}
	for (int i = 0; i < PLAYBOOK_NSTAGES; i++)
		if (p->stage_line[i] != 0)
			last = i;
	if (p->stage_line[s] != 0)
		parser_error(p, p->line, parser_col(p, v), "stage '%s' appears twice "
		    "(first at line %d)", playbook_stage_name(s),
		    p->stage_line[s]);
	else if (s < last)
		parser_error(p, p->line, parser_col(p, v), "stage '%s' out of order: "
		    "expected it before '%s' (Explore, Offer, Do, Confirm)",
		    playbook_stage_name(s), playbook_stage_name(last));
	else if (s > last + 1)
		parser_error(p, p->line, parser_col(p, v), "expected 'stage: %s' "
		    "before 'stage: %s' (Explore, Offer, Do, Confirm)",
		    playbook_stage_name(last + 1), playbook_stage_name(s));
	if (p->stage_line[s] == 0)
		p->stage_line[s] = p->line;
	p->stage = s;
}

/* `step: ID`: a new step in the current stage. */
static void
kw_step(struct parser *p, const char *v, size_t n)
{
	struct playbook *pb = p->pb;
	struct playbook_step *st;

	p->cur = CUR_IGNORE;	/* a bad step's lines are not errors too */
	if (!check_id(p, v, n, "step id"))
		return;
	if (n == 3 && memcmp(v, "end", 3) == 0) {
		parser_error(p, p->line, parser_col(p, v), "'end' is not a step id: "
		    "it is the branch target that ends the script");
		return;
	}
	for (int i = 0; i < pb->nsteps; i++) {
		if (strlen(pb->steps[i].id) == n &&
		    memcmp(pb->steps[i].id, v, n) == 0) {
			parser_error(p, p->line, parser_col(p, v), "duplicate step id "
			    "'%s' (first at line %d)", pb->steps[i].id,
			    pb->steps[i].line);
			break;
		}
	}
	if (pb->nsteps == STEPS_MAX) {
		parser_error(p, p->line, parser_col(p, v), "too many steps (at most "
		    "%d)", STEPS_MAX);
		return;
	}
	pb->steps = xreallocarray(pb->steps, (size_t)pb->nsteps + 1,
	    sizeof *pb->steps);
	p->has_goto = xreallocarray(p->has_goto, (size_t)pb->nsteps + 1,
	    sizeof *p->has_goto);
	p->has_goto[pb->nsteps] = false;
	st = &pb->steps[pb->nsteps];
	memset(st, 0, sizeof *st);
	st->id = xstrndup(v, n);
	st->stage = (enum playbook_stage)p->stage;
	st->line = p->line;
	st->next = -1;
	p->cur = pb->nsteps++;
}

/* `say: TEXT`; repeated lines join with newlines. */
static void
kw_say(struct parser *p, const char *v, size_t n)
{
	struct playbook_step *st = step_cur(p);
	char *t;

	if (!check_value(p, "say", v, n))
		return;
	if (st->say == NULL)
		st->say = xstrndup(v, n);
	else {
		t = xasprintf("%s\n%.*s", st->say, (int)n, v);
		free(st->say);
		st->say = t;
	}
}

/* `ask: QUESTION`, one per step. */
static void
kw_ask(struct parser *p, const char *v, size_t n)
{
	struct playbook_step *st = step_cur(p);

	if (st->ask != NULL) {
		parser_error(p, p->line, 1, "second 'ask:' in step '%s': expected "
		    "one question per step", st->id);
		return;
	}
	if (check_value(p, "ask", v, n))
		st->ask = xstrndup(v, n);
}

/* Remember a branch (CHOICE) or goto (-1) of the current step. */
static void
add_target(struct parser *p, int choice, const char *v, size_t n)
{
	struct target *t;

	p->targets = xreallocarray(p->targets, (size_t)p->ntargets + 1,
	    sizeof *p->targets);
	t = &p->targets[p->ntargets++];
	t->step = p->cur;
	t->choice = choice;
	t->name = xstrndup(v, n);
	t->line = p->line;
	t->col = parser_col(p, v);
}

void
parser_trim(const char **s, size_t *n)
{
	while (*n > 0 && parser_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && parser_space((*s)[*n - 1]))
		(*n)--;
}

/* `choice: KEY = LABEL` or `choice: KEY = LABEL -> STEP`. */
static void
kw_choice(struct parser *p, const char *v, size_t n)
{
	struct playbook_step *st = step_cur(p);
	const char *eq = memchr(v, '=', n), *key = v, *label, *to = NULL;
	size_t kn, ln, tn = 0;
	struct playbook_choice *c;

	if (st->ask == NULL) {
		parser_error(p, p->line, parser_col(p, v), "'choice:' before 'ask:' in "
		    "step '%s': expected the question first", st->id);
		return;
	}
	if (eq == NULL) {
		parser_error(p, p->line, parser_col(p, v), "expected 'KEY = LABEL' or "
		    "'KEY = LABEL -> STEP'");
		return;
	}
	kn = (size_t)(eq - v);
	parser_trim(&key, &kn);
	label = eq + 1;
	ln = n - (size_t)(label - v);
	for (size_t i = ln; i >= 2; i--) {
		if (label[i - 2] == '-' && label[i - 1] == '>') {
			to = label + i;
			tn = ln - i;
			ln = i - 2;
			break;
		}
	}
	parser_trim(&label, &ln);
	if (!check_id(p, key, kn, "choice key"))
		return;
	if (ln == 0) {
		parser_error(p, p->line, parser_col(p, eq + 1), "expected a label "
		    "after '='");
		return;
	}
	check_text(p, label, ln);
	if (to != NULL) {
		parser_trim(&to, &tn);
		if (!check_id(p, to, tn, "step id after '->'"))
			return;
	}
	for (int i = 0; i < st->nchoices; i++) {
		if (strlen(st->choices[i].key) == kn &&
		    memcmp(st->choices[i].key, key, kn) == 0) {
			parser_error(p, p->line, parser_col(p, key), "duplicate choice "
			    "'%s' in step '%s'", st->choices[i].key, st->id);
			return;
		}
	}
	if (st->nchoices == PLAYBOOK_MAX_CHOICES) {
		parser_error(p, p->line, parser_col(p, v), "more than %d choices in "
		    "step '%s' (they are answered with keys 1-%d)",
		    PLAYBOOK_MAX_CHOICES, st->id, PLAYBOOK_MAX_CHOICES);
		return;
	}
	st->choices = xreallocarray(st->choices, (size_t)st->nchoices + 1,
	    sizeof *st->choices);
	c = &st->choices[st->nchoices];
	c->key = xstrndup(key, kn);
	c->label = xstrndup(label, ln);
	c->target = -1;
	if (to != NULL)
		add_target(p, st->nchoices, to, tn);
	st->nchoices++;
}

/* `goto: STEP`. */
static void
kw_goto(struct parser *p, const char *v, size_t n)
{
	if (p->has_goto[p->cur]) {
		parser_error(p, p->line, 1, "second 'goto:' in step '%s'",
		    step_cur(p)->id);
		return;
	}
	if (!check_id(p, v, n, "step id after 'goto:'"))
		return;
	p->has_goto[p->cur] = true;
	add_target(p, -1, v, n);
}

/* `yes` or `no` into *OUT. */
static bool
yes_no(struct parser *p, const char *v, size_t n, bool *out)
{
	if (n == 3 && memcmp(v, "yes", 3) == 0)
		*out = true;
	else if (n == 2 && memcmp(v, "no", 2) == 0)
		*out = false;
	else {
		parser_error(p, p->line, parser_col(p, v), "expected 'yes' or 'no'");
		return false;
	}
	return true;
}

/* `value-added: yes|no`. */
static void
kw_value_added(struct parser *p, const char *v, size_t n)
{
	yes_no(p, v, n, &step_cur(p)->value_added);
}

/* `confirm: yes`: the one Confirm question, in stage confirm. */
static void
kw_confirm(struct parser *p, const char *v, size_t n)
{
	struct playbook_step *st = step_cur(p);
	bool yes;

	if (!yes_no(p, v, n, &yes) || !yes)
		return;
	if (st->stage != PLAYBOOK_CONFIRM) {
		parser_error(p, p->line, parser_col(p, v), "'confirm: yes' in stage "
		    "'%s': expected it in 'stage: confirm'",
		    playbook_stage_name(st->stage));
		return;
	}
	if (p->confirm_line != 0) {
		parser_error(p, p->line, parser_col(p, v), "second Confirm question "
		    "(first at line %d)", p->confirm_line);
		return;
	}
	st->confirm = true;
	p->confirm_line = p->line;
	p->pb->confirm = p->cur;
}

/* `disposition: WORD`: a known contact disposition. */
static void
kw_disposition(struct parser *p, const char *v, size_t n)
{
	char *w = xstrndup(v, n), *q;

	if (contact_word(contact_dispositions, w) < 0) {
		q = parser_quote(v, n);
		parser_error(p, p->line, parser_col(p, v), "unknown disposition '%s': "
		    "expected resolved, callback, escalated, complaint, sale, "
		    "info, no_answer, wrong_number or unresolved", q);
		free(q);
		free(w);
		return;
	}
	free(step_cur(p)->disposition);
	step_cur(p)->disposition = w;
}
