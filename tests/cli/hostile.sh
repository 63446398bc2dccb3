# Hostile databases: not SQLite, another program's, newer schema, no dir.
. "$KEFU_SRC/tests/lib.sh"
k() { "$KEFU" --agent boss "$@"; }

printf 'hello, I am a text file and not a database at all %0200d\n' 0 > "$T/text.db"
expect 1 "not a database" -- k --db "$T/text.db" customer find x
contains "$err" "not a kefu database" "says not a kefu database"
sqlite3 "$T/other.db" 'CREATE TABLE notes(x); INSERT INTO notes VALUES (1);'
expect 1 "another program's database" -- k --db "$T/other.db" init
equals "$(sqlite3 "$T/other.db" 'SELECT count(*) FROM sqlite_schema')" "1" "left untouched"
expect 1 "missing directory" -- k --db "$T/no/such/dir/k.db" init
contains "$err" "does not exist" "says directory does not exist"
k --db "$T/k.db" init >/dev/null
sqlite3 "$T/k.db" 'PRAGMA user_version = 999'
expect 1 "newer schema" -- k --db "$T/k.db" customer find x
contains "$err" "newer than this kefu" "says newer"
equals "$(sqlite3 "$T/k.db" 'PRAGMA user_version')" "999" "never downgraded"
mkdir "$T/dir.db"
expect 1 "a directory as database" -- k --db "$T/dir.db" init
expect 1 "console without a terminal" -- k --db "$T/k.db" </dev/null

# A database edited by hand: escape sequences in columns that are checked
# on write still never reach the terminal raw.
k --db "$T/h.db" init >/dev/null
k --db "$T/h.db" agent add li >/dev/null
sqlite3 "$T/h.db" "UPDATE agents SET state = char(27) || '[2Jgone', heartbeat = strftime('%s', 'now') WHERE login = 'li'"
expect 0 "agents on a tampered database" -- k --db "$T/h.db" agents
lacks "$out" "$(printf '\033')" "no raw ESC from the state column"
contains "$out" "^[[2Jgone" "shown visibly instead"
finish
