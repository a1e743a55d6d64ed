#!/usr/bin/env bash
# brobygd.exe as a Windows service under Wine's service manager (issue 13):
#   service-under-wine.sh <windows bin folder> <repository top> <work folder>
# /registerService /config=FILE (Windows-style options, as Poco takes them on Windows)
# registers it and records FILE (the service control manager passes no arguments on),
# `net start` starts it without arguments and it finds FILE, a stop
# request ends it after "stopping: letting the current run finish", and /unregisterService
# removes it. Its log goes to <log-file>, behind the same CPR mask as every channel.
set -euo pipefail
bin="$1"
top="$2"
work="$3"
# shellcheck source=tests/windows/lib.sh
source "$top/tests/windows/lib.sh"
service="brobygd"
fail() { echo "service-under-wine: $*" >&2; [ -f "$work/brobygd.log" ] && cat "$work/brobygd.log" >&2; exit 1; }
query() { "$wine" reg query "$@" 2>/dev/null | tr -d '\r'; }
# Waits up to a minute for brobygd.log to hold $1.
await_log() {
  for _ in $(seq 1 60); do
    grep -qF "$1" brobygd.log 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

rm -rf "$work" && mkdir -p "$work"
cd "$work"
umask 077
"$wine" "$bin/brobygd.exe" /unregisterService >/dev/null 2>&1 || true  # a run before us that died

make_keys >/dev/null
mkdir -p export
win brobyg-synth pupils --seed 1 --count 50 --municipality 0101 --out pupils.csv >/dev/null
make_cases >/dev/null
# The demo's configuration with a log file: the service has no console.
demo_config "Z:$(realpath cases/sager.db)" "    <log-file>brobygd.log</log-file>" >brobyg.xml
config="$(winpath brobyg.xml)"

"$wine" "$bin/brobygd.exe" /registerService /displayName="brobyg service" /startup=manual \
  /config="$config" >register.txt 2>&1 || fail "/registerService failed: $(cat register.txt)"
grep -qF "reads $config" register.txt || fail "registration did not record the configuration: $(cat register.txt)"
query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$service" >service-key.txt ||
  fail "the service is not registered"
grep -qi 'ImagePath.*brobygd.exe' service-key.txt || fail "no ImagePath: $(cat service-key.txt)"
query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$service\\Parameters" /v ConfigFile |
  grep -qiF "$config" || fail "no ConfigFile for the service"
echo "service-under-wine: registered with its configuration path"

"$wine" net start "$service" >start.txt 2>&1 || fail "net start failed: $(cat start.txt)"
await_log "started with $config" || fail "the service did not start with $config"
echo "service-under-wine: started by the service manager with $config"

"$wine" net stop "$service" >stop.txt 2>&1 || fail "net stop failed: $(cat stop.txt)"
await_log "Information brobygd: stopped" || fail "the service did not stop"
grep -q "stopping: letting the current run finish" brobygd.log || fail "no orderly stop"
echo "service-under-wine: stopped after the current run"

"$wine" "$bin/brobygd.exe" /unregisterService >/dev/null 2>&1 || fail "/unregisterService failed"
query "HKLM\\SYSTEM\\CurrentControlSet\\Services\\$service" >/dev/null &&
  fail "the service is still registered"
echo "service-under-wine: unregistered"
