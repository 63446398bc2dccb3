/*
 * complaint.h — complaints are first-class (抱怨是金).
 *
 * A complaint belongs to a customer, may come from a contact, has an owner
 * (an agent, or the team pool) and a category, and must be resolved by its
 * deadline (48 hours after opening unless given).  It is never deleted: its
 * state moves open → (escalated →) resolved, and a resolution text is
 * required to get there.
 */
#ifndef KEFU_COMPLAINT_H
#define KEFU_COMPLAINT_H

#include <stdint.h>

struct db;

/* Default time to resolve a complaint, from opening. */
#define COMPLAINT_DEADLINE (48 * 3600)

struct complaint {
	int64_t	 id;
	int64_t	 customer_id;
	char	*customer_name;	/* filled by list queries */
	int64_t	 contact_id;	/* the contact it came from, 0 = none */
	char	*owner;		/* agent login or "pool" */
	char	*category;	/* see complaint_categories */
	char	*summary;
	int64_t	 opened_at;
	int64_t	 deadline;
	char	*state;		/* open, escalated, resolved */
	int64_t	 resolved_at;	/* 0 = not yet */
	char	*resolution;	/* NULL until resolved */
};

/* The categories, NULL-terminated: product, service, billing, delivery,
 * attitude, other. */
extern const char *const complaint_categories[];

/* The states, NULL-terminated: open, escalated, resolved. */
extern const char *const complaint_states[];

/* True if CATEGORY is one of complaint_categories. */
int complaint_category_valid(const char *category);

/* A new empty complaint (category "other", state "open"), freed with
 * complaint_free(). */
struct complaint *complaint_new(void);
void complaint_free(struct complaint *);
void complaint_list_free(struct complaint **, int n);

/* Open a complaint for CUSTOMER_ID now. CONTACT_ID (0 = none) must be a
 * contact of that customer; OWNER is an agent login or "pool"; DEADLINE 0
 * means now + COMPLAINT_DEADLINE. BY is the acting agent. *id gets the new
 * id. Returns 0, or negative with *cause. */
int complaint_open(struct db *, int64_t customer_id, int64_t contact_id,
    const char *owner, const char *category, const char *summary,
    int64_t deadline, const char *by, int64_t *id, char **cause);

/* Insert C as given, for history (imports, demo data): opened_at 0 means
 * now, deadline 0 means opened_at + COMPLAINT_DEADLINE; a resolved C needs
 * a resolution (resolved_at 0 means now). Sets c->id. Returns 0, or
 * negative with *cause. */
int complaint_insert(struct db *, struct complaint *c, const char *by,
    char **cause);

/* Resolve complaint ID with RESOLUTION (required) by BY. Refuses a
 * complaint that is already resolved. Returns 0, or negative with *cause. */
int complaint_resolve(struct db *, int64_t id, const char *resolution,
    const char *by, char **cause);

/* Load complaint ID: 1 and *out (owned), 0 if there is none, negative on
 * error with *cause. */
/* Hand complaint ID to TO (an agent or "pool"), keeping its history: only
 * its owner or a supervisor may (首问负责制: the one who took it owns it
 * until it is handed over). Refused for a resolved complaint. */
int complaint_assign(struct db *, int64_t id, const char *to, const char *by,
    char **cause);

int complaint_get(struct db *, int64_t id, struct complaint **out,
    char **cause);

/* Unresolved (open or escalated) complaints of CUSTOMER_ID (0 = every
 * customer): the count, or a negative db_error. */
int complaint_count_open(struct db *, int64_t customer_id);

/* Unresolved complaints of CUSTOMER_ID (0 = all), earliest deadline first,
 * at most LIMIT (0 = no limit). Returns the count (array in *out, owned;
 * free with complaint_list_free) or negative with *cause. */
int complaint_list_open(struct db *, int64_t customer_id, int limit,
    struct complaint ***out, char **cause);

#endif
