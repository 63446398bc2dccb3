# Playbooks from the command line: check, import (all or nothing), list,
# show, and hostile files that must give located errors, never a crash.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" --agent boss "$@"; }
P=$KEFU_SRC/playbooks

expect 0 "shipped playbooks pass check" -- k playbook check "$P"/*.playbook
contains "$out" "complaint-zh.playbook: ok" "check names each file"
awk '/^## Example/{f=1} f&&/^```$/{n++; next} f&&n==1{print}' "$KEFU_SRC/docs/playbooks.md" >"$T/example.playbook"
expect 0 "the example in docs/playbooks.md passes check" -- k playbook check "$T/example.playbook"

# Malformed files: every error as FILE:LINE:COL: message, exit 1.
printf 'playbook: x\nversion: 1\ntitle: t\nstage: explore\nstep: a\nsay: Hi {customer.nmae}\nstep: a\nsay: again\nstage: do\nstep: b\nask: q\nchoice: k = K -> nowhere\nstage: offer\n' >"$T/bad.playbook"
expect 1 "a bad playbook fails check" -- k playbook check "$T/bad.playbook"
contains "$err" "$T/bad.playbook:6:9: unknown variable '{customer.nmae}'" "unknown variable located"
contains "$err" "$T/bad.playbook:7:7: duplicate step id 'a'" "duplicate id located"
contains "$err" "$T/bad.playbook:9:8: expected 'stage: offer' before 'stage: do'" "stage skipped located"
contains "$err" "$T/bad.playbook:12:18: no step 'nowhere'" "missing branch target located"
contains "$err" "$T/bad.playbook:13:8: stage 'offer' out of order" "stage out of order located"
contains "$err" "missing 'stage: confirm'" "missing confirm stage"

: >"$T/empty.playbook"
expect 1 "empty file" -- k playbook check "$T/empty.playbook"
contains "$err" "empty.playbook:1:1: empty playbook" "empty file located"
head -c 3000 /dev/urandom >"$T/garbage.playbook"
expect 1 "binary garbage" -- k playbook check "$T/garbage.playbook"
contains "$err" "garbage.playbook:1:" "garbage gives a located error"
head -c 10485760 /dev/zero | tr '\0' 'a' >"$T/huge.playbook"
expect 1 "10 MB file" -- k playbook check "$T/huge.playbook"
contains "$err" "huge.playbook:1:1: file too large" "huge file refused with a location"
python3 -c 'import sys; sys.stdout.write("step: a\n" + "{" * 100000 + "\n")' >"$T/nested.playbook"
expect 1 "deeply nested braces" -- k playbook check "$T/nested.playbook"
contains "$err" "nested.playbook:1:1: 'step:' before any stage" "nesting gives located errors"
printf 'playbook: x\nversion: 1\ntitle: caf\xe9\n' >"$T/latin1.playbook"
expect 1 "invalid UTF-8" -- k playbook check "$T/latin1.playbook"
contains "$err" "latin1.playbook:3:11: invalid UTF-8 (byte 0xE9)" "invalid UTF-8 located"

# A BOM and Windows line ends load.
{ printf '\xef\xbb\xbf'; sed 's/$/\r/' "$P/complaint-en.playbook"; } >"$T/crlf.playbook"
expect 0 "BOM + CRLF loads" -- k playbook check "$T/crlf.playbook"

# Import: all or nothing, supervisors only, versions immutable.
k init >/dev/null
k agent add li >/dev/null
expect 1 "import refuses if any file is bad" -- k playbook import "$P/complaint-zh.playbook" "$T/bad.playbook"
contains "$err" "nothing imported" "says nothing was imported"
equals "$(sql 'SELECT count(*) FROM playbooks')" 0 "no partial import"
expect 1 "agents cannot import" -- "$KEFU" --db "$DB" --agent li playbook import "$P/complaint-zh.playbook"
expect 0 "import the shipped playbooks" -- k playbook import "$P"/*.playbook
contains "$out" "imported complaint-zh version 1" "import reports each"
equals "$(sql 'SELECT count(*) FROM playbooks')" 8 "eight stored"
equals "$(sql "SELECT source FROM playbooks WHERE name = 'care-zh'")" "$(cat "$P/care-zh.playbook")" "the source is stored exactly"
expect 0 "import again is a no-op" -- k playbook import "$P/complaint-zh.playbook"
contains "$out" "unchanged complaint-zh version 1" "unchanged reported"
sed 's/给我们改进的机会/给我们修复的机会/' "$P/complaint-zh.playbook" >"$T/changed.playbook"
expect 1 "changed text under the same version refused" -- k playbook import "$T/changed.playbook"
contains "$err" "raise 'version:'" "says to raise the version"
sed 's/^version: 1/version: 2/' "$T/changed.playbook" >"$T/v2.playbook"
expect 0 "a new version imports" -- k playbook import "$T/v2.playbook"
contains "$out" "imported complaint-zh version 2" "version 2 stored"

expect 0 "list" -- k playbook list
contains "$out" "complaint-zh	2" "list shows version 2"
contains "$out" "complaint-zh	1" "list keeps version 1"
expect 0 "list --json" -- k playbook list --json
n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
equals "$n" 9 "nine versions in JSON"
expect 0 "show the newest" -- k playbook show complaint-zh
contains "$out" "给我们修复的机会" "show prints the newest text"
expect 0 "show NAME@1 --json" -- k playbook show complaint-zh@1 --json
v=$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); s=j["steps"]; print(j["version"], s[0]["id"], s[0]["choices"][1]["goto"], [x["id"] for x in s if x["confirm"]][0])')
equals "$v" "1 thank calm-down confirm" "show --json has the steps and branches"
expect 1 "show a missing playbook" -- k playbook show nosuch
finish
