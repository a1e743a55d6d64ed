#!/usr/bin/env bash
# End-to-end benchmark: synthetic absence exports of 1 M and 10 M rows (danish-vendor layout)
# through `brobyg run --once` for several output settings, measured with /usr/bin/time -v.
# Prints one table row per run: rows, formats, level, wall and CPU seconds, rows/s, peak RSS,
# package bytes. Data and results stay under BROBYG_BENCH_DIR, never in the repository.
#
#   BROBYG_BENCH_DIR       work folder (default /tmp/brobyg-bench)
#   BROBYG_BUILD_DIR       build folder (default <repo>/build-bench; built if brobyg is missing)
#   BROBYG_BENCH_JOBS      ninja -j when building (default 2)
#   BROBYG_BENCH_ROWS      row counts (default "1000000 10000000")
#   BROBYG_BENCH_SETTINGS  formats:level pairs, '+' between formats
#                          (default "csv:1 csv:6 csv+xml:1 csv+xml:6")
#   BROBYG_BENCH_PUPILS    pupils in the synthetic municipality (default 60000)
#   BROBYG_BENCH_REPEAT    runs per setting; the table shows the fastest (default 1)
#   BROBYG_BENCH_WORKERS   <output workers> (1 or 2); unset: the configuration's default
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
work="${BROBYG_BENCH_DIR:-/tmp/brobyg-bench}"
build="${BROBYG_BUILD_DIR:-$top/build-bench}"
jobs="${BROBYG_BENCH_JOBS:-2}"
rows_list="${BROBYG_BENCH_ROWS:-1000000 10000000}"
settings="${BROBYG_BENCH_SETTINGS:-csv:1 csv:6 csv+xml:1 csv+xml:6}"
pupils="${BROBYG_BENCH_PUPILS:-60000}"
repeat="${BROBYG_BENCH_REPEAT:-1}"
workers="${BROBYG_BENCH_WORKERS:-}"
bin="$build/bin"

case "$work" in "$top"|"$top"/*) echo "BROBYG_BENCH_DIR must be outside the repository" >&2; exit 2 ;; esac
for tool in openssl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 2; }
done

if [[ ! -x "$bin/brobyg" || ! -x "$bin/brobyg-synth" ]]; then
  echo "== building brobyg in $build" >&2
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
  ninja -C "$build" -j"$jobs" brobyg brobyg-synth brobyg_csv brobyg_folder >&2
fi

mkdir -p "$work"
cd "$work"
umask 077

if [[ ! -f keys/project.key ]]; then
  echo "== keys (openssl; brobyg keygen for the project key)" >&2
  rm -rf keys && mkdir keys
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=Bench Kommune" -keyout keys/municipality.key -out keys/municipality.crt 2>/dev/null
  openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=Bench evaluator" \
    -addext basicConstraints=critical,CA:FALSE \
    -keyout keys/vive.key -out keys/vive.crt 2>/dev/null
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=Bench backup recipient" -addext basicConstraints=critical,CA:FALSE \
    -keyout keys/vive-backup.key -out keys/vive-backup.crt 2>/dev/null
  "$bin/brobyg" keygen --out=keys/project.key >&2
fi

if [[ ! -f "pupils-$pupils.csv" ]]; then
  echo "== $pupils pupils" >&2
  "$bin/brobyg-synth" pupils --seed 2 --count "$pupils" --municipality 0101 --out "pupils-$pupils.csv" >&2
fi
for rows in $rows_list; do
  if [[ ! -f "data-$rows/fravaer_1.csv" ]]; then
    echo "== $rows absence rows" >&2
    mkdir -p "data-$rows"
    "$bin/brobyg-synth" absence --seed 2 --pupils "pupils-$pupils.csv" --rows "$rows" \
      --layout danish-vendor --out "data-$rows/fravaer_1.csv" >&2
  fi
  # The csv source leaves files younger than min_file_age (2m) for a later run.
  touch -d '10 minutes ago' "data-$rows/fravaer_1.csv"
done

expires="$(date -u -d '+1 year' +%Y-%m-%d)"
# Seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss".
wall_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'; }

# One run in a fresh folder (fresh state, so the export is new to it); prints a table row.
run_one() {
  local rows="$1" formats="$2" level="$3" n="$4"
  local dir="runs/$rows-${formats// /+}-$level-$n"
  rm -rf "$dir" && mkdir -p "$dir"
  ln -s "$work/keys" "$dir/keys"
  ln -s "$work/data-$rows" "$dir/export"
  # Absence only, so that the numbers stay comparable with earlier runs: the example's other
  # sources (enrolment, case systems, school outcomes) and their datasets (absence_summary
  # too), and its aggregates-only job, are left out.
  sed -e '/<job id="fravaerstal"/,/<\/job>/d' \
      -e "s/expires=\"[0-9-]*\"/expires=\"$expires\"/" \
      -e "s/<output formats=\"[^\"]*\" compression=\"[0-9]*\"/<output formats=\"$formats\" compression=\"$level\"${workers:+ workers=\"$workers\"}/" \
      -e '/<source id="skolesystem"/!{/<source id=/,/<\/source>/d}' \
      -e '/<dataset name="absence_event"/!{/<dataset name=/d}' \
      -e 's/datasets="[^"]*"/datasets="absence_event"/' \
      "$top/config/brobyg.example.xml" > "$dir/brobyg.xml"
  /usr/bin/time -v -o "$dir/time.txt" \
    "$bin/brobyg" run --config="$dir/brobyg.xml" --job=skolefravaer --once > "$dir/run.txt" 2>&1 ||
    { echo "bench: run failed, see $work/$dir/run.txt" >&2; cat "$dir/run.txt" >&2; exit 1; }
  grep -q "status=ok" "$dir/run.txt" || { cat "$dir/run.txt" >&2; exit 1; }
  local wall user sys rss bytes
  wall="$(sed -n "s/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p" "$dir/time.txt" | wall_seconds)"
  user="$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$dir/time.txt")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")"
  bytes="$(stat -c %s "$dir"/drop/*.cms)"
  awk -v r="$rows" -v f="${formats// /+}" -v l="$level" -v w="$wall" -v u="$user" -v s="$sys" \
      -v m="$rss" -v b="$bytes" 'BEGIN {
    cpu = u + s
    printf "| %9d | %-7s | %5d | %7.2f | %7.2f | %11.0f | %10.0f | %8.1f | %13.0f |\n",
           r, f, l, w, cpu, r / w, r / cpu, m / 1024, b }'
  rm -rf "$dir/state/work"
}

echo "brobyg $(git -C "$top" describe --always --dirty 2>/dev/null || echo '?'), $(nproc) CPU(s), $(uname -r)"
echo
echo "|      rows | formats | level |  wall s |   CPU s | rows/s wall | rows/CPU s | peak MiB | package bytes |"
echo "|----------:|:--------|------:|--------:|--------:|------------:|-----------:|---------:|--------------:|"
for rows in $rows_list; do
  for setting in $settings; do
    formats="${setting%%:*}"
    formats="${formats//+/ }"
    level="${setting##*:}"
    best=""
    for ((n = 1; n <= repeat; n++)); do
      line="$(run_one "$rows" "$formats" "$level" "$n")"
      wall="$(awk -F'|' '{ print $5 + 0 }' <<<"$line")"
      if [[ -z "$best" ]] || awk -v a="$wall" -v b="$(awk -F'|' '{ print $5 + 0 }' <<<"$best")" 'BEGIN { exit !(a < b) }'; then
        best="$line"
      fi
    done
    printf '%s\n' "$best"
  done
done
