#!/usr/bin/env bash
# Runs libFuzzer targets with their seed corpora.
#
#   scripts/fuzz.sh TARGET SECONDS    one target (e.g. csv_reader), SECONDS of fuzzing
#   scripts/fuzz.sh --all SECONDS     every registered target, BROBYG_JOBS (2) at a time
#   scripts/fuzz.sh --list            the registered targets
#
# Builds (if needed) in the clang ASan+UBSan build folder (BROBYG_SANITIZE_BUILD_DIR, default
# build-sanitize/, the folder scripts/test.sh uses), which has BROBYG_FUZZ=ON. The seed corpus
# is never written to: new inputs go to a scratch copy in <build>/fuzz-work/<target>/corpus,
# findings (crash-*, leak-*, timeout-*, oom-*) to <build>/fuzz-work/<target>/findings/; a
# slow-unit-* that runs in time when replayed goes to <build>/fuzz-work/<target>/slow-once/.
# Prints one line per target: executions, corpus size, findings. Exit 1 if anything was found.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="${BROBYG_SANITIZE_BUILD_DIR:-$top/build-sanitize}"
jobs="${BROBYG_JOBS:-2}"

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Configures the fuzz build the way scripts/test.sh does, once.
configure() {
  [ -f "$build/bin/fuzz/fuzzers.txt" ] && return 0
  CC="${CC:-clang}" CXX="${CXX:-clang++}" BROBYG_BUILD_DIR="$build" BROBYG_CONFIGURE_ONLY=1 \
    bash "$top/scripts/build.sh" -DBROBYG_SANITIZE=ON -DBROBYG_FUZZ=ON -DBROBYG_BUILD_BENCH=OFF \
    -DBROBYG_WERROR=OFF
}

# The sanitizer options the tests use (one source: <build>/sanitizer-env.cmake).
sanitizerEnvironment() {
  local name value
  [ -f "$build/sanitizer-env.cmake" ] || return 0
  while read -r name value; do
    export "$name=$value"
  done < <(sed -n 's/^set(ENV{\([A-Z_]*\)} "\(.*\)")$/\1 \2/p' "$build/sanitizer-env.cmake")
}

# fuzzOne NAME SECONDS: fuzzes one built target; prints its summary line.
fuzzOne() {
  local name="$1" seconds="$2"
  local exe="$build/bin/fuzz/fuzz_$name" work="$build/fuzz-work/$name"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/findings"
  if [ -f "$exe.corpus" ]; then
    local seeds
    seeds="$(cat "$exe.corpus")"
    [ -d "$seeds" ] && cp -r "$seeds/." "$work/corpus/"
  fi
  local seedCount status=0
  seedCount="$(find "$work/corpus" -type f | wc -l)"
  # -timeout: one input that takes 10 s is a finding (a hang); -rss_limit_mb is libFuzzer's default.
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/findings/" "$work/corpus" >"$work/log" 2>&1 || status=$?
  # libFuzzer writes slow-unit-* for an input that once took over 10 s. A hang shows up as
  # timeout-*; a slow unit that runs in time when replayed was the machine stalling (seen on the
  # shared 2-core machine: 11 s once, 0.2 s replayed). It is kept aside and named, not counted.
  local unit
  for unit in "$work/findings"/slow-unit-*; do
    [ -e "$unit" ] || continue
    if "$exe" -timeout=10 "$unit" >>"$work/log" 2>&1; then
      mkdir -p "$work/slow-once"
      mv "$unit" "$work/slow-once/"
      echo "fuzz_$name: $(basename "$unit") took over 10 s once and ran in time when" \
        "replayed; kept in $work/slow-once/" >&2
    fi
  done
  local execs findings corpus
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)"
  findings="$(find "$work/findings" -type f | wc -l)"
  corpus="$(find "$work/corpus" -type f | wc -l)"
  printf '%-18s %12s execs  %6s s  corpus %5s -> %-6s findings %s\n' "$name" "${execs:-?}" \
    "$seconds" "$seedCount" "$corpus" "$findings"
  if [ "$status" -ne 0 ] || [ "$findings" -ne 0 ]; then
    echo "fuzz_$name: exit $status; log $work/log, findings in $work/findings/" >&2
    grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$work/log" >&2 || true
    return 1
  fi
}

[ $# -ge 1 ] || usage
case "$1" in
  --list)
    configure >/dev/null
    cat "$build/bin/fuzz/fuzzers.txt"
    exit 0
    ;;
  --all)
    [ $# -eq 2 ] || usage
    seconds="$2"
    configure
    mapfile -t names <"$build/bin/fuzz/fuzzers.txt"
    if [ "${#names[@]}" -eq 0 ]; then
      echo "fuzz.sh: no fuzz targets are registered" >&2
      exit 0
    fi
    # One target that does not build must not keep the others from running.
    built=() status=0
    for name in "${names[@]}"; do
      if cmake --build "$build" -j "$jobs" --target "fuzz_$name" >"$build/fuzz-build-$name.log" 2>&1; then
        built+=("$name")
      else
        echo "fuzz_$name does not build: $build/fuzz-build-$name.log" >&2
        status=1
      fi
    done
    sanitizerEnvironment
    export -f fuzzOne
    export build
    # Each target on its own core; xargs exits non-zero if any of them found something.
    printf '%s\n' "${built[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzzOne "$1" "$2"' _ {} "$seconds" ||
      status=1
    exit "$status"
    ;;
  -*) usage ;;
  *)
    [ $# -eq 2 ] || usage
    name="$1"
    configure
    if ! grep -qx "$name" "$build/bin/fuzz/fuzzers.txt"; then
      echo "fuzz.sh: no fuzz target '$name'; registered: $(tr '\n' ' ' <"$build/bin/fuzz/fuzzers.txt")" >&2
      exit 2
    fi
    cmake --build "$build" -j "$jobs" --target "fuzz_$name"
    sanitizerEnvironment
    fuzzOne "$name" "$2"
    ;;
esac
