#include <gtest/gtest.h>

#include <filesystem>

#include "TempDir.h"
#include "dataset/DatasetSpec.h"
#include "package/Inflater.h"
#include "pipeline/stages/Write.h"
#include "util/AtomicFile.h"
#include "util/Sha256.h"

using namespace brobyg;
using pipeline::DatasetOutput;
using pipeline::DatasetOutputs;
using pipeline::Period;

namespace {

// An absence_event output row with `date` in the spec's date column.
std::vector<std::string> row(const std::string& date) {
  const auto& spec = dataset::absenceEvent();
  std::vector<std::string> values(spec.outputs().size());
  auto set = [&](const char* column, const char* value) {
    values[static_cast<std::size_t>(spec.outputIndex(column))] = value;
  };
  set("person", "abcdefghijklmnopqrstuvwxyz");
  set("birth_month", "2015-02");
  set("sex", "male");
  set("age", "10");
  set("municipality", "101");
  set("school", "101002");
  set("unit", "day");
  set("category", "sick");
  set("source", "skole");
  values[static_cast<std::size_t>(spec.outputIndex("date"))] = date;
  return values;
}

void write(DatasetOutput& output, const std::vector<std::string>& values) {
  std::vector<std::string_view> views(values.begin(), values.end());
  output.write(views);
}

}  // namespace

TEST(WriteStage, PeriodComesFromTheSpecsPeriodColumns) {
  test::TempDir dir;
  DatasetOutput output(dataset::absenceEvent(), {"csv"}, dir.path());
  write(output, row("2026-11-20"));
  write(output, row("2026-11-03"));
  write(output, row("2026-11-24"));
  EXPECT_EQ(output.rows(), 3u);
  EXPECT_EQ(output.period().from, "2026-11-03");
  EXPECT_EQ(output.period().to, "2026-11-24");
  output.finish();
  auto files = output.files();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].entryName, "absence_event.csv");
  EXPECT_EQ(files[0].rows, 3u);
  EXPECT_EQ(files[0].format, "csv");
  EXPECT_TRUE(std::filesystem::exists(files[0].path));
}

// Before the stages, a dataset without rows set the package's period start to "".
TEST(WriteStage, ADatasetWithoutRowsDoesNotResetThePeriod) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("a"));
  std::filesystem::create_directories(dir.file("b"));
  DatasetOutput withRows(dataset::absenceEvent(), {"csv"}, dir.file("a"));
  DatasetOutput empty(dataset::absenceEvent(), {"csv"}, dir.file("b"));
  write(withRows, row("2026-11-20"));
  write(withRows, row("2026-11-24"));
  EXPECT_EQ(empty.rows(), 0u);
  EXPECT_TRUE(empty.period().empty());
  // The package's period is every dataset's together, in whatever order they come.
  Period period;
  period.widen(empty.period());
  period.widen(withRows.period());
  period.widen(empty.period());
  EXPECT_EQ(period.from, "2026-11-20");
  EXPECT_EQ(period.to, "2026-11-24");
}

TEST(WriteStage, OutputsShareADatasetAndCombineTheirPeriods) {
  test::TempDir dir;
  DatasetOutputs outputs({"csv", "xml"}, dir.path());
  DatasetOutput& first = outputs.of(dataset::absenceEvent());
  EXPECT_EQ(&outputs.of(dataset::absenceEvent()), &first) << "two sources, one dataset";
  EXPECT_TRUE(outputs.period().empty());
  write(first, row("2026-10-01"));
  EXPECT_EQ(outputs.rows(), 1u);
  EXPECT_EQ(outputs.period().from, "2026-10-01");
  EXPECT_EQ(outputs.period().to, "2026-10-01");
  outputs.finish();
  auto files = outputs.files();
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].entryName, "absence_event.csv");
  EXPECT_EQ(files[1].entryName, "absence_event.xml");
  EXPECT_NE(readFile(files[1].path).find("2026-10-01"), std::string::npos);
}

TEST(WriteStage, AnEmptyOptionalDateLeavesThePeriodAlone) {
  Period period;
  period.widen("");
  EXPECT_TRUE(period.empty());
  period.widen("2026-01-05");
  period.widen("");
  EXPECT_EQ(period.from, "2026-01-05");
  EXPECT_EQ(period.to, "2026-01-05");
}

// The row digests hash the row's CSV record, whichever formats the job writes: changing the
// formats must not make delivered rows look new.
TEST(WriteStage, TheRecordToDigestIsTheCsvRecordWhateverTheFormats) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("csv"));
  std::filesystem::create_directories(dir.file("xml"));
  DatasetOutput both(dataset::absenceEvent(), {"xml", "csv"}, dir.file("csv"));
  DatasetOutput xmlOnly(dataset::absenceEvent(), {"xml"}, dir.file("xml"));
  const std::vector<std::string> values = row("2026-11-20");
  const std::vector<std::string_view> views(values.begin(), values.end());
  const std::string fromCsv(both.write(views).record);
  const pipeline::WrittenRow written = xmlOnly.write(views);
  EXPECT_EQ(std::string(written.record), fromCsv);
  EXPECT_EQ(fromCsv.substr(0, 27), "abcdefghijklmnopqrstuvwxyz,");
  EXPECT_EQ(written.from, 20261120u);
  EXPECT_EQ(written.to, 20261120u);
}

// ship="false": the rows are counted and hashed for the derived datasets, as a shipped
// dataset's would be, but leave no file, no period and no risk figures.
TEST(WriteStage, ADatasetReadOnlyForTheDerivedOnesWritesNoFileAndNoPeriod) {
  test::TempDir dir;
  risk::Generalisation birthYear;
  birthYear.birthYear = true;
  DatasetOutputs outputs({"csv", "xml"}, dir.path(), birthYear, {"absence_event"});
  DatasetOutput& input = outputs.of(dataset::absenceEvent());
  EXPECT_FALSE(input.shipped());
  const std::vector<std::string> values = row("2026-10-01");
  const std::vector<std::string_view> views(values.begin(), values.end());
  const std::string record(input.write(views).record);
  EXPECT_NE(record.find("2015-02"), std::string::npos) << "the derived datasets get every value";

  // The same row, shipped: the same record for the row digests.
  test::TempDir shippedDir;
  DatasetOutput shipped(dataset::absenceEvent(), {"csv"}, shippedDir.path());
  EXPECT_TRUE(shipped.shipped());
  EXPECT_EQ(std::string(shipped.write(views).record), record);

  EXPECT_EQ(outputs.rows(), 1u);
  EXPECT_TRUE(outputs.period().empty());
  outputs.finish();
  EXPECT_TRUE(outputs.files().empty());
  EXPECT_TRUE(outputs.riskReport("p", 5).datasets.empty());
  EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << "nothing written for it";
}

namespace {

// The bytes of a finished output's files as the package gets them: inflated when they were
// deflated while written, after checking what the write stage says of them.
std::vector<std::string> packagedBytes(const DatasetOutput& output) {
  std::vector<std::string> contents;
  for (const package::DatasetFileInput& file : output.files()) {
    std::string bytes = readFile(file.path);
    if (file.deflated) {
      EXPECT_EQ(file.deflated->compressedSize, bytes.size());
      std::string inflated;
      package::makeInflater(file.path)->write(
          bytes.data(), bytes.size(),
          [&](const char* data, std::size_t size) { inflated.append(data, size); });
      EXPECT_EQ(file.deflated->size, inflated.size());
      EXPECT_EQ(file.deflated->sha256, Sha256::hexOf(inflated));
      bytes = std::move(inflated);
    }
    contents.push_back(std::move(bytes));
  }
  return contents;
}

// 30,000 rows (over 1 MiB of csv, several deflate blocks) through csv and xml writers with
// `compression`; every third row dropped afterwards when `drop`.
std::vector<std::string> writeAndDrop(pipeline::FileCompression compression, bool drop) {
  test::TempDir dir;
  DatasetOutput output(dataset::absenceEvent(), {"csv", "xml"}, dir.path(), {},
                       pipeline::Shipping::Shipped, compression);
  state::Deduplication decided;
  for (int i = 0; i < 30000; ++i) {
    write(output, row("2026-11-" + std::to_string(10 + i % 20)));
    decided.dropped.push_back(drop && i % 3 == 0);
    decided.duplicates += decided.dropped.back() ? 1 : 0;
  }
  output.finish();
  decided.from = 20261110;
  decided.to = 20261129;
  output.drop(decided);
  EXPECT_EQ(output.rows(), drop ? 20000u : 30000u);
  for (const package::DatasetFileInput& file : output.files())
    EXPECT_EQ(file.deflated.has_value(), compression.level > 0);
  return packagedBytes(output);
}

}  // namespace

// Deflated while written (issue 18), the files hold the bytes the plain writers write, for
// any level and thread count, and rows the row digests drop leave them as they leave the
// plain files.
TEST(WriteStage, DeflatedFilesHoldThePlainFilesBytesBeforeAndAfterADrop) {
  for (bool drop : {false, true}) {
    SCOPED_TRACE(drop ? "drop" : "no drop");
    const std::vector<std::string> plain = writeAndDrop({0, 1}, drop);
    ASSERT_EQ(plain.size(), 2u);
    EXPECT_GT(plain[0].size(), 1u << 20) << "more than one deflate block";
    for (const pipeline::FileCompression compression :
         {pipeline::FileCompression{1, 1}, pipeline::FileCompression{1, 2},
          pipeline::FileCompression{6, 2}})
      EXPECT_TRUE(writeAndDrop(compression, drop) == plain)
          << "level " << compression.level << ", threads " << compression.threads;
  }
}

// Each file deflated while written holds a few MiB until the run's files are finished, so a
// run deflates that way only the first kDeflatedFilesAtOnce; the rest are written plain.
TEST(WriteStage, OnlyTheFirstFilesOfARunAreDeflatedWhileWritten) {
  test::TempDir dir;
  DatasetOutputs outputs({"csv", "xml"}, dir.path(), {}, {}, {1, 2});
  DatasetOutput& first = outputs.of(dataset::absenceEvent());
  DatasetOutput& second = outputs.of(dataset::enrolment());
  outputs.finish();
  for (const package::DatasetFileInput& file : first.files()) EXPECT_TRUE(file.deflated);
  for (const package::DatasetFileInput& file : second.files()) EXPECT_FALSE(file.deflated);
  EXPECT_EQ(outputs.files().size(), 4u);
}
