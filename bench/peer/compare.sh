#!/usr/bin/env bash
# brobyg and the Python peer (bench/peer/peer.py) on the same export, keys and zlib level, pair
# by pair: one bench/run.sh run, then the peer under /usr/bin/time. Needs bench/run.sh's data
# (it makes it). Settings as bench/run.sh; BROBYG_BENCH_ROWS takes one row count here.
#   bash bench/peer/compare.sh            # 1 M rows, csv, levels 1 and 6
set -euo pipefail
top="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BROBYG_BENCH_DIR:-/tmp/brobyg-bench}"
rows="${BROBYG_BENCH_ROWS:-1000000}"
levels="${BROBYG_PEER_LEVELS:-1 6}"
for level in $levels; do
  line="$(BROBYG_BENCH_ROWS=$rows BROBYG_BENCH_SETTINGS="csv:$level" bash "$top/bench/run.sh" | tail -1)"
  echo "brobyg $line"
  out="$work/peer-$rows-$level.cms"
  rm -f "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/peer-time.txt" \
    python3 "$top/bench/peer/peer.py" "$work/data-$rows/fravaer_1.csv" "$work/keys/project.key" \
    vive-skolefravaer-2026 "$level" "$work/keys/municipality.crt" "$work/keys/municipality.key" \
    "$out" "$work/keys/vive.crt" "$work/keys/vive-backup.crt" >/dev/null
  read -r wall user sys rss <"$work/peer-time.txt"
  awk -v r="$rows" -v l="$level" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v b="$(stat -c %s "$out")" \
    'BEGIN { printf "peer   | %9d | csv     | %5d | %7.2f | %7.2f | %11.0f | %10.0f | %8.1f | %13d |\n",
             r, l, w, u + s, r / w, r / (u + s), m / 1024, b }'
done
