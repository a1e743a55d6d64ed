#!/usr/bin/env bash
# Every test, as CI runs it (.ci/run). Installs dependencies (apt-get; as root, or with sudo),
# starts the PostgreSQL and OpenSSH test servers (tests/servers/postgres.sh and sshd.sh, stopped
# on exit), then runs these
# stages in order (BROBYG_TEST_STAGES picks some, e.g. "release crash"):
#   release   build/ (GCC, RelWithDebInfo): unit, plugin conformance, golden and end-to-end tests
#   deb       scripts/deb-test.sh on build/: the .deb installed, checked, verified and purged
#             (as root; skipped otherwise, a failure under CI=true)
#   sanitize  build-sanitize/ (clang, ASan + UBSan, libFuzzer targets built in): the same tests,
#             every program and plugin sanitized, plus one replay of each fuzz seed corpus
#   tsan      build-tsan/ (clang, ThreadSanitizer): only the pipeline, state and package tests,
#             whose code runs a job's threads (row hand-off, digest spool)
#   fuzz      every fuzz target for BROBYG_FUZZ_SECONDS (60) seconds, two at a time
#   crash     tests/crash/campaign.sh: BROBYG_CRASH_KILLS (30) SIGKILLs of brobyg and brobygd
#   windows   scripts/windows.sh all: the mingw-w64 cross build in build-windows/, its tests under
#             Wine (the demo's main job and the service included), and the MSI, checked
# A failed stage does not stop the others; the exit status is 1 if any failed.
# docs/testing.md says how to run each kind of test on its own.
set -uo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
stages=" ${BROBYG_TEST_STAGES:-release deb sanitize tsan fuzz crash windows} "
jobs="${BROBYG_JOBS:-$(nproc)}"
release="${BROBYG_BUILD_DIR:-$top/build}"
sanitize="${BROBYG_SANITIZE_BUILD_DIR:-$top/build-sanitize}"
tsan="${BROBYG_TSAN_BUILD_DIR:-$top/build-tsan}"
export BROBYG_SANITIZE_BUILD_DIR="$sanitize" BROBYG_JOBS="$jobs"

# CI shows only the end of the output, so a failed ctest run's failures are reported again at the end:
# each failed test once more, alone, with its output (a pass then means it depends on load or timing).
failureReport="$(mktemp)"
runTests() {
  ctest --test-dir "$1" --output-on-failure -j "$jobs" --timeout 600 && return 0
  local failedList="$1/Testing/Temporary/LastTestsFailed.log"
  {
    echo "== failed tests in $1:"
    cat "$failedList" 2>/dev/null
    echo "== the same tests again, one at a time:"
    ctest --test-dir "$1" --rerun-failed --output-on-failure -j 1 --timeout 600 2>&1 | tail -n 150
  } >>"$failureReport"
  return 1
}

stageRelease() {
  BROBYG_BUILD_DIR="$release" bash "$top/scripts/build.sh" && runTests "$release"
}

stageSanitize() {
  # Benchmarks are left out: they measure speed, which a sanitized build does not have.
  # Warnings are the release stage's job (GCC, -Werror); clang's own extra ones do not fail this.
  CC=clang CXX=clang++ BROBYG_BUILD_DIR="$sanitize" bash "$top/scripts/build.sh" \
    -DBROBYG_SANITIZE=ON -DBROBYG_FUZZ=ON -DBROBYG_BUILD_BENCH=OFF -DBROBYG_WERROR=OFF &&
    runTests "$sanitize"
}

# The test programs whose code starts threads; built alone so the stage stays a few minutes.
tsanTests="pipeline_test pipeline_declared_dataset_test state_test package_test risk_test"
stageTsan() {
  CC=clang CXX=clang++ BROBYG_BUILD_DIR="$tsan" BROBYG_CONFIGURE_ONLY=1 bash "$top/scripts/build.sh" \
    -DBROBYG_TSAN=ON -DBROBYG_BUILD_BENCH=OFF -DBROBYG_WERROR=OFF || return 1
  # shellcheck disable=SC2086 # one target per word
  cmake --build "$tsan" -j "$jobs" --target $tsanTests || return 1
  ctest --test-dir "$tsan" --output-on-failure -j "$jobs" --timeout 1200 \
    -L "^(${tsanTests// /|})\$"
}

stageDeb() {
  [ -x "$release/bin/brobyg" ] || BROBYG_BUILD_DIR="$release" bash "$top/scripts/build.sh" || return 1
  bash "$top/scripts/deb-test.sh" "$release"
}

stageWindows() {
  BROBYG_BUILD_DIR="${BROBYG_WINDOWS_BUILD_DIR:-$top/build-windows}" bash "$top/scripts/windows.sh" all
}

stageFuzz() { bash "$top/scripts/fuzz.sh" --all "${BROBYG_FUZZ_SECONDS:-60}"; }

stageCrash() {
  [ -x "$release/bin/brobyg" ] || BROBYG_BUILD_DIR="$release" bash "$top/scripts/build.sh" || return 1
  bash "$top/tests/crash/campaign.sh" --kills "${BROBYG_CRASH_KILLS:-30}" --bin "$release/bin"
}

bash "$top/scripts/install-deps.sh" || exit 1
# A throwaway PostgreSQL server for the sql plugin's tests (BROBYG_TEST_PG_*), stopped on exit.
# Without it those tests skip, and fail under CI=true.
if pgEnv="$(bash "$top/tests/servers/postgres.sh" start)"; then
  eval "$pgEnv"
  trap 'bash "$top/tests/servers/postgres.sh" stop' EXIT
else
  echo "test.sh: no PostgreSQL test server; the sql plugin's PostgreSQL tests skip (fail under CI=true)" >&2
fi
# A throwaway OpenSSH server for the sftp plugin's tests (BROBYG_TEST_SSH_*), stopped on exit.
# Without it those tests skip, and fail under CI=true. One EXIT trap stops both servers.
if sshEnv="$(bash "$top/tests/servers/sshd.sh" start)"; then
  eval "$sshEnv"
  trap 'bash "$top/tests/servers/postgres.sh" stop; bash "$top/tests/servers/sshd.sh" stop' EXIT
else
  echo "test.sh: no OpenSSH test server; the sftp plugin's tests skip (fail under CI=true)" >&2
fi
failed=() summary=()
for stage in release deb sanitize tsan fuzz crash windows; do
  [[ "$stages" == *" $stage "* ]] || continue
  echo "== test stage: $stage"
  start=$SECONDS
  fn="stage${stage^}"
  if "$fn"; then result=passed; else result=FAILED failed+=("$stage"); fi
  summary+=("$(printf '%-9s %-7s %4d s' "$stage" "$result" $((SECONDS - start)))")
done
[ -s "$failureReport" ] && cat "$failureReport"
rm -f "$failureReport"
echo "== test stages"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
