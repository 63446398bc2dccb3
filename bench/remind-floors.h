/*
 * remind-floors.h — what kefu-bench-remind times beside the engine: the
 * engine's own statements come from src/core/remind-sql.h (never copied),
 * plus the floors, and the statement the engine ran before schema v4.
 */
#ifndef KEFU_BENCH_REMIND_FLOORS_H
#define KEFU_BENCH_REMIND_FLOORS_H

#include "remind-sql.h"		/* src/core: REMIND_NEXT_SQL, REMIND_DUE_SQL, … */

#define NEXT_SQL REMIND_NEXT_SQL
#define DUE_SQL REMIND_DUE_SQL
#define ESCALATE_COUNT_SQL "SELECT count(*) FROM (" ESCALATE_IDS ") AS x"
#define ESCALATE_MOVE_SQL "UPDATE followups SET owner = 'pool', state =" \
	" 'pending', moved_at = ? WHERE id IN (" ESCALATE_IDS ")"

#define FLOOR_SQL "SELECT min(due_at) FROM followups WHERE owner = ?" \
	" AND state = 'pending'"
#define FLOOR_IDX_SQL "SELECT min(due_at) FROM followups WHERE owner = ?" \
	" AND state = 'pending' AND state IN ('pending', 'fired')"
/* The statement before schema v4 (for comparison in the report). */
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
