#!/usr/bin/env bash
# Crash campaign: SIGKILLs `brobyg run --once` and `brobygd` at random moments over a
# multi-file export, restarting each time until everything is delivered, then checks that
# across every delivered package each valid row arrived exactly once and each rejected row was
# quarantined exactly once (compared with a clean run of the same export and project key), and
# that `brobyg audit verify`, `brobyg audit` and `brobyg outbox` agree on the packages.
#
#   tests/crash/campaign.sh [--kills N] [--bin DIR] [--config FILE] [--job ID]
#                           [--export SCRIPT] [--files N] [--rows N] [--seed S] [--work DIR]
#
#   --kills   SIGKILLs to deliver (default 30)
#   --bin     folder with brobyg, brobygd and brobyg-synth (default build/bin)
#   --config  configuration template (default tests/crash/csv-folder.xml): paths relative to
#             the run folder (keys/, export/, state/, drop/), @EXPIRES@ for the legal basis,
#             a recipient with id "vive", and a job with a schedule for brobygd
#   --job     the job to run (default crash)
#   --export  SCRIPT BIN_DIR DATA_DIR FILES ROWS SEED writes the export files into DATA_DIR
#             (default tests/crash/csv-export.sh); they are moved into export/ one at a time
#   --files, --rows  export files and lines per file (default 6 and 40000)
#   --seed    seeds the export and the kill times (default: the current time)
#   --work    working folder, kept (default: a fresh temporary folder, removed on success)
#
# Prints kills, rows expected, lost and duplicated (valid and rejected). Exit 0 only when
# nothing was lost or duplicated and the registers agree. Data is synthetic; rows are never
# printed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
source "$here/lib.sh"

kills=30 bin="$top/build/bin" template="$here/csv-folder.xml" job=crash
exporter="$here/csv-export.sh" files=6 rows=40000 seed="$(date +%s)" work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2" ;;
    --bin) bin="$(cd "$2" && pwd)" ;;
    --config) template="$(realpath "$2")" ;;
    --job) job="$2" ;;
    --export) exporter="$(realpath "$2")" ;;
    --files) files="$2" ;;
    --rows) rows="$2" ;;
    --seed) seed="$2" ;;
    --work) work="$2" ;;
    *) sed -n '8,25p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
  shift 2
done
keep=1
if [ -z "$work" ]; then work="$(mktemp -d /tmp/brobyg-crash.XXXXXX)" keep=0; fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
umask 077
RANDOM="$seed"
sanitizerEnvironment "$bin"
echo "crash campaign: seed $seed, $files files x $rows lines, $kills kills, in $work"

# --- The export and the keys, shared by both runs (same project key: same pseudonyms).
rm -rf "$work/data" "$work/keys" "$work/clean" "$work/crash"
bash "$exporter" "$bin" "$work/data" "$files" "$rows" "$seed"
makeKeys "$bin" "$work/keys"
prepareRun "$work/clean"
prepareRun "$work/crash"
mv "$work/data"/* "$work/clean/staged/"
cp -r "$work/clean/staged/." "$work/crash/staged/"

# --- The clean run: a file at a time, as the crash run sees them, never killed. The longest
# of these runs bounds the kill times below.
runMs=0
while revealNext "$work/clean"; do
  start=$(date +%s%N)
  finishRun "$work/clean" || fail "the clean run did not finish"
  ms=$((($(date +%s%N) - start) / 1000000))
  [ "$ms" -le "$runMs" ] || runMs=$ms
done
collect "$work/clean"
echo "clean run: $(wc -l <"$work/clean/rows.txt") rows delivered, $(wc -l <"$work/clean/rejected.txt") quarantined, longest run ${runMs} ms"

# --- The crash run: the files are shown one at a time, spread over the kills (the next one
# after a run that finished, once its share of kills is done), and each program is killed at a
# random moment up to 1.5x a clean run (the time measured above is about two runs: the one
# that delivers and the empty one that confirms it).
maxDelay=$((runMs * 3 / 4 + 100))
killed=0 attempts=0 abnormal=0 revealed=1 finished=0
revealNext "$work/crash"
while [ "$killed" -lt "$kills" ]; do
  attempts=$((attempts + 1))
  if [ "$attempts" -gt $((kills * 20)) ]; then fail "only $killed kills in $attempts attempts"; fi
  if [ $((RANDOM % 2)) -eq 0 ]; then
    program=brobygd; set -- "$bin/brobygd" --config="$work/crash/brobyg.xml"
  else
    program=run; set -- "$bin/brobyg" run --config="$work/crash/brobyg.xml" --job="$job" --once
  fi
  (cd "$work/crash" && exec "$@") >>"$work/crash/attempts.log" 2>&1 &
  pid=$!
  sleepMs $((RANDOM % maxDelay))
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    killed=$((killed + 1))
  else
    status=0 finished=$((finished + 1))
    wait "$pid" || status=$?
    # 0: delivered or nothing new; 3: staged, delivery retried later. Else note it and go on:
    # what counts is that nothing is lost or duplicated in the end.
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then abnormal=$((abnormal + 1)); fi
    if [ $((killed * files)) -ge $((revealed * kills)) ] && revealNext "$work/crash"; then
      revealed=$((revealed + 1))
    fi
  fi
done
revealAll "$work/crash"
finishRun "$work/crash" || fail "the crash run did not finish after the kills"
collect "$work/crash"

# --- The verdict.
compareRows() { # expected got -> "expected lost duplicated"
  local lost dup
  lost=$(LC_ALL=C comm -23 "$1" "$2" | wc -l)
  dup=$(LC_ALL=C comm -13 "$1" "$2" | wc -l)
  echo "$(wc -l <"$1") $lost $dup"
}
read -r expected lost dup < <(compareRows "$work/clean/rows.txt" "$work/crash/rows.txt")
read -r rexpected rlost rdup < <(compareRows "$work/clean/rejected.txt" "$work/crash/rejected.txt")
registers=ok
checkRegisters "$work/crash" || registers=MISMATCH
echo "kills=$killed finished_between_kills=$finished abnormal_exits=$abnormal files_shown_during_kills=$revealed/$files packages=$(wc -l <"$work/crash/packages.txt")"
echo "rows expected=$expected lost=$lost duplicated=$dup"
echo "rejected expected=$rexpected lost=$rlost duplicated=$rdup"
echo "audit/outbox/drop: $registers"
if [ "$lost$dup$rlost$rdup" != 0000 ] || [ "$registers" != ok ] || [ "$expected" -eq 0 ]; then
  echo "crash campaign FAILED (kept in $work; attempts.log has the programs' output)" >&2
  exit 1
fi
[ "$keep" -eq 1 ] || rm -rf "$work"
echo "crash campaign passed"
