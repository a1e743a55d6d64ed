# Sourced by the scripts that install Debian packages (install-deps.sh, windows.sh).
# As root they call apt-get directly (a fresh container has no sudo); as a user, through sudo.

# Sets the array SUDO to () as root, (sudo) otherwise; fails when neither works.
# $1 names the calling script in the error.
brobyg_sudo() {
  SUDO=()
  [ "$(id -u)" -ne 0 ] || return 0
  if ! command -v sudo >/dev/null; then
    echo "$1: not root and no sudo: run it as root" >&2
    return 1
  fi
  SUDO=(sudo)
}

# Installs the packages among "$@" that are not installed yet (one apt-get update first).
# $1 names the calling script; the packages follow.
brobyg_apt_install() {
  local who="$1" p
  shift
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  brobyg_sudo "$who: missing ${missing[*]};" || return 1
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}
