#!/usr/bin/env bash
# A throwaway OpenSSH server for the sftp plugin's tests (plugins/sftp/tests, tests/e2e).
#
#   sshd.sh start   a fresh folder with its own host keys (ed25519, ECDSA, RSA; the variables
#                   give the ed25519 one's fingerprint), sshd_config and a client
#                   key pair; sshd on a free loopback port, sftp only (internal-sftp); prints
#                   the variables below as `export` lines
#   sshd.sh env     prints them again for a running server
#   sshd.sh stop    stops the server and removes the folder
#
# Variables: BROBYG_TEST_SSH_HOST, _PORT, _USER (the user running this script: root in CI, you
# locally), _KEY (the client's private key, 0600, no passphrase), _LOCKED_KEY and _PASSPHRASE
# (a second client key and the passphrase it is locked with), _STRANGER_KEY (a key the server
# does not know), _HOST_KEY_SHA256 (the host
# key's fingerprint as `ssh-keygen -lf` prints it), _ROOT (a folder the tests upload into; on
# this machine, so that they can look at what arrived), _DIR. The folder is
# BROBYG_TEST_SSH_DIR, or a fixed one per user under TMPDIR so that `env` and `stop` find it.
#
# As root sshd uses privilege separation (/run/sshd) and PAM (root's password may be locked,
# "*" or "!", which sshd without PAM refuses); as another user it can only log in that user,
# without PAM (whose session modules, e.g. pam_loginuid, need root): that user's account must
# not be locked (a system account such as nobody is refused; a person's account works).
# StrictModes is off: the folder lies under the world-writable TMPDIR.
set -euo pipefail

dir="${BROBYG_TEST_SSH_DIR:-${TMPDIR:-/tmp}/brobyg-test-ssh-$(id -u)}"
sshd=/usr/sbin/sshd

die() {
  echo "sshd.sh: $*" >&2
  exit 1
}

freePort() {
  local port
  for port in $(seq 22220 22319); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port in 22220-22319"
}

printEnv() {
  [ -f "$dir/port" ] || die "no server in $dir: run sshd.sh start"
  cat <<EOF
export BROBYG_TEST_SSH_DIR='$dir'
export BROBYG_TEST_SSH_HOST=127.0.0.1
export BROBYG_TEST_SSH_PORT=$(cat "$dir/port")
export BROBYG_TEST_SSH_USER='$(id -un)'
export BROBYG_TEST_SSH_KEY='$dir/client_key'
export BROBYG_TEST_SSH_LOCKED_KEY='$dir/client_key_locked'
export BROBYG_TEST_SSH_PASSPHRASE='$(cat "$dir/passphrase")'
export BROBYG_TEST_SSH_STRANGER_KEY='$dir/stranger_key'
export BROBYG_TEST_SSH_HOST_KEY_SHA256='$(ssh-keygen -lf "$dir/host_key.pub" | awk '{print $2}')'
export BROBYG_TEST_SSH_ROOT='$dir/root'
EOF
}

running() {
  [ -f "$dir/sshd.pid" ] && kill -0 "$(cat "$dir/sshd.pid")" 2>/dev/null
}

writeConfig() {
  local port="$1" pam=no
  [ "$(id -u)" -ne 0 ] || pam=yes
  cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1:$port
HostKey $dir/host_key_rsa
HostKey $dir/host_key_ecdsa
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $(id -un)
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM $pam
StrictModes no
AllowTcpForwarding no
X11Forwarding no
PermitTTY no
Subsystem sftp internal-sftp
ForceCommand internal-sftp
LogLevel VERBOSE
EOF
}

start() {
  if running; then
    printEnv
    return
  fi
  [ -x "$sshd" ] || die "no $sshd: install Debian's openssh-server (scripts/install-deps.sh)"
  rm -rf "$dir"
  mkdir -p "$dir/root"
  chmod 700 "$dir"
  ssh-keygen -q -t ed25519 -N '' -C brobyg-test-host -f "$dir/host_key" >/dev/null
  # Several host keys, as a stock server has: the client must pick the ed25519 one it pinned.
  ssh-keygen -q -t ecdsa -N '' -C brobyg-test-host -f "$dir/host_key_ecdsa" >/dev/null
  ssh-keygen -q -t rsa -b 2048 -N '' -C brobyg-test-host -f "$dir/host_key_rsa" >/dev/null
  ssh-keygen -q -t ed25519 -N '' -C brobyg-test-client -f "$dir/client_key" >/dev/null
  # A second client key locked with a passphrase (the plugin's secret setting passphrase).
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/passphrase"
  chmod 600 "$dir/passphrase"
  ssh-keygen -q -t ed25519 -N "$(cat "$dir/passphrase")" -C brobyg-test-client-locked \
    -f "$dir/client_key_locked" >/dev/null
  # A key the server does not know (made here, since a test under Wine cannot run ssh-keygen).
  ssh-keygen -q -t ed25519 -N '' -C brobyg-test-stranger -f "$dir/stranger_key" >/dev/null
  cat "$dir/client_key.pub" "$dir/client_key_locked.pub" >"$dir/authorized_keys"
  if [ "$(id -u)" -eq 0 ]; then
    mkdir -p /run/sshd
    chmod 755 /run/sshd
  fi
  local port attempt
  for attempt in 1 2 3; do
    port="$(freePort)"
    writeConfig "$port"
    # -E: sshd's log in the folder; without -D it forks into the background once listening.
    if "$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log" 2>>"$dir/sshd.log"; then
      local wait
      for wait in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
          echo "$port" >"$dir/port"
          printEnv
          return
        fi
        sleep 0.1
      done
    fi
    [ "$attempt" -lt 3 ] || die "sshd did not start; see $dir/sshd.log"
  done
}

stop() {
  if running; then
    kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  env) printEnv ;;
  stop) stop ;;
  *) die "usage: sshd.sh start|env|stop" ;;
esac
