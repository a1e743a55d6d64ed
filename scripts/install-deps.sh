#!/usr/bin/env bash
# Installs what brobyg needs to build, test and run its demo on Debian 12 (bookworm).
# As root it calls apt-get directly, as a user through sudo (scripts/lib/apt.sh).
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
  # The status page's browser test (tests/browser): Debian's headless-capable chromium.
  chromium
)
# Node and npm for puppeteer-core: Debian's, unless a node is installed already (NodeSource's
# nodejs bundles npm and conflicts with Debian's npm package).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
# shellcheck source=scripts/lib/apt.sh
source "$(dirname "$0")/lib/apt.sh"
brobyg_apt_install install-deps.sh "${packages[@]}"
# tests/browser: puppeteer-core exactly as package-lock.json pins it (npm ci), again only when
# the lock file changed since the last time.
browser="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
if ! cmp -s "$browser/package-lock.json" "$browser/node_modules/.brobyg-installed-lock"; then
  (cd "$browser" && npm ci --no-audit --no-fund)
  cp "$browser/package-lock.json" "$browser/node_modules/.brobyg-installed-lock"
fi
