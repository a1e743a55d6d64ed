# Cross-compiles for 64-bit Windows with Debian's mingw-w64 (posix threads: std::thread and
# std::mutex need them) and runs what it builds under Wine. Used by scripts/windows.sh, for
# brobyg and for the dependencies it builds into BROBYG_WINDOWS_DEPS (its cache folder).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
# Poco Foundation compiles its Event Log messages with mc; CMake wants a full path for it.
find_program(CMAKE_MC_COMPILER x86_64-w64-mingw32-windmc REQUIRED)

set(BROBYG_WINDOWS_DEPS "$ENV{BROBYG_WINDOWS_DEPS}"
    CACHE PATH "Prefix of the static mingw builds of OpenSSL, Poco, pugixml and GoogleTest")
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${BROBYG_WINDOWS_DEPS})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(OPENSSL_ROOT_DIR ${BROBYG_WINDOWS_DEPS})
set(OPENSSL_USE_STATIC_LIBS ON)
set(ZLIB_USE_STATIC_LIBS ON)

# Everything static: the .exe and plugin .dll files need no mingw runtime DLLs beside them.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")

# ---- above: what the dependency builds use (scripts/windows.sh hashes it into its cache key)

# ctest and gtest_discover_tests run the .exe files under Wine, with a Wine prefix of the
# build's own (created on first use, a few seconds) and without Wine's debug chatter. Debian
# installs the 64-bit loader outside PATH.
find_program(BROBYG_WINE64 NAMES wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH)
if(BROBYG_WINE64)
  set(CMAKE_CROSSCOMPILING_EMULATOR
      /usr/bin/env WINEPREFIX=${CMAKE_BINARY_DIR}/wineprefix WINEDEBUG=-all ${BROBYG_WINE64})
endif()

# find_package looks in the dependency prefix itself (a path under a find root is not re-rooted).
list(APPEND CMAKE_PREFIX_PATH ${BROBYG_WINDOWS_DEPS})

# The layers scripts/windows.sh builds on that prefix, each in a folder of its own (libssh2,
# libpq, Poco's ODBC connector), ";"-separated.
set(BROBYG_WINDOWS_LAYERS "$ENV{BROBYG_WINDOWS_LAYERS}"
    CACHE STRING "Prefixes of the static mingw builds of the plugins' own dependencies")
list(APPEND CMAKE_FIND_ROOT_PATH ${BROBYG_WINDOWS_LAYERS})
list(APPEND CMAKE_PREFIX_PATH ${BROBYG_WINDOWS_LAYERS})
