/*
 * playbook-int.h — what the two halves of the playbook parser share:
 * playbook.c reads lines and checks the whole, playbook-keys.c gives each
 * `key:` its meaning. Not a public header.
 */
#ifndef KEFU_PLAYBOOK_INT_H
#define KEFU_PLAYBOOK_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "kefu/playbook.h"

#define LINE_MAX_BYTES	4096
#define STEPS_MAX	500
#define ID_MAX		32
#define NAME_MAX_LEN	64
#define TITLE_MAX	200
#define WORDS_MAX	16
#define CUR_IGNORE	(-2)	/* inside a step whose id was bad */

/* A branch target or goto, resolved once every step is known. */
struct target {
	int		 step;
	int		 choice;	/* -1: the step's goto */
	char		*name;
	int		 line, col;
};

struct parser {
	struct playbook	*pb;
	struct playbook_errors *errs;
	int		 line;
	const char	*lstart;	/* the current line, for columns */
	int		 stage;		/* -1 before the first stage: */
	int		 stage_line[PLAYBOOK_NSTAGES];
	int		 cur;		/* step being read, or -1 */
	int		 hdr_line[8];	/* where each header key was seen */
	struct target	*targets;
	int		 ntargets;
	bool		*has_goto;
	int		 confirm_line;
	bool		 full;		/* PLAYBOOK_MAX_ERRORS reached */
};

typedef void kw_fn(struct parser *, const char *, size_t);

enum kw_place { KW_HEADER, KW_STAGE, KW_STEP_START, KW_STEP };

struct keyword {
	const char	*name;
	enum kw_place	 place;
	kw_fn		*fn;
};

/* Every key a line may start with; header keys first (hdr_line index). */
extern const struct keyword parser_keywords[];
extern const int parser_nkeywords;

/* Record an error at LINE:COL (nothing more once the limit is reached). */
void parser_error(struct parser *, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The column (in characters, 1-based) of AT in the current line. */
int parser_col(struct parser *, const char *at);
/* A short copy of checked user text for a message (new string). */
char *parser_quote(const char *s, size_t n);
/* Trim spaces around *S (N bytes) in place. */
void parser_trim(const char **s, size_t *n);

static inline bool
parser_space(char c)
{
	return c == ' ' || c == '\t';
}

#endif
