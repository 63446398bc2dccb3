# tests/lib.sh — helpers for the shell tests that run the real binary.
# Each test script: `. "$KEFU_SRC/tests/lib.sh"`, then calls; exit status is
# the verdict (any failed check makes it 1).
set -u
: "${KEFU:?run through meson test}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kefu-sh-XXXXXX")
trap 'rc=$?; [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$T"; exit $rc' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config"
export XDG_STATE_HOME="$T/state" TZ=Asia/Shanghai LC_ALL=C.UTF-8
mkdir -p "$HOME"
unset KEFU_DB KEFU_NOW
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

# run CMD...: sets $out, $err, $rc
run() {
	out=$("$@" 2>"$T/stderr"); rc=$?
	err=$(cat "$T/stderr")
}
# expect RC DESCRIPTION -- CMD...
expect() {
	local want=$1 what=$2; shift 3
	run "$@"
	if [ "$rc" = "$want" ]; then ok "$what"; else
		fail "$what: exit $rc, wanted $want; stdout: $out; stderr: $err"; fi
}
contains() {	# contains HAYSTACK NEEDLE DESCRIPTION
	case "$1" in *"$2"*) ok "$3" ;; *) fail "$3: '$2' not in: $1" ;; esac
}
lacks() {
	case "$1" in *"$2"*) fail "$3: '$2' found in: $1" ;; *) ok "$3" ;; esac
}
equals() {
	if [ "$1" = "$2" ]; then ok "$3"; else fail "$3: got '$1', wanted '$2'"; fi
}
sql() { sqlite3 -batch -noheader "$DB" "$@"; }
finish() {
	if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
	exit 0
}
