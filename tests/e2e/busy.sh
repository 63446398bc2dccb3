# A save while another process holds the write lock: the agent is told
# "not saved yet", the text is kept as a draft, and it saves by itself once
# the lock is gone. Nothing typed is lost.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" --agent boss "$@"; }
k init >/dev/null
k customer add --name 王永庆 --phone 13800138000 >/dev/null

start c 120x40 "$KEFU" --db "$DB" --agent boss
see c "Profile" "console"
keys c p; typ c "13800138000"; keys c Enter
see c "王永庆" "customer open"
keys c l
see c "Log contact" "log form"
typ c "locked-db-note 米快吃完了"

# Hold the write lock for 6 s from another process.
python3 - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(6)
c.execute("ROLLBACK")
PY
locker=$!
for _ in $(seq 1 100); do [ -f "$DB.locked" ] && break; sleep 0.05; done
keys c C-s
see c "Not saved yet" "the agent is told it is not saved yet" 3
not_see c "Contact saved." "not claimed as saved while locked"
[ "$(ls "$XDG_STATE_HOME"/kefu/drafts/boss/ 2>/dev/null | wc -l)" -ge 1 ] \
	&& ok "the text is kept as a draft on disk" || fail "no draft on disk"
wait $locker
see c "Contact saved." "saved by itself once the lock is gone" 8
equals "$(sqlite3 "$DB" "SELECT count(*) FROM contacts WHERE notes LIKE 'locked-db-note%'")" "1" "saved exactly once"
[ "$(ls "$XDG_STATE_HOME"/kefu/drafts/boss/ 2>/dev/null | wc -l)" -eq 0 ] \
	&& ok "draft removed after the save" || fail "draft left behind"

# A crash (kill -9) while typing: the text comes back with the form.
keys c l
see c "Log contact" "log form again"
typ c "typed-before-crash 下周送米"
sleep 1.5	# the draft is written within a second of the last key
pane=$(tm display -p -t c '#{pane_pid}')
pkill -9 -P "$pane" -x kefu || fail "no console to kill"
see c "[kefu exited]" "the console died"
tm kill-session -t c
start c2 120x40 "$KEFU" --db "$DB" --agent boss
see c2 "Profile" "restarted after the crash"
keys c2 p; typ c2 "13800138000"; keys c2 Enter
see c2 "王永庆" "customer open again"
keys c2 l
see c2 "typed-before-crash 下周送米" "the text typed before the crash is back"
keys c2 Escape
keys c2 q
finish
