# Reminders fire on the due second in the owner's console only; what fell
# due while away comes as one batch; snooze, done and pool claims work.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" "$@"; }
k --agent boss init >/dev/null
k --agent boss agent add li --name 李娜
k --agent boss agent add wang --name 王伟
k --agent boss customer add --name 王芳 --phone 13900002222 >/dev/null
k --agent boss customer add --name 赵敏 --phone 13900003333 >/dev/null

start L 120x40 "$KEFU" --db "$DB" --agent li
start W 120x40 "$KEFU" --db "$DB" --agent wang
see L "李娜 (li)" "li's console"
see W "王伟 (wang)" "wang's console"

# Added by another process while the consoles run: fires on time, for li.
due=$(( $(date +%s) + 5 ))
k --agent li followup add 1 --due "$(date -d "@$due" '+%Y-%m-%d %H:%M:%S')" \
	--reason "e2e-five" >/dev/null 2>&1 || fail "could not add the follow-up"
if wait_for L "e2e-five" 10; then
	seen=$(date +%s.%N)
	late=$(python3 -c "print(round($seen - $due, 3))")
	python3 -c "import sys; sys.exit(0 if $seen - $due <= 1.0 and $seen >= $due - 0.05 else 1)" \
		&& ok "fired ${late}s after its due second" || fail "fired ${late}s from due (want 0..1 s)"
else
	fail "the reminder never fired in li's console"; screen L >&2
fi
sleep 1.5
not_see W "e2e-five" "not shown in wang's console"
equals "$(sqlite3 "$DB" "SELECT state FROM followups WHERE reason='e2e-five'")" "fired" "marked fired in the database"
equals "$(sqlite3 "$DB" "SELECT count(*) FROM reminder_log r JOIN followups f ON f.id=r.followup_id WHERE f.reason='e2e-five'")" "1" "shown exactly once"

# Fell due while the console was closed: one batch at start.
keys L q
wait_for L "[kefu exited] 0" 5 || fail "li's console did not quit"
tm kill-session -t L
k --agent li followup add 2 --due "2020-01-01 10:00" --overdue-ok --reason "e2e-away-1" >/dev/null 2>&1
k --agent li followup add 1 --due "2021-01-01 10:00" --overdue-ok --reason "e2e-away-2" >/dev/null 2>&1
start L2 120x40 "$KEFU" --db "$DB" --agent li
see L2 "Fell due while you were away" "the overdue batch at start"
see L2 "e2e-away-1" "first missed one in the batch"
see L2 "e2e-away-2" "second missed one in the batch"
first=$(screen L2 | grep -n "e2e-away-2" | cut -d: -f1)
second=$(screen L2 | grep -n "e2e-away-1" | cut -d: -f1)
[ "$first" -lt "$second" ] && ok "newest first" || fail "batch not newest first"

# Snooze (s 1 = +10m) and done (d) from the list change the database.
keys L2 Escape
keys L2 F
see L2 "My follow-ups by urgency" "the follow-up list"
before=$(sqlite3 "$DB" "SELECT due_at FROM followups WHERE reason='e2e-away-1'")
# The most urgent is the longest overdue: e2e-away-1.
keys L2 s
see L2 "Snooze:" "snooze prompt"
keys L2 1
see L2 "Snoozed." "snoozed"
after=$(sqlite3 "$DB" "SELECT due_at FROM followups WHERE reason='e2e-away-1'")
now=$(date +%s)
[ "$after" -gt "$before" ] && [ "$after" -ge $((now + 500)) ] && ok "snooze moved the due time +10m" \
	|| fail "snooze: due $before -> $after (now $now)"
equals "$(sqlite3 "$DB" "SELECT snoozes FROM followups WHERE reason='e2e-away-1'")" "1" "snooze counted"
keys L2 g
keys L2 d
see L2 "Done" "done"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM followups WHERE owner='li' AND state='done'")" -ge 1 ] \
	&& ok "done in the database" || fail "nothing done"
keys L2 Escape

# A pool item claimed from two consoles at once goes to exactly one.
k --agent boss followup add 2 --due +2s --owner pool --reason "e2e-pool" >/dev/null 2>&1
see L2 "e2e-pool" "pool item alerts li" 8
see W "e2e-pool" "pool item alerts wang" 8
for s in L2 W; do keys $s F; done
see L2 "e2e-pool" "pool item in li's list"
see W "e2e-pool" "pool item in wang's list"
# Select it in both lists, then claim in both at once.
pick() {	# move the selection in $1 onto the pool line
	local s=$1 n
	n=$(screen "$s" | awk '/My follow-ups/{top=NR} /e2e-pool/{print NR-top-1; exit}')
	keys "$s" g
	for _ in $(seq 1 "$n"); do keys "$s" j; done
}
pick L2; pick W
keys L2 a; keys W a
typ L2 li; typ W wang
keys L2 Enter & keys W Enter & wait
sleep 1
owner=$(sqlite3 "$DB" "SELECT owner FROM followups WHERE reason='e2e-pool'")
case "$owner" in li|wang) ok "claimed by exactly one: $owner" ;; *) fail "pool item owner: $owner" ;; esac
equals "$(sqlite3 "$DB" "SELECT count(*) FROM audit a JOIN followups f ON f.id=a.row_id WHERE a.tbl='followups' AND a.action='claim' AND f.reason='e2e-pool'")" "1" "one claim audited"
loser=W; [ "$owner" = wang ] && loser=L2
see "$loser" "already taken" "the other agent is told"
finish
