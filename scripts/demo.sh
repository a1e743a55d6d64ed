#!/usr/bin/env bash
# The demo: a synthetic municipality's school-absence, enrolment and results exports and its
# social-service case system (an SQLite database) go through brobyg's main job and reach the
# evaluator as one signed, encrypted package, which is then opened as the evaluator would
# (with brobyg, and with stock openssl). All data is synthetic.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/scripts/install-deps.sh"
bash "$top/scripts/build.sh"
bin="${BROBYG_BUILD_DIR:-$top/build}/bin"
demo="${BROBYG_DEMO_DIR:-$top/out/demo}"
rows="${BROBYG_DEMO_ROWS:-200000}"

rm -rf "$demo"
mkdir -p "$demo"/{keys,export,cases,evaluator}
cd "$demo"
umask 077

step() { printf '\n== %s\n' "$*"; }
# The header and a few day rows of an absence_summary.csv: two quarter rows with
# unauth_notify set and two school-year rows with high_total set.
summary_rows() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
    $c["unit"] != "day" { next }
    $c["unauth_notify"] == "yes" && q < 2 { q++; print }
    $c["high_total"] == "yes" && y < 2 { y++; print }' "$1"
}

step "Keys: the municipality signs, the evaluator (VIVE) decrypts; made with openssl"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/CN=Demo Kommune/O=Demo Kommune" \
  -keyout keys/municipality.key -out keys/municipality.crt 2>/dev/null
openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=VIVE evaluator (demo)" \
  -addext basicConstraints=critical,CA:FALSE \
  -keyout keys/vive.key -out keys/vive.crt 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/CN=VIVE backup recipient (demo)" -addext basicConstraints=critical,CA:FALSE \
  -keyout keys/vive-backup.key -out keys/vive-backup.crt 2>/dev/null
"$bin/brobyg" keygen --out=keys/project.key

step "Configuration: config/brobyg.example.xml, legal basis valid for a year from today, the case database in $demo/cases"
expires="$(date -u -d '+1 year' +%Y-%m-%d)"
sed -e "s/expires=\"[0-9-]*\"/expires=\"$expires\"/" \
  -e "s|/srv/brobyg/cases/sager.db|$demo/cases/sager.db|g" \
  "$top/config/brobyg.example.xml" > brobyg.xml

step "Synthetic municipality: 2000 pupils, $rows absence rows (Windows-1252, ';', dd-mm-yyyy), 40 of them broken on purpose"
"$bin/brobyg-synth" pupils --seed 1 --count 2000 --municipality 0101 --out pupils.csv
export_file="export/fravaer_$(date -u +%Y-%m-%d).csv"
"$bin/brobyg-synth" absence --seed 1 --pupils pupils.csv --rows "$rows" --bad-rows 40 \
  --layout danish-vendor --out "$export_file"
mv "$export_file.bad" bad-lines.txt
# As if written a while ago: the csv source leaves files younger than min_file_age (2m) for later.
touch -d '5 minutes ago' "$export_file"
echo "first lines of the export (converted from Windows-1252 for display):"
head -n 3 "$export_file" | iconv -f WINDOWS-1252 -t UTF-8

step "Its enrolment export: each pupil's school and grade from 1 August, a few changing school or leaving during the year, 4 rows broken on purpose"
enrolment_file="export/elever_$(date -u +%Y-%m-%d).csv"
"$bin/brobyg-synth" enrolment --seed 1 --pupils pupils.csv --bad-rows 4 --out "$enrolment_file"
touch -d '5 minutes ago' "$enrolment_file"
echo "the header and the lines of a pupil who changes school (name and CPR column left out):"
moved="$(cut -d';' -f2 "$enrolment_file" | sort | uniq -d | head -n 1)"
{ head -n 1 "$enrolment_file"; grep -F ";$moved;" "$enrolment_file"; } | cut -d';' -f3-

step "Its results export: national tests, leaving-exam grades and the well-being survey of the same pupils, 6 rows broken on purpose"
outcome_file="export/resultater_$(date -u +%Y-%m-%d).csv"
"$bin/brobyg-synth" outcomes --seed 1 --pupils pupils.csv --bad-rows 6 --out "$outcome_file"
touch -d '5 minutes ago' "$outcome_file"

step "Its case system: measures and events for 15 % of the same pupils (SQLite, Serviceloven and Barnets Lov)"
"$bin/brobyg-synth" cases --seed 1 --pupils pupils.csv --share 0.15 --out cases/sager.db
if command -v sqlite3 >/dev/null; then  # the sqlite3 shell is optional: only for the display
  echo "a few measures as the case system records them (the CPR column left out):"
  sqlite3 -header -column cases/sager.db \
    "SELECT id, kommunekode, paragraf, anbringelsessted, startdato, slutdato, opdateret
     FROM foranstaltninger ORDER BY id DESC LIMIT 4"
fi

step "brobyg plugins"
"$bin/brobyg" plugins

step "brobyg check --config=brobyg.xml"
"$bin/brobyg" check --config=brobyg.xml

step "brobyg run --config=brobyg.xml --job=skolefravaer --once"
"$bin/brobyg" run --config=brobyg.xml --job=skolefravaer --once

package="$(ls drop/*-skolefravaer-*.cms)"

step "The evaluator opens the package with brobyg (verify, decrypt, check every hash)"
"$bin/brobyg" open --package="$package" --cert=keys/vive.crt --key=keys/vive.key \
  --trust=0101=keys/municipality.crt --out=evaluator/brobyg-open

step "... and with stock openssl and unzip only"
mkdir -p evaluator/openssl
openssl cms -decrypt -binary -inform DER -in "$package" -recip keys/vive.crt \
  -inkey keys/vive.key -out evaluator/openssl/signed.der
openssl cms -verify -binary -inform DER -in evaluator/openssl/signed.der \
  -CAfile keys/municipality.crt -out evaluator/openssl/package.zip
(cd evaluator/openssl && unzip -q package.zip && sha256sum ./*.csv ./*.xml)
for dataset in absence_event enrolment absence_summary case_measure case_event person_period school_outcome; do
  xmllint --noout --schema "$top/schemas/$dataset.xsd" "evaluator/openssl/$dataset.xml"
done
xmllint --noout --schema "$top/schemas/manifest.xsd" evaluator/openssl/manifest.xml

step "The municipality's disclosure register: what left, to whom, on what basis"
"$bin/brobyg" audit --config=brobyg.xml
"$bin/brobyg" audit verify --config=brobyg.xml

step "What the evaluator sees: seven datasets in one package, pseudonyms, no CPR, no names"
for dataset in absence_event enrolment absence_summary case_measure case_event person_period school_outcome; do
  printf '%-14s %8d rows\n' "$dataset" "$(($(wc -l < "evaluator/openssl/$dataset.csv") - 1))"
done
echo "first rows of absence_event.csv:"
head -n 4 evaluator/openssl/absence_event.csv
cat <<'EOT'
absence_summary.csv is computed by brobyg from absence_event, enrolment and the school
calendar: one row per pupil, school, period (calendar quarter, school year 1 August - 31 July)
and unit (days; lessons too, since the export reports lessons), with the school days planned
while the pupil was enrolled, the days absent per category, the rates in percent and the flags
of the absence order (unauth_warn: unauthorised at least 10 % of a quarter, unauth_notify: at
least 15 %, high_total: all absence above 10 % of the school year). A few rows with a flag:
EOT
summary_rows evaluator/openssl/absence_summary.csv
cat <<'EOT'
person_period.csv joins the two halves per child and calendar quarter: the quarter's absence
over every school (as absence_summary counts it) next to the social-service measures active in
it: in care and the days in care, the placement type with the most days, a preventive measure
and its days. A few quarters of children in care while at school:
EOT
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
  $c["in_care"] == "yes" && $c["planned"] > 0 && n < 3 { n++; print }' \
  evaluator/openssl/person_period.csv
echo "first rows of case_measure.csv (legal basis as recorded and normalised, placement harmonised):"
head -n 6 evaluator/openssl/case_measure.csv
echo "first rows of school_outcome.csv (tests, exam grades and survey averages with their scales):"
head -n 4 evaluator/openssl/school_outcome.csv
echo "the sources the manifest lists:"
grep -o '<source [^>]*>' evaluator/openssl/manifest.xml | sed 's/ cursor[A-Za-z]*="[^"]*"//g'

step "brobyg run --config=brobyg.xml --job=fravaerstal --once (a recipient allowed aggregates only)"
"$bin/brobyg" run --config=brobyg.xml --job=fravaerstal --once
mkdir -p evaluator/aggregates
openssl cms -decrypt -binary -inform DER -in "$(ls drop/*-fravaerstal-*.cms)" \
  -recip keys/vive.crt -inkey keys/vive.key -out evaluator/aggregates/signed.der
openssl cms -verify -binary -inform DER -in evaluator/aggregates/signed.der \
  -CAfile keys/municipality.crt -out evaluator/aggregates/package.zip 2>/dev/null
(cd evaluator/aggregates && unzip -q package.zip)
xmllint --noout --schema "$top/schemas/absence_aggregate.xsd" evaluator/aggregates/absence_aggregate.xml
echo "the package holds no row of any child:"
(cd evaluator/aggregates && ls ./*.csv ./*.xml)
cat <<'EOT'
absence_aggregate.csv counts the pupils of each school and grade per period, with the totals
of each school, each grade and the municipality. Counts of 1-4 children are left empty (k = 5),
and so are the values that would give one back from a total; the suppressed column names them.
The municipality's totals and a few cells of a quarter:
EOT
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
  $c["period_kind"] == "quarter" && ($c["level"] == "municipality" || n++ < 3)' \
  evaluator/aggregates/absence_aggregate.csv | head -n 8
echo "what the risk report says suppression took:"
grep -o '<aggregate [^>]*>' evaluator/aggregates/risk_report.xml

cat <<EOT

== Where everything is ($demo)
  brobyg.xml                      the configuration
  keys/                           municipality, evaluator and project keys (demo only)
  export/                         the school system's absence, enrolment and results exports (synthetic)
  cases/sager.db                  the case system's database (synthetic, SQLite)
  bad-lines.txt                   lines of the export that were broken on purpose
  state/quarantine/               the rejected rows, readable only by you
  state/outbox/                   the package as staged, sent byte for byte
  state/brobyg.db                 runs, cursors and outbox (SQLite)
  drop/                           what the evaluator receives
  evaluator/brobyg-open/          opened with brobyg open
  evaluator/openssl/              opened with openssl cms and unzip
  evaluator/aggregates/           the aggregates-only job's package, opened the same way
EOT
