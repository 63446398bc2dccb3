# An agent runs the complaint playbook in the console: the rules offer it,
# a choice key takes a branch, closing as resolved without Confirm is
# stopped, and the contact keeps the playbook version, answers and outcome.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/k.db
K=("$KEFU" --db "$DB" --agent boss)
"${K[@]}" init >/dev/null
"${K[@]}" playbook import "$KEFU_SRC"/playbooks/*.playbook >/dev/null || fail "import"
"${K[@]}" customer add --name "王永庆" --phone 13800138000 --segment vip >/dev/null
# An open complaint makes "complaint" the reason of the next contact.
sql "INSERT INTO complaints (customer_id, owner, opened_at, deadline)
     VALUES (1, 'boss', strftime('%s','now'), strftime('%s','now') + 86400)"

start c 120x40 "${K[@]}"
see c "Profile" "console starts"
keys c p; typ c "13800138000"; keys c Enter
see c "Complaint handling (a complaint is gold) v1" "the complaint playbook is offered by the rules"
see c "> thank" "first step on screen"
see c "Hello 王永庆, this is" "variables filled in"
see c "2 Angry or upset →" "choices on number keys, branch marked"

keys c 2
see c "> calm-down" "choice 2 takes the branch to calm-down"
see c "✓thank:upset" "the finished step is listed with its answer"
keys c n
see c "> listen" "n: the goto back to listen"
keys c 1
see c "> apologise" "answered; the goto leads into Offer"
keys c b
see c "> listen" "b: back one step"
keys c 1
keys c n; keys c n
see c "> propose" "n n: through apologise and own"
keys c 1
see c "> fix" "into Do"
keys c 1
see c "> recovery" "goto recovery"
keys c 1
see c "> gesture" "the value-added step"
see c "[value-added" "value-added is marked"
keys c n
see c "> confirm" "the Confirm question"
see c "1 Better than expected (delighted)" "confirm choices"

# Closing as resolved before Confirm is stopped.
keys c l
see c "Log contact: 王永庆" "log form"
typ c "customer got a replacement"
keys c C-s
see c "'resolved' needs the Confirm step" "resolved without Confirm is refused"
keys c Escape
wait_gone c "Log contact: 王永庆"

keys c 2
see c "> thanks" "satisfied leads to thanks"
keys c l
see c "Log contact: 王永庆" "log form again"
see c "customer got a replacement" "the draft came back"
keys c C-s
see c "Contact saved." "saved once Confirm is done"
see c "> thank" "the next contact starts the script afresh"

# Switching playbooks: s picks the next one by the rules.
keys c s
see c "Playbook: " "s switches playbook"
keys c q
see c "[kefu exited] 0" "q quits cleanly"

row=$(sql "SELECT p.name, p.version, k.disposition, k.outcome, k.playbook_run
           FROM contacts k JOIN playbooks p ON p.id = k.playbook_id")
r=$(printf '%s' "$row" | python3 -c '
import json, sys
name, ver, disp, outcome, run = sys.stdin.read().split("|", 4)
j = json.loads(run)
a = j["answers"]
print(name, ver, disp, outcome, j["playbook"], j["version"], a["thank"],
      a["listen"], a["propose"], j["confirm"], j["left_script"],
      "calm-down" in j["path"], sorted(j["stage_seconds"]))')
equals "$r" "complaint-en 1 resolved satisfied complaint-en 1 upset product replace satisfied False True ['confirm', 'do', 'explore', 'offer']" \
	"the contact holds the playbook version, answers and Confirm result"
finish
