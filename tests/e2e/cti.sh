# The softphone link for real: baresip is the agent's phone, sipp the
# customer, all on loopback. A ringing call pops the caller's profile within
# a second, F5 answers, F6 hangs up, and the call is recorded; a caller who
# gives up while it rings is a missed (abandoned) call.
. "$KEFU_SRC/tests/tmux.sh"
for p in baresip sipp python3; do
	command -v "$p" >/dev/null || { echo "SKIP: $p missing (tools/bootstrap --test)"; exit 77; }
done
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; tm kill-server 2>/dev/null; [ "${KEEP_TMP:-0}" = 1 ] || rm -rf "$T"' EXIT
SIPDATA=$KEFU_SRC/tests/data/sip

# Forty free ports (TCP and UDP) from a base that depends on our PID.
BASE=$(python3 - "$$" <<'EOF'
import socket, sys
def free(p):
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            return False
        finally:
            s.close()
    return True
start = int(sys.argv[1]) % 400
for i in range(400):
    base = 20000 + ((start + i) % 400) * 100
    if all(free(base + k) for k in range(40)):
        print(base)
        break
EOF
)
[ -n "$BASE" ] || { echo "no free ports"; exit 1; }
SIP=$BASE CTRL=$((BASE + 2))

mkdir -p "$T/baresip"
cat >"$T/baresip/config" <<EOF
poll_method		epoll
net_interface		127.0.0.1
sip_listen		127.0.0.1:$SIP
call_local_timeout	120
call_max_calls		1
audio_buffer		200
audio_path		/usr/share/baresip
audio_player		aubridge,nil
audio_alert		aubridge,nil
audio_source		ausine,440
ausrc_srate		48000
ausrc_channels		2
audio_level		no
rtp_ports		$((BASE + 20))-$((BASE + 39))
rtcp_mux		no
jitter_buffer_delay	5-10
rtp_stats		no
module_path		/usr/lib/baresip/modules
module			g711.so
module			ausine.so
module			aubridge.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$CTRL
EOF
echo "<sip:agent1@127.0.0.1:$SIP>;regint=0;answermode=manual;audio_codecs=pcmu,pcma" >"$T/baresip/accounts"
: >"$T/baresip/contacts"
baresip -f "$T/baresip" -t 120 </dev/null >"$T/baresip.log" 2>&1 &
PIDS="$PIDS $!"
up=0
for _ in $(seq 100); do
	if python3 -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' "$CTRL" 2>/dev/null; then
		up=1; break; fi
	sleep 0.05
done
[ "$up" = 1 ] || { fail "baresip's ctrl_tcp never listened"; cat "$T/baresip.log" >&2; finish; }

# sipp_call NAME SCENARIO CALLER PORT [ARGS...]: a customer calls agent1.
sipp_call() {
	local name=$1 scen=$2 caller=$3 port=$4; shift 4
	(cd "$T" && exec sipp -sf "$SIPDATA/$scen" -key caller "$caller" \
		-key cname "$name" -s agent1 "127.0.0.1:$SIP" -i 127.0.0.1 \
		-p "$port" -mi 127.0.0.1 -mp $((port + 2)) -m 1 -nostdin \
		-recv_timeout 20000 -timeout 25 -trace_msg \
		-message_file "$T/$name.msg" -trace_err -error_file "$T/$name.err" \
		"$@" >"$T/$name.out" 2>&1)
}
# wait_pid PID SECONDS: until the process is gone; its exit status.
wait_pid() {
	local i=0
	while kill -0 "$1" 2>/dev/null && [ "$i" -lt $(($2 * 20)) ]; do
		sleep 0.05; i=$((i + 1)); done
	kill -0 "$1" 2>/dev/null && return 124
	wait "$1"
}

DB=$T/demo.db
"$KEFU" --db "$DB" --agent boss demo --no-console 2>/dev/null || fail "demo"
start c 120x40 "$KEFU" --db "$DB" --agent boss --cti "127.0.0.1:$CTRL"
see c "Fell due while you were away" "console started"
keys c Escape
wait_gone c "Fell due while you were away"
see c "☎ ok" "the top bar shows the softphone link up"

# (a) A known customer calls: screen pop, F5 answers, F6 hangs up.
t0=$(date +%s%N)
sipp_call caller1 uac_wait_bye.xml +8613800138000 $((BASE + 3)) &
S1=$!; PIDS="$PIDS $S1"
if wait_for c "Ringing: 王永庆 (+8613800138000)" 3; then
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	# From the INVITE leaving sipp (its trace) to the pop seen on screen.
	inv=$(python3 - "$T/caller1.msg" "$t1" <<'EOF'
import datetime, sys
for line in open(sys.argv[1]):
    if line.startswith("-----") and line.count(" ") >= 2:
        d, t = line.split()[-2:]
        at = datetime.datetime.strptime(d + " " + t, "%Y-%m-%d %H:%M:%S.%f")
        print(int((int(sys.argv[2]) / 1e9 - at.timestamp()) * 1000))
        break
EOF
)
	echo "screen pop: ${inv:-?} ms from the INVITE to the profile on screen (${ms} ms from starting sipp; tmux polled every 50 ms)"
	[ "$ms" -lt 1000 ] && ok "screen pop within 1 s (${ms} ms)" || fail "screen pop took ${ms} ms"
else
	fail "no screen pop"; screen c >&2; cat "$T/baresip.log" >&2
fi
see c "Phone       13800138000" "the caller's profile is open"
equals "$(sql "SELECT number || ' ' || (answered_at IS NULL) FROM calls WHERE cti_id IS NOT NULL")" "+8613800138000 1" "ringing: offered, with the SIP Call-ID"
keys c F5
see c "On call with 王永庆" "F5 answered"
equals "$(sql "SELECT agent FROM calls WHERE cti_id IS NOT NULL AND answered_at IS NOT NULL")" "boss" "answered by the agent"
equals "$(sql "SELECT state FROM agents WHERE login = 'boss'")" "on_call" "the agent is on the call"
grep -q "SIP/2.0 200" "$T/caller1.msg" && ok "the caller got 200 OK" || fail "no 200 OK at the caller"
keys c F6
see c "Call with 王永庆 ended" "F6 hung up"
wait_pid "$S1" 10; rc1=$?
equals "$rc1" "0" "the caller saw the BYE and finished its scenario"
equals "$(sql "SELECT (ended_at IS NOT NULL) || ' ' || (abandoned_at IS NULL) FROM calls WHERE cti_id IS NOT NULL")" "1 1" "the call is ended"
equals "$(sql "SELECT state FROM agents WHERE login = 'boss'")" "wrap_up" "wrap-up after the call"

# Logging the contact links it to the call and ends the wrap-up, without
# ending the call a second time.
keys c l
see c "Log contact: 王永庆" "log form"
typ c "cti-e2e-note"
keys c Tab; typ c "来电"
keys c Tab; typ c "s"
keys c Tab; typ c "1"
keys c C-s
see c "Contact saved." "contact saved"
equals "$(sql "SELECT count(*) FROM contacts c JOIN calls k ON k.id = c.call_id WHERE c.notes = 'cti-e2e-note' AND k.cti_id IS NOT NULL AND k.wrapup_until IS NOT NULL")" "1" "the contact belongs to the softphone call, wrap-up closed"
equals "$(sql "SELECT state FROM agents WHERE login = 'boss'")" "available" "available again"
equals "$(sql "SELECT count(*) FROM audit WHERE action = 'refused'")" "0" "no call event was refused"

# (b) An unknown caller gives up while it rings: a missed call.
sipp_call caller2 uac_cancel.xml +8613912345678 $((BASE + 10)) -d 1500 &
S2=$!; PIDS="$PIDS $S2"
see c "Ringing: +8613912345678" "an unknown caller rings" 3
see c "not a customer" "the alert offers to create the customer"
see c "Missed call from +8613912345678" "the alert says missed" 5
wait_pid "$S2" 10; rc2=$?
equals "$rc2" "0" "the caller cancelled cleanly"
equals "$(sql "SELECT (abandoned_at IS NOT NULL) || ' ' || (answered_at IS NULL) FROM calls WHERE number = '+8613912345678'")" "1 1" "recorded as abandoned"

keys c q
wait_for c "Quit? (y/n)" 1 && keys c y
see c "[kefu exited] 0" "the console quits cleanly"
[ "$failures" -gt 0 ] && { echo "--- baresip log" >&2; tail -30 "$T/baresip.log" >&2; }
finish
