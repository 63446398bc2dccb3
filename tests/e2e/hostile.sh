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

# A broken theme: a located error in the alert bar, and the console runs.
mkdir -p "$XDG_CONFIG_HOME/kefu/themes"
printf 'profile.vip = fg=yellow,bold\nprofile.gold = fg=purple\n' > "$XDG_CONFIG_HOME/kefu/themes/bad.theme"
start b 120x40 "${K[@]}" --theme bad
see b "bad.theme:2:" "theme error names file and line"
see b "Profile" "the console still starts"
# T cycles themes and saves the choice atomically in the config.
keys b T
see b "Theme: light" "theme switched"
grep -q '^theme = light$' "$XDG_CONFIG_HOME/kefu/config" && ok "saved in the config" || fail "config: $(cat "$XDG_CONFIG_HOME/kefu/config" 2>&1)"
ls "$XDG_CONFIG_HOME/kefu/" | grep -q '^\.' && fail "temporary file left behind" || ok "no temporary file left"
keys b q
# NO_COLOR and a monochrome terminal still draw every pane.
start m 100x30 env NO_COLOR=1 TERM=vt100 "${K[@]}"
see m "History" "NO_COLOR on a vt100 draws the console"
keys m q
finish
