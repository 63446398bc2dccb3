# Customers, contacts and follow-ups through the command line.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" --agent boss "$@"; }
k init >/dev/null || fail "init"

expect 0 "add customer" -- k customer add --name 王永庆 --phone "+86 138-0013-8000" --phone "010-6552 9988" --segment vip --household "家里4口人" --cycle 30 --spend 3600 --first-purchase 2020-03-01
id=$out
equals "$id" "1" "prints the new id"
for p in "+86 138-0013-8000" 13800138000 008613800138000 "138 0013 8000" 01065529988; do
	expect 0 "show by phone $p" -- k customer show "$p"
	contains "$out" "王永庆" "found by $p"
done
expect 0 "show --json" -- k customer show 1 --json
python3 - "$out" <<'PY' && ok "profile JSON" || fail "profile JSON: $out"
import json, sys
c = json.loads(sys.argv[1])
assert c["name"] == "王永庆" and c["segment"] == "vip", c
assert c["phones"][0]["e164"] == "+8613800138000"
assert c["lifetime_value"] >= 360000 * 6, c["lifetime_value"]
PY
expect 1 "unknown customer" -- k customer show 123
equals "$err" "kefu: customer '123' not found" "one clear line"
expect 1 "malformed phone" -- k customer add --name X --phone "call me"
contains "$err" "invalid phone" "says invalid phone"
expect 1 "no phone" -- k customer add --name X
expect 1 "bad segment" -- k customer add --name X --phone 13900139000 --segment god
expect 1 "non-UTF-8 name" -- k customer add --name "$(printf 'bad\xff')" --phone 13900139000
contains "$err" "UTF-8" "says UTF-8"
equals "$(sql 'SELECT count(*) FROM customers')" "1" "nothing half-written"

k customer add --name "Emily Chen" --phone "+1 415 555 2671" --notes "prefers email" >/dev/null
k customer add --name 王芳 --phone 13900002222 >/dev/null
expect 0 "find 王 --json" -- k customer find 王 --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert sorted(x["name"] for x in a)==["王永庆","王芳"], a' "$out" \
	&& ok "find 王 returns both" || fail "find 王: $out"
expect 0 "find by phone fragment" -- k customer find 2671
contains "$out" "Emily Chen" "fragment finds Emily"
expect 0 "find nothing" -- k customer find zzzz
equals "$out" "" "no output for no match"

expect 0 "log contact" -- k contact log 13800138000 --disposition resolved --notes "米快吃完了，下周送货" --outcome delighted --reason 送米
expect 0 "contact list --json" -- k contact list 1 --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert a[0]["notes"].startswith("米快") and a[0]["outcome"]=="delighted", a' "$out" \
	&& ok "contact stored" || fail "contact JSON: $out"
expect 1 "bad disposition" -- k contact log 1 --disposition maybe
expect 1 "bad channel" -- k contact log 1 --disposition resolved --channel pigeon
expect 2 "disposition needs a value" -- k contact log 1 --disposition

# Control characters in data never reach the terminal raw.
k customer add --name "$(printf 'Evil\033]2;pwned\007')" --phone 13700137000 --notes "$(printf 'x\033[2Jy')" >/dev/null
expect 0 "show evil" -- k customer show 13700137000
lacks "$out" "$(printf '\033')" "no raw ESC in output"
contains "$out" "^[]2;pwned^G" "ESC shown visibly"

expect 0 "followup add +5m" -- k followup add 1 --due +5m --reason "回访"
fid=$out
expect 0 "followup list" -- k followup list --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert a[0]["reason"]=="回访" and a[0]["owner"]=="boss", a' "$out" \
	&& ok "follow-up listed" || fail "follow-up JSON: $out"
expect 0 "nothing due yet" -- k followup list --due
equals "$out" "" "not due"
expect 1 "past due refused" -- k followup add 1 --due "2020-01-01 10:00"
contains "$err" "past" "says past"
expect 0 "past ok for imports" -- k followup add 1 --due "2020-01-01 10:00" --overdue-ok
expect 0 "overdue list" -- k followup list --overdue
contains "$out" "2020-01-01 10:00" "overdue shown"
expect 1 "unparsable due" -- k followup add 1 --due "next tuesday-ish"
expect 1 "unknown owner" -- k followup add 1 --due +1h --owner ghost
expect 0 "pool owner" -- k followup add 1 --due +1h --owner pool
expect 0 "recurring" -- k followup add 1 --due 2026-12-30T10:00:00+08:00 --every 30
expect 0 "done" -- k followup done "$fid"
expect 1 "done twice" -- k followup done "$fid"
contains "$err" "already done" "says already done"
finish
