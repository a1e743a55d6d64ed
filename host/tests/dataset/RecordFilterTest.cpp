#include "dataset/RecordFilter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TestSupport.h"
#include "dataset/DatasetWriter.h"
#include "util/AtomicFile.h"
#include "util/Error.h"

namespace brobyg::dataset {
namespace {

// Rows whose last column ("source") holds what could fool a record scanner: separators,
// quotes, line ends and the XML record's end tag.
std::vector<std::vector<std::string_view>> trickyRows() {
  const std::vector<std::string_view> sources = {
      "plain", "comma, and \"quotes\"", "line\r\nend", "</event>\n<event>", "\"\r\n\"", "last"};
  std::vector<std::vector<std::string_view>> rows;
  for (std::string_view source : sources)
    rows.push_back({"abcdefghijklmnopqrstuvwxyz", "2012-03", "male", "13", "0101", "101001", "7",
                    "2025-09-01", "day", "", "sick", source});
  return rows;
}

std::string write(const std::string& format, const std::string& path,
                  const std::vector<bool>& skip) {
  auto writer = makeWriter(format, absenceEvent(), path, Durability::Scratch);
  writer->begin();
  const auto rows = trickyRows();
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (skip.empty() || !skip[i]) writer->writeRow(rows[i].data(), rows[i].size());
  writer->finish();
  return readFile(path);
}

class RecordFilter : public ::testing::TestWithParam<std::string> {};

TEST_P(RecordFilter, LeavesTheFileAsIfTheDroppedRowsWereNeverWritten) {
  const std::string dir = testing::freshDir("record_filter_" + GetParam());
  for (const std::vector<bool>& dropped :
       {std::vector<bool>{false, true, false, true, true, false},
        std::vector<bool>{true, false, false, false, false, true},
        std::vector<bool>(6, true), std::vector<bool>(6, false)}) {
    const std::string path = dir + "/filtered." + GetParam();
    write(GetParam(), path, {});
    dropRecords(GetParam(), absenceEvent(), path, dropped, Durability::Scratch);
    EXPECT_EQ(readFile(path), write(GetParam(), dir + "/expected." + GetParam(), dropped));
  }
}

TEST_P(RecordFilter, AFileWithFewerRecordsThanFlaggedIsRefusedNamingIt) {
  const std::string path = testing::freshDir("record_filter_short_" + GetParam()) + "/f";
  write(GetParam(), path, {});
  const std::string before = readFile(path);
  try {
    dropRecords(GetParam(), absenceEvent(), path, std::vector<bool>(7, false), Durability::Scratch);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  EXPECT_EQ(readFile(path), before) << "the file is left as it was";
}

INSTANTIATE_TEST_SUITE_P(Formats, RecordFilter, ::testing::Values("csv", "xml"));

}  // namespace
}  // namespace brobyg::dataset
