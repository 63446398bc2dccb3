/*
 * customer.h — the customer profile (王永庆's rice-shop notebook).
 *
 * A customer has a name, one or more phones (kept as typed and normalised to
 * E.164), a segment, household / habits / preferences / notes, an owner
 * agent, a consumption cycle in days and lifetime-value inputs.  Lifetime
 * value is computed, never stored: average annual spend × years as a
 * customer.  Money is kept in cents (fen).
 */
#ifndef KEFU_CUSTOMER_H
#define KEFU_CUSTOMER_H

#include <stdint.h>

struct db;

struct customer_phone {
	char	*e164;		/* "+8613800138000" */
	char	*raw;		/* as typed */
};

struct customer {
	int64_t	 id;
	char	*name;
	char	*segment;	/* vip, key, normal, at_risk, … */
	char	*household;
	char	*habits;
	char	*preferences;
	char	*notes;
	char	*owner;		/* agent login or NULL */
	int	 cycle_days;	/* consumption cycle, 0 = none */
	int64_t	 annual_spend;	/* cents per year */
	char	*first_purchase; /* YYYY-MM-DD or NULL */
	int64_t	 created_at;
	int64_t	 updated_at;
	struct customer_phone *phones;
	int	 nphones;
};

/* The known segments, in priority order, NULL-terminated. */
extern const char *const customer_segments[];

/* True if SEG is a known segment name. */
int customer_segment_valid(const char *seg);

/* A new empty customer (segment "normal"), freed with customer_free(). */
struct customer *customer_new(void);
void customer_free(struct customer *);

/* Add RAW as a phone of C (normalised now). -1 with *cause if it is not a
 * phone number; a duplicate of an existing phone is ignored. */
int customer_add_phone(struct customer *, const char *raw, char **cause);

/* Insert C (id 0) with its phones; sets c->id. BY is the acting agent (for
 * the audit). Negative db_error or -1 with *cause. */
int customer_insert(struct db *, struct customer *, const char *by, char **cause);

/* Write every field and the phone list of C (id set). */
int customer_update(struct db *, struct customer *, const char *by, char **cause);

/* Load customer ID: 1 and *out (owned), 0 if there is none, negative on
 * error with *cause. */
int customer_get(struct db *, int64_t id, struct customer **out, char **cause);

/* Customers with a phone equal to RAW once normalised, most recently
 * contacted first. Returns the count (ids in *ids, owned) or negative. */
int customer_find_phone(struct db *, const char *raw, int64_t **ids, char **cause);

/* Resolve a CLI CUSTOMER argument: an id, or a phone. 1 found, 0 not found,
 * 2 when a phone matches several customers (*id is the most recently
 * contacted), negative on error. */
int customer_resolve(struct db *, const char *arg, int64_t *id, char **cause);

/* A number that changes when anything shown about customer ID changes
 * (profile, contacts, follow-ups, complaints): one cheap indexed query, so
 * a console can tell whether another process's commit concerns it. */
int64_t customer_fingerprint(struct db *, int64_t id);

/* Lifetime value in cents as of NOW: annual_spend × years since
 * first_purchase (at least 1 year once the customer has bought). */
int64_t customer_lifetime_value(const struct customer *, int64_t now);

#endif
