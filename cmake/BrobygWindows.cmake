# What the Windows (mingw-w64) build leaves out for now, one line each with the reason
# (issue 13; scripts/windows.sh builds the dependencies it has).
if(WIN32)
  # libssh2 has no mingw build in scripts/windows.sh yet.
  list(APPEND BROBYG_SKIP sftp)
  # Its PostgreSQL client (libpq) has no mingw build yet, and the plugin needs it.
  list(APPEND BROBYG_SKIP sql)
endif()
if(WIN32)
  # Windows 10 / Server 2016 APIs (WerSetFlags, ...); no min/max macros from windows.h;
  # mingw's gmtime_r and localtime_r, which the POSIX code uses.
  add_compile_definitions(_WIN32_WINNT=0x0A00 WINVER=0x0A00 NOMINMAX
                          _POSIX_THREAD_SAFE_FUNCTIONS=200112L)
endif()
