/*
 * playbook.h — scripted service procedures in the EODC cycle.
 *
 * A playbook is a UTF-8 text file (docs/playbooks.md) with a header (name,
 * version, title, where it applies) and steps in four stages, in order:
 * Explore the need, Offer a solution, Do it, Confirm satisfaction.  A step
 * says something (with {variables} from the profile), may ask a question
 * with fixed choices (1–9, each may branch to another step) or a free-text
 * answer, and may be a value-added (超值) step.  One step of the Confirm
 * stage is the Confirm question; its answer becomes the contact's
 * expectation-vs-outcome.
 *
 * Three parts:
 *   playbook.c        the parser: text in, structure out (pure, no db);
 *                     every mistake is found at load with its line/column;
 *   playbook-run.c    the runner: a state machine over the steps (pure);
 *                     answers, skips and time per stage, as JSON;
 *   playbook-store.c  import / list / get via db.h, and choosing the
 *                     playbook for a contact from the header rules.
 */
#ifndef KEFU_PLAYBOOK_H
#define KEFU_PLAYBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

#define PLAYBOOK_MAX_BYTES	(1024 * 1024)	/* larger files are refused */
#define PLAYBOOK_MAX_CHOICES	9		/* number keys 1–9 */
#define PLAYBOOK_MAX_ERRORS	50		/* then "too many errors" */
#define PLAYBOOK_END		(-2)		/* branch target `end` */

enum playbook_stage {
	PLAYBOOK_EXPLORE, PLAYBOOK_OFFER, PLAYBOOK_DO, PLAYBOOK_CONFIRM,
	PLAYBOOK_NSTAGES
};

struct playbook_choice {
	char		*key;		/* "angry", or an outcome word */
	char		*label;		/* what the agent sees */
	int		 target;	/* step index, -1: the step's next,
					   PLAYBOOK_END: the end */
};

struct playbook_step {
	char		*id;
	enum playbook_stage stage;
	char		*say;		/* text with {variables}, or NULL */
	char		*ask;		/* question, or NULL */
	struct playbook_choice *choices;
	int		 nchoices;	/* 0 with ask: a free-text answer */
	int		 next;		/* step after this one, -1 = the end */
	bool		 value_added;	/* optional 超值 step */
	bool		 confirm;	/* the Confirm question */
	char		*disposition;	/* suggested disposition, or NULL */
	int		 line;
};

struct playbook {
	char		*name;
	int		 version;
	char		*title;
	char		*language;	/* "zh_CN", "en", or NULL */
	char		**segments;	/* "*" or segment names */
	int		 nsegments;
	char		**reasons;	/* "*" or words found in the reason */
	int		 nreasons;
	int		 priority;
	struct playbook_step *steps;
	int		 nsteps;
	int		 confirm;	/* index of the Confirm step */
};

struct playbook_error {
	int		 line, col;	/* 1-based; col counts characters */
	char		*msg;
};

struct playbook_errors {
	struct playbook_error *v;
	int		 n;
};

/* Stage names ("explore", …) and display names ("Explore", …). */
const char *playbook_stage_name(enum playbook_stage);

/* The variables a text may use, NULL-terminated ("customer.name", …). */
extern const char *const playbook_variables[];

/* Parse TEXT (LEN bytes, a BOM and CRLF line ends allowed). Returns 0 and
 * *out (owned, free with playbook_free), or -1 with every error found
 * appended to ERRS (free with playbook_errors_free); never both. */
int playbook_parse(const char *text, size_t len, struct playbook **out,
    struct playbook_errors *errs);
void playbook_free(struct playbook *);
void playbook_errors_free(struct playbook_errors *);

/* "FILE:LINE:COL: message" for error E (new string). */
char *playbook_error_format(const char *file, const struct playbook_error *e);

/* Step index of ID in PB, or -1. */
int playbook_step_find(const struct playbook *, const char *id);

/* TEXT with each {variable} replaced by LOOKUP(name, ARG) (NULL counts as
 * empty) and {{ }} by { }. New string. */
char *playbook_fill(const char *text,
    const char *(*lookup)(const char *name, void *arg), void *arg);

/* ---- playbook-run.c: one run of a playbook during a contact. ---- */

struct playbook_run;

/* Start running PB (ownership passes to the run) at time NOW; ID is the
 * playbooks row it came from (0 if none). */
struct playbook_run *playbook_run_new(struct playbook *, int64_t id,
    int64_t now);
void playbook_run_free(struct playbook_run *);

const struct playbook *playbook_run_playbook(const struct playbook_run *);
int64_t playbook_run_id(const struct playbook_run *);

/* The current step index, or -1 once the last step is passed. */
int playbook_run_current(const struct playbook_run *);

/* Answer the current step with choice I (0-based) and move on, along the
 * choice's branch. 0, or -1 if the step has no such choice. */
int playbook_run_choose(struct playbook_run *, int i, int64_t now);
/* Answer the current free-text question with TEXT and move on. 0 or -1. */
int playbook_run_answer(struct playbook_run *, const char *text, int64_t now);
/* Go on without answering: an unanswered question is recorded as skipped
 * (leaving the script). 0, or -1 at the end. */
int playbook_run_next(struct playbook_run *, int64_t now);
/* Go back to the step before. 0, or -1 at the first. */
int playbook_run_back(struct playbook_run *, int64_t now);
/* Record that the agent left the script (e.g. switched playbooks). */
void playbook_run_leave(struct playbook_run *);

/* How step I stands: 0 not reached, 1 done, 2 skipped. */
int playbook_run_state(const struct playbook_run *, int i);
/* The answer given at step I (choice key or text), or NULL. */
const char *playbook_run_answer_of(const struct playbook_run *, int i);
/* True once any step was answered or passed. */
bool playbook_run_started(const struct playbook_run *);
/* True if the Confirm question was answered. */
bool playbook_run_confirmed(const struct playbook_run *);
/* The Confirm answer (delighted, satisfied, disappointed) or NULL. */
const char *playbook_run_outcome(const struct playbook_run *);
/* The disposition the run suggests: the last done step's
 * `disposition:`, else "resolved" once confirmed, else NULL. */
const char *playbook_run_disposition(const struct playbook_run *);
/* Seconds spent so far in stage S (up to NOW). */
int64_t playbook_run_seconds(const struct playbook_run *, enum playbook_stage,
    int64_t now);

/* The run record for contacts.playbook_run as JSON text (new string):
 * {"playbook","version","answers","skipped","left_script","stage_seconds",
 * "confirm","path","finished"}. */
char *playbook_run_json(const struct playbook_run *, int64_t now);

/* ---- playbook-store.c: the playbooks table. ---- */

struct playbook_info {
	int64_t		 id;
	char		*name;
	int		 version;
	char		*title;
	char		*source;	/* only from playbook_store_get */
	char		*imported_by;
	int64_t		 imported_at;
};

void playbook_info_free(struct playbook_info *);
void playbook_info_list_free(struct playbook_info **, int n);

/* Store PB parsed from SOURCE, imported BY. Returns 1 stored, 0 if that
 * name and version already hold the same text (unchanged), negative with
 * *cause if they hold different text or the write failed. *id is the row. */
int playbook_store_import(struct db *, const struct playbook *,
    const char *source, const char *by, int64_t *id, char **cause);

/* Every stored version, by name, newest version first. Count or negative;
 * *out owned (playbook_info_list_free). */
int playbook_store_list(struct db *, struct playbook_info ***out,
    char **cause);

/* NAME at VERSION (0: the newest), with its source: 1 and *out (owned),
 * 0 if there is none, negative on error. */
int playbook_store_get(struct db *, const char *name, int version,
    struct playbook_info **out, char **cause);

/* The newest version of every playbook, parsed (stored text that no
 * longer parses is left out). Count or negative; *pbs and *ids owned,
 * free with playbook_list_free. */
int playbook_store_latest(struct db *, struct playbook ***pbs, int64_t **ids,
    char **cause);
void playbook_list_free(struct playbook **, int64_t *ids, int n);

/* Order V (N playbooks) for a contact with a customer in SEGMENT, for
 * REASON (free text or NULL), in language LANG (or NULL): ORDER gets all N
 * indices, the best first. Returns how many match the rules (they come
 * first). The rules: see docs/playbooks.md, "Choosing". */
int playbook_choose(struct playbook *const *v, int n, const char *segment,
    const char *reason, const char *lang, int *order);

#endif
