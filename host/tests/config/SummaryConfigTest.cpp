// <dataset name="absence_summary"/>: a dataset the job computes, so it names no source; its
// inputs, the municipality's school calendar and its thresholds are checked naming the line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "TempDir.h"
#include "config/ConfigLoader.h"

using namespace brobyg::config;

namespace {

const char* kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<brobyg xmlns="urn:brobyg:config:1">
  <service><state-directory>s</state-directory></service>
  <producer municipality="0101" name="K">
    <signing-certificate>c.crt</signing-certificate>
    <signing-key>c.key</signing-key>
  </producer>
  <project id="p" key-file="k"/>
  <recipient id="r" certificate="r.crt"/>
  <source id="fravaer" plugin="csv"><setting key="directory">a</setting></source>
  <source id="elever" plugin="csv"><setting key="directory">e</setting></source>
  <destination id="d" plugin="folder"><setting key="directory">drop</setting></destination>
)";
const char* kCalendar = R"(  <school-calendar municipality="0101">
    <school-year first="2026-08-10" last="2027-06-25"/>
  </school-calendar>
)";

// `basis`: more attributes of <legal-basis>.
std::string job(const std::string& datasets, const std::string& entries,
                const std::string& basis = "") {
  return "  <job id=\"fravaer-job\" project=\"p\" destination=\"d\">\n"
         "    <legal-basis agreement=\"A\" expires=\"2030-01-01\" datasets=\"" +
         datasets + "\"" + basis + ">x</legal-basis>\n" + entries +
         "    <recipient ref=\"r\"/>\n  </job>\n";
}

struct Parsed {
  std::vector<Problem> problems;
  Config config;
  std::string path;
};

Parsed parse(brobyg::test::TempDir& tmp, const std::string& body) {
  Parsed out;
  out.path = tmp.file("brobyg.xml");
  std::ofstream(out.path) << kHead << body << "</brobyg>\n";
  out.config = parseConfig(out.path, out.problems);
  return out;
}

bool mentions(const std::vector<Problem>& problems, long line, const std::string& text) {
  for (const auto& p : problems)
    if (p.line == line && p.message.find(text) != std::string::npos) return true;
  return false;
}

const std::string kAll = "enrolment absence_event absence_summary";
const std::string kInputs =
    "    <dataset name=\"enrolment\" source=\"elever\"/>\n"
    "    <dataset name=\"absence_event\" source=\"fravaer\"/>\n";

}  // namespace

TEST(SummaryConfig, AJobShipsAbsenceSummaryWithoutASourceAndItsThresholds) {
  brobyg::test::TempDir tmp;
  Parsed p = parse(tmp, std::string(kCalendar) +
                            job(kAll, kInputs + "    <dataset name=\"absence_summary\" "
                                                "unauth-warn=\"12.5\" unauth-notify=\"20\"/>\n"));
  EXPECT_FALSE(hasErrors(p.problems)) << formatProblems("cfg", p.problems);
  ASSERT_EQ(p.config.jobs.size(), 1u);
  const JobDatasetConfig& summary = p.config.jobs[0].datasets.at(2);
  EXPECT_EQ(summary.dataset, "absence_summary");
  EXPECT_EQ(summary.source, "");
  const brobyg::summary::Thresholds& thresholds = p.config.jobs[0].summaryThresholds;
  EXPECT_EQ(thresholds.unauthWarn, 1250);
  EXPECT_EQ(thresholds.unauthNotify, 2000);
  EXPECT_EQ(thresholds.highTotal, 1000) << "the default";
  ASSERT_NE(findSchoolCalendar(p.config, "101"), nullptr);
  // config.xsd knows the element too (a schema-only check, without the referenced files).
  // xmllint is a Linux program here.
#ifndef _WIN32
  ASSERT_EQ(std::system("command -v xmllint >/dev/null 2>&1"), 0)
      << "xmllint needed (apt-get install libxml2-utils)";
  const std::string cmd = "xmllint --noout --schema " + std::string(BROBYG_SOURCE_DIR) +
                          "/schemas/config.xsd " + p.path + " 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
#endif
}

TEST(SummaryConfig, MissingInputsAndCalendarAreErrorsNamingTheJobAndLine) {
  brobyg::test::TempDir tmp;
  // Line 13 is the job, 15 the only dataset.
  Parsed p = parse(tmp, job("absence_summary", "    <dataset name=\"absence_summary\"/>\n"));
  EXPECT_TRUE(mentions(p.problems, 15,
                       "job 'fravaer-job': dataset 'absence_summary' is computed from "
                       "'absence_event'"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, 15, "is computed from 'enrolment'"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, 15, "needs the school calendar of the producer's municipality"))
      << formatProblems("cfg", p.problems);
}

TEST(SummaryConfig, ASourceABadThresholdAndAMissingLegalBasisAreRefused) {
  brobyg::test::TempDir tmp;
  Parsed p =
      parse(tmp, std::string(kCalendar) +
                     job("enrolment absence_event",
                         kInputs + "    <dataset name=\"absence_summary\" source=\"fravaer\" "
                                   "high-total=\"ten\" unauth-warn=\"20\"/>\n"));
  const long line = 20;  // the absence_summary entry
  EXPECT_TRUE(mentions(p.problems, line, "takes no source")) << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, line, "<dataset high-total> must be a percentage"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, line, "unauth-notify> is below unauth-warn"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, line, "not allowed by legal basis"))
      << formatProblems("cfg", p.problems);
}

TEST(SummaryConfig, OtherDatasetsStillNeedASourceAndTakeNoThresholds) {
  brobyg::test::TempDir tmp;
  Parsed p = parse(tmp, std::string(kCalendar) +
                            job(kAll, "    <dataset name=\"enrolment\" unauth-warn=\"10\"/>\n"));
  EXPECT_TRUE(mentions(p.problems, 18, "needs the attribute 'source'"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, 18, "<dataset unauth-warn> belongs to absence_summary"))
      << formatProblems("cfg", p.problems);
}

// person_period joins absence_summary's figures with case_measure: it needs all three inputs
// and the calendar, and takes absence_summary's thresholds rather than its own.
TEST(SummaryConfig, PersonPeriodNeedsTheCaseMeasuresTooAndTakesNoThresholds) {
  brobyg::test::TempDir tmp;
  // Line 13 is the job (after no calendar), 15-16 the inputs, 17 person_period.
  Parsed p =
      parse(tmp, job("enrolment absence_event person_period",
                     kInputs + "    <dataset name=\"person_period\" unauth-warn=\"10\"/>\n"));
  EXPECT_TRUE(mentions(p.problems, 17,
                       "dataset 'person_period' is computed from 'case_measure': add <dataset "
                       "name=\"case_measure\" source=...>"))
      << formatProblems("cfg", p.problems);
  EXPECT_FALSE(mentions(p.problems, 17, "is computed from 'enrolment'"));
  EXPECT_TRUE(mentions(p.problems, 17, "needs the school calendar of the producer's municipality"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, 17, "(person_period uses absence_summary's)"))
      << formatProblems("cfg", p.problems);

  Parsed good =
      parse(tmp, std::string(kCalendar) +
                     job("enrolment absence_event case_measure person_period",
                         kInputs + "    <dataset name=\"case_measure\" source=\"fravaer\"/>\n"
                                   "    <dataset name=\"person_period\"/>\n"));
  EXPECT_FALSE(hasErrors(good.problems)) << formatProblems("cfg", good.problems);
}

// --- absence_aggregate and an aggregates-only legal basis (issue 15) -----------------------

namespace {
const std::string kAggregatesOnly = " aggregates-only=\"true\"";
const std::string kReadOnly =
    "    <dataset name=\"enrolment\" source=\"elever\" ship=\"false\"/>\n"
    "    <dataset name=\"absence_event\" source=\"fravaer\" ship=\"false\"/>\n";
}  // namespace

TEST(SummaryConfig, AnAggregatesOnlyJobReadsItsInputsWithoutShippingThem) {
  brobyg::test::TempDir tmp;
  Parsed p =
      parse(tmp, std::string(kCalendar) + job("absence_aggregate",
                                              kReadOnly + "    <dataset name=\"absence_aggregate\" "
                                                          "unauth-warn=\"12\"/>\n",
                                              kAggregatesOnly));
  EXPECT_FALSE(hasErrors(p.problems)) << formatProblems("cfg", p.problems);
  ASSERT_EQ(p.config.jobs.size(), 1u);
  const JobConfig& j = p.config.jobs[0];
  EXPECT_TRUE(j.legalBasis.aggregatesOnly);
  EXPECT_FALSE(j.datasets.at(0).ship);
  EXPECT_FALSE(j.ships("absence_event"));
  EXPECT_TRUE(j.ships("absence_aggregate"));
  EXPECT_EQ(j.summaryThresholds.unauthWarn, 1200);
  EXPECT_EQ(j.summaryThresholds.unauthNotify, 1500) << "the default";
}

TEST(SummaryConfig, AnAggregatesOnlyJobCanNeverShipARowLevelDataset) {
  brobyg::test::TempDir tmp;
  // Line 17 is <legal-basis>, 18 and 19 the row-level datasets, shipped.
  Parsed p =
      parse(tmp, std::string(kCalendar) +
                     job("absence_aggregate absence_event",
                         kInputs + "    <dataset name=\"absence_aggregate\"/>\n", kAggregatesOnly));
  EXPECT_TRUE(hasErrors(p.problems));
  EXPECT_TRUE(mentions(p.problems, 19,
                       "dataset 'absence_event' has a row per person, and legal basis 'A' allows "
                       "aggregates only: such a job can never ship it"))
      << formatProblems("cfg", p.problems);
  EXPECT_TRUE(mentions(p.problems, 18, "dataset 'enrolment' has a row per person"));
  EXPECT_TRUE(mentions(p.problems, 17,
                       "legal basis 'A' allows aggregates only but names the row-level dataset "
                       "'absence_event'"))
      << formatProblems("cfg", p.problems);
  EXPECT_THROW(loadConfig(p.path), ConfigError);
}

TEST(SummaryConfig, ShipFalseBelongsOnTheInputsOfADerivedDatasetOnly) {
  brobyg::test::TempDir tmp;
  // Without a derived dataset, ship="false" reads for nothing, and the job ships nothing.
  Parsed nothing =
      parse(tmp, job("absence_event",
                     "    <dataset name=\"absence_event\" source=\"fravaer\" ship=\"false\"/>\n"));
  EXPECT_TRUE(mentions(nothing.problems, 15,
                       "dataset 'absence_event' has ship=\"false\" but no dataset of the job is "
                       "computed from it"))
      << formatProblems("cfg", nothing.problems);
  EXPECT_TRUE(mentions(nothing.problems, 13, "every dataset has ship=\"false\""))
      << formatProblems("cfg", nothing.problems);

  // A derived dataset is computed to be shipped; a misspelt value is refused.
  Parsed derived =
      parse(tmp, std::string(kCalendar) +
                     job("absence_aggregate",
                         "    <dataset name=\"enrolment\" source=\"elever\" ship=\"no\"/>\n"
                         "    <dataset name=\"absence_event\" source=\"fravaer\" ship=\"false\"/>\n"
                         "    <dataset name=\"absence_aggregate\" ship=\"false\"/>\n"));
  EXPECT_TRUE(mentions(derived.problems, 18, "<dataset ship> must be true or false"))
      << formatProblems("cfg", derived.problems);
  EXPECT_FALSE(mentions(derived.problems, 20, "it would be read for nothing"));
  EXPECT_TRUE(
      mentions(derived.problems, 20, "dataset 'absence_aggregate' is computed only to be shipped"))
      << formatProblems("cfg", derived.problems);
}

TEST(SummaryConfig, ARowLevelJobMayReadADatasetOnlyForItsSummary) {
  brobyg::test::TempDir tmp;
  // absence_summary without the events themselves: the legal basis need not allow them.
  Parsed p = parse(
      tmp, std::string(kCalendar) + job("absence_summary enrolment",
                                        "    <dataset name=\"enrolment\" source=\"elever\"/>\n"
                                        "    <dataset name=\"absence_event\" source=\"fravaer\" "
                                        "ship=\"false\"/>\n"
                                        "    <dataset name=\"absence_summary\"/>\n"));
  EXPECT_FALSE(hasErrors(p.problems)) << formatProblems("cfg", p.problems);
  // Without the calendar, absence_aggregate is refused like absence_summary.
  Parsed noCalendar =
      parse(tmp, job("absence_aggregate", kReadOnly + "    <dataset name=\"absence_aggregate\"/>\n",
                     kAggregatesOnly));
  EXPECT_TRUE(
      mentions(noCalendar.problems, 17, "dataset 'absence_aggregate' needs the school calendar"))
      << formatProblems("cfg", noCalendar.problems);
}
