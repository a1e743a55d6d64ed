#!/usr/bin/env bash
# Configures and builds brobyg in build/ (Release with debug info).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="${BROBYG_BUILD_DIR:-$top/build}"
jobs="${BROBYG_JOBS:-$(nproc)}"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBROBYG_WERROR=ON \
  -DBROBYG_SKIP= >/dev/null
cmake --build "$build" -j "$jobs"
