/*
 * playbook.c — the playbook parser (see playbook.h, docs/playbooks.md).
 *
 * Pure: text in, structure out. The format is one `key: value` per line,
 * `#` comment lines and blank lines ignored, indentation free. A header
 * (playbook, version, title, language, segments, reasons, priority) comes
 * first; then `stage:` lines in EODC order, each followed by its `step:`
 * blocks (say, ask, choice, goto, value-added, confirm, disposition).
 *
 * Parsing never stops at the first mistake: each line is checked on its
 * own (bytes, then syntax, then meaning), and once every line is read the
 * whole is checked (stages, branch targets, the Confirm question,
 * reachability). Every error carries its line and column, so a supervisor
 * sees all of them at once; any error means no playbook at all.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/contact.h"
#include "kefu/playbook.h"
#include "kefu/utf8.h"
#include "kefu/xmalloc.h"
#include "playbook-int.h"

const char *const playbook_variables[] = {
	"customer.name", "customer.id", "customer.segment", "customer.phone",
	"customer.household", "customer.habits", "customer.preferences",
	"customer.notes", "customer.owner", "customer.cycle_days",
	"customer.annual_spend", "customer.first_purchase",
	"customer.lifetime_value", "customer.next_followup",
	"customer.open_complaints", "customer.loyalty",
	"agent.name", "agent.login", "today", NULL
};


const char *
playbook_stage_name(enum playbook_stage s)
{
	static const char *const names[] = { "explore", "offer", "do",
	    "confirm" };

	return s >= 0 && s < PLAYBOOK_NSTAGES ? names[s] : "?";
}

/* Record an error at LINE:COL (the parser stops adding at the limit). */
void
parser_error(struct parser *p, int line, int col, const char *fmt, ...)
{
	struct playbook_errors *e = p->errs;
	va_list ap;
	char *msg;

	if (p->full)
		return;
	if (e->n == PLAYBOOK_MAX_ERRORS - 1) {
		p->full = true;
		msg = xstrdup("too many errors; stopping here");
	} else {
		va_start(ap, fmt);
		if (vasprintf(&msg, fmt, ap) < 0)
			msg = xstrdup("?");
		va_end(ap);
	}
	e->v = xreallocarray(e->v, (size_t)e->n + 1, sizeof *e->v);
	e->v[e->n].line = line;
	e->v[e->n].col = col;
	e->v[e->n].msg = msg;
	e->n++;
}

/* The column (in characters, 1-based) of AT in the current line. */
int
parser_col(struct parser *p, const char *at)
{
	const char *s = p->lstart;
	uint32_t cp;
	int col = 1;

	while (s < at) {
		s += utf8_decode(s, (size_t)(at - s), &cp);
		col++;
	}
	return col;
}

/* A short copy of user text for a message: at most 40 characters. The
 * line was checked (valid UTF-8, no controls), so the copy is safe. */
char *
parser_quote(const char *s, size_t n)
{
	char *q;
	size_t i = 0;
	uint32_t cp;
	int chars = 0;

	while (i < n && chars < 40) {
		i += (size_t)utf8_decode(s + i, n - i, &cp);
		chars++;
	}
	q = i < n ? xasprintf("%.*s…", (int)i, s) : xstrndup(s, i);
	for (char *t = q; *t != '\0'; t++)
		if (*t == '\t')
			*t = ' ';	/* messages are one visible line */
	return q;
}

/* One line, already checked for bytes: `key: value`, comment or blank. */
static void
parse_line(struct parser *p, const char *s, size_t n)
{
	size_t i = 0, k, vn;
	const struct keyword *kw = NULL;
	const char *v;
	char *q;

	while (i < n && parser_space(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return;
	for (k = i; k < n && ((s[k] >= 'a' && s[k] <= 'z') || s[k] == '-' ||
	    (s[k] >= 'A' && s[k] <= 'Z')); k++)
		;
	if (k == i || k == n || s[k] != ':' || k - i > 32) {
		parser_error(p, p->line, parser_col(p, s + i), "expected 'key: value' "
		    "(e.g. 'say: text'), or '#' for a comment");
		return;
	}
	for (int j = 0; j < parser_nkeywords; j++)
		if (strlen(parser_keywords[j].name) == k - i &&
		    memcmp(parser_keywords[j].name, s + i, k - i) == 0)
			kw = &parser_keywords[j];
	if (kw == NULL) {
		q = parser_quote(s + i, k - i);
		parser_error(p, p->line, parser_col(p, s + i), "unknown key '%s': "
		    "expected %s", q, p->stage < 0 ? "playbook, version, "
		    "title, language, segments, reasons, priority or stage" :
		    "stage, step, say, ask, choice, goto, value-added, "
		    "confirm or disposition");
		free(q);
		return;
	}
	v = s + k + 1;
	vn = n - k - 1;
	parser_trim(&v, &vn);
	switch (kw->place) {
	case KW_HEADER:
		if (p->stage >= 0) {
			parser_error(p, p->line, parser_col(p, s + i), "'%s:' belongs "
			    "in the header, before the first 'stage:'",
			    kw->name);
			return;
		}
		if (p->hdr_line[kw - parser_keywords] != 0) {
			parser_error(p, p->line, parser_col(p, s + i), "second '%s:' "
			    "(first at line %d)", kw->name,
			    p->hdr_line[kw - parser_keywords]);
			return;
		}
		p->hdr_line[kw - parser_keywords] = p->line;
		break;
	case KW_STAGE:
		break;
	case KW_STEP_START:
		if (p->stage < 0) {
			parser_error(p, p->line, parser_col(p, s + i), "'step:' before "
			    "any stage: expected 'stage: explore' first");
			return;
		}
		break;
	case KW_STEP:
		if (p->cur == CUR_IGNORE)
			return;
		if (p->cur < 0) {
			parser_error(p, p->line, parser_col(p, s + i), "'%s:' outside "
			    "a step: expected 'step: ID' first", kw->name);
			return;
		}
		break;
	}
	kw->fn(p, v, vn);
}

/* Check the bytes of a line: valid UTF-8, no control characters. */
static bool
check_bytes(struct parser *p, const char *s, size_t n)
{
	uint32_t cp;
	int len;

	if (n > LINE_MAX_BYTES) {
		parser_error(p, p->line, 1, "line too long (%zu bytes; at most %d)",
		    n, LINE_MAX_BYTES);
		return false;
	}
	for (size_t i = 0; i < n; i += (size_t)len) {
		len = utf8_decode(s + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1) {
			parser_error(p, p->line, parser_col(p, s + i), "invalid UTF-8 "
			    "(byte 0x%02X): expected UTF-8 text",
			    (unsigned char)s[i]);
			return false;
		}
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0)) {
			parser_error(p, p->line, parser_col(p, s + i), "control "
			    "character U+%04X: expected text (is this a binary "
			    "file?)", (unsigned)cp);
			return false;
		}
	}
	return true;
}

/* Resolve branch targets and work out each step's next. */
static void
resolve(struct parser *p)
{
	struct playbook *pb = p->pb;

	for (int i = 0; i < pb->nsteps; i++)
		pb->steps[i].next = i + 1 < pb->nsteps ? i + 1 : -1;
	for (int i = 0; i < p->ntargets; i++) {
		struct target *t = &p->targets[i];
		int to = strcmp(t->name, "end") == 0 ? PLAYBOOK_END :
		    playbook_step_find(pb, t->name);

		if (to == PLAYBOOK_END && t->choice < 0)
			to = -1;
		else if (to == -1) {
			parser_error(p, t->line, t->col, "no step '%s' to go to: "
			    "expected the id of a step", t->name);
			continue;
		}
		if (t->choice < 0)
			pb->steps[t->step].next = to;
		else
			pb->steps[t->step].choices[t->choice].target = to;
	}
}

/* Every step must be reachable from the first one. */
static void
check_reachable(struct parser *p)
{
	struct playbook *pb = p->pb;
	int *queue = xcalloc((size_t)pb->nsteps, sizeof *queue), nq = 0;
	bool *seen = xcalloc((size_t)pb->nsteps, sizeof *seen);

	seen[0] = true;
	queue[nq++] = 0;
	for (int h = 0; h < nq; h++) {
		struct playbook_step *st = &pb->steps[queue[h]];
		for (int c = -1; c < st->nchoices; c++) {
			int to = c < 0 ? st->next : st->choices[c].target;
			if (to >= 0 && !seen[to]) {
				seen[to] = true;
				queue[nq++] = to;
			}
		}
	}
	for (int i = 0; i < pb->nsteps; i++)
		if (!seen[i])
			parser_error(p, pb->steps[i].line, 1, "step '%s' is "
			    "unreachable: no step or choice leads to it",
			    pb->steps[i].id);
	free(queue);
	free(seen);
}

/* The Confirm question: choices are exactly the outcome words. */
static void
check_confirm(struct parser *p)
{
	struct playbook *pb = p->pb;
	struct playbook_step *st;
	bool have[3] = { false, false, false };

	if (p->confirm_line == 0) {
		if (p->stage_line[PLAYBOOK_CONFIRM] != 0)
			parser_error(p, p->stage_line[PLAYBOOK_CONFIRM], 1, "no "
			    "Confirm question: expected a step with 'confirm: "
			    "yes' in 'stage: confirm'");
		return;
	}
	st = &pb->steps[pb->confirm];
	for (int i = 0; i < st->nchoices; i++) {
		int w = contact_word(contact_outcomes, st->choices[i].key);
		if (w < 0)
			parser_error(p, st->line, 1, "Confirm question '%s': choice "
			    "'%s' is not an outcome: expected delighted, "
			    "satisfied or disappointed", st->id,
			    st->choices[i].key);
		else
			have[w] = true;
	}
	if (!have[0] || !have[1] || !have[2])
		parser_error(p, st->line, 1, "Confirm question '%s': expected the "
		    "choices delighted, satisfied and disappointed", st->id);
}

/* Checks of the whole, once every line is read. */
static void
finish(struct parser *p)
{
	struct playbook *pb = p->pb;
	int errors = p->errs->n;
	static const char *const hdr[] = { "playbook: NAME", "version: N",
	    "title: TEXT" };

	for (int i = 0; i < 3; i++)
		if (p->hdr_line[i] == 0)
			parser_error(p, 1, 1, "missing '%s' in the header", hdr[i]);
	for (int s = 0; s < PLAYBOOK_NSTAGES; s++) {
		bool any = false;
		if (p->stage_line[s] == 0) {
			parser_error(p, p->line, 1, "missing 'stage: %s': every "
			    "playbook has Explore, Offer, Do and Confirm, in "
			    "that order", playbook_stage_name(s));
			continue;
		}
		for (int i = 0; i < pb->nsteps; i++)
			any = any || (int)pb->steps[i].stage == s;
		if (!any)
			parser_error(p, p->stage_line[s], 1, "stage '%s' has no "
			    "steps: expected 'step: ID'", playbook_stage_name(s));
	}
	for (int i = 0; i < pb->nsteps; i++) {
		struct playbook_step *st = &pb->steps[i];
		if (st->say == NULL && st->ask == NULL)
			parser_error(p, st->line, 1, "step '%s' is empty: expected "
			    "'say:' or 'ask:'", st->id);
	}
	resolve(p);
	check_confirm(p);
	if (p->errs->n == errors && pb->nsteps > 0)
		check_reachable(p);
}

/* Errors in line order (stable: same line keeps the order found). */
static void
sort_errors(struct playbook_errors *e)
{
	for (int i = 1; i < e->n; i++) {
		struct playbook_error x = e->v[i];
		int j = i;
		while (j > 0 && (e->v[j - 1].line > x.line ||
		    (e->v[j - 1].line == x.line && e->v[j - 1].col > x.col))) {
			e->v[j] = e->v[j - 1];
			j--;
		}
		e->v[j] = x;
	}
}

int
playbook_parse(const char *text, size_t len, struct playbook **out,
    struct playbook_errors *errs)
{
	struct parser p;
	const char *s = text, *end = text + len, *nl;
	size_t n;
	bool content = false;
	int before = errs->n;

	*out = NULL;
	memset(&p, 0, sizeof p);
	p.pb = xcalloc(1, sizeof *p.pb);
	p.pb->confirm = -1;
	p.errs = errs;
	p.stage = p.cur = -1;
	if (len > PLAYBOOK_MAX_BYTES) {
		parser_error(&p, 1, 1, "file too large (%zu bytes; at most %d)",
		    len, PLAYBOOK_MAX_BYTES);
		goto out;
	}
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;		/* a byte order mark */
	while (s < end && !p.full) {
		p.line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;	/* Windows line ends */
		p.lstart = s;
		if (check_bytes(&p, s, n)) {
			for (size_t i = 0; i < n && !content; i++)
				content = !parser_space(s[i]) && s[i] != '#';
			parse_line(&p, s, n);
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	if (p.line == 0)
		p.line = 1;
	if (!content && errs->n == before)
		parser_error(&p, 1, 1, "empty playbook: expected 'playbook: NAME' "
		    "(see docs/playbooks.md)");
	else if (!p.full)
		finish(&p);
out:
	for (int i = 0; i < p.ntargets; i++)
		free(p.targets[i].name);
	free(p.targets);
	free(p.has_goto);
	if (errs->n > before) {
		sort_errors(errs);
		playbook_free(p.pb);
		return -1;
	}
	*out = p.pb;
	return 0;
}

void
playbook_free(struct playbook *pb)
{
	if (pb == NULL)
		return;
	for (int i = 0; i < pb->nsteps; i++) {
		struct playbook_step *st = &pb->steps[i];
		for (int c = 0; c < st->nchoices; c++) {
			free(st->choices[c].key);
			free(st->choices[c].label);
		}
		free(st->choices);
		free(st->id);
		free(st->say);
		free(st->ask);
		free(st->disposition);
	}
	free(pb->steps);
	for (int i = 0; i < pb->nsegments; i++)
		free(pb->segments[i]);
	free(pb->segments);
	for (int i = 0; i < pb->nreasons; i++)
		free(pb->reasons[i]);
	free(pb->reasons);
	free(pb->name);
	free(pb->title);
	free(pb->language);
	free(pb);
}

void
playbook_errors_free(struct playbook_errors *e)
{
	for (int i = 0; i < e->n; i++)
		free(e->v[i].msg);
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

char *
playbook_error_format(const char *file, const struct playbook_error *e)
{
	return xasprintf("%s:%d:%d: %s", file, e->line, e->col, e->msg);
}

int
playbook_step_find(const struct playbook *pb, const char *id)
{
	for (int i = 0; i < pb->nsteps; i++)
		if (strcmp(pb->steps[i].id, id) == 0)
			return i;
	return -1;
}

/* Append N bytes of S to the growing buffer *B (*len used, *cap room). */
static void
append(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*b = xrealloc(*b, *cap);
	}
	memcpy(*b + *len, s, n);
	*len += n;
	(*b)[*len] = '\0';
}

char *
playbook_fill(const char *text,
    const char *(*lookup)(const char *, void *), void *arg)
{
	size_t len = 0, cap = strlen(text) + 16;
	char *b = xmalloc(cap);
	const char *s = text, *end, *v;

	b[0] = '\0';
	while (*s != '\0') {
		if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' &&
		    s[1] == '}')) {
			append(&b, &len, &cap, s, 1);
			s += 2;
			continue;
		}
		if (s[0] == '{' && (end = strchr(s, '}')) != NULL) {
			char *name = xstrndup(s + 1, (size_t)(end - s - 1));
			v = lookup(name, arg);
			if (v != NULL)
				append(&b, &len, &cap, v, strlen(v));
			free(name);	/* after: V may point into it */
			s = end + 1;
			continue;
		}
		append(&b, &len, &cap, s, 1);
		s++;
	}
	return b;
}
