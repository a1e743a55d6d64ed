#!/usr/bin/env bash
# sql source benchmark (issue 12): N case_measure rows (default 1 M) pulled from PostgreSQL by
# the sql plugin through the whole job (normalise, pseudonymise, row digests, package, sign,
# encrypt, deliver), measured with /usr/bin/time -v. A throwaway server from
# tests/servers/postgres.sh, stopped at the end; synthetic rows for the children of
# brobyg-synth's pupils. Everything lives under BROBYG_BENCH_DIR/sql (default
# /tmp/brobyg-bench/sql), never in the repository.
#
#   BROBYG_BUILD_DIR        build folder with brobyg, brobyg-synth and the plugins (default build)
#   BROBYG_BENCH_SQL_ROWS   rows (default 1000000)
#   BROBYG_BENCH_SQL_BATCH  the plugin's batch_size (default 5000)
#   BROBYG_BENCH_WRAP       a command to run brobyg under (e.g. "perf record -g -o sql.data")
#   BROBYG_BENCH_SQL_BUILDS build folders to compare, space-separated (default BROBYG_BUILD_DIR):
#                           each run once per round, alternating, on the one filled server
#   BROBYG_BENCH_SQL_ROUNDS rounds (default 1); every run starts from an empty state folder
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
builds="${BROBYG_BENCH_SQL_BUILDS:-${BROBYG_BUILD_DIR:-$top/build}}"
rounds="${BROBYG_BENCH_SQL_ROUNDS:-1}"
bin="${builds%% *}/bin"
work="${BROBYG_BENCH_DIR:-/tmp/brobyg-bench}/sql"
rows="${BROBYG_BENCH_SQL_ROWS:-1000000}"
batch="${BROBYG_BENCH_SQL_BATCH:-5000}"
case "$work" in "$top"|"$top"/*) echo "BROBYG_BENCH_DIR must be outside the repository" >&2; exit 2 ;; esac

export BROBYG_TEST_PG_DIR="$work/pg"
rm -rf "$work" && mkdir -p "$work"/{keys,secrets}
chmod 755 "$work"  # the server runs as another user and keeps its folder inside
eval "$(bash "$top/tests/servers/postgres.sh" start)"
trap 'bash "$top/tests/servers/postgres.sh" stop >/dev/null 2>&1 || true' EXIT
cd "$work"
umask 077

echo "== keys, $rows synthetic measures in PostgreSQL" >&2
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
  -subj "/CN=Bench Kommune" -keyout keys/municipality.key -out keys/municipality.crt 2>/dev/null
openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=Bench evaluator" \
  -addext basicConstraints=critical,CA:FALSE -keyout keys/vive.key -out keys/vive.crt 2>/dev/null
"$bin/brobyg" keygen --out=keys/project.key >&2
"$bin/brobyg-synth" pupils --seed 3 --count 60000 --municipality 0101 --out pupils.csv 2>/dev/null
printf '%s\n' "$BROBYG_TEST_PG_PASSWORD" > secrets/pg.pw
psql() { command psql -X -q -v ON_ERROR_STOP=1 -h "$BROBYG_TEST_PG_SOCKET_DIR" \
  -p "$BROBYG_TEST_PG_PORT" -U "$BROBYG_TEST_PG_USER" -d "$BROBYG_TEST_PG_DB" "$@"; }
export PGPASSWORD="$BROBYG_TEST_PG_PASSWORD"
cut -d, -f1 pupils.csv | tail -n +2 > cprs.txt
psql <<SQL
CREATE TABLE child (n serial PRIMARY KEY, cpr text NOT NULL);
\copy child (cpr) FROM 'cprs.txt'
CREATE TABLE foranstaltning (id bigint PRIMARY KEY, cpr text, kommunekode text, paragraf text,
  anbringelsessted text, startdato date, slutdato date, opdateret timestamp NOT NULL);
INSERT INTO foranstaltning
SELECT g, c.cpr, '0101',
       (ARRAY['SEL § 52, stk. 3, nr. 7', 'BL § 46', 'Barnets Lov § 32, stk. 1, nr. 3',
              'SEL 52.3.7', 'BL §32 stk 1 nr 3', 'Serviceloven § 50'])[1 + g % 6],
       (ARRAY['', '21', 'Plejefamilie', '11'])[1 + g % 4],
       -- one row per child and start day: no two rows alike (the row digests would drop them)
       date '2024-01-01' + g / 60000, CASE WHEN g % 3 = 0 THEN NULL ELSE date '2024-01-01' + g / 60000 + 90 END,
       timestamp '2025-01-01' + (g / 4) * interval '1 second'
FROM generate_series(1, $rows) g JOIN child c ON c.n = 1 + g % 60000;
CREATE INDEX ON foranstaltning (opdateret, id);
ANALYZE foranstaltning;
SQL

expires="$(date -u -d '+1 year' +%Y-%m-%d)"
cat > brobyg.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>state</state-directory></service>
  <producer municipality="0101" name="Bench Kommune">
    <signing-certificate>keys/municipality.crt</signing-certificate>
    <signing-key>keys/municipality.key</signing-key>
  </producer>
  <project id="bench-sager" key-file="keys/project.key"/>
  <recipient id="vive" certificate="keys/vive.crt"/>
  <source id="sager" plugin="sql">
    <setting key="connector">postgresql</setting>
    <setting key="connection">host=$BROBYG_TEST_PG_HOST port=$BROBYG_TEST_PG_PORT dbname=$BROBYG_TEST_PG_DB user=$BROBYG_TEST_PG_USER</setting>
    <setting key="password" file="secrets/pg.pw"/>
    <setting key="query">SELECT id, cpr, kommunekode, paragraf, anbringelsessted,
        CAST(startdato AS TEXT) AS startdato, CAST(slutdato AS TEXT) AS slutdato,
        CAST(opdateret AS TEXT) AS opdateret
      FROM foranstaltning
      WHERE opdateret &gt; CAST(:watermark AS timestamp)
         OR (opdateret = CAST(:watermark AS timestamp) AND id &gt; CAST(:key AS bigint))
      ORDER BY opdateret, id</setting>
    <setting key="watermark_column">opdateret</setting>
    <setting key="key_column">id</setting>
    <setting key="initial_watermark">2020-01-01 00:00:00</setting>
    <setting key="initial_key">0</setting>
    <setting key="batch_size">$batch</setting>
    <map key="column">
      <entry key="person">cpr</entry>
      <entry key="municipality">kommunekode</entry>
      <entry key="legal_basis">paragraf</entry>
      <entry key="placement_type">anbringelsessted</entry>
      <entry key="start">startdato</entry>
      <entry key="end">slutdato</entry>
    </map>
  </source>
  <destination id="drop" plugin="folder">
    <setting key="directory">drop</setting>
    <setting key="create_directory">true</setting>
  </destination>
  <job id="sager" project="bench-sager" destination="drop">
    <legal-basis agreement="BENCH-1" expires="$expires" datasets="case_measure">benchmark</legal-basis>
    <dataset name="case_measure" source="sager"/>
    <recipient ref="vive"/>
    <output formats="csv" compression="1"/>
  </job>
</brobyg>
XML

# CPU seconds of the server's processes that have ended (the postmaster's reaped children:
# the backend of a finished run among them).
serverCpu() {
  awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($16 + $17) / t }' \
    "/proc/$(head -1 "$BROBYG_TEST_PG_DIR/data/postmaster.pid")/stat"
}

# One run of the job with the brobyg of build folder $1, from an empty state (no cursor yet).
# The table's last column: the CPU seconds of the run's server backend.
runOnce() {
  local bin="$1/bin"
  rm -rf state drop
  local before after
  before="$(serverCpu)"
  echo "== brobyg run (sql, $rows rows, batch_size $batch, $1, load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  ${BROBYG_BENCH_WRAP:-} /usr/bin/time -v -o time.txt "$bin/brobyg" run --config=brobyg.xml --job=sager --once > run.txt 2>&1 ||
    { cat run.txt >&2; exit 1; }
  grep -o 'status=.*' run.txt | head -1
  sleep 1  # the backend exits and is reaped after brobyg disconnects
  after="$(serverCpu)"
  local wall user sys rss
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' time.txt |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')"
  user="$(sed -n 's/.*User time (seconds): //p' time.txt)"
  sys="$(sed -n 's/.*System time (seconds): //p' time.txt)"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt)"
  awk -v r="$rows" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v b="$before" -v a="$after" 'BEGIN {
    printf "| %9d | %7.2f | %7.2f | %11.0f | %8.1f | %7.2f |\n", r, w, u + s, r / w, m / 1024, a - b }'
}

for ((round = 1; round <= rounds; round++)); do
  for build in $builds; do runOnce "$build"; done
done
