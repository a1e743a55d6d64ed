#include "OdbcDrivers.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

// Windows: no driver to register. Debian has no Windows build of psqlODBC, so the connector's
// tests through it (Incremental/*postgresql_odbc) are in tests/windows/wine-skips.txt.
#ifndef _WIN32
namespace brobyg::sql::test {
namespace {

namespace fs = std::filesystem;

// Debian's multiarch folder of ODBC drivers (odbc-postgresql).
std::string findDriver(const std::string& file) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib", ec)) {
    const fs::path candidate = entry.path() / "odbc" / file;
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return "";
}

class OdbcEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("brobyg-odbc-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    const std::string postgres = findDriver("psqlodbcw.so");
    ASSERT_FALSE(postgres.empty()) << "no PostgreSQL ODBC driver: install odbc-postgresql";
    std::ofstream(dir_ / "odbcinst.ini")
        << "[" << kPostgresOdbcDriver << "]\nDriver=" << postgres << "\n";
    std::ofstream(dir_ / "odbc.ini") << "";
    ::setenv("ODBCSYSINI", dir_.c_str(), 1);
    ::setenv("ODBCINI", (dir_ / "odbc.ini").c_str(), 1);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

 private:
  fs::path dir_;
};

[[maybe_unused]] const auto* const kRegistered =
    ::testing::AddGlobalTestEnvironment(new OdbcEnvironment);

}  // namespace
}  // namespace brobyg::sql::test
#endif
