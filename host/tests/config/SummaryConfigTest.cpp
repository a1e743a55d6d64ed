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

std::string job(const std::string& datasets, const std::string& entries) {
  return "  <job id=\"fravaer-job\" project=\"p\" destination=\"d\">\n"
         "    <legal-basis agreement=\"A\" expires=\"2030-01-01\" datasets=\"" +
         datasets + "\">x</legal-basis>\n" + entries + "    <recipient ref=\"r\"/>\n  </job>\n";
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
  ASSERT_EQ(std::system("command -v xmllint >/dev/null 2>&1"), 0)
      << "xmllint needed (apt-get install libxml2-utils)";
  const std::string cmd = "xmllint --noout --schema " + std::string(BROBYG_SOURCE_DIR) +
                          "/schemas/config.xsd " + p.path + " 2>/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
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
  EXPECT_TRUE(mentions(p.problems, 17, "(person_period uses its thresholds)"))
      << formatProblems("cfg", p.problems);

  Parsed good =
      parse(tmp, std::string(kCalendar) +
                     job("enrolment absence_event case_measure person_period",
                         kInputs + "    <dataset name=\"case_measure\" source=\"fravaer\"/>\n"
                                   "    <dataset name=\"person_period\"/>\n"));
  EXPECT_FALSE(hasErrors(good.problems)) << formatProblems("cfg", good.problems);
}
