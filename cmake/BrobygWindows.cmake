# The Windows (mingw-w64) build: what it leaves out (tests/windows/wine-skips.txt), where SQLite
# comes from, and its compiler settings. scripts/windows.sh builds the dependencies.
if(WIN32)
  # tests/windows/wine-skips.txt names, with the reasons, the plugins, suites and test programs
  # left out of the Windows build ("plugin", "suite", "program" lines; the other lines are
  # tests that are built but that scripts/windows.sh does not run under Wine).
  file(STRINGS ${PROJECT_SOURCE_DIR}/tests/windows/wine-skips.txt skip_lines
       REGEX "^(plugin|suite|program) ")
  # A changed list configures again, also under a bare `cmake --build`.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
               ${PROJECT_SOURCE_DIR}/tests/windows/wine-skips.txt)
  foreach(line IN LISTS skip_lines)
    string(REGEX MATCH "^([a-z]+) ([A-Za-z0-9_]+)" _ "${line}")
    if(CMAKE_MATCH_1 STREQUAL "plugin")
      list(APPEND BROBYG_SKIP ${CMAKE_MATCH_2})
    elseif(CMAKE_MATCH_1 STREQUAL "suite")
      list(APPEND BROBYG_WINDOWS_SKIPPED_SUITES ${CMAKE_MATCH_2})
    else()
      list(APPEND BROBYG_WINDOWS_SKIPPED_TESTS ${CMAKE_MATCH_2})
    endif()
  endforeach()
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
