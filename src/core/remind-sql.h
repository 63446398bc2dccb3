/*
 * remind-sql.h — the statements of the reminder engine (remind.c), in one
 * place so that kefu-bench-remind explains and times exactly what the
 * engine runs. Private to libkefu and bench/.
 *
 * Every branch repeats the partial indexes' "state IN ('pending', 'fired')"
 * so SQLite may use them: a query must contain that term itself.
 */
#ifndef KEFU_REMIND_SQL_H
#define KEFU_REMIND_SQL_H

/* Not yet shown to the agent (the last ?) for this due time. */
#define UNSHOWN(before) " AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	" WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	" AND r.before_secs = " before " AND r.agent = ?)"

#define OPEN "f.state IN ('pending', 'fired')"

/* The earliest unshown warning of one owner (owner, now, agent). */
#define NEXT_WARNING "SELECT w.warn_at FROM followup_warnings w" \
	" JOIN followups f ON f.id = w.followup_id WHERE w.owner IS NOT NULL" \
	" AND w.owner = ? AND f.state = 'pending' AND f.due_at > ?" \
	" AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	" WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	" AND r.before_secs = w.before_secs AND r.agent = ?)" \
	" ORDER BY w.warn_at LIMIT 1"

#define REMINDER_COLS "f.id, f.customer_id, c.name, c.segment, f.reason," \
	" f.owner, f.due_at"

/* What AGENT has not been shown with an alert time <= now. Parameters:
 * agent, now, agent | agent, now, now, agent | now, agent. */
#define REMIND_DUE_SQL "SELECT " REMINDER_COLS ", 0" \
	" FROM followups f JOIN customers c ON c.id = f.customer_id" \
	" WHERE f.owner = ? AND " OPEN " AND f.state = 'pending'" \
	" AND f.due_at <= ?" UNSHOWN("0") \
	" UNION ALL SELECT " REMINDER_COLS ", w.before_secs" \
	" FROM followup_warnings w JOIN followups f ON f.id = w.followup_id" \
	" JOIN customers c ON c.id = f.customer_id" \
	" WHERE w.owner IS NOT NULL AND w.owner IN (?, 'pool')" \
	" AND w.warn_at <= ? AND f.state = 'pending' AND f.due_at > ?" \
	" AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	" WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	" AND r.before_secs = w.before_secs AND r.agent = ?)" \
	" UNION ALL SELECT " REMINDER_COLS ", 0" \
	" FROM followups f JOIN customers c ON c.id = f.customer_id" \
	" WHERE f.owner = 'pool' AND " OPEN \
	" AND f.due_at <= ?" UNSHOWN("0")

/* The earliest unshown alert time of AGENT. Parameters: agent, agent |
 * agent, now, agent | pool, now, agent | agent. */
#define REMIND_NEXT_SQL "SELECT min(t) FROM (" \
	" SELECT (SELECT f.due_at FROM followups f WHERE f.owner = ?" \
	"  AND " OPEN " AND f.state = 'pending'" UNSHOWN("0") \
	"  ORDER BY f.due_at LIMIT 1) AS t" \
	" UNION ALL SELECT (" NEXT_WARNING ")" \
	" UNION ALL SELECT (" NEXT_WARNING ")" \
	" UNION ALL SELECT (SELECT f.due_at FROM followups f" \
	"  WHERE f.owner = 'pool' AND " OPEN UNSHOWN("0") \
	"  ORDER BY f.due_at LIMIT 1)) AS x"

/* What to move to the pool: fired and not acknowledged in time; or due
 * while the owner is logged out and someone else is online. Parameters:
 * now - ack; now, now - 30, now - 30. */
#define ESCALATE_IDS "SELECT f.id FROM followups f WHERE " OPEN \
	" AND f.state = 'fired' AND f.owner <> 'pool'" \
	" AND f.acknowledged_at IS NULL AND f.fired_at <= ?" \
	" UNION SELECT f.id FROM followups f WHERE " OPEN \
	" AND f.state = 'pending' AND f.due_at <= ? AND f.owner <> 'pool'" \
	" AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.login = f.owner" \
	"  AND a.state <> 'offline' AND a.heartbeat >= ?)" \
	" AND EXISTS (SELECT 1 FROM agents a WHERE a.login <> f.owner" \
	"  AND a.state <> 'offline' AND a.heartbeat >= ?)"

#endif
