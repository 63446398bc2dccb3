# kefu demo: a usable demo database in one command.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/demo.db
expect 0 "demo --no-console" -- "$KEFU" --db "$DB" --agent boss demo --no-console
n=$(sql 'SELECT count(*) FROM customers')
[ "$n" -ge 400 ] && ok "$n customers" || fail "only $n customers"
equals "$(sql 'PRAGMA journal_mode')" "wal" "WAL"
[ "$(sql 'PRAGMA user_version')" -ge 1 ] && ok "user_version >= 1" || fail "user_version"
for t in customers customer_phones contacts followups complaints agents calls playbooks audit; do
	equals "$(sql "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='$t'")" "1" "table $t"
done
[ "$(sql 'SELECT count(*) FROM contacts')" -ge 1000 ] && ok "contact history" || fail "few contacts"
soon=$(sql "SELECT count(*) FROM followups WHERE owner='boss' AND due_at BETWEEN strftime('%s','now') AND strftime('%s','now') + 120")
[ "$soon" -ge 1 ] && ok "$soon follow-ups due within 2 minutes" || fail "no follow-up due soon"
expect 0 "find 王 --json" -- "$KEFU" --db "$DB" --agent boss customer find 王 --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert any("王" in x["name"] for x in a), a' "$out" \
	&& ok "JSON search result" || fail "find JSON: $out"
expect 0 "demo again reuses" -- "$KEFU" --db "$DB" --agent boss demo --no-console
equals "$(sql 'SELECT count(*) FROM customers')" "$n" "no duplicate demo data"
contains "$err" "reusing" "says reusing"
finish
