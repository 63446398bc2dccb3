# Data with escape sequences must not reach the terminal raw.
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/k.db
K=("$KEFU" --db "$DB" --agent boss)
"${K[@]}" init >/dev/null
"${K[@]}" customer add --name "Evil Corp" --phone 13700137000 \
	--notes "$(printf 'title\033]2;PWNED\007 clear\033[2J end')" >/dev/null

start h 120x40 "${K[@]}"
see h "Profile" "started"
tm select-pane -t h -T "kefu-e2e"
before=$(tm display -p -t h '#{pane_title}')
keys h p; typ h "13700137000"; keys h Enter
see h "Evil Corp" "customer opened"
see h "^[]2;PWNED^G" "the OSC sequence is shown visibly"
see h "^[[2J" "the clear-screen sequence is shown visibly"
after=$(tm display -p -t h '#{pane_title}')
equals "$after" "$before" "pane title unchanged"
see h "Profile" "screen not cleared"
keys h q
finish
