# 50 processes logging contacts into one database for 30 s (10 s under a
# sanitizer build, which is ~10x slower): nothing lost, no error.
. "$KEFU_SRC/tests/lib.sh"
DB=$T/k.db
k() { "$KEFU" --db "$DB" "$@"; }
k --agent boss init >/dev/null
k --agent boss customer add --name 王永庆 --phone 13800138000 >/dev/null
secs=${KEFU_CONCURRENCY_SECS:-30}
case "$KEFU" in *asan*) secs=${KEFU_CONCURRENCY_SECS:-10} ;; esac
end=$(( $(date +%s) + secs ))
for p in $(seq 1 50); do
	(
		n=0 bad=0
		while [ "$(date +%s)" -lt "$end" ]; do
			if "$KEFU" --db "$DB" --agent boss contact log 1 \
			    --disposition resolved --notes "p$p-n$n" >/dev/null 2>"$T/err.$p"; then
				n=$((n + 1))
			else
				bad=$((bad + 1)); cat "$T/err.$p" >> "$T/errors"
			fi
		done
		echo "$n $bad" > "$T/count.$p"
	) &
done
wait
total=0 errors=0
for p in $(seq 1 50); do
	read -r n bad < "$T/count.$p"
	total=$((total + n)); errors=$((errors + bad))
done
echo "# $total contacts logged by 50 processes in ${secs}s"
equals "$errors" "0" "no process saw an error"
[ -s "$T/errors" ] && cat "$T/errors" >&2
equals "$(sql 'SELECT count(*) FROM contacts')" "$total" "every logged contact is in the database"
equals "$(sql "SELECT count(DISTINCT notes) FROM contacts")" "$total" "no duplicates"
[ "$total" -ge 50 ] && ok "real load ($total)" || fail "too few writes: $total"
finish
