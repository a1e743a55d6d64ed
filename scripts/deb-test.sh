#!/usr/bin/env bash
# The Debian package as an admin meets it (issue 16): builds the .deb from a build folder with
# CPack, installs it with dpkg -i, runs the packaged `brobyg check` as the service user on the
# packaged example configuration (filled in as docs/operations.md says: keys made with openssl
# and brobyg keygen, the sources' folders and database), `systemd-analyze verify` on the
# installed unit; then the guides' walkthroughs as written (tests/docs/walkthrough.sh): the
# evaluator's (docs/evaluator-guide.md), whose wait for the municipality runs the admin's
# (docs/operations.md, with its absolute paths /etc/brobyg, /srv/brobyg and a systemd drop-in)
# and opens the package it made, and the plugin author's (the lines plugin built and tested
# out of tree against the installed SDK); then removes the admin's files, `dpkg --purge`, and
# checks that everything the package made (its files, the folders of its postinst, the brobyg
# user and group) is gone.
#
# usage: scripts/deb-test.sh [BUILD_DIR]   (default build/, already built)
# Needs root (dpkg -i, a system user). As another user it says it is skipped and exits 0;
# under CI=true that is a failure. It refuses to run where a brobyg package is installed, or
# where /srv/brobyg or the walkthrough's drop-in exists: run it in a throwaway machine.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$top/build}" && pwd)"
say() { echo "deb-test: $*"; }
fail() {
  echo "deb-test: FAILED: $*" >&2
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then
  [ "${CI:-}" = true ] && fail "needs root (CI runs as root)"
  say "SKIPPED: needs root (dpkg -i and a system user); run it as root in a throwaway machine"
  exit 0
fi
if dpkg-query -W -f='${Status}' brobyg 2>/dev/null | grep -q "installed"; then
  fail "a brobyg package is installed on this machine; not touching it"
fi
dropin=/etc/systemd/system/brobygd.service.d/drop-folder.conf
for p in /srv/brobyg "$dropin"; do
  [ -e "$p" ] && fail "$p exists; the admin walkthrough would overwrite it"
done
for tool in cpack dpkg-deb systemd-analyze runuser openssl xmllint unzip; do
  command -v "$tool" >/dev/null || fail "$tool not found (scripts/install-deps.sh installs it)"
done

work="$(mktemp -d /tmp/brobyg-deb-test.XXXXXX)"
installed=0
# The admin walkthrough's files (purge keeps configuration, keys and state by design).
removeAdminFiles() {
  rm -rf /srv/brobyg "$dropin"
  rmdir /etc/systemd/system/brobygd.service.d 2>/dev/null || true
  rm -f /etc/brobyg/brobyg.xml /etc/brobyg/keys/project.key /etc/brobyg/keys/signing.* \
    /etc/brobyg/keys/vive.crt
  if [ -d /var/lib/brobyg ]; then find /var/lib/brobyg -mindepth 1 -delete; fi
}
cleanup() {
  if [ "$installed" = 1 ]; then
    removeAdminFiles
    dpkg --purge brobyg >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

say "building the package in $build"
(cd "$build" && cpack -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1) ||
  { tail -n 30 "$work/cpack.log"; fail "cpack -G DEB"; }
deb="$(ls "$work"/cpack/brobyg_*.deb)"
say "package: $(basename "$deb")"

# docs/operations.md quotes the package's Depends: it must be what dpkg-deb prints.
quoted="$(grep -m1 '^ Depends: ' "$top/docs/operations.md" | sed 's/^ //')"
actual="Depends: $(dpkg-deb -f "$deb" Depends)"
[ "$quoted" = "$actual" ] ||
  fail "docs/operations.md quotes another Depends than the package has: $actual"

# What the package will make: its files and folders, and the folders its postinst creates.
made="$work/made.txt"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\.##; s#/$##' | grep -v '^$' >"$made"
printf '%s\n' /etc/brobyg /etc/brobyg/keys /var/lib/brobyg /var/log/brobyg >>"$made"
new="$work/new.txt"  # the paths that do not exist yet: all of them must be gone after purge
while read -r p; do [ -e "$p" ] || [ -L "$p" ] || echo "$p"; done <"$made" >"$new"
getent passwd brobyg >/dev/null && fail "a brobyg user exists already"
grep -qx /usr/bin/brobyg "$new" || fail "/usr/bin/brobyg exists already"

say "dpkg -i"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
installed=1
for p in /usr/bin/brobyg /usr/sbin/brobygd /usr/lib/systemd/system/brobygd.service \
  /etc/brobyg /etc/brobyg/keys /var/lib/brobyg /var/log/brobyg; do
  [ -e "$p" ] || fail "the package did not make $p"
done
getent passwd brobyg >/dev/null || fail "postinst made no brobyg user"
[ "$(stat -c '%a %U' /var/lib/brobyg)" = "700 brobyg" ] || fail "/var/lib/brobyg is not 0700 brobyg"
grep -qx 'LimitCORE=0' /usr/lib/systemd/system/brobygd.service || fail "the unit lacks LimitCORE=0"

say "systemd-analyze verify"
systemd-analyze verify /usr/lib/systemd/system/brobygd.service >"$work/verify.log" 2>&1 ||
  { cat "$work/verify.log"; fail "systemd-analyze verify"; }
if [ -s "$work/verify.log" ]; then
  cat "$work/verify.log"
  fail "systemd-analyze verify warns"
fi

say "the packaged brobyg check, as user brobyg, on the packaged example configuration"
inst="$work/installation"
mkdir -p "$inst/keys" "$inst/export" "$inst/cases" "$inst/state"
chmod 0755 "$work" "$inst"
(
  cd "$inst/keys"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=Demo Kommune/O=Demo Kommune" -keyout municipality.key -out municipality.crt
  openssl req -x509 -newkey rsa:3072 -nodes -days 365 -subj "/CN=VIVE evaluator" \
    -addext basicConstraints=critical,CA:FALSE -keyout vive.key -out vive.crt
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 \
    -subj "/CN=VIVE backup" -addext basicConstraints=critical,CA:FALSE \
    -keyout vive-backup.key -out vive-backup.crt
) >"$work/openssl.log" 2>&1 || { cat "$work/openssl.log"; fail "openssl"; }
/usr/bin/brobyg keygen --out="$inst/keys/project.key" >/dev/null
# The case system's database: the synthetic one of the build folder (not part of the package).
synth="${BROBYG_SYNTH:-$build/bin/brobyg-synth}"
"$synth" pupils --seed 1 --count 20 --municipality 0101 --out "$work/pupils.csv"
"$synth" cases --seed 1 --pupils "$work/pupils.csv" --share 0.5 \
  --out "$inst/cases/sager.db" >/dev/null
chmod 600 "$inst"/keys/*.key
chmod 700 "$inst/state"
chown -R brobyg:brobyg "$inst"
example=/usr/share/doc/brobyg/examples/brobyg.example.xml
if [ ! -e "$example" ]; then
  # A slim image's dpkg leaves /usr/share/doc out (path-exclude): take it from the package.
  dpkg-deb -x "$deb" "$work/unpacked"
  example="$work/unpacked$example"
fi
sed -e "s#/srv/brobyg/cases/sager.db#$inst/cases/sager.db#" "$example" >"$inst/brobyg.xml"
chown root:brobyg "$inst/brobyg.xml"
chmod 640 "$inst/brobyg.xml"
runuser -u brobyg -- /usr/bin/brobyg check --config="$inst/brobyg.xml" >"$work/check.log" 2>&1 ||
  { cat "$work/check.log"; fail "brobyg check"; }
tail -n 1 "$work/check.log"
rm -rf "$inst"  # the admin's files are the admin's to delete; purge keeps keys and config

walk="$top/tests/docs/walkthrough.sh"
say "the walkthroughs of the evaluator guide and, inside it, the operations guide"
export WALK_ROOT="$work/walkthrough" WALK_SYNTH="$synth"
"$walk" run evaluator "$WALK_ROOT/evaluator" "$top/docs/evaluator-guide.md" \
  "$top/tests/docs/walkthrough-hooks.sh" >"$work/walkthrough.log" 2>&1 ||
  { cat "$work/walkthrough.log"; fail "the admin and evaluator walkthroughs"; }
grep -E '^(walkthrough|  \|)' "$work/walkthrough.log"
[ -s "$WALK_ROOT/evaluator/opened/absence_event.csv" ] || fail "the evaluator opened no absence_event.csv"
removeAdminFiles

say "the plugin author guide's walkthrough: the lines plugin built and tested against the installed SDK"
lines="$work/lines"
"$walk" run plugin "$lines" "$top/docs/plugin-author-guide.md" >"$work/lines.log" 2>&1 ||
  { tail -n 40 "$work/lines.log"; fail "the plugin author walkthrough"; }
grep -E '^(walkthrough|  \|)' "$work/lines.log"
/usr/bin/brobyg plugins --plugin-dir="$lines/build" --describe=lines >"$work/lines-describe.log" 2>&1 ||
  { cat "$work/lines-describe.log"; fail "the installed brobyg does not load the lines plugin"; }
grep -q '^lines 1.0.0 (source, not thread-safe, ABI 1.0)$' "$work/lines-describe.log" ||
  { cat "$work/lines-describe.log"; fail "the lines plugin describes itself otherwise than the guide says"; }
exported="$(nm -D --defined-only "$lines/build/brobyg_lines.so" | awk '{print $3}' | grep -v '^_' | tr '\n' ' ')"
[ "$exported" = "brobyg_plugin_entry " ] || fail "the lines plugin exports more than its entry: $exported"

say "dpkg --purge"
dpkg --purge brobyg >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg --purge"; }
installed=0
left=()
while read -r p; do if [ -e "$p" ] || [ -L "$p" ]; then left+=("$p"); fi; done <"$new"
getent passwd brobyg >/dev/null && left+=("user brobyg")
getent group brobyg >/dev/null && left+=("group brobyg")
[ "${#left[@]}" -eq 0 ] || fail "left behind after purge: ${left[*]}"
say "passed: $(wc -l <"$new") paths made and removed, user and group removed"
