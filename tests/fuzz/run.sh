# run.sh FUZZER SEEDDIR — run a libFuzzer target for $FUZZ_SECONDS over a
# copy of its seeds (new inputs go to a temporary corpus, never into the
# source tree). A crash, leak or timeout fails the test and leaves the
# reproducer in the temporary directory, which is printed.
set -u
fuzzer=$1 seeds=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/kefu-fuzz-XXXXXX")
mkdir -p "$work/corpus"
[ -d "$seeds" ] && cp "$seeds"/* "$work/corpus/" 2>/dev/null
cd "$work" || exit 1
"$fuzzer" -max_total_time="${FUZZ_SECONDS:-20}" -rss_limit_mb=2048 \
	-timeout=10 -max_len=65536 -print_final_stats=1 corpus
rc=$?
if [ $rc -ne 0 ]; then
	echo "fuzz: failure kept in $work" >&2
	exit 1
fi
rm -rf "$work"
exit 0
