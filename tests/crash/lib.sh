# Helpers of tests/crash/campaign.sh (sourced). A "run folder" holds brobyg.xml, keys/,
# staged/ (export files not yet shown to brobyg), export/, and what brobyg makes: state/, drop/.
# Uses $bin, $job, $template and $work of the campaign.

fail() {
  echo "crash campaign: $*" >&2
  exit 1
}

# A sanitizer build's programs get the options its tests get (cmake/BrobygSanitize.cmake).
sanitizerEnvironment() {
  local file="$1/../sanitizer-env.cmake" name value
  [ -f "$file" ] || return 0
  while read -r name value; do
    export "$name=$value"
  done < <(sed -n 's/^set(ENV{\([A-Z_]*\)} "\(.*\)")$/\1 \2/p' "$file")
}

sleepMs() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# makeKeys BIN DIR: municipality (EC P-256, signs), evaluator "vive" (RSA 3072), project key.
makeKeys() {
  mkdir -p "$2"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=Crash Kommune" -keyout "$2/municipality.key" -out "$2/municipality.crt" 2>/dev/null
  openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=VIVE (crash campaign)" \
    -addext basicConstraints=critical,CA:FALSE \
    -keyout "$2/vive.key" -out "$2/vive.crt" 2>/dev/null
  "$1/brobyg" keygen --out="$2/project.key" >/dev/null
}

# prepareRun DIR: the configuration from the template and a copy of the keys.
prepareRun() {
  mkdir -p "$1/staged" "$1/export"
  cp -r "$work/keys" "$1/keys"
  sed "s/@EXPIRES@/$(date -u -d '+1 year' +%Y-%m-%d)/" "$template" >"$1/brobyg.xml"
}

# revealNext DIR: moves the next staged file into export/ (a rename: never seen half-written).
revealNext() {
  local next
  next="$(find "$1/staged" -maxdepth 1 -type f | LC_ALL=C sort | head -n 1)"
  [ -n "$next" ] || return 1
  mv "$next" "$1/export/"
}

revealAll() { while revealNext "$1"; do :; done; }

# finishRun DIR: runs the job (never killed) and sends the outbox until the job finds nothing
# new and every package is delivered.
finishRun() {
  local round status out
  for round in 1 2 3 4 5 6 7 8 9 10; do
    status=0
    out="$(cd "$1" && "$bin/brobyg" run --config=brobyg.xml --job="$job" --once 2>&1)" || status=$?
    echo "$out" >>"$1/finish.log"
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
      echo "brobyg run exited $status: $(tail -n 1 <<<"$out")" >&2
      continue
    fi
    # Package lines only: a package file a killed run left without its record ("not in the
    # outbox (never sent ...)") is never sent, by design, and must not keep this loop going.
    if ! (cd "$1" && "$bin/brobyg" outbox --config=brobyg.xml) | grep -E '^[^ ]+  ' |
      grep -qv '  delivered  '; then
      grep -q 'package=-' <<<"$out" && return 0
    else
      (cd "$1" && "$bin/brobyg" outbox --config=brobyg.xml --send) >>"$1/finish.log" 2>&1 || true
    fi
  done
  return 1
}

# collect DIR: opens every delivered package; writes packages.txt (their ids), rows.txt (every
# data row of every dataset's CSV file, prefixed by the file's name) and rejected.txt (every
# quarantined row), each sorted.
collect() {
  local dir="$1" n=0 package opened
  rm -rf "$dir/opened"
  mkdir -p "$dir/opened"
  : >"$dir/packages.txt"
  : >"$dir/rows.unsorted"
  for package in "$dir"/drop/*.cms; do
    [ -e "$package" ] || continue
    n=$((n + 1))
    opened="$dir/opened/$n"
    "$bin/brobyg" open --package="$package" --cert="$dir/keys/vive.crt" --key="$dir/keys/vive.key" \
      --trust="0101=$dir/keys/municipality.crt" --out="$opened" >"$opened.log" 2>&1 ||
      fail "brobyg open refused $(basename "$package"): $(tail -n 1 "$opened.log")"
    sed -n 's/^package \([^ ]*\) from .*/\1/p' "$opened.log" >>"$dir/packages.txt"
    for csv in "$opened"/*.csv; do
      # The codebook describes the datasets and goes into every package: not rows.
      [ -e "$csv" ] && [ "$(basename "$csv")" != codebook.csv ] || continue
      awk -v d="$(basename "$csv")" 'NR > 1 { print d ":" $0 }' "$csv" >>"$dir/rows.unsorted"
    done
  done
  LC_ALL=C sort "$dir/rows.unsorted" >"$dir/rows.txt"
  LC_ALL=C sort -o "$dir/packages.txt" "$dir/packages.txt"
  find "$dir/state/quarantine" -maxdepth 1 -type f -name '[!.]*.csv' -exec tail -q -n +2 {} + 2>/dev/null |
    LC_ALL=C sort >"$dir/rejected.txt"
}

# checkRegisters DIR: audit verify passes, and the disclosure register, the outbox (all
# delivered) and the packages in the drop folder name the same packages.
checkRegisters() {
  local dir="$1" ok=0
  (cd "$dir" && "$bin/brobyg" audit verify --config=brobyg.xml) >"$dir/audit-verify.log" 2>&1 ||
    { echo "audit verify failed: $(tail -n 1 "$dir/audit-verify.log")" >&2; ok=1; }
  (cd "$dir" && "$bin/brobyg" audit --config=brobyg.xml) | sed -n 's/.* package=\([^ ]*\) .*/\1/p' |
    LC_ALL=C sort >"$dir/audit-packages.txt"
  (cd "$dir" && "$bin/brobyg" outbox --config=brobyg.xml) >"$dir/outbox.log"
  grep -E '^[^ ]+  ' "$dir/outbox.log" | grep -v '  delivered  ' >"$dir/outbox-undelivered.txt" || true
  awk '/^[^ ]+  delivered  / { print $1 }' "$dir/outbox.log" | LC_ALL=C sort >"$dir/outbox-packages.txt"
  if [ -s "$dir/outbox-undelivered.txt" ]; then
    echo "outbox: $(wc -l <"$dir/outbox-undelivered.txt") packages not delivered" >&2
    ok=1
  fi
  if ! cmp -s "$dir/packages.txt" "$dir/audit-packages.txt"; then
    echo "drop folder ($(wc -l <"$dir/packages.txt")) and disclosure register ($(wc -l <"$dir/audit-packages.txt")) differ" >&2
    ok=1
  fi
  if ! cmp -s "$dir/packages.txt" "$dir/outbox-packages.txt"; then
    echo "drop folder ($(wc -l <"$dir/packages.txt")) and outbox ($(wc -l <"$dir/outbox-packages.txt")) differ" >&2
    ok=1
  fi
  return "$ok"
}
