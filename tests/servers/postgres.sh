#!/usr/bin/env bash
# A throwaway PostgreSQL server for the sql plugin's tests (plugins/sql/tests).
#
#   postgres.sh start   initdb in a fresh folder, start on a free loopback port (its unix
#                       socket in that folder), create role and database brobyg_test with a
#                       random password; prints the variables below as `export` lines
#   postgres.sh env     prints them again for a running server
#   postgres.sh stop    stops the server and removes the folder
#
# Variables: BROBYG_TEST_PG_HOST, _PORT, _SOCKET_DIR, _DB, _USER, _PASSWORD, _SUPERUSER
# (role postgres, trusted on the unix socket only), _DIR. The folder is BROBYG_TEST_PG_DIR, or
# a fixed one per user under TMPDIR so that `env` and `stop` find it again.
#
# initdb and postgres refuse to run as root: as root the server runs as an unprivileged user
# (BROBYG_TEST_PG_OS_USER, default nobody) through runuser; as anyone else, as that user.
# Binaries: BROBYG_TEST_PG_BIN, else Debian's newest /usr/lib/postgresql/<ver>/bin, else PATH.
set -euo pipefail

dir="${BROBYG_TEST_PG_DIR:-${TMPDIR:-/tmp}/brobyg-test-pg-$(id -u)}"
osUser="${BROBYG_TEST_PG_OS_USER:-nobody}"

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

findBin() {
  if [ -n "${BROBYG_TEST_PG_BIN:-}" ]; then
    echo "$BROBYG_TEST_PG_BIN"
    return
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
    return
  fi
  local initdb
  initdb="$(command -v initdb || true)"
  [ -n "$initdb" ] || die "no initdb: install Debian's postgresql (scripts/install-deps.sh)"
  dirname "$(readlink -f "$initdb")"
}

# Runs a PostgreSQL program as the server's user.
asServer() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$osUser" -- "$@"
  else
    "$@"
  fi
}

freePort() {
  local port
  for port in $(seq 55432 55531); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port in 55432-55531"
}

printEnv() {
  [ -f "$dir/port" ] || die "no server in $dir: run postgres.sh start"
  cat <<EOF
export BROBYG_TEST_PG_DIR='$dir'
export BROBYG_TEST_PG_HOST=127.0.0.1
export BROBYG_TEST_PG_PORT=$(cat "$dir/port")
export BROBYG_TEST_PG_SOCKET_DIR='$dir'
export BROBYG_TEST_PG_DB=brobyg_test
export BROBYG_TEST_PG_USER=brobyg_test
export BROBYG_TEST_PG_PASSWORD='$(cat "$dir/password")'
export BROBYG_TEST_PG_SUPERUSER=postgres
EOF
}

running() {
  [ -f "$dir/port" ] && asServer "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
  if running; then
    printEnv
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  # The password never reaches a command line: the role gets it from a file psql reads.
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password"
  chmod 600 "$dir/password"
  if [ "$(id -u)" -eq 0 ]; then
    id "$osUser" >/dev/null 2>&1 || die "no user '$osUser' to run the server as"
    chown "$osUser" "$dir"
  fi
  asServer "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
    die "initdb failed; see $dir/initdb.log"
  local port attempt
  for attempt in 1 2 3; do
    port="$(freePort)"
    # Tests only: no fsync. Loopback and the folder's socket only.
    if asServer "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      break
    fi
    [ "$attempt" -lt 3 ] || die "the server did not start; see $dir/server.log"
  done
  local password
  password="$(cat "$dir/password")"
  # Role and database over the trusted socket, as the superuser.
  asServer "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres \
    >/dev/null <<EOF || die "cannot create the test role and database"
CREATE ROLE brobyg_test LOGIN PASSWORD '$password';
CREATE DATABASE brobyg_test OWNER brobyg_test;
EOF
  printEnv
}

stop() {
  if [ -d "$dir/data" ]; then
    asServer "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

bin="$(findBin)"
[ -x "$bin/pg_ctl" ] || die "no pg_ctl in $bin"
case "${1:-}" in
  start) start ;;
  env) printEnv ;;
  stop) stop ;;
  *) die "usage: postgres.sh start|env|stop" ;;
esac
