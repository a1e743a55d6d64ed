#!/usr/bin/env bash
# walkthrough.sh itself: it runs a reader's marked blocks in step order (not file order),
# writes "file" blocks, calls hooks, skips untested blocks with their reason, stops at the
# first block that fails naming its line, and refuses malformed markers.
set -uo pipefail
wt="$(cd "$(dirname "$0")" && pwd)/walkthrough.sh"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

cat >"$scratch/guide.md" <<'DOC'
# A guide

<!-- walkthrough: reader 2 -->
```
echo second >> order.txt
```

<!-- walkthrough: reader 1 file sub/note.txt -->
```
first
```

<!-- walkthrough: reader 3 after hand-over -->
  ```
  test -f handed.txt
  echo third >> order.txt
  ```

<!-- walkthrough: reader untested: needs systemd -->
```
systemctl start something
```

<!-- walkthrough: other 1 -->
```
echo not mine > other.txt
```

- a list item:
  <!-- walkthrough: reader 4 -->
  ```sh
  cp sub/note.txt note.txt
  echo fourth >> order.txt
  ```
DOC
cat >"$scratch/hooks" <<'EOF2'
#!/usr/bin/env bash
[ "$1" = hand-over ] && touch "$HOOKDIR/handed.txt"
EOF2
chmod +x "$scratch/hooks"
export HOOKDIR="$scratch/root"
out="$("$wt" run reader "$scratch/root" "$scratch/guide.md" "$scratch/hooks" 2>&1)" ||
  fail "a passing walkthrough failed: $out"
grep -q 'not run (.*guide.md:19): needs systemd' <<<"$out" || fail "untested block not reported: $out"
[ "$(tr '\n' ' ' <"$scratch/root/order.txt")" = "second third fourth " ] ||
  fail "steps not run in step order: $(cat "$scratch/root/order.txt")"
[ "$(cat "$scratch/root/sub/note.txt")" = first ] || fail "file block not written"
[ -e "$scratch/root/other.txt" ] && fail "ran another reader's block"
[ -e "$scratch/root/note.txt" ] || fail "indented block in a list item not run"

# A failing block stops the walkthrough and names its marker's line; later steps do not run.
sed -i 's/^echo second >> order.txt$/false/' "$scratch/guide.md"
rm -rf "$scratch/root"
if out="$("$wt" run reader "$scratch/root" "$scratch/guide.md" "$scratch/hooks" 2>&1)"; then
  fail "a failing block did not fail the walkthrough"
fi
grep -q 'step 2 failed: .*guide.md:3' <<<"$out" || fail "failure does not name the block: $out"
[ -e "$scratch/root/handed.txt" ] && fail "steps after the failing one ran"

# A block or a hook that reads its standard input gets nothing, not the steps after it.
sed -i 's/^false$/cat; echo second >> order.txt/' "$scratch/guide.md"
printf '#!/usr/bin/env bash\ncat >/dev/null\n[ "$1" = hand-over ] && touch "$HOOKDIR/handed.txt"\n' >"$scratch/hooks"
rm -rf "$scratch/root"
out="$("$wt" run reader "$scratch/root" "$scratch/guide.md" "$scratch/hooks" 2>&1)" ||
  fail "a walkthrough with a block reading stdin failed: $out"
[ "$(tr '\n' ' ' <"$scratch/root/order.txt")" = "second third fourth " ] ||
  fail "a block reading stdin swallowed later steps: $(cat "$scratch/root/order.txt" 2>&1)"
grep -q 'reader: 4 steps passed' <<<"$out" || fail "step count not reported: $out"

# A hook that is needed but not given, and malformed markers, are errors.
"$wt" run reader "$scratch/root2" "$scratch/guide.md" >/dev/null 2>&1 && fail "missing hook accepted"
for bad in '<!-- walkthrough: reader x -->' '<!-- walkthrough: reader 1 -->' \
  '<!-- walkthrough: reader untested: -->' '<!-- walkthrough: reader 9 sideways y -->'; do
  printf '%s\n```\ntrue\n```\n' "$bad" >"$scratch/bad.md"
  cat "$scratch/guide.md" "$scratch/bad.md" >"$scratch/both.md"
  "$wt" check "$scratch/both.md" >/dev/null 2>&1 && fail "accepted: $bad"
done
printf '<!-- walkthrough: reader 7 -->\ntext, no block\n' >"$scratch/bad.md"
"$wt" check "$scratch/bad.md" >/dev/null 2>&1 && fail "accepted a marker without a block"
# More than three untested blocks of one reader.
for i in 1 2 3 4; do printf '<!-- walkthrough: many untested: reason %s -->\n```\nx\n```\n' "$i"; done >"$scratch/many.md"
printf '<!-- walkthrough: many 1 -->\n```\ntrue\n```\n' >>"$scratch/many.md"
"$wt" check "$scratch/many.md" >/dev/null 2>&1 && fail "accepted four untested blocks"

[ "$failed" = 0 ] && echo "walkthrough.sh: all checks passed"
exit "$failed"
