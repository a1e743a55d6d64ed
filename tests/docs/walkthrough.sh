#!/usr/bin/env bash
# The guides' walkthroughs, run as written (issue 17). A walkthrough is the fenced blocks of a
# Markdown file that follow a marker comment for one reader:
#
#   <!-- walkthrough: admin 3 -->                   commands: run as step 3, in bash -euo pipefail
#   <!-- walkthrough: plugin 2 file CMakeLists.txt -->   the block is written to that file
#   <!-- walkthrough: evaluator 4 after municipality-sends -->
#                                                   before step 4, the caller's hook runs
#   <!-- walkthrough: admin untested: REASON -->    not run (no systemd in CI, ...); say why
#
# Steps run in the order of their numbers, each in its own bash, all in one folder (the
# reader's scratch root); a step that fails stops the walkthrough, names the file and line and
# shows the end of its output. WALK_VERBOSE=1 shows every step's output.
#
# usage: walkthrough.sh list DOC...                    every marked block: reader, step, where
#        walkthrough.sh check DOC...                   markers well-formed (no run)
#        walkthrough.sh run READER DIR DOC [HOOKS]      run READER's steps in DIR; before a step
#                                                       marked "after NAME", run `HOOKS NAME`
set -euo pipefail
maxUntested=3  # per reader: blocks that cannot run in CI must stay few

# Prints one line per marked block: doc, marker line, reader, step, kind, argument; and writes
# each block's text to $2/<reader>.<step> (when $2 is given).
extract() {
  local doc="$1" out="${2:-}"
  awk -v doc="$doc" -v out="$out" '
    function fail(msg) { printf "%s:%d: %s\n", doc, markLine, msg > "/dev/stderr"; bad = 1 }
    /^ *<!-- walkthrough: .* -->$/ {
      if (pending) fail("marker without a fenced block after it")
      spec = $0; sub(/^ *<!-- walkthrough: /, "", spec); sub(/ -->$/, "", spec)
      markLine = NR; pending = 1; n = split(spec, w, " ")
      reader = w[1]; step = w[2]; kind = "run"; arg = "-"
      if (step == "untested:") {
        kind = "untested"; step = "-"; arg = substr(spec, index(spec, "untested:") + 10)
        if (arg == "") fail("untested block without a reason")
      } else if (step !~ /^[0-9]+$/) {
        fail("expected: walkthrough: READER STEP [file PATH | after HOOK], or READER untested: REASON")
      } else if (n == 4 && w[3] == "file") { kind = "file"; arg = w[4] }
      else if (n == 4 && w[3] == "after") { kind = "after"; arg = w[4] }
      else if (n != 2) fail("unknown marker words after the step")
      if (step != "-" && seen[reader, step]++) fail("step " step " of " reader " given twice")
      next
    }
    pending && !inBlock && /^ *```/ {
      inBlock = 1; text = ""; match($0, /^ */); indent = RLENGTH; next
    }
    pending && !inBlock && /[^ ]/ { fail("marker not followed by a fenced block"); pending = 0 }
    inBlock && /^ *```/ {
      inBlock = 0; pending = 0
      printf "%s\t%d\t%s\t%s\t%s\t%s\n", doc, markLine, reader, step, kind, arg
      if (out != "" && step != "-") { f = out "/" reader "." step; printf "%s", text > f; close(f) }
      next
    }
    inBlock { text = text substr($0, 1 + (match($0, /^ */) && RLENGTH < indent ? RLENGTH : indent)) "\n" }
    END {
      if (pending) fail("marker at the end of the file without a block")
      exit bad
    }' "$doc"
}

# Markers of all docs well-formed, each reader's steps unique, few untested blocks.
check() {
  local all status=0 reader count
  all="$(for doc in "$@"; do extract "$doc"; done)" || status=1
  [ -n "$all" ] || { echo "no walkthrough markers in $*" >&2; return 1; }
  while read -r reader count; do
    if [ "$count" -gt "$maxUntested" ]; then
      echo "walkthrough $reader: $count untested blocks (at most $maxUntested)" >&2
      status=1
    fi
  done < <(awk -F'\t' '$5 == "untested" { n[$3]++ } END { for (r in n) print r, n[r] }' <<<"$all")
  # A step number used in two docs for one reader is a clash, too.
  local dup
  dup="$(awk -F'\t' '$4 != "-" { k = $3 " " $4; if (seen[k]++) print k }' <<<"$all")"
  [ -z "$dup" ] || { echo "walkthrough steps given twice: $dup" >&2; status=1; }
  return "$status"
}

run() {
  local reader="$1" dir="$2" doc="$3" hooks="${4:-}"
  check "$doc" >/dev/null
  local blocks
  blocks="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand now: the folder is this call's
  trap "rm -rf '$blocks'" RETURN
  extract "$doc" "$blocks" >"$blocks/index"
  mkdir -p "$dir"
  local ran=0
  while IFS=$'\t' read -r file line _ step kind arg; do
    case "$kind" in
      untested)
        echo "walkthrough $reader: not run ($file:$line): $arg"
        continue
        ;;
      after)
        [ -n "$hooks" ] || { echo "walkthrough $reader step $step ($file:$line) needs hook '$arg'" >&2; return 1; }
        echo "walkthrough $reader: hook $arg"
        "$hooks" "$arg" </dev/null || { echo "walkthrough $reader: hook $arg failed" >&2; return 1; }
        ;;
      file)
        mkdir -p "$(dirname "$dir/$arg")"
        cp "$blocks/$reader.$step" "$dir/$arg"
        echo "walkthrough $reader step $step: wrote $arg ($file:$line)"
        ran=$((ran + 1))
        continue
        ;;
    esac
    echo "walkthrough $reader step $step ($file:$line)"
    # stdin is not the step list: a block that reads it must not swallow the steps after it.
    if ! (cd "$dir" && bash -euo pipefail "$blocks/$reader.$step") </dev/null >"$blocks/log" 2>&1; then
      tail -n 40 "$blocks/log" >&2
      echo "walkthrough $reader: step $step failed: $file:$line" >&2
      return 1
    fi
    if [ "${WALK_VERBOSE:-0}" = 1 ]; then sed 's/^/  | /' "$blocks/log"; fi
    ran=$((ran + 1))
  done < <(awk -F'\t' -v r="$reader" '$3 == r' "$blocks/index" | sort -t$'\t' -k4,4n)
  [ "$ran" -gt 0 ] || { echo "walkthrough $reader: no steps in $doc" >&2; return 1; }
  local steps
  steps="$(awk -F'\t' -v r="$reader" '$3 == r && $5 != "untested"' "$blocks/index" | wc -l)"
  [ "$ran" -eq "$steps" ] || { echo "walkthrough $reader: ran $ran of $steps steps" >&2; return 1; }
  echo "walkthrough $reader: $ran steps passed"
}

command="${1:-}"
shift || true
case "$command" in
  list) for doc in "$@"; do extract "$doc"; done ;;
  check) check "$@" ;;
  run) run "$@" ;;
  *)
    sed -n '2,17p' "$0" >&2
    exit 2
    ;;
esac
