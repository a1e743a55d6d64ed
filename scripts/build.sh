#!/usr/bin/env bash
# Configures and builds brobyg in build/ (Release with debug info). Extra arguments go to cmake
# (e.g. -DBROBYG_SANITIZE=ON); BROBYG_CONFIGURE_ONLY=1 stops after configuring.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
build="${BROBYG_BUILD_DIR:-$top/build}"
jobs="${BROBYG_JOBS:-$(nproc)}"
launcher=()
# ccache, when a developer has it, shares objects between several build folders.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBROBYG_WERROR=ON \
  -DBROBYG_SKIP= "${launcher[@]}" "$@" >/dev/null
if [ "${BROBYG_CONFIGURE_ONLY:-0}" = 1 ]; then exit 0; fi
cmake --build "$build" -j "$jobs"
