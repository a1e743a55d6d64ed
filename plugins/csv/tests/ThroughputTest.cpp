// Parse + map throughput on ~60-byte rows. Reports rows/s (see the README); asserts only
// correctness, so that a slow shared machine does not fail the build.
#include "CsvFile.h"
#include "TestSupport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

namespace brobyg::csv {
namespace {

struct CountingSink {
  size_t rows = 0;
  size_t rejects = 0;
  brobyg_row_sink abi{sizeof(brobyg_row_sink), this,
                      [](void* ctx, const brobyg_str*, size_t, const char*) {
                        ++static_cast<CountingSink*>(ctx)->rows;
                        return BROBYG_OK;
                      },
                      [](void* ctx, const char*, const char*, const char*, size_t) {
                        ++static_cast<CountingSink*>(ctx)->rejects;
                      },
                      [](void*, const char*, size_t) {}};
};

TEST(Throughput, ParseAndMapTwoMillionRows) {
  constexpr size_t kRows = 2'000'000;
  std::string data = "CPR-nr;Navn;Skole;Klasse;Dato;Fravaer\r\n";
  data.reserve(kRows * 64);
  const char* categories[] = {"Syg", "Lovligt", "Ulovligt", "S"};
  for (size_t i = 0; i < kRows; ++i) {
    data += "01011212";
    data += static_cast<char>('0' + i % 10);
    data += static_cast<char>('0' + (i / 10) % 10);
    data += ";Test Testesen;280123;";
    data += static_cast<char>('0' + i % 10);
    data += ";0";
    data += static_cast<char>('1' + i % 9);
    data += "-03-2024;";
    data += categories[i % 4];
    data += "\r\n";
  }
  const sdk::Settings settings = test::settingsOf({{"directory", "/tmp"},
                                                   {"column.person", "CPR-nr"},
                                                   {"column.school", "Skole"},
                                                   {"column.grade", "Klasse"},
                                                   {"column.date", "Dato"},
                                                   {"column.category", "Fravaer"},
                                                   {"constant.municipality", "0101"},
                                                   {"date_format", "dd-mm-yyyy"},
                                                   {"value.category.Syg", "sick"},
                                                   {"value.category.S", "sick"},
                                                   {"value.category.Lovligt", "authorised"},
                                                   {"value.category.Ulovligt", "unauthorised"}});
  const CsvConfig config = CsvConfig::fromSettings(settings);
  FieldMapping mapping(settings, test::absenceDataset(), config);
  test::MemorySource source(std::move(data));
  CountingSink sink;
  const auto start = std::chrono::steady_clock::now();
  readCsvFile(source, "bench.csv", config, mapping, sdk::RowSink(&sink.abi));
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(sink.rows, kRows);
  EXPECT_EQ(sink.rejects, 0u);
  const double rate = static_cast<double>(kRows) / seconds.count();
  std::cout << "csv parse+map: " << static_cast<long>(rate) << " rows/s" << std::endl;
  RecordProperty("rows_per_second", static_cast<int>(rate));
}

}  // namespace
}  // namespace brobyg::csv
