# What the Windows (mingw-w64) build leaves out for now, one line each with the reason
# (issue 13; scripts/windows.sh builds the dependencies it has).
if(WIN32)
  # libssh2 has no mingw build in scripts/windows.sh yet.
  list(APPEND BROBYG_SKIP sftp)
  # Its PostgreSQL client (libpq) has no mingw build yet, and the plugin needs it.
  list(APPEND BROBYG_SKIP sql)
  # The suites that drive the programs through a POSIX shell (popen, openssl, unzip, kill):
  # tests/windows/ runs the demo's main job under Wine from a Linux shell instead.
  set(BROBYG_WINDOWS_SKIPPED_SUITES e2e browser docs)
  # Test programs left out of the Windows build (the plugins they test are built):
  # https_plugin_test, rest_plugin_test: their test PKI is made with the openssl command line
  #   (TestPki), which a program under Wine cannot start, and their fault relay (TcpRelay) is
  #   POSIX sockets; the plugins' code is the same on both systems.
  # cli_test: runs brobyg through a POSIX shell (popen) and fork; tests/windows/*.sh run
  #   brobyg.exe and brobygd.exe under Wine from the Linux side instead.
  set(BROBYG_WINDOWS_SKIPPED_TESTS https_plugin_test rest_plugin_test cli_test)
  # SQLite's C API (the test data generator) from the copy Poco bundles into PocoDataSQLite,
  # with the header scripts/windows.sh installs: a second copy would clash with it.
  set(SQLite3_INCLUDE_DIR ${BROBYG_WINDOWS_DEPS}/include/sqlite3 CACHE PATH "sqlite3.h")
  set(SQLite3_LIBRARY ${BROBYG_WINDOWS_DEPS}/lib/libPocoDataSQLite.a CACHE FILEPATH "SQLite")
endif()
if(WIN32)
  # Windows 10 / Server 2016 APIs (WerSetFlags, ...); no min/max macros from windows.h;
  # mingw's gmtime_r and localtime_r, which the POSIX code uses.
  add_compile_definitions(_WIN32_WINNT=0x0A00 WINVER=0x0A00 NOMINMAX
                          _POSIX_THREAD_SAFE_FUNCTIONS=200112L)
  # Headers Poco includes in Windows' spelling (Winsock2.h), which mingw-w64 ships lower-case.
  include_directories(SYSTEM ${CMAKE_CURRENT_LIST_DIR}/mingw-shims)
endif()
