# The console in Chinese: LANG=zh_CN.UTF-8 shows the zh_CN catalogue, with or
# without the zh_CN.UTF-8 locale generated (kefu falls back to C.UTF-8 and
# keeps the language through LANGUAGE).
. "$KEFU_SRC/tests/tmux.sh"
DB=$T/demo.db
"$KEFU" --db "$DB" --agent boss demo --no-console 2>/dev/null || fail "demo"
K=("$KEFU" --db "$DB" --agent boss)
# tmux.sh exports C.UTF-8 for the tmux server (CJK widths); the console
# itself gets the Chinese locale, and no LANGUAGE from the caller.
ZH=(env -u LANGUAGE LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8)
if locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\?8'; then
	echo "# zh_CN.UTF-8 is generated: the real locale"
else
	echo "# zh_CN.UTF-8 is not generated: the C.UTF-8 + LANGUAGE fallback"
fi

start c 120x40 "${ZH[@]}" "${K[@]}"
# What fell due while away comes first, titled in Chinese.
see c "离开期间到期的回访" "start-up batch title in Chinese"
see c "Enter 打开 · d 完成" "follow-up list keys in Chinese"
keys c Escape
wait_gone c "离开期间到期的回访" || fail "Esc closes the start-up batch"
see c "客户资料" "Profile pane is 客户资料"
see c "联系记录" "History pane is 联系记录"
see c "服务脚本" "Script pane is 服务脚本"
for en in "Profile" "History" "Script" "Fell due while you were away"; do
	not_see c "$en" "no English '$en'"
done

# ? shows the keys with Chinese labels.
keys c "?"
see c "快捷键" "help title in Chinese"
see c "搜索客户（姓名、电话、备注）" "help: search label"
see c "安排回访" "help: follow-up label"
see c "Esc 保留草稿" "help: forms line keeps the key names"
not_see c "Search customers" "help has no English label"
keys c Escape
wait_gone c "快捷键" || fail "any key closes the help"

# / searches: Chinese title and hint, and 王永庆 is found as you type.
keys c /
see c " 搜索客户 " "search box title in Chinese"
see c "输入姓名、部分电话号码或备注中的词语" "search hint in Chinese"
typ c "王永庆"
see c "13800138000" "王永庆 found while typing"
see c "找到 1 位" "hit count in Chinese"
keys c Enter
see c "[VIP]" "profile of 王永庆 open"
see c "终身价值" "profile labels in Chinese"
see c "联系记录 (" "his history shown"
see c "探索需求" "EODC strip in Chinese"

keys c q
see c "[kefu exited] 0" "q quits cleanly"
tm kill-session -t c

# A zh_CN locale that is surely not installed still gives Chinese: the
# fallback path runs even where zh_CN.UTF-8 is generated.
start f 100x30 env -u LANGUAGE LANG=zh_CN.UTF-8@kefu-none \
	LC_ALL=zh_CN.UTF-8@kefu-none "${K[@]}"
see f "客户资料" "fallback: Profile pane is 客户资料"
see f "服务脚本" "fallback: Script pane is 服务脚本"
sleep 0.5
screen f | grep -qF "离开期间到期的回访" && keys f Escape
wait_gone f "离开期间到期的回访"
keys f q
see f "[kefu exited] 0" "fallback: q quits cleanly"
finish
