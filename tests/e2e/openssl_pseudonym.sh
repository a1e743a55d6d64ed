#!/bin/sh
# Computes a brobyg pseudonym (DESIGN §4) with only the openssl CLI and coreutils, so that
# anyone holding the project key can check brobyg's output independently.
#   usage: openssl_pseudonym.sh KEYFILE PROJECT_ID CPR10
#   K_project = HKDF-SHA256(key, no salt, "brobyg/project/v1|" + PROJECT_ID, 32 bytes)
#   pseudonym = lowercase unpadded base32 of the first 16 bytes of
#               HMAC-SHA256(K_project, "brobyg/person/v1|" + CPR10)
set -eu

if [ "$#" -ne 3 ]; then
  echo "usage: $0 KEYFILE PROJECT_ID CPR10" >&2
  exit 2
fi
keyfile=$1
project=$2
cpr=$3

key=$(tr -d '\r\n' < "$keyfile")
if ! printf '%s' "$key" | grep -Eq '^[0-9a-fA-F]{64}$'; then
  echo "$keyfile: not 64 hexadecimal digits" >&2
  exit 1
fi
if ! printf '%s' "$cpr" | grep -Eq '^[0-9]{10}$'; then
  echo "CPR must be exactly 10 digits" >&2
  exit 1
fi

kproject=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt "hexkey:$key" \
  -kdfopt "info:brobyg/project/v1|$project" -binary HKDF | od -An -v -tx1 | tr -d ' \n')

printf '%s' "brobyg/person/v1|$cpr" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$kproject" -binary \
  | head -c 16 | base32 | tr -d '=\n' | tr 'A-Z' 'a-z'
echo
