#!/usr/bin/env bash
# Cross-builds brobyg for Windows (x86_64-w64-mingw32) and tests it under Wine (issue 13).
#
#   scripts/windows.sh deps    install the toolchain, build or reuse the dependencies
#   scripts/windows.sh build   deps, then configure and build brobyg in build-windows/
#   scripts/windows.sh test    build, then ctest under Wine (tests/windows/wine-skips.txt)
#   scripts/windows.sh msi     build, then brobyg-<version>-x64.msi in build-windows/ (wixl),
#                              checked by tests/windows/msi-check.sh
#   scripts/windows.sh all     build, test, msi: what the README's test command runs
#
# Everything comes from Debian: the mingw-w64 toolchain, Wine, and the sources of OpenSSL, Poco
# and pugixml (apt-get source, from a deb-src entry for the machine's own suites); GoogleTest's
# sources from the googletest package. The dependencies are built static and cached outside the
# clone in ${BROBYG_WINDOWS_CACHE:-/var/cache/brobyg-windows}/<key>, where the key covers the
# source versions, the compiler's version and the recipe below, so that a second run reuses them
# and a changed recipe rebuilds. Runs as root or through sudo (scripts/lib/apt.sh).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/lib/apt.sh
source "$top/scripts/lib/apt.sh"

triplet=x86_64-w64-mingw32
cache_root="${BROBYG_WINDOWS_CACHE:-/var/cache/brobyg-windows}"
build="${BROBYG_BUILD_DIR:-$top/build-windows}"
dep_jobs="${BROBYG_DEP_JOBS:-2}"
jobs="${BROBYG_JOBS:-1}"
toolchain="$top/cmake/mingw-w64-x86_64.cmake"

log() { echo "windows.sh: $*" >&2; }

install_toolchain() {
  brobyg_apt_install windows.sh g++-mingw-w64-x86-64-posix libz-mingw-w64-dev wine64 msitools \
    wixl dpkg-dev googletest cmake ninja-build
}

# A deb-src twin of every deb entry in /etc/apt/sources.list.d/*.sources (deb822), so that
# apt-get source takes each package from the suite its binaries come from (openssl: security).
add_deb_src() {
  local out=/etc/apt/sources.list.d/brobyg-deb-src.sources
  [ -f "$out" ] && return 0
  brobyg_sudo windows.sh
  local src
  src="$(for f in /etc/apt/sources.list.d/*.sources; do
    [ "$f" = "$out" ] && continue
    awk 'BEGIN{RS=""; ORS="\n\n"} /(^|\n)Types:[^\n]*deb([ \n]|$)/ {
           sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f"
  done)"
  [ -n "$src" ] || { log "no deb entries in /etc/apt/sources.list.d/*.sources"; return 1; }
  printf '%s' "$src" | "${SUDO[@]}" tee "$out" >/dev/null
  "${SUDO[@]}" apt-get update
}

# The source version apt would fetch for a source package.
source_version() {
  apt-cache showsrc "$1" | awk '/^Version:/ {print $2}' | sort -V | tail -1
}

# Downloads (once) the .dsc and tarballs of source package $1 into $cache_root/src/$1-<version>
# and unpacks its upstream tarball (the .orig, without Debian's patches, which are about Debian's
# shared builds) into .../src. Prints the source folder.
fetch_source() {
  local pkg="$1" version dir
  version="$(source_version "$pkg")"
  dir="$cache_root/src/$pkg-$version"
  if [ ! -d "$dir/src" ]; then
    mkdir -p "$dir"
    # Only the upstream tarball matters: go on when the mirror lacks the .dsc or Debian's diff.
    (cd "$dir" && apt-get source --download-only "$pkg=$version" >&2) || true
    local orig
    orig="$(ls "$dir"/*.orig.tar.{gz,xz,bz2} 2>/dev/null | head -1)"
    [ -n "$orig" ] || { log "$pkg $version: no upstream tarball downloaded"; return 1; }
    rm -rf "$dir/src.tmp" && mkdir "$dir/src.tmp"
    tar -xf "$orig" -C "$dir/src.tmp" --strip-components=1
    mv "$dir/src.tmp" "$dir/src"
  fi
  echo "$dir/src"
}

# ---- the recipe: everything below until "end of recipe" is hashed into the cache key --------

build_openssl() { # $1 source, $2 prefix
  local work="$2.work/openssl"
  rm -rf "$work" && cp -a "$1" "$work"
  (cd "$work" &&
    ./Configure mingw64 no-shared no-tests --cross-compile-prefix="$triplet-" \
      --prefix="$2" --libdir=lib >/dev/null &&
    make -j"$dep_jobs" build_libs >/dev/null && make install_dev >/dev/null)
}

# Linux is case-sensitive, Windows is not: Poco includes <Winsock2.h> and <Iphlpapi.h>, mingw
# ships them lower-case. wincrypt.h defines TIMESTAMP_REQUEST, a name in Poco's ICMP enum.
write_poco_shims() { # $1 folder
  mkdir -p "$1"
  printf '#pragma once\n#include <winsock2.h>\n#include <wincrypt.h>\n#undef TIMESTAMP_REQUEST\n' \
    >"$1/Winsock2.h"
  printf '#pragma once\n#include <iphlpapi.h>\n' >"$1/Iphlpapi.h"
}

build_poco() { # $1 source, $2 prefix
  local work="$2.work/poco"
  write_poco_shims "$2.work/poco-shims"
  rm -rf "$work" && mkdir -p "$work"
  local off=(MONGODB REDIS PDF ZIP SEVENZIP APACHECONNECTOR CPPPARSER ENCODINGS
    ENCODINGS_COMPILER PAGECOMPILER PAGECOMPILER_FILE2PAGE POCODOC TESTS JWT ACTIVERECORD
    ACTIVERECORD_COMPILER PROMETHEUS NETSSL_WIN DATA_MYSQL DATA_POSTGRESQL DATA_ODBC)
  local on=(FOUNDATION XML JSON UTIL NET NETSSL CRYPTO DATA DATA_SQLITE)
  local flags=()
  for c in "${off[@]}"; do flags+=("-DENABLE_$c=OFF"); done
  for c in "${on[@]}"; do flags+=("-DENABLE_$c=ON"); done
  cmake -S "$1" -B "$work" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$2" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" \
    -DBUILD_SHARED_LIBS=OFF -DPOCO_STATIC=ON -DPOCO_UNBUNDLED=OFF \
    -DCMAKE_CXX_FLAGS="-isystem $2.work/poco-shims" \
    -DCMAKE_C_FLAGS="-isystem $2.work/poco-shims" -DOPENSSL_ROOT_DIR="$2" \
    -DOPENSSL_USE_STATIC_LIBS=ON "${flags[@]}" >/dev/null
  cmake --build "$work" -j"$dep_jobs" >/dev/null
  cmake --install "$work" >/dev/null
}

build_pugixml() { # $1 source, $2 prefix
  local work="$2.work/pugixml"
  rm -rf "$work"
  cmake -S "$1" -B "$work" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$2" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" \
    -DBUILD_SHARED_LIBS=OFF -DPUGIXML_BUILD_TESTS=OFF >/dev/null
  cmake --build "$work" -j"$dep_jobs" >/dev/null
  cmake --install "$work" >/dev/null
}

build_gtest() { # $1 source (/usr/src/googletest), $2 prefix
  local work="$2.work/googletest"
  rm -rf "$work"
  cmake -S "$1" -B "$work" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$2" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" \
    -DBUILD_SHARED_LIBS=OFF -Dgtest_disable_pthreads=OFF >/dev/null
  cmake --build "$work" -j"$dep_jobs" >/dev/null
  cmake --install "$work" >/dev/null
}

# ---- end of recipe ----------------------------------------------------------------------------

recipe_hash() {
  { declare -f build_openssl write_poco_shims build_poco build_pugixml build_gtest
    sed '/^# ---- above: what the dependency builds use/q' "$toolchain"; } | sha256sum | cut -c1-16
}

# Runs "$@" with its output in $prefix.work/<name>.log (its end shown when it fails) and
# records how long it took in $prefix/timings.txt.
timed() { # $1 name, then the command
  local name="$1" start end
  shift
  start=$(date +%s)
  if ! "$@" >"$prefix.work/$name.log" 2>&1; then
    tail -40 "$prefix.work/$name.log" >&2
    log "$name failed; its log: $prefix.work/$name.log"
    return 1
  fi
  end=$(date +%s)
  log "$name built in $((end - start)) s"
  echo "$name $((end - start)) s" >>"$prefix.work/timings.txt"
}

step() { # $1 name, then the build command
  [ -f "$prefix.work/$1.done" ] && return 0
  timed "$@" || return 1
  touch "$prefix.work/$1.done"
}

build_deps() {
  # "|| return 1" throughout: set -e does not apply inside a function called from an && list.
  install_toolchain || return 1
  add_deb_src || return 1
  mkdir -p "$cache_root" || return 1
  local openssl poco pugixml gtest_version compiler key
  openssl="$(fetch_source openssl)" || return 1
  poco="$(fetch_source poco)" || return 1
  pugixml="$(fetch_source pugixml)" || return 1
  gtest_version="$(dpkg-query -W -f='${Version}' googletest)"
  compiler="$("$triplet-g++-posix" --version | head -1)"
  key="$(printf '%s\n' "$openssl" "$poco" "$pugixml" "googletest-$gtest_version" "$compiler" \
    "$(recipe_hash)" | sha256sum | cut -c1-16)"
  prefix="$cache_root/$key"
  if [ -f "$prefix/.complete" ]; then
    log "dependencies reused from $prefix"
  else
    log "building the dependencies into $prefix"
    # A run that stopped half-way resumes after the last dependency it finished.
    if [ ! -d "$prefix.work" ]; then
      rm -rf "$prefix" && mkdir -p "$prefix" "$prefix.work"
    fi
    printf '%s\n' "$openssl" "$poco" "$pugixml" "googletest $gtest_version" "$compiler" \
      >"$prefix/sources.txt"
    step openssl build_openssl "$openssl" "$prefix" || return 1
    step poco build_poco "$poco" "$prefix" || return 1
    step pugixml build_pugixml "$pugixml" "$prefix" || return 1
    step googletest build_gtest /usr/src/googletest "$prefix" || return 1
    cp "$prefix.work/timings.txt" "$prefix/timings.txt"
    rm -rf "$prefix.work"
    touch "$prefix/.complete"
  fi
  # The header of the SQLite that Poco bundles into PocoDataSQLite: the test data generator and
  # the sql plugin's tests use its C API from there (cmake/BrobygWindows.cmake), since a second
  # copy of SQLite would clash with Poco's at link time.
  if [ ! -f "$prefix/include/sqlite3/sqlite3.h" ]; then
    mkdir -p "$prefix/include/sqlite3"
    cp "$poco/Data/SQLite/src/sqlite3.h" "$prefix/include/sqlite3/"
  fi
  export BROBYG_WINDOWS_DEPS="$prefix"
}

build_brobyg() {
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
  # "|| return 1" throughout: set -e does not apply inside a function called from an && list.
  # Release without debug information (smaller, faster to link), at -O2 as the Linux build:
  # mingw's GCC 12 at -O3 warns falsely (-Wrestrict) inside std::string.
  cmake -S "$top" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$BROBYG_WINDOWS_DEPS" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DBROBYG_WERROR=ON -DBROBYG_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null || return 1
  local start end
  start=$(date +%s)
  cmake --build "$build" -j"$jobs" || return 1
  end=$(date +%s)
  log "brobyg cross-built in $((end - start)) s"
}

# tests/windows/wine-skips.txt: "<ctest name regex>  # why", one a line, joined into one -E
# (its plugin, suite and program lines are for CMake: cmake/BrobygWindows.cmake).
wine_skips() {
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' -e '/^\(plugin\|suite\|program\) /d' \
    "$top/tests/windows/wine-skips.txt" | paste -sd'|'
}

test_brobyg() {
  local skips
  skips="$(wine_skips)"
  # One Wine prefix, made by a first program before the tests start two at a time. (Not by
  # `wineboot -i` under a persistent `wineserver -p`: in such a prefix the service manager
  # lost the services registered in it, and `net start` found none.)
  export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all
  /usr/lib/wine/wine64 cmd /c exit >/dev/null 2>&1 || return 1
  ctest --test-dir "$build" --output-on-failure -j"${BROBYG_TEST_JOBS:-2}" \
    ${skips:+-E "$skips"} "$@"
}

# The MSI: the install tree of the build (cmake --install), its files listed by wixl-heat
# (all but bin/, which brobyg.wxs names itself for the service entry), then wixl.
build_msi() {
  local version stage msi
  version="$(sed -n 's/^project(brobyg VERSION \([0-9.]*\).*/\1/p' "$top/CMakeLists.txt")"
  stage="$build/msi/stage"
  msi="$build/brobyg-$version-x64.msi"
  rm -rf "$build/msi" && mkdir -p "$stage"
  cmake --install "$build" --prefix "$stage" --component runtime >/dev/null || return 1
  "$triplet-strip" "$stage"/bin/*.exe "$stage"/lib/brobyg/plugins/*.dll || return 1
  (cd "$build/msi" &&
    find stage -type f ! -path 'stage/bin/*' | LC_ALL=C sort |
    wixl-heat -p stage/ --directory-ref INSTALLDIR --component-group StagedFiles \
      --var var.StageDir --win64 >files.wxs &&
    wixl -a x64 -D Version="$version" -D Win64=yes -D StageDir=stage \
      -o "$msi" "$top/installer/windows/brobyg.wxs" files.wxs) || return 1
  log "MSI: $msi"
  bash "$top/tests/windows/msi-check.sh" "$msi" "$build"
}

case "${1:-build}" in
  deps) build_deps ;;
  build) build_deps && build_brobyg ;;
  test)
    shift || true
    build_deps && build_brobyg && test_brobyg "$@"
    ;;
  msi) build_deps && build_brobyg && build_msi ;;
  all) build_deps && build_brobyg && test_brobyg && build_msi ;;
  *)
    echo "usage: scripts/windows.sh [deps|build|test|msi|all]" >&2
    exit 2
    ;;
esac
