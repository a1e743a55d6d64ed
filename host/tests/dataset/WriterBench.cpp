// Rows per second of the CSV and XML writers for 12-column absence_event rows.
// Usage: dataset_writer_bench [rows] [folder]   (default 5000000 rows, /dev/shm)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "TestSupport.h"
#include "dataset/DatasetWriter.h"

using namespace brobyg::dataset;

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::atol(argv[1]) : 5000000;
  const std::string folder = argc > 2 ? argv[2] : "/dev/shm";
  // Rows are made up front so that only the writer is timed.
  testing::AbsenceRows generator(3);
  std::vector<std::array<std::string, 12>> pool(4096);
  for (auto& row : pool) {
    const auto& views = generator.next();
    for (std::size_t i = 0; i < 12; ++i) row[i] = std::string(views[i]);
  }
  std::vector<std::array<std::string_view, 12>> views(pool.size());
  for (std::size_t r = 0; r < pool.size(); ++r)
    for (std::size_t i = 0; i < 12; ++i) views[r][i] = pool[r][i];

  for (const char* format : {"csv", "xml"}) {
    std::string path = folder + "/brobyg_bench." + format;
    auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    auto writer = makeWriter(format, absenceEvent(), path);
    writer->begin();
    for (long r = 0; r < rows; ++r) {
      const auto& row = views[static_cast<std::size_t>(r) % views.size()];
      writer->writeRow(row.data(), row.size());
    }
    WriteResult result = writer->finish();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    // Wall time includes waiting for the disk (fsync); CPU time is what one core spends.
    std::printf(
        "%s: %llu rows, %.1f MB, wall %.3f s (%.2f M rows/s, %.0f MB/s incl. fsync), "
        "cpu %.3f s (%.2f M rows/s)\n",
        format, static_cast<unsigned long long>(result.rows),
        static_cast<double>(result.bytes) / 1e6, seconds,
        static_cast<double>(result.rows) / seconds / 1e6,
        static_cast<double>(result.bytes) / seconds / 1e6, cpu,
        static_cast<double>(result.rows) / cpu / 1e6);
    std::remove(path.c_str());
  }
  return 0;
}
