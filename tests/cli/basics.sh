# The command line contract: help, usage errors, init, agents.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" --agent boss "$@"; }

expect 0 "--help" -- "$KEFU" --help
contains "$out" "customer add" "help lists commands"
expect 0 "--version" -- "$KEFU" --version
contains "$out" "kefu 0." "version printed"
expect 0 "command --help" -- "$KEFU" followup add --help
contains "$out" "--due" "followup add help names --due"
expect 2 "unknown command" -- "$KEFU" frobnicate
contains "$err" "unknown command" "says unknown command"
expect 2 "unknown option" -- "$KEFU" customer find x --colour
expect 2 "missing argument" -- "$KEFU" customer show
expect 2 "option without value" -- "$KEFU" customer add --name

expect 1 "no database yet" -- k customer find x
contains "$err" "kefu init" "suggests kefu init"
expect 0 "init" -- k init
contains "$out" "boss is a supervisor" "init registers the supervisor"
equals "$(sql 'PRAGMA journal_mode')" "wal" "journal is WAL"
equals "$(sql "SELECT role FROM agents WHERE login='boss'")" "supervisor" "boss is supervisor"
expect 0 "init again is harmless" -- k init

# global options after the command
expect 0 "agent add with options after" -- "$KEFU" agent add li --role agent --name 李娜 --db "$DB" --agent boss
expect 1 "agent cannot add agents" -- "$KEFU" --db "$DB" --agent li agent add wang
contains "$err" "only a supervisor" "clear refusal"
expect 1 "unregistered agent refused" -- "$KEFU" --db "$DB" --agent ghost customer find x
contains "$err" "not registered" "says not registered"
expect 1 "bad role" -- k agent add wang --role god
expect 1 "duplicate agent" -- k agent add li
expect 0 "agent list --json" -- k agent list --json
python3 -c 'import json,sys; a=json.loads(sys.argv[1]); assert [x["login"] for x in a]==["boss","li"], a' "$out" \
	&& ok "agents JSON" || fail "agents JSON: $out"

# KEFU_DB and the XDG default
expect 0 "KEFU_DB is honoured" -- env KEFU_DB="$DB" "$KEFU" --agent boss agent list
expect 0 "XDG default: init creates directories" -- "$KEFU" --agent boss init
[ -f "$XDG_DATA_HOME/kefu/kefu.db" ] && ok "default path used" || fail "no $XDG_DATA_HOME/kefu/kefu.db"
finish
