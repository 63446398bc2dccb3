/*
 * draft.h — what an agent typed but has not saved, kept on disk so nothing
 * is lost: not on Esc, not on a crash, not when the database is locked or
 * the disk is full (the text then stays in memory and the agent is told).
 *
 * A draft is a JSON object of field name → text, one file per agent and
 * KEY ("contact-42"), under $XDG_STATE_HOME/kefu/drafts/AGENT/, written
 * atomically (temporary file, fsync, rename).
 */
#ifndef KEFU_DRAFT_H
#define KEFU_DRAFT_H

#include <jansson.h>

/* Save FIELDS (not stolen) as AGENT's draft KEY. 0, or -1 with *cause. */
int draft_save(const char *agent, const char *key, json_t *fields,
    char **cause);

/* AGENT's draft KEY (new reference), or NULL if there is none or it is
 * unreadable. */
json_t *draft_load(const char *agent, const char *key);

/* Remove AGENT's draft KEY (after a successful save). */
void draft_remove(const char *agent, const char *key);

/* How many drafts AGENT has. */
int draft_count(const char *agent);

/* The drafts directory of AGENT (owned by the caller). */
char *draft_dir(const char *agent);

#endif
