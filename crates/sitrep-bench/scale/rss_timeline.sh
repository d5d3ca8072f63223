#!/bin/sh
# Resident memory of one `sitrep code` run over time, beside how much output
# it has written (#21): tells whether the peak comes while the windows are
# coded, during the document-level passes (no output yet) or while the events
# are printed.
#
#   rss_timeline.sh SITREP DOC OUT.jsonl > timeline.tsv
#
# Prints "seconds<TAB>rss_kB<TAB>output_bytes" every 0.5 s, then the peak.
set -eu
bin=$1 doc=$2 out=$3
"$bin" code --date 2020-10-10 "$doc" > "$out" &
pid=$!
start=$(date +%s.%N)
peak=0
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ -n "$rss" ] || rss=0
    size=$(stat -c %s "$out")
    now=$(date +%s.%N)
    printf '%.1f\t%s\t%s\n' "$(echo "$now - $start" | bc)" "$rss" "$size"
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.5
done
wait "$pid"
echo "peak_rss_kB	$peak"
