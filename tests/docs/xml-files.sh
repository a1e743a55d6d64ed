#!/usr/bin/env bash
# Every XML file in the repository is well-formed (xmllint --noout), and every sample
# configuration is valid against schemas/config.xsd: the example configurations as they are,
# each plugin's sample.xml (a <source> or <destination> fragment) placed into the example
# configuration where the schema's order wants it. Fuzz corpora are left out: malformed input
# is what they are for.
set -uo pipefail
top="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$top" || exit 1
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

checked=0
while IFS= read -r -d '' file; do
  xmllint --noout "$file" 2>"$scratch/err" || fail "$file is not well-formed: $(head -1 "$scratch/err")"
  checked=$((checked + 1))
done < <(find . \( -path './build*' -o -path './out' -o -path './.git' -o -path '*/fuzz/corpus' \
  -o -path '*/node_modules' \) -prune -o -name '*.xml' -type f -print0)
[ "$checked" -ge 20 ] || fail "only $checked XML files found under $top"

schema=schemas/config.xsd
valid() { xmllint --noout --schema "$schema" "$1" 2>"$scratch/err" || fail "$2: $(grep -v validates "$scratch/err" | head -3)"; }
for config in config/*.example.xml; do valid "$config" "$config"; done

# The elements may come in any order, as brobyg check reads them: <service> moved last.
awk '/^  <service>/ { moving = 1 } moving { held = held $0 "\n"; if (/<\/service>/) moving = 0; next }
     /^<\/brobyg>/ { printf "%s", held } { print }' config/brobyg.example.xml >"$scratch/reordered.xml"
grep -q '^  <service>' "$scratch/reordered.xml" || fail "could not move <service> in the example"
valid "$scratch/reordered.xml" "the example with <service> last"

# A fragment goes before the example's first element of the kind that follows it in the schema.
for sample in plugins/*/sample.xml; do
  fragment="$(sed '1{/^<?xml/d}' "$sample")"
  case "$fragment" in
    *"<source "*) before='<destination ' ;;
    *"<destination "*) before='<school-calendar ' ;;
    *) fail "$sample holds neither a <source> nor a <destination>"; continue ;;
  esac
  out="$scratch/$(basename "$(dirname "$sample")").xml"
  awk -v before="$before" -v file="$sample" '
    !done && index($0, before) { while ((getline line < file) > 0) if (line !~ /^<\?xml/) print line; done = 1 }
    { print }' config/brobyg.example.xml >"$out"
  valid "$out" "$sample (inside config/brobyg.example.xml)"
done
[ "$failed" -eq 0 ] && echo "xml-files: $checked XML files well-formed; sample configurations valid"
exit "$failed"
