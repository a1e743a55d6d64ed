#!/usr/bin/env bash
# What happens between the guides' readers while CI runs their walkthroughs
# (scripts/deb-test.sh): the mail, the phone and the school system's vendor. Called by
# tests/docs/walkthrough.sh before a step marked "after NAME", as `walkthrough-hooks.sh NAME`.
# WALK_ROOT: the scratch root (admin/ and evaluator/ in it); WALK_SYNTH: brobyg-synth.
set -euo pipefail
top="$(cd "$(dirname "$0")/../.." && pwd)"
: "${WALK_ROOT:?}" "${WALK_SYNTH:?}"
admin="$WALK_ROOT/admin"
evaluator="$WALK_ROOT/evaluator"
case "$1" in
  evaluator-sends-certificate)  # operations.md step 4 saves it as vive.crt
    cp "$evaluator/evaluator.crt" "$admin/vive.crt"
    ;;
  vendor-export)  # one export file of the school system, synthetic, older than min_file_age
    "$WALK_SYNTH" pupils --seed 7 --count 60 --municipality 0101 --out "$WALK_ROOT/pupils.csv"
    file="/srv/brobyg/export/fravaer_$(date -u +%Y-%m-%d).csv"
    "$WALK_SYNTH" absence --seed 7 --pupils "$WALK_ROOT/pupils.csv" --rows 200 --bad-rows 3 \
      --layout danish-vendor --out "$file" >/dev/null
    rm -f "$file.bad"
    chmod 644 "$file"
    touch -d '5 minutes ago' "$file"
    ;;
  municipality-sends)  # the admin walkthrough, then its certificates and first package
    "$top/tests/docs/walkthrough.sh" run admin "$admin" "$top/docs/operations.md" "$0"
    cp /etc/brobyg/keys/signing.crt "$admin/trial-ca/ca.crt" "$evaluator/"
    cp /srv/brobyg/drop/vive/*.cms "$evaluator/"
    ;;
  *)
    echo "walkthrough-hooks.sh: no hook '$1'" >&2
    exit 1
    ;;
esac
