#!/usr/bin/env bash
# The demo's main job, run by the Windows build under Wine (issue 13), checked on Linux as an
# evaluator would: stock openssl decrypts and verifies the package, xmllint validates it, and
# absence_event holds every good row of the export exactly once. ctest runs it in the Windows
# build (tests/windows/CMakeLists.txt):
#   demo-under-wine.sh <windows bin folder> <repository top> <work folder>
# The configuration is config/brobyg.example.xml, the case system's SQLite database made by
# brobyg-synth.exe as scripts/demo.sh makes it. It runs in a folder named outside ASCII.
set -euo pipefail
bin="$1"
top="$2"
# A folder named as Danish municipalities name theirs: every path the job resolves against the
# configuration's folder is outside ASCII (mingw's std::filesystem once read such paths in the
# wrong code page).
work="$3/Køge kommune"
rows="${BROBYG_WINE_DEMO_ROWS:-20000}"
bad=40
# shellcheck source=tests/windows/lib.sh
source "$top/tests/windows/lib.sh"
step() { printf '\n== %s\n' "$*"; }

rm -rf "$work"
mkdir -p "$work"/{export,evaluator}
cd "$work"
umask 077

step "keys (openssl on Linux) and the project key (brobyg.exe keygen)"
make_keys

step "synthetic exports and case database (brobyg-synth.exe): $rows absence rows, $bad of them broken"
day="$(date -u +%Y-%m-%d)"
win brobyg-synth pupils --seed 1 --count 500 --municipality 0101 --out pupils.csv
win brobyg-synth absence --seed 1 --pupils pupils.csv --rows "$rows" --bad-rows "$bad" \
  --layout danish-vendor --out "export/fravaer_$day.csv"
win brobyg-synth enrolment --seed 1 --pupils pupils.csv --bad-rows 4 --out "export/elever_$day.csv"
win brobyg-synth outcomes --seed 1 --pupils pupils.csv --bad-rows 6 --out "export/resultater_$day.csv"
make_cases

step "configuration: the example, its case database in this folder"
# Wine's name for it, with '/': Windows takes either, and awk would read '\' as an escape.
demo_config "Z:$(realpath cases/sager.db)" >brobyg.xml
grep -q "Z:$(realpath cases/sager.db)" brobyg.xml || { echo "the case database is not in brobyg.xml" >&2; exit 1; }
mv "export/fravaer_$day.csv.bad" bad-lines.txt
touch -d '5 minutes ago' export/*.csv

step "brobyg.exe check and run"
win brobyg check --config=brobyg.xml
win brobyg run --config=brobyg.xml --job=skolefravaer --once
package="$(ls drop/*-skolefravaer-*.cms)"

step "opened on Linux with openssl cms, unzip and xmllint"
openssl cms -decrypt -binary -inform DER -in "$package" -recip keys/vive.crt \
  -inkey keys/vive.key -out evaluator/signed.der
openssl cms -verify -binary -inform DER -in evaluator/signed.der \
  -CAfile keys/municipality.crt -out evaluator/package.zip
(cd evaluator && unzip -q package.zip)
datasets="absence_event enrolment absence_summary school_outcome case_measure case_event person_period"
for dataset in $datasets; do
  xmllint --noout --schema "$top/schemas/$dataset.xsd" "evaluator/$dataset.xml"
done
# The case system's rows came through the sql plugin: there are some, each once.
for dataset in case_measure case_event person_period; do
  n=$(($(wc -l <"evaluator/$dataset.csv") - 1))
  [ "$n" -gt 0 ] || { echo "$dataset is empty" >&2; exit 1; }
  [ -z "$(tail -n +2 "evaluator/$dataset.csv" | sort | uniq -d)" ] ||
    { echo "$dataset repeats a row" >&2; exit 1; }
  echo "$dataset: $n rows, none repeated"
done
xmllint --noout --schema "$top/schemas/manifest.xsd" evaluator/manifest.xml

step "every good row exactly once"
got=$(($(wc -l <evaluator/absence_event.csv) - 1))
want=$((rows - bad))
duplicates="$(tail -n +2 evaluator/absence_event.csv | sort | uniq -d | wc -l)"
echo "absence_event: $got rows (the export's good rows: $want), $duplicates repeated"
[ "$got" -eq "$want" ] && [ "$duplicates" -eq 0 ]
# No CPR number and no name outside the pseudonymised fields: none of the export's is in it.
cut -d';' -f2 "export/fravaer_$day.csv" | grep -E '^[0-9]{6}-?[0-9]{4}$' | sort -u >cpr-dashed.txt
{ cat cpr-dashed.txt; tr -d '-' <cpr-dashed.txt; } >cprs.txt
tail -n +2 "export/fravaer_$day.csv" | cut -d';' -f1 | iconv -f WINDOWS-1252 -t UTF-8 |
  grep -E '^[^ ]+ [^ ]+' | sort -u >names.txt
[ "$(wc -l <cprs.txt)" -gt 100 ] && [ "$(wc -l <names.txt)" -gt 100 ] ||
  { echo "too few CPR numbers or names read from the export to check" >&2; exit 1; }
if grep -Fq -f cprs.txt -f names.txt evaluator/*.csv evaluator/*.xml; then
  echo "a CPR number or a name of the export is in the package" >&2
  exit 1
fi
echo "windows demo: passed"
