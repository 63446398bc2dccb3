# Two agents and a supervisor on one database: the supervisor's queue pane
# follows an agent's pause within a second; agents cannot open it.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" "$@"; }
k --agent boss init >/dev/null
k --agent boss agent add li --name 李娜
k --agent boss agent add wang --name 王伟
k --agent boss customer add --name 王永庆 --phone 13800138000 --segment vip >/dev/null

start S 120x40 "$KEFU" --db "$DB" --agent boss
start L 120x40 "$KEFU" --db "$DB" --agent li
start W 120x40 "$KEFU" --db "$DB" --agent wang
see S "boss (boss)" "supervisor console"
see L "李娜 (li)" "li's console"
see W "王伟 (wang)" "wang's console"

# An agent pressing Q is refused, and the refusal is audited.
keys W Q
see W "for supervisors only" "agent refused the queue pane"
equals "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE agent='wang' AND action='refused'")" "1" "refusal audited"

keys S Q
see S "Waiting (0)" "queue pane open"
see S "li           available" "li available on the queue pane"

# li pauses for lunch: the supervisor sees it within a second.
keys L P
see L "lunch" "pause reasons offered"
keys L 2
t0=$(date +%s.%N)
if wait_for S "li           paused" 3; then
	dt=$(python3 -c "print(round($(date +%s.%N) - $t0, 3))")
	python3 -c "import sys; sys.exit(0 if $dt <= 1.0 else 1)" \
		&& ok "supervisor saw the pause after ${dt}s" || fail "pause seen after ${dt}s (> 1 s)"
else
	fail "pause never seen"; screen S >&2
fi
see L "paused" "li's own top bar says paused"
equals "$(sqlite3 "$DB" "SELECT state_reason FROM agents WHERE login='li'")" "lunch" "reason recorded"

# A call offered by the dialplan shows as waiting, VIP marked.
id=$(k --agent boss call offer "+86 138 0013 8000")
see S "★VIP 王永庆" "VIP caller waiting"
k --agent wang call answer "$id" >/dev/null
see S "wang         on call" "wang on a call"
see W "on call" "wang's top bar follows the call"
wait_gone S "★VIP 王永庆" 3 && ok "no longer waiting" || fail "still waiting"

# The supervisor messages li (selected with j) and forces wang to pause.
keys S g
n=$(screen S | awk '/Agents/{top=NR} / li  /{print NR-top-1; exit}')
keys S k k k
for _ in $(seq 1 "$n"); do keys S j; done
keys S m
typ S "请到会议室"
keys S Enter
see L "Message from boss: 请到会议室" "li got the message"
equals "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE action='message'")" "1" "message audited"
keys S j
keys S p
see S "wang paused." "supervisor paused wang"
equals "$(sqlite3 "$DB" "SELECT state FROM agents WHERE login='wang'")" "paused" "wang paused in the database"
finish
