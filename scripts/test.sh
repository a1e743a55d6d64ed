#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (unit, conformance, end-to-end).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
bash "$top/scripts/install-deps.sh"
bash "$top/scripts/build.sh"
build="${BROBYG_BUILD_DIR:-$top/build}"
ctest --test-dir "$build" --output-on-failure -j "${BROBYG_JOBS:-$(nproc)}" --timeout 600
