#!/usr/bin/env bash
# bench/idle.sh — how often an idle console wakes up: build/kefu on DB as
# AGENT in a detached tmux, left alone, its epoll waits counted with strace
# for SECONDS, and the CPU it used.  Reports figures; not a pass/fail test.
#
#   bench/idle.sh DB [AGENT] [SECONDS]     (KEFU=path/to/kefu, default build/kefu)
#
# Every return from epoll_wait is one wake-up of the loop (timer, input,
# the WAL watch); issue 4 asks for at most one per second.
set -u
DB=${1:?usage: bench/idle.sh DB [AGENT] [SECONDS]}
AGENT=${2:-a001}
SECS=${3:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEFU=${KEFU:-$ROOT/build/kefu}
SOCK=benchidle
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -f /tmp/bench-idle.$$' EXIT
tm kill-server 2>/dev/null

[ -f "$DB" ] || { echo "idle.sh: no database $DB" >&2; exit 1; }
command -v tmux >/dev/null || { echo "idle.sh: tmux missing" >&2; exit 1; }
command -v strace >/dev/null || { echo "idle.sh: strace missing" >&2; exit 1; }

tm new-session -d -s idle -x 120 -y 40 "exec '$KEFU' --db '$DB' --agent '$AGENT'"
tm set -g status off
for _ in $(seq 1 100); do
	[[ $(tm capture-pane -p -t idle) == *Profile* ]] && break
	sleep 0.2
done
PID=$(tm display -p -t idle '#{pane_pid}')
sleep 3		# let the start-up batch and the first draw settle
ticks0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
timeout -s INT "$SECS" strace -f -c -e trace=epoll_wait,epoll_pwait \
	-o /tmp/bench-idle.$$ -p "$PID" 2>/dev/null
ticks1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
CALLS=$(awk '$NF ~ /^epoll/ { c += $4 } END { print c + 0 }' /tmp/bench-idle.$$)
awk -v c="$CALLS" -v s="$SECS" -v a="$AGENT" -v t=$((ticks1 - ticks0)) \
    -v hz="$(getconf CLK_TCK)" 'BEGIN {
	printf "idle console (--agent %s): %d epoll waits in %d s = %.2f wakeups/s,", a, c, s, c / s
	printf " CPU %.2f%% of one core\n", 100 * t / hz / s
}'
