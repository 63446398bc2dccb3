/*
 * schema.c — the schema, as forward-only migrations.
 *
 * Times are UTC seconds since the epoch (INTEGER); money is in cents.
 * Follow-ups, complaints, contacts and the audit are never deleted.
 *
 * ---- SQLite ----  (engine-specific: FTS5 search tables, triggers)
 */
#include <stddef.h>

#include "schema.h"

static const char *const v1_sqlite[] = {
"CREATE TABLE agents ("
"  login        TEXT PRIMARY KEY,"
"  name         TEXT NOT NULL DEFAULT '',"
"  role         TEXT NOT NULL DEFAULT 'agent'"
"               CHECK (role IN ('agent', 'supervisor')),"
"  state        TEXT NOT NULL DEFAULT 'offline',"
"  state_reason TEXT,"
"  state_since  INTEGER NOT NULL DEFAULT 0,"
"  heartbeat    INTEGER NOT NULL DEFAULT 0,"
"  current_call INTEGER,"
"  created_at   INTEGER NOT NULL"
");",
"CREATE TABLE customers ("
"  id             INTEGER PRIMARY KEY,"
"  name           TEXT NOT NULL CHECK (length(name) > 0),"
"  segment        TEXT NOT NULL DEFAULT 'normal',"
"  household      TEXT NOT NULL DEFAULT '',"
"  habits         TEXT NOT NULL DEFAULT '',"
"  preferences    TEXT NOT NULL DEFAULT '',"
"  notes          TEXT NOT NULL DEFAULT '',"
"  owner          TEXT REFERENCES agents(login) ON UPDATE CASCADE,"
"  cycle_days     INTEGER NOT NULL DEFAULT 0 CHECK (cycle_days >= 0),"
"  annual_spend   INTEGER NOT NULL DEFAULT 0 CHECK (annual_spend >= 0),"
"  first_purchase TEXT,"
"  created_at     INTEGER NOT NULL,"
"  updated_at     INTEGER NOT NULL"
");"
"CREATE INDEX customers_owner ON customers(owner);",
"CREATE TABLE customer_phones ("
"  id          INTEGER PRIMARY KEY,"
"  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
"  e164        TEXT NOT NULL,"
"  raw         TEXT NOT NULL,"
"  UNIQUE (customer_id, e164)"
");"
"CREATE INDEX customer_phones_e164 ON customer_phones(e164);",
"CREATE TABLE calls ("
"  id           INTEGER PRIMARY KEY,"
"  number       TEXT NOT NULL,"
"  e164         TEXT,"
"  customer_id  INTEGER REFERENCES customers(id),"
"  queue        TEXT NOT NULL DEFAULT 'default',"
"  cti_id       TEXT UNIQUE,"
"  agent        TEXT REFERENCES agents(login),"
"  offered_at   INTEGER NOT NULL,"
"  answered_at  INTEGER,"
"  ended_at     INTEGER,"
"  abandoned_at INTEGER,"
"  wrapup_until INTEGER"
");"
"CREATE INDEX calls_offered ON calls(offered_at);"
"CREATE INDEX calls_waiting ON calls(offered_at)"
"  WHERE answered_at IS NULL AND abandoned_at IS NULL AND ended_at IS NULL;",
"CREATE TABLE playbooks ("
"  id          INTEGER PRIMARY KEY,"
"  name        TEXT NOT NULL,"
"  version     INTEGER NOT NULL,"
"  title       TEXT NOT NULL DEFAULT '',"
"  source      TEXT NOT NULL,"
"  imported_by TEXT NOT NULL,"
"  imported_at INTEGER NOT NULL,"
"  UNIQUE (name, version)"
");",
"CREATE TABLE contacts ("
"  id           INTEGER PRIMARY KEY,"
"  customer_id  INTEGER NOT NULL REFERENCES customers(id),"
"  agent        TEXT NOT NULL,"
"  channel      TEXT NOT NULL DEFAULT 'phone',"
"  direction    TEXT NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),"
"  started_at   INTEGER NOT NULL,"
"  answered_at  INTEGER,"
"  ended_at     INTEGER,"
"  reason       TEXT NOT NULL DEFAULT '',"
"  notes        TEXT NOT NULL DEFAULT '',"
"  disposition  TEXT NOT NULL,"
"  outcome      TEXT CHECK (outcome IN ('delighted', 'satisfied',"
"               'disappointed')),"
"  level        INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 4),"
"  sq_reliability    INTEGER CHECK (sq_reliability BETWEEN 1 AND 5),"
"  sq_assurance      INTEGER CHECK (sq_assurance BETWEEN 1 AND 5),"
"  sq_tangibles      INTEGER CHECK (sq_tangibles BETWEEN 1 AND 5),"
"  sq_empathy        INTEGER CHECK (sq_empathy BETWEEN 1 AND 5),"
"  sq_responsiveness INTEGER CHECK (sq_responsiveness BETWEEN 1 AND 5),"
"  purchase     INTEGER NOT NULL DEFAULT 0 CHECK (purchase >= 0),"
"  playbook_id  INTEGER REFERENCES playbooks(id),"
"  playbook_run TEXT,"
"  call_id      INTEGER REFERENCES calls(id)"
");"
"CREATE INDEX contacts_customer ON contacts(customer_id, started_at);"
"CREATE INDEX contacts_agent ON contacts(agent, started_at);"
"CREATE INDEX contacts_started ON contacts(started_at);",
"CREATE TABLE followups ("
"  id              INTEGER PRIMARY KEY,"
"  customer_id     INTEGER NOT NULL REFERENCES customers(id),"
"  owner           TEXT NOT NULL,"
"  due_at          INTEGER NOT NULL,"
"  reason          TEXT NOT NULL DEFAULT '',"
"  every_days      INTEGER NOT NULL DEFAULT 0 CHECK (every_days >= 0),"
"  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
"                  ('pending', 'fired', 'done', 'snoozed', 'cancelled')),"
"  created_by      TEXT NOT NULL,"
"  created_at      INTEGER NOT NULL,"
"  fired_at        INTEGER,"
"  acknowledged_at INTEGER,"
"  done_at         INTEGER,"
"  done_by         TEXT,"
"  parent_id       INTEGER REFERENCES followups(id)"
");"
"CREATE INDEX followups_open ON followups(owner, due_at)"
"  WHERE state IN ('pending', 'fired');"
"CREATE INDEX followups_due ON followups(due_at)"
"  WHERE state IN ('pending', 'fired');"
"CREATE INDEX followups_customer ON followups(customer_id, due_at);",
"CREATE TABLE complaints ("
"  id          INTEGER PRIMARY KEY,"
"  customer_id INTEGER NOT NULL REFERENCES customers(id),"
"  contact_id  INTEGER REFERENCES contacts(id),"
"  owner       TEXT NOT NULL,"
"  category    TEXT NOT NULL DEFAULT 'other',"
"  summary     TEXT NOT NULL DEFAULT '',"
"  opened_at   INTEGER NOT NULL,"
"  deadline    INTEGER NOT NULL,"
"  state       TEXT NOT NULL DEFAULT 'open'"
"              CHECK (state IN ('open', 'escalated', 'resolved')),"
"  resolved_at INTEGER,"
"  resolution  TEXT"
");"
"CREATE INDEX complaints_customer ON complaints(customer_id, state);"
"CREATE INDEX complaints_open ON complaints(deadline) WHERE state <> 'resolved';",
"CREATE TABLE audit ("
"  id     INTEGER PRIMARY KEY,"
"  at     INTEGER NOT NULL,"
"  agent  TEXT NOT NULL,"
"  tbl    TEXT NOT NULL,"
"  row_id INTEGER,"
"  action TEXT NOT NULL,"
"  detail TEXT"
");"
"CREATE INDEX audit_row ON audit(tbl, row_id);"
"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;"
"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
"  BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END;",
/* Search: names and notes with every CJK character its own token (short
 * Chinese queries become phrases), and trigrams for phone fragments and
 * note substrings. rowid = customers.id; kept in step by customer.c. */
"CREATE VIRTUAL TABLE customer_words USING fts5(name, text,"
"  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
"CREATE VIRTUAL TABLE customer_grams USING fts5(phones, notes,"
"  tokenize = 'trigram');",
	NULL
};

/* v2 — reminders: warnings before the due time, and a log of what each
 * agent was shown, keyed by the due time so a snooze (which moves due_at)
 * re-arms without deleting anything, and a pool item is shown once to each
 * pool agent. */
static const char *const v2_sqlite[] = {
"CREATE TABLE followup_warnings ("
"  followup_id INTEGER NOT NULL REFERENCES followups(id),"
"  before_secs INTEGER NOT NULL CHECK (before_secs > 0),"
"  PRIMARY KEY (followup_id, before_secs)"
");",
"CREATE TABLE reminder_log ("
"  followup_id INTEGER NOT NULL REFERENCES followups(id),"
"  due_at      INTEGER NOT NULL,"
"  before_secs INTEGER NOT NULL DEFAULT 0,"
"  agent       TEXT NOT NULL,"
"  shown_at    INTEGER NOT NULL,"
"  PRIMARY KEY (followup_id, due_at, before_secs, agent)"
");",
"ALTER TABLE followups ADD COLUMN snoozes INTEGER NOT NULL DEFAULT 0;",
"ALTER TABLE followups ADD COLUMN moved_at INTEGER;",
"CREATE INDEX followups_state ON followups(state, owner, due_at)"
"  WHERE state IN ('pending', 'fired');",
NULL
};

/* v3 — the supervisor's view: one-line messages to an agent's alert bar,
 * and the indexes behind today's figures. */
static const char *const v3_sqlite[] = {
"CREATE TABLE agent_messages ("
"  id         INTEGER PRIMARY KEY,"
"  to_agent   TEXT NOT NULL REFERENCES agents(login),"
"  from_agent TEXT NOT NULL,"
"  text       TEXT NOT NULL,"
"  created_at INTEGER NOT NULL,"
"  shown_at   INTEGER"
");",
"CREATE INDEX agent_messages_unshown ON agent_messages(to_agent)"
"  WHERE shown_at IS NULL;",
"CREATE INDEX calls_agent ON calls(agent, offered_at);",
"CREATE INDEX agents_state ON agents(state);",
NULL
};

/* v4 — reminders at scale (200 000 open follow-ups): each warning carries
 * its follow-up's owner (NULL unless it is pending: warnings of fired or
 * closed follow-ups leave the index instead of being walked) and its alert
 * time, kept in step by a trigger, so the next warning of an agent is one
 * index seek; and open follow-ups by (state, due_at) for escalation. */
static const char *const v4_sqlite[] = {
"ALTER TABLE followup_warnings ADD COLUMN owner TEXT;",
"ALTER TABLE followup_warnings ADD COLUMN warn_at INTEGER;",
"UPDATE followup_warnings SET"
"  owner = (SELECT CASE WHEN f.state = 'pending' THEN f.owner END"
"           FROM followups f WHERE f.id = followup_id),"
"  warn_at = (SELECT f.due_at FROM followups f WHERE f.id = followup_id)"
"            - before_secs;",
"CREATE INDEX followup_warnings_next ON followup_warnings(owner, warn_at)"
"  WHERE owner IS NOT NULL;",
"CREATE TRIGGER followups_warnings_sync"
"  AFTER UPDATE OF owner, due_at, state ON followups"
"  BEGIN UPDATE followup_warnings SET"
"    owner = CASE WHEN NEW.state = 'pending' THEN NEW.owner END,"
"    warn_at = NEW.due_at - before_secs"
"    WHERE followup_id = NEW.id; END;",
"CREATE INDEX followups_state_due ON followups(state, due_at)"
"  WHERE state IN ('pending', 'fired');",
NULL
};

const char *const *const schema_sqlite[] = {
	v1_sqlite,
	v2_sqlite,
	v3_sqlite,
	v4_sqlite,
	NULL
};

int
schema_count(const char *const *const *table)
{
	int n = 0;

	while (table[n] != NULL)
		n++;
	return n;
}
