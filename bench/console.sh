#!/usr/bin/env bash
# bench/console.sh — the console on a big database, as a person at a terminal
# sees it: keystroke → screen latency through tmux, first frame, memory and
# idle wakeups.  Reports figures; it is not a pass/fail test.
#
#   bench/console.sh DB [ITERATIONS]        (KEFU=path/to/kefu, default build/kefu)
#
# Latency is measured from just before `tmux send-keys` to the first
# `capture-pane` that shows the change, polling in a tight loop.  Every poll
# is a tmux client round trip, so the median cost of one with nothing to wait
# for (the floor) is measured first and subtracted.  What remains still holds
# tmux's own work (the send-keys client, parsing kefu's output into its grid),
# so it is an upper bound on kefu's own latency.  The poll loop takes CPU from
# a 2-core machine while it runs: quote medians and p99, never one run.
set -u
DB=${1:?usage: bench/console.sh DB [ITERATIONS]}
N=${2:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KEFU=${KEFU:-$ROOT/build/kefu}
SOCK=benchsock
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null' EXIT
tm kill-server 2>/dev/null

[ -f "$DB" ] || { echo "console.sh: no database $DB" >&2; exit 1; }
command -v tmux >/dev/null || { echo "console.sh: tmux missing" >&2; exit 1; }

now_us() { local t=$EPOCHREALTIME; echo $(( ${t/./} )); }
# stats LABEL < values (µs, one a line): n, p50, p99, max in ms
stats() {
	sort -n | awk -v label="$1" '{ v[NR] = $1 }
	END {
		if (NR == 0) { printf "%-28s no samples\n", label; exit }
		p50 = v[int((NR + 1) / 2)]; i = int(NR * 0.99 + 0.999); p99 = v[i > NR ? NR : i]
		printf "%-28s n %3d  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n",
		    label, NR, p50 / 1000, p99 / 1000, v[NR] / 1000
	}'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }

cap() { tm capture-pane -p -t "$1"; }

# A session that keeps the server up between measurements.
tm new-session -d -s hold -x 120 -y 40 'sleep 86400'
tm set -g status off

# start NAME: kefu on the big database in a new 120x40 session.
start() {
	tm new-session -d -s "$1" -x 120 -y 40 \
		"exec '$KEFU' --db '$DB' --agent boss"
}

# floor: a capture-pane round trip (and the match) with nothing changing
: > /tmp/bench-floor.$$
for i in $(seq 1 100); do
	t0=$(now_us)
	s=$(cap hold)
	[[ $s == *NEVER-ON-SCREEN* ]]
	echo $(( $(now_us) - t0 )) >> /tmp/bench-floor.$$
done
FLOOR=$(median < /tmp/bench-floor.$$)

# ---- first frame: process start → "Profile" on screen (median of 10)
: > /tmp/bench-first.$$
for i in $(seq 1 10); do
	t0=$(now_us)
	start "ff$i"
	while :; do
		s=$(cap "ff$i")
		[[ $s == *Profile* ]] && break
		[ $(( $(now_us) - t0 )) -gt 20000000 ] && { echo "first frame: timeout" >&2; break; }
	done
	echo $(( $(now_us) - t0 - FLOOR )) >> /tmp/bench-first.$$
	tm kill-session -t "ff$i"
done

# ---- the console we measure
start con
t0=$(now_us)
until [[ $(cap con) == *Profile* ]]; do
	[ $(( $(now_us) - t0 )) -gt 20000000 ] && { echo "console did not start" >&2; exit 1; }
done
PID=$(tm display -p -t con '#{pane_pid}')
sleep 1
RSS_START=$(ps -o rss= -p "$PID" | tr -d ' ')

# measure FILE KEYS... -- WHAT: send KEYS, poll until WHAT holds, log µs.
# WHAT is "has TEXT", "lacks TEXT" or "line N TEXT" (row N contains TEXT).
measure() {
	local file=$1; shift
	local keys=() s t0 dt
	while [ "$1" != -- ]; do keys+=("$1"); shift; done
	shift
	local how=$1 arg=$2 arg2=${3:-}
	t0=$(now_us)
	tm send-keys -t con "${keys[@]}"
	while :; do
		case $how in
		has) s=$(cap con); [[ $s == *"$arg"* ]] && break ;;
		lacks) s=$(cap con); [[ $s != *"$arg"* ]] && break ;;
		line) s=$(tm capture-pane -p -t con -S "$arg" -E "$arg")
		      [[ $s == *"$arg2"* ]] && break ;;
		esac
		dt=$(( $(now_us) - t0 ))
		if [ "$dt" -gt 10000000 ]; then
			echo "timeout waiting for $how $arg $arg2" >&2
			cap con >&2
			return 1
		fi
	done
	echo $(( $(now_us) - t0 - FLOOR )) >> "$file"
}

# Surnames and given characters the generator uses (bench/names.c).
SUR=(王 李 张 刘 陈 杨 黄 赵 周 吴 徐 孙 马 朱 胡 郭 何 林 罗 高 郑 梁 谢 宋 唐)
GIV=(伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 建)
for f in open c1 c2 close; do : > "/tmp/bench-$f.$$"; done
# The edit line of the search box is row 3 of the 120x40 screen.
for i in $(seq 0 $((N - 1))); do
	a=${SUR[$((i % ${#SUR[@]}))]}
	b=${GIV[$(((i * 7) % ${#GIV[@]}))]}
	measure /tmp/bench-open.$$ / -- has "Search customers" || exit 1
	measure /tmp/bench-c1.$$ -l "$a" -- has "found" || exit 1
	measure /tmp/bench-c2.$$ -l "$b" -- line 3 "$a$b" || exit 1
	measure /tmp/bench-close.$$ Escape -- lacks "Search customers" || exit 1
done
RSS_AFTER=$(ps -o rss= -p "$PID" | tr -d ' ')

# ---- idle: wakeups and CPU over 20 s with nothing happening
IDLE=${IDLE_SECONDS:-20}
sleep 2
ticks0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
STRACE=none
if command -v strace >/dev/null; then
	timeout -s INT "$IDLE" strace -f -c -e trace=epoll_wait,epoll_pwait \
		-o /tmp/bench-strace.$$ -p "$PID" 2>/dev/null
	STRACE=$(awk '$NF ~ /^epoll/ { c += $4 } END { print c + 0 }' /tmp/bench-strace.$$)
else
	sleep "$IDLE"
fi
ticks1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
HZ=$(getconf CLK_TCK)

echo "console on $DB ($(du -m "$DB" | cut -f1) MB), tmux $(tmux -V | cut -d' ' -f2), 120x40, $N iterations"
echo "capture-pane round trip (floor, subtracted below): p50 $(awk -v f="$FLOOR" 'BEGIN { printf "%.2f", f / 1000 }') ms"
stats "first frame (start→Profile)" < /tmp/bench-first.$$
stats "key / → search box" < /tmp/bench-open.$$
stats "1st CJK char → results" < /tmp/bench-c1.$$
stats "2nd CJK char → results" < /tmp/bench-c2.$$
stats "Escape → box closed" < /tmp/bench-close.$$
echo "RSS: $RSS_START kB after start, $RSS_AFTER kB after $((N * 2)) searches"
if [ "$STRACE" != none ]; then
	awk -v c="$STRACE" -v s="$IDLE" 'BEGIN { printf "idle: %d epoll waits in %d s = %.2f wakeups/s", c, s, c / s }'
else
	printf 'idle: strace missing, wakeups not measured'
fi
awk -v t=$((ticks1 - ticks0)) -v hz="$HZ" -v s="$IDLE" \
	'BEGIN { printf ", CPU %.2f%% of one core\n", 100 * t / hz / s }'
rm -f /tmp/bench-*.$$
