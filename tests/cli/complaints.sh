# Complaints: opened, owned, handed over, resolved once; never dropped.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" "$@"; }
k --agent boss init >/dev/null
k --agent boss agent add li
k --agent boss agent add wang
k --agent boss customer add --name 王芳 --phone 13900002222 >/dev/null

expect 0 "open" -- k --agent li complaint open 13900002222 --category product --summary "米有霉味"
id=$out
expect 1 "bad category" -- k --agent li complaint open 1 --category weather
expect 1 "unknown customer" -- k --agent li complaint open 999
expect 0 "list --json" -- k --agent li complaint list --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert a[0]["summary"]=="米有霉味" and a[0]["owner"]=="li" and a[0]["state"]=="open", a' "$out" \
	&& ok "listed with owner and deadline" || fail "list: $out"
expect 1 "a colleague cannot take it over" -- k --agent wang complaint assign "$id" wang
contains "$err" "belongs to li" "says whose it is"
expect 0 "the owner hands it to the pool" -- k --agent li complaint assign "$id" pool
expect 0 "anyone takes it from the pool" -- k --agent wang complaint assign "$id" wang
expect 0 "a supervisor reassigns" -- k --agent boss complaint assign "$id" li
equals "$(sql "SELECT owner FROM complaints WHERE id=$id")" "li" "owned by li again"
expect 1 "resolve needs a resolution" -- k --agent li complaint resolve "$id"
expect 0 "resolve" -- k --agent li complaint resolve "$id" --resolution "换货并道歉，送一袋新米"
expect 1 "resolve twice" -- k --agent li complaint resolve "$id" --resolution x
expect 1 "assign a resolved one" -- k --agent boss complaint assign "$id" wang
equals "$(sql "SELECT count(*) FROM audit WHERE tbl='complaints' AND action='assign'")" "3" "hand-overs audited"
expect 0 "nothing open" -- k --agent li complaint list
equals "$out" "" "empty list"
finish
