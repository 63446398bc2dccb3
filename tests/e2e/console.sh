# The agent console in a real terminal: search, pop, log, drafts, resize,
# hostile data, and nothing lost across a restart.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/demo.db
"$KEFU" --db "$DB" --agent boss demo --no-console 2>/dev/null || fail "demo"
K=("$KEFU" --db "$DB" --agent boss)

start c 120x40 "${K[@]}"
# The demo has follow-ups that fell due "while away": they come first.
see c "Fell due while you were away" "start-up batch of missed follow-ups"
keys c Escape
wait_gone c "Fell due while you were away"
see c "Profile" "console starts with the Profile pane"
see c "History" "History pane"
see c "Script" "Script pane"

# Search a Chinese name as you type and open it.
keys c /
see c "Search customers" "search opens"
typ c "黄强"
see c "158-8971-1658" "黄强 found while typing"
keys c Enter
see c "[key]" "profile of 黄强 open with its segment badge"
see c "History (" "history shown"

# Pop by a phone number typed with spaces and a country code.
keys c p
see c "Pop by phone" "pop prompt"
typ c "+86 138 0013 8000"
keys c Enter
see c "王永庆" "popped 王永庆 by +86 138 0013 8000"

# Log a contact: notes first, then reason, disposition, outcome, follow-up.
keys c l
see c "Log contact: 王永庆" "log form"
typ c "客户说米快吃完了 e2e-note-1"
keys c Tab; typ c "送米"
keys c Tab; typ c "s"
keys c Tab; typ c "1"
keys c Tab; typ c "+2d"
keys c C-s
see c "Contact saved." "saved with Ctrl-S"
see c "e2e-note-1" "the note is at the top of History"
n=$("${K[@]}" contact list 13800138000 --json | python3 -c 'import json,sys; a=json.load(sys.stdin); k=a[0]; print(k["notes"], k["disposition"], k["outcome"], k["reason"])')
equals "$n" "客户说米快吃完了 e2e-note-1 sale delighted 送米" "the contact is in the database"
# The pop was a call: answered by boss, ended when the contact was logged.
equals "$(sqlite3 "$DB" "SELECT k.agent || ' ' || (k.ended_at IS NOT NULL) FROM contacts c JOIN calls k ON k.id = c.call_id WHERE c.notes LIKE '%e2e-note-1'")" "boss 1" "the popped call is recorded and ended"
equals "$(sqlite3 "$DB" "SELECT state FROM agents WHERE login='boss'")" "available" "available again after logging"
due=$(sqlite3 "$DB" "SELECT count(*) FROM followups f JOIN customers c ON c.id=f.customer_id WHERE c.name='王永庆' AND f.due_at > strftime('%s','now') + 86400")
[ "$due" -ge 1 ] && ok "follow-up scheduled with the contact" || fail "no follow-up +2d"

# Esc keeps a draft that reopens next time.
keys c l
see c "Log contact" "log form again"
typ c "half-typed draft text"
keys c Escape
see c "Draft kept" "Esc says the draft is kept"
wait_gone c "Log contact: 王永庆"
keys c l
see c "half-typed draft text" "the draft reopens"
keys c Escape

# Another process logs a contact for the customer on screen: it appears.
"${K[@]}" contact log 13800138000 --disposition info --notes "from-another-process" >/dev/null
see c "from-another-process" "a contact logged elsewhere shows up in History" 2

# Resize to 40x10 and back: a clear message, then the screen again.
tm resize-window -t c -x 40 -y 10
see c "terminal too small" "tiny terminal message"
tm resize-window -t c -x 120 -y 40
see c "王永庆" "back to the console after enlarging"
tm resize-window -t c -x 1 -y 1
sleep 0.3
tm resize-window -t c -x 120 -y 40
see c "Profile" "survives 1x1"

# Resizing while a form is open keeps the typed text.
keys c f
see c "Follow-up: 王永庆" "follow-up form"
keys c Tab; typ c "keep-me-across-resize"
tm resize-window -t c -x 100 -y 30
see c "keep-me-across-resize" "text kept across resize"
keys c Escape

# A follow-up from the console, with two warnings before it is due.
keys c f
see c "Follow-up: 王永庆" "follow-up form again"
keys c C-u; typ c "+2d"
keys c Tab C-u; typ c "warn-test 回访"
keys c Tab Tab Tab; typ c "15m, 1d"
keys c C-s
see c "Follow-up scheduled." "follow-up saved"
equals "$(sqlite3 "$DB" "SELECT group_concat(w.before_secs) FROM followup_warnings w JOIN followups f ON f.id = w.followup_id WHERE f.reason = 'warn-test 回访' ORDER BY 1")" "900,86400" "its warnings are stored"

# An unknown number offers to create the customer with it prefilled.
keys c p
typ c "139 1111 2222"
keys c Enter
see c "Create one?" "offers to create"
keys c y
see c "New customer" "new customer form"
see c "139 1111 2222" "phone prefilled"
typ c "新客户甲"
keys c C-s
see c "Profile saved." "new customer saved"
[ "$("${K[@]}" customer show 13911112222 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')" = "新客户甲" ] \
	&& ok "created in the database" || fail "new customer not in the database"

keys c q
see c "Quit? (y/n)" "q asks first while drafts are kept"
keys c y
see c "[kefu exited] 0" "q quits cleanly"
tm kill-session -t c

# Restart: the contact is still there.
start c2 120x40 "${K[@]}"
see c2 "Profile" "restarted"
sleep 0.5
screen c2 | grep -qF "Fell due while you were away" && keys c2 Escape
keys c2 /; typ c2 "王永庆"; keys c2 Enter
see c2 "e2e-note-1" "the contact survives a restart"
keys c2 q
finish
