/*
 * remind-sql.h — the SQL of src/core/remind.c, copied for kefu-bench-remind:
 * EXPLAIN QUERY PLAN of what the engine runs, the floors it is timed
 * against, and a candidate fix timed beside it.  Keep the copies identical
 * to what remind_next(), remind_due() and remind_escalate() prepare.
 */
#ifndef KEFU_BENCH_REMIND_SQL_H
#define KEFU_BENCH_REMIND_SQL_H

#define UNSHOWN(before) " AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	" WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	" AND r.before_secs = " before " AND r.agent = ?)"
#define OPEN "f.state IN ('pending', 'fired')"

#define NEXT_WARNING "SELECT w.warn_at FROM followup_warnings w" \
	" JOIN followups f ON f.id = w.followup_id WHERE w.owner IS NOT NULL" \
	" AND w.owner = ? AND f.state = 'pending' AND f.due_at > ?" \
	" AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	" WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	" AND r.before_secs = w.before_secs AND r.agent = ?)" \
	" ORDER BY w.warn_at LIMIT 1"

#define REMINDER_COLS "f.id, f.customer_id, c.name, c.segment, f.reason," \
	" f.owner, f.due_at"
#define NEXT_SQL "SELECT min(t) FROM (" \
" SELECT (SELECT f.due_at FROM followups f WHERE f.owner = ?" \
"  AND " OPEN " AND f.state = 'pending'" UNSHOWN("0") \
"  ORDER BY f.due_at LIMIT 1) AS t" \
" UNION ALL SELECT (" NEXT_WARNING ")" \
" UNION ALL SELECT (" NEXT_WARNING ")" \
" UNION ALL SELECT (SELECT f.due_at FROM followups f" \
"  WHERE f.owner = 'pool' AND " OPEN UNSHOWN("0") \
"  ORDER BY f.due_at LIMIT 1)) AS x"

#define DUE_SQL "SELECT " REMINDER_COLS ", 0" \
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

#define ESCALATE_IDS "SELECT f.id FROM followups f WHERE " OPEN \
	" AND f.state = 'fired' AND f.owner <> 'pool'" \
	" AND f.acknowledged_at IS NULL AND f.fired_at <= ?" \
	" UNION SELECT f.id FROM followups f WHERE " OPEN \
	" AND f.state = 'pending' AND f.due_at <= ? AND f.owner <> 'pool'" \
	" AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.login = f.owner" \
	"  AND a.state <> 'offline' AND a.heartbeat >= ?)" \
	" AND EXISTS (SELECT 1 FROM agents a WHERE a.login <> f.owner" \
	"  AND a.state <> 'offline' AND a.heartbeat >= ?)"

#define ESCALATE_COUNT_SQL "SELECT count(*) FROM (" ESCALATE_IDS ") AS x"
#define ESCALATE_MOVE_SQL "UPDATE followups SET owner = 'pool', state =" \
	" 'pending', moved_at = ? WHERE id IN (" ESCALATE_IDS ")"

#define FLOOR_SQL "SELECT min(due_at) FROM followups WHERE owner = ?" \
	" AND state = 'pending'"
#define FLOOR_IDX_SQL "SELECT min(due_at) FROM followups WHERE owner = ?" \
	" AND state = 'pending' AND state IN ('pending', 'fired')"
/* NEXT_SQL with that term added to its first two subqueries: a candidate
 * fix, same result, timed beside it. */
/* The statement before schema v4 (for comparison in the report). */
#define OPEN_TERM ""
#define NEXT_FIX_SQL "SELECT min(t) FROM (" \
	" SELECT (SELECT f.due_at FROM followups f WHERE f.owner = ?" \
	"  AND f.state = 'pending'" UNSHOWN("0") \
	"  ORDER BY f.due_at LIMIT 1) AS t" \
	" UNION ALL SELECT (SELECT min(f.due_at - w.before_secs)" \
	"  FROM followups f JOIN followup_warnings w" \
	"  ON w.followup_id = f.id WHERE f.owner IN (?, 'pool')" \
	"  AND f.state = 'pending' AND f.due_at > ?" \
	"  AND NOT EXISTS (SELECT 1 FROM reminder_log r" \
	"  WHERE r.followup_id = f.id AND r.due_at = f.due_at" \
	"  AND r.before_secs = w.before_secs AND r.agent = ?))" \
	" UNION ALL SELECT (SELECT f.due_at FROM followups f" \
	"  WHERE f.owner = 'pool' AND f.state IN ('pending', 'fired')" \
	UNSHOWN("0") "  ORDER BY f.due_at LIMIT 1)) AS x"

#endif
