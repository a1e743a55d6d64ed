// Rows per second and memory over a large PostgreSQL result. Memory must not grow with the
// row count (batches through a server-side cursor); the rate is reported (README), not
// asserted, so that a slow shared machine does not fail the build.
#include "SqlTestSupport.h"

#include <gtest/gtest.h>

#ifdef _WIN32
#include <windows.h>
// windows.h first
#include <psapi.h>
#endif

#include <chrono>
#include <fstream>
#include <iostream>

namespace brobyg::sql::test {
namespace {

// Resident memory of this process in KiB (Linux: /proc/self/status VmRSS; Windows: the
// working set); 0 when it cannot be read.
#ifdef _WIN32
long residentKiB() {
  PROCESS_MEMORY_COUNTERS counters{};
  if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters)) return 0;
  return static_cast<long>(counters.WorkingSetSize / 1024);
}
#else
long residentKiB() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}
#endif

struct MeasuringSink {
  std::size_t rows = 0;
  std::size_t rejects = 0;
  long firstKiB = 0;
  long peakKiB = 0;
  brobyg_row_sink abi{sizeof(brobyg_row_sink), this,
                      [](void* ctx, const brobyg_str*, size_t, const char*) {
                        auto* self = static_cast<MeasuringSink*>(ctx);
                        if (++self->rows % 10000 == 1) {
                          const long now = residentKiB();
                          if (self->firstKiB == 0) self->firstKiB = now;
                          self->peakKiB = std::max(self->peakKiB, now);
                        }
                        return BROBYG_OK;
                      },
                      [](void* ctx, const char*, const char*, const char*, size_t) {
                        ++static_cast<MeasuringSink*>(ctx)->rejects;
                      },
                      [](void*, const char*, size_t) {}};
};

TEST(Throughput, HalfAMillionPostgresRowsInBoundedMemory) {
  SQL_REQUIRE_PG(pg);
  constexpr int kRows = 500000;
  pgExec(*pg,
         "DROP TABLE IF EXISTS {events}; CREATE TABLE {events} (cpr text, kommune text, art text, "
         "dato date, changed_at timestamp, id integer); INSERT INTO {events} SELECT "
         "'01011' || lpad((i % 100000)::text, 5, '0'), '0101', 'Underretning', "
         "date '2024-01-01' + (i % 300), timestamp '2024-01-01' + (i / 7) * interval '1 second', "
         "i FROM generate_series(1, " +
             std::to_string(kRows) + ") AS i");
  auto settings = caseEventSettings("postgresql", pg->connection());
  settings["password"] = pg->password;
  settings["batch_size"] = "5000";
  Source source(settings);
  ASSERT_TRUE(source.instance.created().ok()) << source.instance.created().error;

  const brobyg_plugin_descriptor* plugin = brobyg_plugin_entry();
  MeasuringSink sink;
  std::vector<char> buffer(1024, '\0');
  brobyg_error error{buffer.data(), buffer.size()};
  void* instance = nullptr;
  ASSERT_EQ(plugin->create(source.args.abi(), &instance, &error), BROBYG_OK) << buffer.data();
  const auto start = std::chrono::steady_clock::now();
  const int rc = plugin->pull(instance, nullptr, 0, &sink.abi, &error);
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  plugin->destroy(instance);
  ASSERT_EQ(rc, BROBYG_OK) << buffer.data();
  EXPECT_EQ(sink.rows, static_cast<std::size_t>(kRows));
  EXPECT_EQ(sink.rejects, 0u);
  // The whole result would take well over 100 MiB as Poco values; one batch a few MiB.
  // Under AddressSanitizer freed memory waits in its quarantine (256 MiB), so resident memory
  // says nothing about the program's: the bound is checked by the release build only.
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool kResidentMeansSomething = false;
#elif defined(__has_feature)
  constexpr bool kResidentMeansSomething = !__has_feature(address_sanitizer);
#else
  constexpr bool kResidentMeansSomething = true;
#endif
  if (kResidentMeansSomething) {
    EXPECT_GT(sink.firstKiB, 0) << "resident memory could not be read";
    EXPECT_LT(sink.peakKiB - sink.firstKiB, 32 * 1024) << "memory grew with the row count";
  }
  const double rate = kRows / seconds.count();
  std::cout << "sql postgresql pull+map: " << static_cast<long>(rate) << " rows/s, resident "
            << sink.firstKiB / 1024 << " -> " << sink.peakKiB / 1024 << " MiB" << std::endl;
  RecordProperty("rows_per_second", static_cast<int>(rate));
}

}  // namespace
}  // namespace brobyg::sql::test
