#!/usr/bin/env bash
# Checks the MSI that scripts/windows.sh msi made (issue 13):
#   msi-check.sh <msi> <windows build folder>
# 1. msiextract lists every file the install tree has (programs, each plugin DLL, schemas,
#    docs), and the ServiceInstall and Registry tables hold the service entry, its account, the
#    configuration path and the Event Log source;
# 2. Wine's msiexec installs it into a Wine prefix of its own: the files land under
#    C:\Program Files\brobyg, the service brobygd is registered (not started) with its
#    configuration path, and brobyg.exe runs from there and finds its plugins.
set -euo pipefail
msi="$(realpath "$1")"
build="$(realpath "$2")"
work="$build/msi/check"
rm -rf "$work" && mkdir -p "$work"
fail() { echo "msi-check: $*" >&2; exit 1; }

# --- 1. the tables -----------------------------------------------------------------------
msiextract -C "$work/extract" "$msi" >"$work/files.txt"
want=(brobyg/bin/brobyg.exe brobyg/bin/brobygd.exe)
for dll in "$build"/lib/brobyg/plugins/brobyg_*.dll; do
  want+=("brobyg/lib/brobyg/plugins/$(basename "$dll")")
done
while read -r f; do want+=("brobyg/$f"); done < <(cd "$build/msi/stage" && find . -type f | sed 's|^\./||')
for f in "${want[@]}"; do
  grep -qxF "$f" "$work/files.txt" || fail "$f is not in the MSI"
done
echo "msi-check: ${#want[@]} files, every one in the MSI"
for plugin in csv sftp sql; do
  grep -q "^brobyg/lib/brobyg/plugins/brobyg_$plugin.dll\$" "$work/files.txt" ||
    fail "no $plugin plugin"
done
# libssh2, libpq, OpenSSL and Poco are linked in statically: every program and plugin DLL
# imports only DLLs Windows itself has, so the MSI ships no other DLL.
system_dlls='^(kernel32|user32|advapi32|ws2_32|crypt32|secur32|shell32|ole32|bcrypt|iphlpapi|'
system_dlls+='odbc32|wer|msvcrt|userenv|gdi32|rpcrt4|shlwapi|netapi32|dbghelp|psapi|mswsock|'
system_dlls+='wldap32|normaliz|api-ms-win-[a-z0-9-]+)\.dll$'
while read -r f; do
  x86_64-w64-mingw32-objdump -p "$work/extract/$f" | awk '/DLL Name:/ {print tolower($3)}' |
    while read -r dll; do
      [[ "$dll" =~ $system_dlls ]] || fail "$f needs $dll, which neither Windows nor the MSI has"
    done
done < <(grep -E '\.(exe|dll)$' "$work/files.txt")
echo "msi-check: the programs and plugins need no DLL beyond Windows' own"
grep -q '^brobyg/share/brobyg/schemas/absence_event.xsd$' "$work/files.txt" || fail "no schemas"
msiinfo export "$msi" ServiceInstall >"$work/service.txt"
grep -P '^BrobygdService\tbrobygd\t[^\t]*\t16\t2\t' "$work/service.txt" >/dev/null ||
  fail "no automatic own-process service brobygd: $(cat "$work/service.txt")"
grep -qF '[SERVICEACCOUNT]' "$work/service.txt" || fail "the service has no account property"
# Into files first: under pipefail, a grep -q that stops at its match can leave the writer
# with a broken pipe, and the check fails with the value present.
msiinfo export "$msi" Property >"$work/property.txt"
grep -qP '^SERVICEACCOUNT\tNT SERVICE\\brobygd' "$work/property.txt" ||
  fail "the default service account is not NT SERVICE\\brobygd"
msiinfo export "$msi" ServiceControl | grep -P '^BrobygdControl\tbrobygd\t' >"$work/control.txt" ||
  fail "no ServiceControl entry"
# ProgramData\brobyg: a protected access list for SYSTEM, Administrators and the service's own
# SID (NT SERVICE\brobygd: S-1-5-80- and the SHA-1 of its name in upper-case UTF-16LE, as
# little-endian words), so that no other account reads brobyg.xml, the keys or the state.
service_sid() {
  local hex i word sid=S-1-5-80
  hex="$(printf '%s' "${1^^}" | iconv -t UTF-16LE | sha1sum | cut -c1-40)"
  for i in 0 1 2 3 4; do
    word="${hex:$((i * 8)):8}"
    sid+="-$((16#${word:6:2}${word:4:2}${word:2:2}${word:0:2}))"
  done
  printf '%s' "$sid"
}
[ "$(service_sid TrustedInstaller)" = S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464 ] ||
  fail "service_sid does not compute Windows' SID of NT SERVICE\\TrustedInstaller"
msiinfo export "$msi" MsiLockPermissionsEx >"$work/lock.txt"
grep -qP "^DataFolderPrivate\tDATADIR\tCreateFolder\tD:PAI\(A;OICI;FA;;;SY\)\(A;OICI;FA;;;BA\)\(A;OICI;FA;;;$(service_sid brobygd)\)\t?\r?\$" \
  "$work/lock.txt" || fail "ProgramData\\brobyg has no private access list: $(cat "$work/lock.txt")"
echo "msi-check: ProgramData\\brobyg private to SYSTEM, Administrators and NT SERVICE\\brobygd"
msiinfo export "$msi" Registry >"$work/registry.txt"
grep -qP 'Services\\brobygd\\Parameters\tConfigFile\t\[DATADIR\]brobyg.xml' "$work/registry.txt" ||
  fail "no ConfigFile registry value"
grep -qP 'EventLog\\Application\\brobygd\tEventMessageFile\t\[#brobygd.exe\]' "$work/registry.txt" ||
  fail "no Event Log source"
echo "msi-check: service, account, configuration path and Event Log source in the tables"

# --- 2. installed by Wine's msiexec --------------------------------------------------------
export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all
wine=/usr/lib/wine/wine64
"$wine" msiexec /i "$msi" /qn /l*v "$work/install.log" || {
  tail -n 40 "$work/install.log" 2>/dev/null | iconv -f UTF-16LE -t UTF-8 >&2 || true
  fail "msiexec /i failed"
}
programs="$WINEPREFIX/drive_c/Program Files/brobyg"
for f in bin/brobyg.exe bin/brobygd.exe lib/brobyg/plugins/brobyg_csv.dll \
  lib/brobyg/plugins/brobyg_sftp.dll lib/brobyg/plugins/brobyg_sql.dll \
  share/brobyg/schemas/manifest.xsd; do
  [ -f "$programs/$f" ] || fail "msiexec did not install $f"
done
[ -d "$WINEPREFIX/drive_c/ProgramData/brobyg" ] || fail "no ProgramData\\brobyg folder"
query() { "$wine" reg query "$@" 2>/dev/null | tr -d '\r'; }
query 'HKLM\SYSTEM\CurrentControlSet\Services\brobygd' >"$work/service-key.txt" ||
  fail "the service brobygd is not registered"
grep -qi 'ObjectName.*NT SERVICE\\brobygd' "$work/service-key.txt" ||
  fail "the service does not run as NT SERVICE\\brobygd: $(cat "$work/service-key.txt")"
grep -qi 'ImagePath.*brobyg\\bin\\brobygd.exe' "$work/service-key.txt" ||
  fail "the service's ImagePath is not brobygd.exe"
query 'HKLM\SYSTEM\CurrentControlSet\Services\brobygd\Parameters' /v ConfigFile >"$work/config-value.txt" ||
  fail "no ConfigFile for the service"
grep -qi 'ProgramData\\brobyg\\brobyg.xml' "$work/config-value.txt" ||
  fail "no ConfigFile for the service: $(cat "$work/config-value.txt")"
"$wine" "$programs/bin/brobyg.exe" plugins >"$work/plugins.txt" 2>&1 ||
  fail "the installed brobyg.exe does not run: $(cat "$work/plugins.txt")"
grep -q '^ *csv  *source' "$work/plugins.txt" || fail "the installed brobyg.exe does not find its plugins: $(cat "$work/plugins.txt")"
# Loaded, not only found: the kind column comes from the plugin's descriptor, which a DLL
# Windows cannot load (a DLL it needs missing) does not give.
grep -q '^ *sftp  *destination' "$work/plugins.txt" || fail "the installed brobyg.exe does not load the sftp plugin: $(cat "$work/plugins.txt")"
grep -q '^ *sql  *source' "$work/plugins.txt" || fail "the installed brobyg.exe does not load the sql plugin: $(cat "$work/plugins.txt")"
"$wine" msiexec /x "$msi" /qn || fail "msiexec /x failed"
[ ! -f "$programs/bin/brobyg.exe" ] || fail "msiexec /x left brobyg.exe behind"
query 'HKLM\SYSTEM\CurrentControlSet\Services\brobygd' >/dev/null &&
  fail "msiexec /x left the service registered"
echo "msi-check: installed, registered and removed by Wine's msiexec"
