#!/usr/bin/env bash
# Cross-builds brobyg for Windows (x86_64-w64-mingw32) and tests it under Wine (issue 13).
#
#   scripts/windows.sh deps    install the toolchain, build or reuse the dependencies
#   scripts/windows.sh build   deps, then configure and build brobyg in build-windows/
#   scripts/windows.sh test    build, then ctest under Wine (tests/windows/wine-skips.txt), the
#                              end-to-end suite too, run by the Linux build's e2e_test
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

# The source versions apt knows for a source package, newest first.
source_versions() {
  apt-cache showsrc "$1" | awk '/^Version:/ {print $2}' | sort -Vr
}

# Downloads (once) the .dsc and tarballs of source package $1 into $cache_root/src/$1-<version>
# and unpacks its upstream tarball (the .orig, without Debian's patches, which are about Debian's
# shared builds) into .../src. Prints the source folder. The newest version whose upstream
# tarball the mirror has: a security update's sources can be missing from it for a while
# (postgresql-15 15.20 on 2026-12-03), and then the version before it is taken.
fetch_source() {
  local pkg="$1" version dir orig
  for version in $(source_versions "$pkg"); do
    dir="$cache_root/src/$pkg-$version"
    if [ -d "$dir/src" ]; then
      echo "$dir/src"
      return 0
    fi
    mkdir -p "$dir"
    # Only the upstream tarball matters: go on when the mirror lacks the .dsc or Debian's diff.
    (cd "$dir" && apt-get source --download-only "$pkg=$version" >&2) || true
    orig="$(ls "$dir"/*.orig.tar.{gz,xz,bz2} 2>/dev/null | head -1)"
    if [ -z "$orig" ]; then
      log "$pkg $version: no upstream tarball downloaded, trying an older version"
      rm -rf "$dir"
      continue
    fi
    rm -rf "$dir/src.tmp" && mkdir "$dir/src.tmp"
    tar -xf "$orig" -C "$dir/src.tmp" --strip-components=1 || return 1
    mv "$dir/src.tmp" "$dir/src"
    echo "$dir/src"
    return 0
  done
  log "$pkg: no version's upstream tarball could be downloaded"
  return 1
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

# ---- layers: dependencies of single plugins, each cached in a folder of its own -------------
# A layer's key covers its source version, the base key (the prefix above: the OpenSSL and Poco
# it builds on) and its own recipe functions, so that adding or changing a layer never rebuilds
# the base or another layer. Each is built into $cache_root/<name>-<key> by build_layer. Their
# output goes to the step's log whole (a compiler's error is on ninja's and make's stdout).

build_libssh2() { # $1 source, $2 prefix, $3 base prefix (OpenSSL)
  local work="$2.work/libssh2"
  rm -rf "$work"
  cmake -S "$1" -B "$work" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$3" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" \
    -DBUILD_SHARED_LIBS=OFF -DCRYPTO_BACKEND=OpenSSL -DENABLE_ZLIB_COMPRESSION=OFF \
    -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF -DOPENSSL_ROOT_DIR="$3" \
    -DOPENSSL_USE_STATIC_LIBS=ON || return 1
  cmake --build "$work" -j"$dep_jobs" || return 1
  cmake --install "$work"
}

# libpq only: configure for mingw, then the three folders it is made of. PostgreSQL's mingw
# build makes libpq a DLL (its libpq.a is the import library); the static archive is made here
# from the same objects, with the static libraries of src/port and src/common it calls.
build_libpq() { # $1 source, $2 prefix, $3 base prefix (OpenSSL)
  local work="$2.work/postgresql"
  rm -rf "$work" && mkdir -p "$work" "$2/lib" "$2/include" || return 1
  (cd "$work" &&
    "$1/configure" --host="$triplet" --prefix="$2" --with-ssl=openssl --without-readline \
      --without-icu --without-zlib --without-ldap --without-gssapi \
      CPPFLAGS="-I$3/include" LDFLAGS="-L$3/lib" LIBS="-lws2_32 -lcrypt32" &&
    make -C src/port -j"$dep_jobs" &&
    make -C src/common -j"$dep_jobs" &&
    make -C src/interfaces/libpq -j"$dep_jobs") || return 1
  local objs sym renames=()
  # shellcheck disable=SC2010 # PostgreSQL's own object names, plain words
  objs="$(cd "$work/src/interfaces/libpq" && ls ./*.o | grep -v 'rc\.o$')" || return 1
  # shellcheck disable=SC2086 # one object file a word
  (cd "$work/src/interfaces/libpq" && rm -f "$2/lib/libpq.a" &&
    "$triplet-ar" crs "$2/lib/libpq.a" $objs) || return 1
  # On Windows libpq brings pthread functions of its own (pthread-win32.c, on a CRITICAL_SECTION
  # pointer), which in a static link would clash with mingw's winpthreads, on which the C++
  # runtime's threads and mutexes run: renamed to pg_pthread_* inside the archive, definitions
  # and calls alike.
  for sym in $("$triplet-nm" --defined-only "$work/src/interfaces/libpq/pthread-win32.o" |
    awk '$2 == "T" && $3 ~ /^pthread_/ {print $3}'); do
    renames+=(--redefine-sym "$sym=pg_$sym")
  done
  [ "${#renames[@]}" -gt 0 ] || return 1
  "$triplet-objcopy" "${renames[@]}" "$2/lib/libpq.a" || return 1
  cp "$work/src/common/libpgcommon_shlib.a" "$work/src/port/libpgport_shlib.a" "$2/lib/" &&
    cp "$1/src/interfaces/libpq/libpq-fe.h" "$1/src/interfaces/libpq/libpq-events.h" \
      "$1/src/include/postgres_ext.h" "$work/src/include/pg_config_ext.h" "$2/include/"
}

# Poco's ODBC connector (Poco::DataODBC, on Windows' own odbc32), left out of the base so that
# it is not rebuilt with it: its sources compiled against the base's Poco::Data.
write_poco_odbc_project() { # $1 folder, $2 Poco source
  mkdir -p "$1" || return 1
  cat >"$1/CMakeLists.txt" <<EOF_CMAKE
cmake_minimum_required(VERSION 3.16)
project(PocoDataODBC CXX)
find_package(Poco REQUIRED COMPONENTS Data)
file(GLOB srcs "$2/Data/ODBC/src/*.cpp")
# Unicode.cpp includes the one of these its platform needs.
list(FILTER srcs EXCLUDE REGEX "/Unicode_[A-Z0-9]+[.]cpp\$")
add_library(DataODBC STATIC \${srcs})
set_target_properties(DataODBC PROPERTIES OUTPUT_NAME PocoDataODBC)
target_include_directories(DataODBC PUBLIC
  \$<BUILD_INTERFACE:$2/Data/ODBC/include> \$<INSTALL_INTERFACE:include>)
target_compile_definitions(DataODBC PUBLIC THREADSAFE)
target_link_libraries(DataODBC PUBLIC Poco::Data odbc32)
install(TARGETS DataODBC EXPORT PocoDataODBCTargets ARCHIVE DESTINATION lib)
install(DIRECTORY "$2/Data/ODBC/include/" DESTINATION include)
install(EXPORT PocoDataODBCTargets NAMESPACE Poco:: DESTINATION cmake)
file(WRITE "\${CMAKE_CURRENT_BINARY_DIR}/PocoDataODBCConfig.cmake"
  "include(CMakeFindDependencyMacro)\nfind_dependency(Poco COMPONENTS Data)\n"
  "include(\\\${CMAKE_CURRENT_LIST_DIR}/PocoDataODBCTargets.cmake)\n")
install(FILES "\${CMAKE_CURRENT_BINARY_DIR}/PocoDataODBCConfig.cmake" DESTINATION cmake)
EOF_CMAKE
}

build_poco_odbc() { # $1 Poco source, $2 prefix, $3 base prefix (Poco)
  local work="$2.work/poco-odbc"
  rm -rf "$work" && write_poco_odbc_project "$work/project" "$1" || return 1
  write_poco_shims "$work/shims" || return 1
  cmake -S "$work/project" -B "$work/build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
    -DBROBYG_WINDOWS_DEPS="$3" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$2" \
    -DCMAKE_CXX_FLAGS="-isystem $work/shims" || return 1
  cmake --build "$work/build" -j"$dep_jobs" || return 1
  cmake --install "$work/build"
}

# ---- end of the layers' recipes -----------------------------------------------------------------

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

# Builds (or reuses) a layer on the base prefix $prefix into $cache_root/<name>-<key> and adds
# it to layers (BROBYG_WINDOWS_LAYERS for CMake). Its key: its source folder (version), the base
# key, the compiler and its recipe functions.
build_layer() { # $1 name, $2 source folder, $3 recipe function, then helper functions it calls
  local name="$1" src="$2" fn="$3" base="$prefix" lkey
  shift 3
  lkey="$(
    printf '%s\n' "$src" "$base" "$compiler"
    declare -f "$fn" "$@"
  )" || return 1
  lkey="$(printf '%s' "$lkey" | sha256sum | cut -c1-16)"
  local prefix="$cache_root/$name-$lkey"
  if [ -f "$prefix/.complete" ]; then
    log "$name reused from $prefix"
  else
    log "building $name into $prefix"
    if [ ! -d "$prefix.work" ]; then
      rm -rf "$prefix" && mkdir -p "$prefix" "$prefix.work" || return 1
    fi
    printf '%s\n' "$src" "base $base" "$compiler" >"$prefix/sources.txt"
    step "$name" "$fn" "$src" "$prefix" "$base" || return 1
    cp "$prefix.work/timings.txt" "$prefix/timings.txt" || return 1
    rm -rf "$prefix.work"
    touch "$prefix/.complete"
  fi
  layers="${layers:+$layers;}$prefix"
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
  local openssl poco pugixml gtest_version compiler key libssh2 postgresql layers=""
  openssl="$(fetch_source openssl)" || return 1
  poco="$(fetch_source poco)" || return 1
  pugixml="$(fetch_source pugixml)" || return 1
  libssh2="$(fetch_source libssh2)" || return 1
  postgresql="$(fetch_source postgresql-15)" || return 1
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
  # The sftp plugin's libssh2, the sql plugin's libpq and Poco ODBC connector.
  build_layer libssh2 "$libssh2" build_libssh2 || return 1
  build_layer libpq "$postgresql" build_libpq || return 1
  build_layer poco-odbc "$poco" build_poco_odbc write_poco_odbc_project write_poco_shims ||
    return 1
  export BROBYG_WINDOWS_DEPS="$prefix" BROBYG_WINDOWS_LAYERS="$layers"
}

# The end-to-end, browser, command-line and secrets suites run against this build's programs
# from the Linux build's test programs (tests/e2e/Target.h: the evaluator's side, openssl,
# unzip, curl, psql, Chromium, stays on Linux). Under scripts/test.sh the release stage has built them; alone,
# this builds them (and installs what the Linux build needs) in ${BROBYG_LINUX_BUILD_DIR:-build/}.
build_linux_e2e() {
  local linux="${BROBYG_LINUX_BUILD_DIR:-$top/build}"
  if [ ! -f "$linux/build.ninja" ]; then
    bash "$top/scripts/install-deps.sh" || return 1
    BROBYG_BUILD_DIR="$linux" BROBYG_CONFIGURE_ONLY=1 bash "$top/scripts/build.sh" || return 1
  fi
  cmake --build "$linux" --target e2e_test browser_test cli_test secrets_e2e_test \
    -j"$jobs" >/dev/null || return 1
  linux_tests="$linux/tests"
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
    -DBROBYG_WINDOWS_DEPS="$BROBYG_WINDOWS_DEPS" \
    -DBROBYG_WINDOWS_LAYERS="$BROBYG_WINDOWS_LAYERS" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DBROBYG_WERROR=ON -DBROBYG_BUILD_BENCH=OFF -DBROBYG_LINUX_TESTS="${linux_tests:-}" \
    "${launcher[@]}" >/dev/null || return 1
  local start end
  start=$(date +%s)
  # gtest_discover_tests lists each test program's tests under Wine as it is built.
  start_wine_session || return 1
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

# The sql and sftp plugins' tests run against the real servers of tests/servers (their
# BROBYG_TEST_PG_* and BROBYG_TEST_SSH_* environment; Wine hands it on to the Windows programs,
# which reach 127.0.0.1 on this machine and read its files through drive Z:). scripts/test.sh
# has started them and exported it; run alone, this starts them, each in a folder of its own so
# that a server another run uses is left alone, and stops them when it ends.
started_servers=()
stop_test_servers() {
  local server
  for server in "${started_servers[@]}"; do
    bash "$top/tests/servers/$server.sh" stop || true
  done
}

start_test_servers() {
  local env
  if [ -z "${BROBYG_TEST_PG_HOST:-}" ]; then
    BROBYG_TEST_PG_DIR="${TMPDIR:-/tmp}/brobyg-windows-test-pg-$(id -u)"
    export BROBYG_TEST_PG_DIR
    if env="$(bash "$top/tests/servers/postgres.sh" start)"; then
      eval "$env"
      started_servers+=(postgres)
    else
      log "no PostgreSQL test server: the sql plugin's PostgreSQL tests skip (fail under CI=true)"
    fi
  fi
  if [ -z "${BROBYG_TEST_SSH_HOST:-}" ]; then
    BROBYG_TEST_SSH_DIR="${TMPDIR:-/tmp}/brobyg-windows-test-ssh-$(id -u)"
    export BROBYG_TEST_SSH_DIR
    if env="$(bash "$top/tests/servers/sshd.sh" start)"; then
      eval "$env"
      started_servers+=(sshd)
    else
      log "no OpenSSH test server: the sftp plugin's tests skip (fail under CI=true)"
    fi
  fi
}

# One Wine session for the build's test listings and the tests: a persistent wineserver, and
# Wine's own processes (services.exe, winedevice.exe) started once with their output going
# nowhere. Otherwise the first Windows program of a test starts them, they inherit its output
# pipe, and whoever reads that pipe (ctest, a test's popen) waits until they end with the
# server, seconds after the last program: that made an end-to-end test 36 s instead of 2.
# The prefix is made first by a program of its own, not by `wineboot -i` under the
# persistent server: in such a prefix the service manager lost the services registered in it,
# and `net start` found none.
wine_session=0
start_wine_session() {
  [ "$wine_session" = 1 ] && return 0
  export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all
  mkdir -p "$build"
  /usr/lib/wine/wineserver -k 2>/dev/null || true # one left by a run that was killed
  /usr/lib/wine/wine64 cmd /c exit </dev/null >/dev/null 2>&1 || return 1
  /usr/lib/wine/wineserver -w
  /usr/lib/wine/wineserver -p </dev/null >/dev/null 2>&1 || return 1
  wine_session=1
  /usr/lib/wine/wine64 cmd /c exit </dev/null >/dev/null 2>&1 || return 1
}

stop_wine_session() {
  if [ "$wine_session" = 1 ]; then /usr/lib/wine/wineserver -k || true; fi
}

cleanup() {
  stop_test_servers
  stop_wine_session
}
trap cleanup EXIT

test_brobyg() {
  local skips
  skips="$(wine_skips)"
  start_test_servers || return 1
  start_wine_session || return 1
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
  # wixl has no Permission elements: the state folder's access list is a table of its own.
  msibuild "$msi" -i "$top/installer/windows/MsiLockPermissionsEx.idt" || return 1
  log "MSI: $msi"
  bash "$top/tests/windows/msi-check.sh" "$msi" "$build"
}

case "${1:-build}" in
  deps) build_deps ;;
  build) build_deps && build_brobyg ;;
  test)
    shift || true
    build_deps && build_linux_e2e && build_brobyg && test_brobyg "$@"
    ;;
  msi) build_deps && build_brobyg && build_msi ;;
  all) build_deps && build_linux_e2e && build_brobyg && test_brobyg && build_msi ;;
  *)
    echo "usage: scripts/windows.sh [deps|build|test|msi|all]" >&2
    exit 2
    ;;
esac
