/*
 * contact.h — one row per touch with a customer (a moment of truth, MOT).
 *
 * Closing a contact records its disposition and the customer's
 * expectation-vs-outcome (delighted / satisfied / disappointed), not only a
 * score.
 */
#ifndef KEFU_CONTACT_H
#define KEFU_CONTACT_H

#include <stdint.h>

struct db;

struct contact {
	int64_t	 id;
	int64_t	 customer_id;
	char	*agent;
	char	*channel;	/* phone, visit, email, chat */
	char	*direction;	/* in, out */
	int64_t	 started_at;
	int64_t	 ended_at;
	char	*reason;
	char	*notes;
	char	*disposition;	/* resolved, callback, … see contact_dispositions */
	char	*outcome;	/* delighted, satisfied, disappointed or NULL */
	int	 level;		/* service level reached 1–4, 0 = not recorded */
	int64_t	 purchase;	/* cents bought in this contact, 0 = none */
	char	*playbook;	/* name@version or NULL */
	int64_t	 playbook_id;	/* playbooks.id that ran, or 0 */
	char	*playbook_run;	/* the run record (JSON text) or NULL */
	int64_t	 call_id;	/* calls.id or 0 */
	int	 lead_days;	/* a purchase schedules "predicted need" this
				   many days before run-out (0: 3) */
};

extern const char *const contact_channels[];
extern const char *const contact_dispositions[];
extern const char *const contact_outcomes[];

/* Index of WORD in the NULL-terminated TABLE, or -1. */
int contact_word(const char *const *table, const char *word);

struct contact *contact_new(void);
void contact_free(struct contact *);

/* Validate and insert C (sets c->id). started_at/ended_at default to now.
 * A purchase by a customer with a consumption cycle schedules a
 * "predicted need" follow-up in the same transaction. */
int contact_log(struct db *, struct contact *, char **cause);

/* Contacts of CUSTOMER_ID, newest first, at most LIMIT. Returns the count
 * (array in *out, owned; free with contact_list_free) or negative. */
int contact_list(struct db *, int64_t customer_id, int limit,
    struct contact ***out, char **cause);
void contact_list_free(struct contact **, int n);

#endif
