#!/usr/bin/env bash
# The crash campaign's default export: tests/crash/csv-export.sh BIN_DIR DATA_DIR FILES ROWS SEED
# writes FILES synthetic absence exports (danish-vendor layout, ROWS lines each, some broken on
# purpose) named fravaer_<n>.csv into DATA_DIR, with brobyg-synth from BIN_DIR.
set -euo pipefail
bin="$1" data="$2" files="$3" rows="$4" seed="$5"
mkdir -p "$data"
"$bin/brobyg-synth" pupils --seed "$seed" --count 3000 --municipality 0101 \
  --out "$data/../pupils.csv" 2>/dev/null
for ((i = 1; i <= files; i++)); do
  out="$data/fravaer_$(printf '%03d' "$i").csv"
  "$bin/brobyg-synth" absence --seed "$((seed * 1000 + i))" --pupils "$data/../pupils.csv" \
    --rows "$rows" --bad-rows "$((rows / 2000 + 3))" --layout danish-vendor --out "$out" 2>/dev/null
  rm -f "$out.bad"
done
