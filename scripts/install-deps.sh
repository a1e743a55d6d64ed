#!/usr/bin/env bash
# Installs what brobyg needs to build, test and run its demo on Debian 12 (bookworm).
# As root it calls apt-get directly (a fresh container has no sudo); as a user, through sudo.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libpoco-dev libssl-dev libpugixml-dev zlib1g-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libisal-dev util-linux curl
  openssl libxml2-utils unzip xxd procps time
  # scripts/test.sh's sanitizer and fuzz stages: clang, libFuzzer and the sanitizer
  # runtimes (libclang-rt-14-dev), llvm-symbolizer for readable reports (llvm).
  clang libclang-rt-14-dev llvm
  # The sql plugin: Poco::Data's PostgreSQL and ODBC clients (libpq-dev, unixodbc-dev), and
  # for its tests a PostgreSQL server (tests/servers/postgres.sh) and its ODBC driver.
  libpq-dev libsqlite3-dev unixodbc unixodbc-dev postgresql odbc-postgresql
  # The sftp plugin: libssh2, and for its tests an OpenSSH server (tests/servers/sshd.sh).
  libssh2-1-dev openssh-server
  # The demo shows rows of the synthetic case system's database.
  sqlite3
  # Cron schedules read the system's time zones (/usr/share/zoneinfo).
  tzdata
  # scripts/deb-test.sh: CPack's DEB generator runs file(1) for dpkg-shlibdeps; the package
  # needs adduser; systemd-analyze verify comes with systemd.
  file adduser systemd
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -gt 0 ] || exit 0
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps.sh: missing ${missing[*]}; not root and no sudo: run it as root" >&2
    exit 1
  fi
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
