/*
 * playbook-store.c — the playbooks table, and choosing a playbook for a
 * contact (see playbook.h).
 *
 * A stored playbook is its source text, keyed by (name, version): a
 * version, once imported, never changes, so a contact's playbook_id says
 * exactly which text ran. Importing the same text again is a no-op;
 * different text under an existing version is refused.
 *
 * Choosing is data, not code: each playbook's header says where it applies
 * (segments:, reasons:, priority:, language:), and playbook_choose() ranks
 * the newest versions by those rules. Writers of playbooks change where a
 * playbook is offered without a release or a schema change.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kefu/audit.h"
#include "kefu/db.h"
#include "kefu/playbook.h"
#include "kefu/when.h"
#include "kefu/xmalloc.h"

/* A copy of text column I, or NULL. */
static char *
col_dup(struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);

	return s != NULL ? xstrdup(s) : NULL;
}

void
playbook_info_free(struct playbook_info *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->title);
	free(p->source);
	free(p->imported_by);
	free(p);
}

void
playbook_info_list_free(struct playbook_info **v, int n)
{
	for (int i = 0; i < n; i++)
		playbook_info_free(v[i]);
	free(v);
}

int
playbook_store_import(struct db *db, const struct playbook *pb,
    const char *source, const char *by, int64_t *id, char **cause)
{
	struct db_stmt *st;
	int rc, same;

	*id = 0;
	if ((rc = db_begin(db)) < 0)
		return db_cause(db, rc, "importing playbook", cause);
	st = db_prepare(db, "SELECT id, source FROM playbooks"
	    " WHERE name = ? AND version = ?");
	if (st == NULL)
		return db_fail(db, DB_ERR, "importing playbook", cause);
	db_bind_text(st, 1, pb->name);
	db_bind_int(st, 2, pb->version);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_col_int(st, 0);
		same = db_col_text(st, 1) != NULL &&
		    strcmp(db_col_text(st, 1), source) == 0;
		db_reset(st);
		db_rollback(db);
		if (same)
			return 0;
		return set_cause(cause, "%s version %d is already imported "
		    "with different text: raise 'version:' to import a change",
		    pb->name, pb->version);
	}
	if (rc < 0)
		return db_fail(db, rc, "importing playbook", cause);
	st = db_prepare(db, "INSERT INTO playbooks (name, version, title,"
	    " source, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)"
	    " RETURNING id");
	if (st == NULL)
		return db_fail(db, DB_ERR, "importing playbook", cause);
	db_bind_text(st, 1, pb->name);
	db_bind_int(st, 2, pb->version);
	db_bind_text(st, 3, pb->title);
	db_bind_text(st, 4, source);
	db_bind_text(st, 5, by);
	db_bind_int(st, 6, when_now());
	if ((rc = db_step(st)) != DB_ROW)
		return db_fail(db, rc < 0 ? rc : DB_ERR, "importing playbook",
		    cause);
	*id = db_col_int(st, 0);
	db_reset(st);
	if ((rc = audit_log(db, by, "playbooks", *id, "import",
	    pb->name)) < 0 || (rc = db_commit(db)) < 0)
		return db_fail(db, rc, "importing playbook", cause);
	return 1;
}

int
playbook_store_list(struct db *db, struct playbook_info ***out, char **cause)
{
	struct db_stmt *st;
	struct playbook_info **v = NULL, *p;
	int n = 0, rc;

	*out = NULL;
	st = db_prepare(db, "SELECT id, name, version, title, imported_by,"
	    " imported_at FROM playbooks ORDER BY name, version DESC");
	if (st == NULL)
		return db_cause(db, DB_ERR, "listing playbooks", cause);
	while ((rc = db_step(st)) == DB_ROW) {
		p = xcalloc(1, sizeof *p);
		p->id = db_col_int(st, 0);
		p->name = col_dup(st, 1);
		p->version = (int)db_col_int(st, 2);
		p->title = col_dup(st, 3);
		p->imported_by = col_dup(st, 4);
		p->imported_at = db_col_int(st, 5);
		v = xreallocarray(v, (size_t)n + 1, sizeof *v);
		v[n++] = p;
	}
	if (rc < 0) {
		playbook_info_list_free(v, n);
		return db_cause(db, rc, "listing playbooks", cause);
	}
	*out = v;
	return n;
}

int
playbook_store_get(struct db *db, const char *name, int version,
    struct playbook_info **out, char **cause)
{
	struct db_stmt *st;
	struct playbook_info *p;
	int rc;

	*out = NULL;
	st = db_prepare(db, "SELECT id, name, version, title, imported_by,"
	    " imported_at, source FROM playbooks WHERE name = ?"
	    " AND (? = 0 OR version = ?) ORDER BY version DESC LIMIT 1");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading playbook", cause);
	db_bind_text(st, 1, name);
	db_bind_int(st, 2, version);
	db_bind_int(st, 3, version);
	if ((rc = db_step(st)) != DB_ROW)
		return rc == DB_DONE ? 0 : db_cause(db, rc, "reading playbook",
		    cause);
	p = xcalloc(1, sizeof *p);
	p->id = db_col_int(st, 0);
	p->name = col_dup(st, 1);
	p->version = (int)db_col_int(st, 2);
	p->title = col_dup(st, 3);
	p->imported_by = col_dup(st, 4);
	p->imported_at = db_col_int(st, 5);
	p->source = col_dup(st, 6);
	db_reset(st);
	*out = p;
	return 1;
}

int
playbook_store_latest(struct db *db, struct playbook ***pbs, int64_t **ids,
    char **cause)
{
	struct db_stmt *st;
	struct playbook **v = NULL, *pb;
	struct playbook_errors errs = { NULL, 0 };
	int64_t *iv = NULL;
	const char *src;
	int n = 0, rc;

	*pbs = NULL;
	*ids = NULL;
	st = db_prepare(db, "SELECT p.id, p.source FROM playbooks p"
	    " WHERE p.version = (SELECT max(q.version) FROM playbooks q"
	    " WHERE q.name = p.name) ORDER BY p.name");
	if (st == NULL)
		return db_cause(db, DB_ERR, "reading playbooks", cause);
	while ((rc = db_step(st)) == DB_ROW) {
		src = db_col_text(st, 1);
		if (src == NULL || playbook_parse(src, strlen(src), &pb,
		    &errs) != 0) {
			playbook_errors_free(&errs);
			continue;
		}
		v = xreallocarray(v, (size_t)n + 1, sizeof *v);
		iv = xreallocarray(iv, (size_t)n + 1, sizeof *iv);
		v[n] = pb;
		iv[n++] = db_col_int(st, 0);
	}
	if (rc < 0) {
		playbook_list_free(v, iv, n);
		return db_cause(db, rc, "reading playbooks", cause);
	}
	*pbs = v;
	*ids = iv;
	return n;
}

void
playbook_list_free(struct playbook **v, int64_t *ids, int n)
{
	for (int i = 0; i < n; i++)
		playbook_free(v[i]);
	free(v);
	free(ids);
}

/* True if HAY contains NEEDLE, ASCII letters compared without case. */
static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		size_t i = 0;
		while (i < n && hay[i] != '\0' &&
		    tolower((unsigned char)hay[i]) ==
		    tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* How well PB fits: -1 no match, else a score (higher is better). */
static long
score(const struct playbook *pb, const char *segment, const char *reason,
    const char *lang)
{
	bool seg_any = pb->nsegments == 0, seg_hit = false;
	bool rsn_any = pb->nreasons == 0, rsn_hit = false, lang_hit = false;
	long sc;

	for (int i = 0; i < pb->nsegments; i++) {
		if (strcmp(pb->segments[i], "*") == 0)
			seg_any = true;
		else if (segment != NULL && strcmp(pb->segments[i],
		    segment) == 0)
			seg_hit = true;
	}
	for (int i = 0; i < pb->nreasons; i++) {
		if (strcmp(pb->reasons[i], "*") == 0)
			rsn_any = true;
		else if (reason != NULL && *reason != '\0' &&
		    contains(reason, pb->reasons[i]))
			rsn_hit = true;
	}
	if (lang != NULL && pb->language != NULL)
		lang_hit = strncmp(lang, pb->language, 2) == 0 ||
		    (strncmp(pb->language, "en", 2) == 0 &&
		    (lang[0] == 'C' || strncmp(lang, "POSIX", 5) == 0));
	sc = (lang_hit ? 10 : 0);
	if (!(seg_any || seg_hit) || !(rsn_any || rsn_hit))
		return -10000000 + sc;
	return (long)pb->priority * 1000 + (rsn_hit ? 200 : 0) +
	    (seg_hit ? 100 : 0) + sc;
}

int
playbook_choose(struct playbook *const *v, int n, const char *segment,
    const char *reason, const char *lang, int *order)
{
	long *sc = xcalloc((size_t)n + 1, sizeof *sc);
	int matching = 0;

	for (int i = 0; i < n; i++) {
		sc[i] = score(v[i], segment, reason, lang);
		matching += sc[i] > -5000000;
		order[i] = i;
	}
	/* Insertion sort: best score first, then by name (stable). */
	for (int i = 1; i < n; i++) {
		int x = order[i], j = i;
		while (j > 0 && (sc[order[j - 1]] < sc[x] ||
		    (sc[order[j - 1]] == sc[x] && strcmp(v[order[j - 1]]->name,
		    v[x]->name) > 0))) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = x;
	}
	free(sc);
	return matching;
}
