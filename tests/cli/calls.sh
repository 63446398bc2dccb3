# Calls from a dialplan, replayed with known --at times: the figures must be
# exactly what we compute here by hand. Out-of-order events are refused.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" "$@"; }
k --agent boss init >/dev/null
k --agent boss agent add li
k --agent boss agent add wang
k --agent boss customer add --name 王永庆 --phone 13800138000 --segment vip >/dev/null

day=$(date -d yesterday +%F)
at() { echo "${day}T$1+08:00"; }

# 1: answered after 10 s, talk 180 s, wrap-up 30 s.
c1=$(k --agent boss call offer 13800138000 --at "$(at 10:00:00)")
# 2: answered after 30 s (late), talk 240 s, no wrap-up recorded.
c2=$(k --agent boss call offer 13900000002 --at "$(at 10:01:00)")
# 3: abandoned after 15 s (within 20 s).
c3=$(k --agent boss call offer 13900000003 --at "$(at 10:02:00)")
# 4: abandoned after 40 s.
c4=$(k --agent boss call offer 13900000004 --at "$(at 10:03:00)")
# 5: answered after 5 s, talk 120 s.
c5=$(k --agent boss call offer 13900000005 --at "$(at 10:04:00)")
expect 0 "answer 1" -- k --agent li call answer "$c1" --at "$(at 10:00:10)"
equals "$(sql "SELECT state FROM agents WHERE login='li'")" "on_call" "answering puts li on a call"
expect 0 "answer 2" -- k --agent wang call answer "$c2" --at "$(at 10:01:30)"
expect 0 "abandon 3" -- k --agent boss call abandon "$c3" --at "$(at 10:02:15)"
expect 0 "end 1" -- k --agent boss call end "$c1" --at "$(at 10:03:10)"
equals "$(sql "SELECT state FROM agents WHERE login='li'")" "wrap_up" "ending puts li in wrap-up"
expect 0 "li available ends wrap-up" -- k --agent li agent state li available --at "$(at 10:03:40)"
equals "$(sql "SELECT state FROM agents WHERE login='li'")" "available" "li available"
expect 0 "abandon 4" -- k --agent boss call abandon "$c4" --at "$(at 10:03:40)"
expect 0 "answer 5" -- k --agent li call answer "$c5" --at "$(at 10:04:05)"
expect 0 "end 2" -- k --agent boss call end "$c2" --at "$(at 10:05:30)"
expect 0 "end 5" -- k --agent boss call end "$c5" --at "$(at 10:06:05)"
equals "$(sql "SELECT customer_id FROM calls WHERE id=$c1")" "1" "caller matched to the customer"

# Out of order: refused, audited, figures unchanged.
expect 1 "answer an abandoned call" -- k --agent li call answer "$c3"
contains "$err" "abandoned" "says abandoned"
expect 1 "end a call never answered" -- k --agent boss call end "$c4"
expect 1 "end twice" -- k --agent boss call end "$c1"
expect 1 "unknown call" -- k --agent boss call end 999
contains "$err" "no such call" "says no such call"
c6=$(k --agent boss call offer 13900000006 --at "$(at 11:00:00)")
expect 1 "answered before offered" -- k --agent li call answer "$c6" --at "$(at 10:59:00)"
expect 0 "abandon 6" -- k --agent boss call abandon "$c6" --at "$(at 11:00:50)"
[ "$(sql "SELECT count(*) FROM audit WHERE tbl='calls' AND action='refused'")" -ge 5 ] \
	&& ok "refusals audited" || fail "refusals not audited"

# By hand (threshold 20 s), calls 1-6:
#   offered 6, answered 3 (1, 2, 5), abandoned 3 (3, 4, 6)
#   answered within 20 s: 1 (10 s), 5 (5 s) = 2      SL  = 2/3 = 66.67
#   abandoned within 20 s: 3 (15 s) = 1              SL2 = (2+1)/(3+3) = 50
#   abandon % = 3/6 = 50; ASA = (10 + 30 + 5)/3 = 15
#   AHT = ((180 + 30) + 240 + 120) / 3 = 190
expect 0 "stats --json" -- k --agent boss stats --since "$day 00:00" --json
python3 - "$out" <<'PY' && ok "figures equal the hand computation" || fail "figures: $out"
import json, sys
s = json.loads(sys.argv[1])
want = {"offered": 6, "answered": 3, "abandoned": 3, "sl": 66.67, "sl2": 50.0,
        "abandon_pct": 50.0, "asa": 15.0, "aht": 190.0, "threshold": 20}
bad = {k: (s[k], v) for k, v in want.items() if s[k] != v}
assert not bad, bad
assert s["erlang"]["occupancy_capped"] in (True, False)
PY
expect 0 "stats text" -- k --agent boss stats --since "$day 00:00"
contains "$out" "66.7%" "SL in the text form"
contains "$out" "Erlang C" "Erlang C line"

# Supervisors only.
expect 1 "agent cannot see stats" -- k --agent li stats
contains "$err" "for supervisors" "clear refusal"
expect 1 "agent cannot list agents" -- k --agent li agents
expect 0 "agents --json" -- k --agent boss agents --json
python3 -c 'import json,sys; a={x["login"]:x for x in json.loads(sys.argv[1])}; assert set(a)=={"boss","li","wang"}' "$out" \
	&& ok "agents listed" || fail "agents JSON: $out"

# States and pauses.
expect 1 "pause needs a reason" -- k --agent li agent state li paused
expect 0 "pause for lunch" -- k --agent li agent state li paused --reason lunch
equals "$(sql "SELECT state || '/' || state_reason FROM agents WHERE login='li'")" "paused/lunch" "paused with reason"
expect 1 "an agent cannot pause another" -- k --agent li agent state wang paused --reason break
expect 0 "a supervisor can" -- k --agent boss agent state wang paused --reason meeting
expect 0 "message" -- k --agent boss agent message li "请到会议室"
expect 1 "agents cannot message" -- k --agent li agent message wang hi
finish
