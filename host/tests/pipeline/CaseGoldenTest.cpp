// case_measure and case_event (DESIGN §5) on hand-made rows: every crosswalk row in both laws,
// the legal-basis text shapes, unrecognised text (kept, kind unknown, counted), placement codes
// and words, invalid dates, end before start, and the checks every dataset shares. The XML
// validates against the dataset's XSD. BROBYG_UPDATE_GOLDEN=1 rewrites the golden files.
#include <gtest/gtest.h>

#include <cstdlib>

#include "GoldenSupport.h"
#include "TempDir.h"
#include "util/AtomicFile.h"

namespace brobyg {
namespace {

const std::string kSource = BROBYG_SOURCE_DIR;

void runCase(const dataset::DatasetSpec& spec, const std::vector<std::string>& columns) {
  const std::string golden = kSource + "/host/tests/pipeline/golden/" + spec.name() + "/";
  test::TempDir dir;
  test::GoldenOutput got =
      test::runGolden(spec, golden + "input.csv", columns, pseudo::Date{2026, 6, 30}, dir.path());
  EXPECT_EQ(test::compareGolden(golden + spec.name() + ".csv", got.csv), "");
  EXPECT_EQ(test::compareGolden(golden + spec.name() + ".xml", got.xml), "");
  EXPECT_EQ(test::compareGolden(golden + "rejected.txt", got.rejected), "");
  EXPECT_EQ(test::compareGolden(golden + "counts.txt", got.counts), "");

  writeFileAtomically(dir.file("out.xml"), got.xml);
  // xmllint is a Linux program here.
#ifndef _WIN32
  std::string command = "xmllint --noout --nonet --schema '" + kSource + "/schemas/" +
                        spec.schemaFile() + "' '" + dir.file("out.xml") + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
#endif
}

TEST(CaseGolden, CaseMeasure) {
  runCase(dataset::caseMeasure(),
          {"cpr", "municipality", "legal_basis", "placement_type", "start", "end"});
}

TEST(CaseGolden, CaseEvent) {
  runCase(dataset::caseEvent(), {"cpr", "municipality", "kind", "date"});
}

}  // namespace
}  // namespace brobyg
