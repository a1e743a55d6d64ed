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

# config/brobyg.example.xml without the case system's sql sources and the datasets they feed
# (the sql plugin is not in the Windows build yet: tests/windows/wine-skips.txt), its agreements
# valid for a year. Extra lines for <service> come as arguments.
demo_config() {
  local expires service_lines
  expires="$(date -u -d '+1 year' +%Y-%m-%d)"
  service_lines="$(printf '%s\n' "$@")"
  awk -v expires="$expires" -v extra="$service_lines" '
    /<source id="sager-/ { skip = 1 }
    skip { if (/<\/source>/) skip = 0; next }
    /<dataset name="(case_measure|case_event|person_period)"/ { next }
    /<\/service>/ && extra != "" { print extra }
    { gsub(/expires="[0-9-]*"/, "expires=\"" expires "\"")
      gsub(/ case_measure case_event person_period/, "")
      print }' "$top/config/brobyg.example.xml"
}
