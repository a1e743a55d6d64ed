# What the Windows (mingw-w64) build leaves out for now, one line each with the reason
# (issue 13; scripts/windows.sh builds the dependencies it has).
if(WIN32)
  # libssh2 has no mingw build in scripts/windows.sh yet.
  list(APPEND BROBYG_SKIP sftp)
  # Its PostgreSQL client (libpq) has no mingw build yet, and the plugin needs it.
  list(APPEND BROBYG_SKIP sql)
endif()
