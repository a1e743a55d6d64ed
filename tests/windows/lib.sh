# Shared by the Windows build's script tests (sourced): Wine, keys and the demo configuration.
# Needs $bin (the Windows build's bin folder) and $top (the repository) set.
export WINEPREFIX="${WINEPREFIX:?the Windows build sets WINEPREFIX}" WINEDEBUG=-all
wine=/usr/lib/wine/wine64
win() { "$wine" "$bin/$1.exe" "${@:2}"; }
# Wine's name for a Linux path: Z: is the root.
winpath() { printf 'Z:%s' "$(realpath "$1" | tr / '\\')"; }

# The demo's keys in ./keys: the municipality's and the evaluators' with openssl, the project
# key with brobyg.exe keygen.
make_keys() {
  mkdir -p keys
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=Demo Kommune" -keyout keys/municipality.key -out keys/municipality.crt 2>/dev/null
  local who
  for who in vive vive-backup; do
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
      -subj "/CN=$who" -addext basicConstraints=critical,CA:FALSE \
      -keyout "keys/$who.key" -out "keys/$who.crt" 2>/dev/null
  done
  win brobyg keygen --out=keys/project.key
}

# config/brobyg.example.xml with its agreements valid for a year and the case system's SQLite
# database at the Windows path $1 (made by make_cases). Extra lines for <service> come as the
# further arguments.
demo_config() {
  local expires cases_db service_lines
  expires="$(date -u -d '+1 year' +%Y-%m-%d)"
  cases_db="$1"
  service_lines="$(printf '%s\n' "${@:2}")"
  awk -v expires="$expires" -v cases="$cases_db" -v extra="$service_lines" '
    /<\/service>/ && extra != "" { print extra }
    { gsub(/expires="[0-9-]*"/, "expires=\"" expires "\"")
      if (index($0, "/srv/brobyg/cases/sager.db")) {
        sub(/>[^<]*</, ">" cases "<")
      }
      print }' "$top/config/brobyg.example.xml"
}

# The case system's database (brobyg-synth.exe cases) for 15 % of the pupils in pupils.csv, in
# cases/sager.db.
make_cases() {
  mkdir -p cases
  win brobyg-synth cases --seed 1 --pupils pupils.csv --share 0.15 --out cases/sager.db
}
