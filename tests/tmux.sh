# tests/tmux.sh — drive the real kefu binary in a detached tmux session
# on a private socket, and look at the screen as a person would.
. "$KEFU_SRC/tests/lib.sh"
command -v tmux >/dev/null || { echo "tmux missing"; exit 1; }
SOCK="kefu-e2e-$$"
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null; rc=$?; [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$T"' EXIT
# The e2e tests need a UTF-8 terminal for CJK.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color

# start_console NAME COLSxROWS CMD...: a session running CMD.
start() {
	local name=$1 size=$2; shift 2
	local cmd
	cmd=$(printf '%q ' "$@")
	tm new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
		"env KEFU_LOCALEDIR='$KEFU_LOCALEDIR' $cmd; echo '[kefu exited]' \$?; sleep 600"
}
screen() { tm capture-pane -p -t "$1"; }
keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; }
# type literal text (no key names)
typ() { tm send-keys -t "$1" -l "$2"; }
# wait_for SESSION TEXT [SECONDS]: until TEXT is on screen
wait_for() {
	local s=$1 text=$2 limit=${3:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen "$s" | grep -qF -- "$text" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
wait_gone() {
	local s=$1 text=$2 limit=${3:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		screen "$s" | grep -qF -- "$text" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
see() {		# see SESSION TEXT DESCRIPTION [SECONDS]
	if wait_for "$1" "$2" "${4:-5}"; then ok "$3"; else
		fail "$3: '$2' not on screen:"; screen "$1" >&2; fi
}
not_see() {
	if screen "$1" | grep -qF -- "$2"; then
		fail "$3: '$2' on screen"; screen "$1" >&2; else ok "$3"; fi
}
