// The real binaries on generated data: brobyg-synth makes a municipality, brobyg runs the
// job, and the package is opened with stock openssl, unzip and xmllint, as an evaluator
// without brobyg would.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

#include "BrobygdProcess.h"
#include "E2eSupport.h"
#include "Installation.h"
#include "Target.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;

namespace {
// Whether a row of an absence_summary.csv has absences counted and a flag set.
bool anySummaryRowFlagged(const fs::path& csvFile) {
  const auto csv = readCsv(csvFile);
  if (csv.empty()) return false;
  auto column = [&](const char* name) {
    return std::find(csv[0].begin(), csv[0].end(), name) - csv[0].begin();
  };
  const auto absent = column("absent");
  const std::vector<std::ptrdiff_t> flags{column("unauth_warn"), column("unauth_notify"),
                                          column("high_total")};
  for (std::size_t i = 1; i < csv.size(); ++i)
    for (const auto flag : flags)
      if (csv[i].at(flag) == "yes" && csv[i].at(absent) != "0") return true;
  return false;
}
}  // namespace

TEST(EndToEnd, DanishVendorExportReachesTheEvaluatorPseudonymisedExactlyOnce) {
  Installation inst("main");

  // The admin checks the configuration, then runs the job.
  Result check = run(inst.brobyg("check"));
  ASSERT_EQ(check.exitCode, 0) << check.out;
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  // The case system's rows are all valid: they add to read and written alike.
  EXPECT_NE(r.out.find("read=" + std::to_string(kRows + inst.caseRows + inst.enrolmentRows) +
                       " rejected=" + std::to_string(kBadRows) + " written=" +
                       std::to_string(kRows - kBadRows + inst.caseRows + inst.enrolmentRows)),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("delivery=delivered"), std::string::npos) << r.out;

  auto packages = inst.dropped();
  ASSERT_EQ(packages.size(), 1u);

  // The evaluator opens it with stock openssl and unzip.
  fs::path opened = inst.dir / "opened";
  openWithOpenssl(packages[0], inst.dir / "keys", "vive", opened);
  for (const char* f : {"manifest.xml", "absence_event.csv", "absence_event.xml", "codebook.xml"})
    EXPECT_TRUE(fs::exists(opened / f)) << f;

  // Both recipients can open it: RSA-OAEP and ECDH.
  openWithOpenssl(packages[0], inst.dir / "keys", "vive-backup", inst.dir / "opened-ec");
  EXPECT_EQ(readAll(opened / "absence_event.csv"),
            readAll(inst.dir / "opened-ec/absence_event.csv"));

  // xmllint accepts the XML dataset and the manifest.
  mustRun("xmllint --noout --schema " + kSchemas + "/absence_event.xsd " +
          quote(opened / "absence_event.xml"));
  mustRun("xmllint --noout --schema " + kSchemas + "/manifest.xsd " +
          quote(opened / "manifest.xml"));

  // The example job ships absence_summary from the enrolment export and the school calendar:
  // the absences fall on its school days, so some pupil's rates reach a flag.
  mustRun("xmllint --noout --schema " + kSchemas + "/absence_summary.xsd " +
          quote(opened / "absence_summary.xml"));
  EXPECT_TRUE(anySummaryRowFlagged(opened / "absence_summary.csv"));

  // Every valid input row appears exactly once, with the pseudonym openssl computes.
  auto truth = readCsv(inst.truth);
  ASSERT_EQ(truth.size(), static_cast<std::size_t>(kRows - kBadRows + 1));
  std::map<std::string, std::string> pseudonymOf;
  for (std::size_t i = 1; i < truth.size(); ++i) pseudonymOf[truth[i][1]];
  fs::path keyFile = inst.dir / "keys/project.key";
  for (auto& [cpr, pseudonym] : pseudonymOf) pseudonym = pseudonymWithOpenssl(keyFile, cpr);

  // truth: line,cpr,date,category,unit,lesson,municipality,school,grade
  std::multiset<std::string> expected;
  for (std::size_t i = 1; i < truth.size(); ++i) {
    const auto& t = truth[i];
    // brobyg writes the kommunekode in its canonical 3-digit form.
    std::string municipality = t[6].size() == 4 && t[6][0] == '0' ? t[6].substr(1) : t[6];
    expected.insert(pseudonymOf[t[1]] + "|" + municipality + "|" + t[7] + "|" + t[8] + "|" + t[2] +
                    "|" + t[4] + "|" + t[5] + "|" + t[3]);
  }
  auto csv = readCsv(opened / "absence_event.csv");
  ASSERT_FALSE(csv.empty());
  const std::vector<std::string> header{"person",       "birth_month", "sex",      "age",
                                        "municipality", "school",      "grade",    "date",
                                        "unit",         "lesson",      "category", "source"};
  EXPECT_EQ(csv[0], header);
  std::multiset<std::string> actual;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    const auto& c = csv[i];
    ASSERT_EQ(c.size(), header.size());
    actual.insert(c[0] + "|" + c[4] + "|" + c[5] + "|" + c[6] + "|" + c[7] + "|" + c[8] + "|" +
                  c[9] + "|" + c[10]);
    EXPECT_EQ(c[11], "skolesystem");
  }
  EXPECT_EQ(actual.size(), expected.size());
  EXPECT_TRUE(actual == expected) << "the package's rows differ from the valid input rows, e.g. "
                                  << *actual.begin() << " vs " << *expected.begin();

  // Birth month and sex agree with the CPR numbers behind the pseudonyms.
  std::map<std::string, std::string> cprOf;
  for (const auto& [cpr, p] : pseudonymOf) cprOf[p] = cpr;
  for (std::size_t i = 1; i < csv.size(); i += 97) {
    const std::string& cpr = cprOf[csv[i][0]];
    ASSERT_EQ(cpr.size(), 10u);
    EXPECT_EQ(csv[i][1].substr(2, 2) + csv[i][1].substr(5, 2), cpr.substr(4, 2) + cpr.substr(2, 2));
    EXPECT_EQ(csv[i][2], (cpr[9] - '0') % 2 == 1 ? "male" : "female");
  }

  // No CPR number (either form) and no name occurs anywhere in the package.
  std::string everything;
  for (const auto& e : fs::directory_iterator(opened))
    if (e.path().extension() != ".der" && e.path().extension() != ".zip")
      everything += readAll(e.path());
  for (const auto& [cpr, p] : pseudonymOf) {
    EXPECT_EQ(everything.find(cpr), std::string::npos);
    EXPECT_EQ(everything.find(cpr.substr(0, 6) + "-" + cpr.substr(6)), std::string::npos);
  }
  auto pupils = readCsv(inst.pupils);
  ASSERT_GT(pupils.size(), 1u);
  std::size_t first =
      std::find(pupils[0].begin(), pupils[0].end(), "first_name") - pupils[0].begin();
  std::size_t last = std::find(pupils[0].begin(), pupils[0].end(), "last_name") - pupils[0].begin();
  ASSERT_LT(first, pupils[0].size());
  ASSERT_LT(last, pupils[0].size());
  for (std::size_t i = 1; i < pupils.size(); ++i)
    EXPECT_EQ(everything.find(pupils[i][first] + " " + pupils[i][last]), std::string::npos);
  std::regex cprLike("[0-9]{6}-?[0-9]{4}");
  EXPECT_FALSE(std::regex_search(readAll(opened / "absence_event.csv"), cprLike));

  // Nor in what the run printed.
  for (const auto& [cpr, p] : pseudonymOf)
    EXPECT_EQ(r.out.find(cpr.substr(0, 6)), std::string::npos);

  // The rejected rows are in the private quarantine, with their lines, and nowhere else.
  std::vector<fs::path> quarantined;
  for (const auto& e : fs::directory_iterator(inst.dir / "state/quarantine"))
    quarantined.push_back(e.path());
  ASSERT_EQ(quarantined.size(), 1u);
  EXPECT_EQ(fs::status(quarantined[0]).permissions() & target().notPrivate(), fs::perms::none);
  auto rejects = readCsv(quarantined[0]);
  ASSERT_EQ(rejects.size(), static_cast<std::size_t>(kBadRows + 1));
  std::set<std::string> badLines;
  std::ifstream bad(inst.dir / "export/fravaer_2026-11-24.csv.bad");
  for (std::string line; std::getline(bad, line);)
    badLines.insert("fravaer_2026-11-24.csv:" + line);
  std::set<std::string> rejectedOrigins;
  for (std::size_t i = 1; i < rejects.size(); ++i) rejectedOrigins.insert(rejects[i][1]);
  EXPECT_EQ(rejectedOrigins, badLines);

  // A package from a signer the evaluator did not pin for its producer is not opened, and
  // nothing is left.
  const std::string openAsVive = kBrobyg + " open --package=" + quote(packages[0]) +
                                 " --cert=" + quote(inst.dir / "keys/vive.crt") +
                                 " --key=" + quote(inst.dir / "keys/vive.key");
  fs::path refused = inst.dir / "refused";
  Result untrusted = run(openAsVive + " --trust=0101=" + quote(inst.dir / "keys/vive.crt") +
                         " --out=" + quote(refused));
  EXPECT_EQ(untrusted.exitCode, 1) << untrusted.out;
  EXPECT_NE(untrusted.out.find("producer 101: signer subject 'CN=Demo Kommune'"), std::string::npos)
      << untrusted.out;
  EXPECT_FALSE(fs::exists(refused));
  EXPECT_FALSE(fs::exists(refused.string() + ".work"));
  // A certificate without the municipality it signs for is refused, with the form to use.
  Result bare = run(openAsVive + " --trust=" + quote(inst.dir / "keys/municipality.crt") +
                    " --out=" + quote(refused));
  EXPECT_EQ(bare.exitCode, 2) << bare.out;
  EXPECT_NE(bare.out.find("--trust KOMMUNEKODE=CERT.pem"), std::string::npos) << bare.out;
  EXPECT_FALSE(fs::exists(refused));

  // brobyg open gives the same files after checking every hash, pinned on the command line
  // or in a senders file.
  fs::path byBrobyg = inst.dir / "opened-by-brobyg";
  Result o = run(openAsVive + " --trust=0101=" + quote(inst.dir / "keys/municipality.crt") +
                 " --out=" + quote(byBrobyg));
  ASSERT_EQ(o.exitCode, 0) << o.out;
  EXPECT_NE(o.out.find("the sender pinned for 101"), std::string::npos) << o.out;
  EXPECT_EQ(readAll(byBrobyg / "absence_event.csv"), readAll(opened / "absence_event.csv"));
  EXPECT_EQ(readAll(byBrobyg / "absence_event.xml"), readAll(opened / "absence_event.xml"));
  std::ofstream(inst.dir / "senders.xml")
      << "<senders xmlns=\"urn:brobyg:senders:1\"><sender municipality=\"0101\">"
         "<certificate>keys/municipality.crt</certificate></sender></senders>\n";
  Result bySenders = run(openAsVive + " --senders=" + quote(inst.dir / "senders.xml") +
                         " --out=" + quote(inst.dir / "opened-by-senders"));
  ASSERT_EQ(bySenders.exitCode, 0) << bySenders.out;
  EXPECT_EQ(readAll(inst.dir / "opened-by-senders/absence_event.csv"),
            readAll(opened / "absence_event.csv"));

  // The disclosure register records the package, what it held and for whom, and is intact.
  Result audit = run(inst.brobyg("audit"));
  EXPECT_NE(audit.out.find("files=absence_event.csv:" + std::to_string(kRows - kBadRows)),
            std::string::npos)
      << audit.out;
  EXPECT_NE(audit.out.find("recipients=vive:sha256:"), std::string::npos) << audit.out;
  Result verify = run(inst.brobyg("audit verify"));
  EXPECT_EQ(verify.exitCode, 0) << verify.out;
  EXPECT_NE(verify.out.find("disclosure register intact: 1 entries"), std::string::npos)
      << verify.out;

  // The same export is not read twice.
  Result again = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(again.exitCode, 0) << again.out;
  EXPECT_NE(again.out.find("status=nothing-new read=0"), std::string::npos) << again.out;
  EXPECT_EQ(inst.dropped().size(), 1u);

  // The next day's export is read on its own: the first file is not read again.
  mustRun(kSynth + " absence --seed 8 --pupils " + quote(inst.pupils) +
          " --rows 500 --bad-rows 0 --layout danish-vendor --out " +
          quote(inst.dir / "export/fravaer_2026-11-25.csv"));
  fs::remove(inst.dir / "export/fravaer_2026-11-25.csv.bad");
  Result nextDay = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(nextDay.exitCode, 0) << nextDay.out;
  EXPECT_NE(nextDay.out.find("status=ok read=500 rejected=0 written=500"), std::string::npos)
      << nextDay.out;
  EXPECT_EQ(inst.dropped().size(), 2u);
  EXPECT_NE(run(inst.brobyg("audit verify")).out.find("disclosure register intact: 2 entries"),
            std::string::npos);

  // Every run is on record, newest first.
  Result runs = run(inst.brobyg("runs"));
  EXPECT_EQ(runs.exitCode, 0) << runs.out;
  std::size_t nothingNew = runs.out.find("status=nothing-new");
  std::size_t ok =
      runs.out.find("status=ok read=" + std::to_string(kRows + inst.caseRows + inst.enrolmentRows));
  EXPECT_NE(nothingNew, std::string::npos) << runs.out;
  EXPECT_NE(ok, std::string::npos) << runs.out;
  EXPECT_LT(nothingNew, ok) << runs.out;
  EXPECT_LT(runs.out.find("read=500 "), nothingNew) << runs.out;

  fs::remove_all(inst.dir);
}

TEST(EndToEnd, UndeliverablePackageWaitsInTheOutboxAndIsResentByteForByte) {
  Installation inst("outbox");
  // The drop folder is not there and may not be created: delivery fails.
  std::string xml = readAll(inst.config);
  xml.replace(xml.find("<setting key=\"create_directory\">true"),
              std::string("<setting key=\"create_directory\">true").size(),
              "<setting key=\"create_directory\">false");
  std::ofstream(inst.config) << xml;

  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(r.exitCode, 3) << r.out;
  EXPECT_NE(r.out.find("delivery=retry"), std::string::npos) << r.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("package=([0-9TZ]+-[0-9a-f]+)")));
  const std::string packageId = m[1];
  std::string staged = (inst.dir / "state/outbox" / (packageId + ".cms")).string();
  std::string stagedHash = mustRun("sha256sum " + quote(staged)).substr(0, 64);

  Result list = run(inst.brobyg("outbox"));
  EXPECT_NE(list.out.find(packageId + "  retry"), std::string::npos) << list.out;

  // A new run does not rebuild or resend before the backoff, and reads nothing new.
  Result again = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_NE(again.out.find("status=nothing-new"), std::string::npos) << again.out;

  // The network is back: the admin sends now, and the very same bytes arrive.
  fs::create_directories(inst.dir / "drop");
  Result send = run(inst.brobyg("outbox --send"));
  EXPECT_EQ(send.exitCode, 0) << send.out;
  auto dropped = inst.dropped();
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_EQ(mustRun("sha256sum " + quote(dropped[0])).substr(0, 64), stagedHash);
  list = run(inst.brobyg("outbox"));
  EXPECT_NE(list.out.find(packageId + "  delivered"), std::string::npos) << list.out;
  fs::remove_all(inst.dir);
}

TEST(EndToEnd, ExpiredLegalBasisRefusesTheJob) {
  Installation inst("expired");
  std::string xml = readAll(inst.config);
  std::size_t at = xml.find("expires=\"");
  xml.replace(at, 20, "expires=\"2020-01-01\"");
  std::ofstream(inst.config) << xml;
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(r.exitCode, 4) << r.out;
  EXPECT_NE(r.out.find("expired on 2020-01-01"), std::string::npos) << r.out;
  EXPECT_TRUE(inst.dropped().empty());
  Result check = run(inst.brobyg("check"));
  EXPECT_NE(check.out.find("legal basis 'DEMO-VIVE-2026-01' expired"), std::string::npos)
      << check.out;
  fs::remove_all(inst.dir);
}

TEST(EndToEnd, CheckReportsEveryProblemWithFileAndLine) {
  Installation inst("check");
  fs::permissions(inst.dir / "keys/project.key", fs::perms::others_read, fs::perm_options::add);
  fs::remove(inst.dir / "keys/vive.crt");
  std::string xml = readAll(inst.config);
  xml.replace(xml.find("<setting key=\"delimiter\">"), 25, "<setting key=\"delimter\">");
  std::ofstream(inst.config) << xml;
  Result check = run(inst.brobyg("check"));
  EXPECT_EQ(check.exitCode, 2) << check.out;
  const std::string file = target().shownPath(fs::canonical(inst.config));
  EXPECT_NE(check.out.find(file + ":17: project 'vive-skolefravaer-2026'"), std::string::npos)
      << check.out;
  // Windows names the access list's Everyone entry (Wine makes it from the mode bits).
  const std::string whoElse = target().windows ? "Everyone" : "others";
  EXPECT_NE(check.out.find("readable or writable by " + whoElse), std::string::npos) << check.out;
  EXPECT_NE(check.out.find(file + ":20: recipient 'vive'"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("unknown setting 'delimter' (did you mean 'delimiter'?)"),
            std::string::npos)
      << check.out;
  // run refuses too, with the same key problem, and leaves nothing behind.
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_NE(r.exitCode, 0);
  EXPECT_TRUE(inst.dropped().empty());
  fs::remove_all(inst.dir);
}

// Crash tests as SQLite does them: stop the process hard at each point of the commit and
// delivery protocol, start again, and check that the evaluator ends up with exactly one
// package holding every valid row once.
class CrashAt : public ::testing::TestWithParam<std::string> {};

TEST_P(CrashAt, NoPackageIsLostOrSentTwice) {
  Installation inst("crash-" + GetParam());
  Result crashed = run("BROBYG_TEST_CRASH_AT=" + GetParam() + " " +
                       inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(crashed.exitCode, 86) << crashed.out;

  // The admin (or brobygd) simply runs again, and sends what waits.
  Result again = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_TRUE(again.exitCode == 0 || again.exitCode == 3) << again.out;
  Result send = run(inst.brobyg("outbox --send"));
  EXPECT_EQ(send.exitCode, 0) << send.out;
  Result third = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_NE(third.out.find("status=nothing-new read=0"), std::string::npos) << third.out;

  auto packages = inst.dropped();
  ASSERT_EQ(packages.size(), 1u) << "exactly one package must reach the evaluator";
  fs::path opened = inst.dir / "opened";
  openWithOpenssl(packages[0], inst.dir / "keys", "vive", opened);
  auto csv = readCsv(opened / "absence_event.csv");
  EXPECT_EQ(csv.size(), static_cast<std::size_t>(kRows - kBadRows + 1));
  std::set<std::string> distinct;
  for (std::size_t i = 1; i < csv.size(); ++i)
    distinct.insert(csv[i][0] + csv[i][7] + csv[i][9]);  // pupil, date, lesson
  EXPECT_EQ(distinct.size(), csv.size() - 1) << "no row twice";

  // Nothing of the crashed run is left but what an admin must see: its rejected rows are
  // quarantined once, its work files are gone, and the run is on record as interrupted.
  std::vector<fs::path> quarantined;
  for (const auto& e : fs::directory_iterator(inst.dir / "state/quarantine"))
    quarantined.push_back(e.path());
  ASSERT_EQ(quarantined.size(), 1u);
  EXPECT_EQ(readCsv(quarantined[0]).size(), static_cast<std::size_t>(kBadRows + 1));
  std::size_t workFiles = 0;
  if (fs::exists(inst.dir / "state/work"))
    for (const auto& e : fs::recursive_directory_iterator(inst.dir / "state/work"))
      workFiles += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(workFiles, 0u);
  if (GetParam() == "package-staged") {
    EXPECT_NE(run(inst.brobyg("runs")).out.find("status=interrupted"), std::string::npos);
  }

  Result list = run(inst.brobyg("outbox"));
  if (GetParam() == "package-staged") {
    EXPECT_NE(list.out.find("not in the outbox (never sent"), std::string::npos) << list.out;
  }
  fs::remove_all(inst.dir);
}

INSTANTIATE_TEST_SUITE_P(EveryStep, CrashAt,
                         ::testing::Values("digests-written", "package-staged", "run-committed",
                                           "sending", "delivered-unrecorded"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// Issue 11 item 7: a source that answers "retry later" ends the run without failing and
// without committing; the next run delivers everything once. retry_once (a test plugin)
// hands over half its rows, a rejected row and a cursor before it answers.
TEST(EndToEnd, ASourceThatIsNotReadyLeavesEverythingAsItWasUntilTheNextRun) {
  Installation inst("retry-later");
  fs::create_directories(inst.dir / "plugins");
  // csv for the results export's source (no files here: no rows), sql for the case system's.
  const Target& t = target();
  for (const fs::path& plugin :
       {t.pluginFile(t.pluginDir, "folder"), t.pluginFile(t.pluginDir, "csv"),
        t.pluginFile(t.pluginDir, "sql"), t.pluginFile(t.testPluginDir, "retry_once")})
    fs::copy_file(plugin, inst.dir / "plugins" / plugin.filename());
  std::string xml = readAll(inst.config);
  const std::size_t from = xml.find("<source id=\"skolesystem\"");
  const std::size_t to = xml.find("</source>") + std::string("</source>").size();
  xml.replace(from, to - from, "<source id=\"skolesystem\" plugin=\"retry_once\"/>");
  xml.replace(xml.find("</state-directory>"), 18,
              "</state-directory><plugin-directory>plugins</plugin-directory>");
  std::ofstream(inst.config) << xml;
  auto files = [&](const char* folder) {
    std::size_t n = 0;
    if (fs::exists(inst.dir / "state" / folder))
      for (const auto& e : fs::directory_iterator(inst.dir / "state" / folder))
        n += e.is_regular_file() ? 1 : 0;
    return n;
  };

  Result notReady = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(notReady.exitCode, 5) << notReady.out;
  EXPECT_NE(notReady.out.find("status=retry-later"), std::string::npos) << notReady.out;
  EXPECT_NE(notReady.out.find("still being written"), std::string::npos) << notReady.out;
  EXPECT_TRUE(inst.dropped().empty());
  EXPECT_EQ(files("outbox"), 0u);
  EXPECT_EQ(files("quarantine"), 0u) << "the rejected row of a run that kept nothing is dropped";
  EXPECT_NE(run(inst.brobyg("runs")).out.find("status=retry-later"), std::string::npos);

  // Ready now: the cursor did not move, so every row arrives, once.
  Result ready = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(ready.exitCode, 0) << ready.out;
  // The case system's and the enrolment export's sources are not stubbed: their rows come
  // along, once.
  EXPECT_NE(
      ready.out.find("status=ok read=" + std::to_string(41 + inst.caseRows + inst.enrolmentRows) +
                     " rejected=1 written=" +
                     std::to_string(40 + inst.caseRows + inst.enrolmentRows) + " duplicates=0"),
      std::string::npos)
      << ready.out;
  ASSERT_EQ(inst.dropped().size(), 1u);
  EXPECT_EQ(files("quarantine"), 1u);
  fs::path opened = inst.dir / "opened";
  openWithOpenssl(inst.dropped()[0], inst.dir / "keys", "vive", opened);
  auto csv = readCsv(opened / "absence_event.csv");
  EXPECT_EQ(csv.size(), 41u);
  std::set<std::string> distinct;
  for (std::size_t i = 1; i < csv.size(); ++i) distinct.insert(csv[i][7] + csv[i][9]);
  EXPECT_EQ(distinct.size(), 40u) << "no row twice";

  Result again = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(again.exitCode, 0) << again.out;
  EXPECT_NE(again.out.find("status=nothing-new read=0"), std::string::npos) << again.out;
  EXPECT_EQ(inst.dropped().size(), 1u);
  fs::remove_all(inst.dir);
}

// Issue 10 #2 with issue 11's flat memory: a vendor's cumulative re-export (yesterday's rows
// again, plus new ones) delivers only the new rows, and the package's counts and period are
// those of the rows it holds. The new rows all fall in March 2026, so a period that still
// counted the dropped rows (which span the school year) would show.
TEST(EndToEnd, ACumulativeReExportDeliversOnlyItsNewRows) {
  Installation inst("cumulative");
  // Without absence_summary and person_period: their rows cover whole quarters and school
  // years, so the package's period would be theirs, not that of the absence rows this test is
  // about.
  std::string config = readAll(inst.config);
  for (const std::string summary :
       {"<dataset name=\"absence_summary\"/>", "<dataset name=\"person_period\"/>"}) {
    ASSERT_NE(config.find(summary), std::string::npos) << summary;
    config.erase(config.find(summary), summary.size());
  }
  std::ofstream(inst.config) << config;
  Result first = run(inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(first.exitCode, 0) << first.out;

  const fs::path more = inst.dir / "more.csv";
  mustRun(kSynth + " absence --seed 8 --pupils " + quote(inst.pupils) +
          " --rows 3000 --layout danish-vendor --out " + quote(more));
  std::string cumulative = readAll(inst.dir / "export/fravaer_2026-11-24.csv");
  // Pupil, day and lesson of a line (CPR-nr;...;Dato;Fraværstype;Lektion): new lines that
  // share them with an earlier line are left out, so that every added line is a new row.
  auto keyOf = [](const std::string& line) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    for (std::string v; std::getline(fields, v, ';');) f.push_back(v);
    return f.size() < 8 ? std::string() : f[1] + ";" + f[5] + ";" + f[7];
  };
  std::set<std::string> seen;
  std::istringstream old(cumulative);
  for (std::string line; std::getline(old, line);) seen.insert(keyOf(line));
  std::istringstream lines(readAll(more));
  std::string line;
  std::getline(lines, line);  // the header
  std::set<std::string> marchDates;
  int added = 0;
  while (std::getline(lines, line)) {
    const std::size_t date = line.find("-03-2026;");
    if (date == std::string::npos || date < 2 || !seen.insert(keyOf(line)).second) continue;
    marchDates.insert("2026-03-" + line.substr(date - 2, 2));
    cumulative += line + "\n";
    ++added;
  }
  ASSERT_GT(added, 10);
  std::ofstream(inst.dir / "export/fravaer_2026-11-25.csv", std::ios::binary) << cumulative;

  Result second = run(inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(second.exitCode, 0) << second.out;
  EXPECT_NE(second.out.find("written=" + std::to_string(added) +
                            " duplicates=" + std::to_string(kRows - kBadRows)),
            std::string::npos)
      << second.out;
  auto packages = inst.dropped();
  ASSERT_EQ(packages.size(), 2u);
  std::sort(packages.begin(), packages.end(), [](const fs::path& a, const fs::path& b) {
    return fs::last_write_time(a) < fs::last_write_time(b);
  });
  const fs::path opened = inst.dir / "opened";
  openWithOpenssl(packages[1], inst.dir / "keys", "vive", opened);
  auto csv = readCsv(opened / "absence_event.csv");
  ASSERT_EQ(csv.size(), static_cast<std::size_t>(added + 1));
  for (std::size_t i = 1; i < csv.size(); ++i)
    EXPECT_EQ(csv[i][7].substr(0, 8), "2026-03-") << "row " << i;
  mustRun("xmllint --noout --schema " + kSchemas + "/absence_event.xsd " +
          quote(opened / "absence_event.xml"));
  const std::string xml = readAll(opened / "absence_event.xml");
  std::size_t records = 0;
  for (std::size_t at = xml.find("<event>"); at != std::string::npos;
       at = xml.find("<event>", at + 1))
    ++records;
  EXPECT_EQ(records, static_cast<std::size_t>(added));
  const std::string manifest = readAll(opened / "manifest.xml");
  EXPECT_NE(
      manifest.find("from=\"" + *marchDates.begin() + "\" to=\"" + *marchDates.rbegin() + "\""),
      std::string::npos)
      << manifest;
  EXPECT_NE(manifest.find("rows=\"" + std::to_string(added) + "\""), std::string::npos) << manifest;
  // The manifests chain the source's cursor: the second package starts where the first ended,
  // by fingerprint, never the cursor itself (it names the export's files).
  const fs::path openedFirst = inst.dir / "opened-first";
  openWithOpenssl(packages[0], inst.dir / "keys", "vive", openedFirst);
  const std::string firstManifest = readAll(openedFirst / "manifest.xml");
  auto attribute = [](const std::string& text, const std::string& name) {
    const std::size_t at = text.find(name + "=\"");
    if (at == std::string::npos) return std::string();
    const std::size_t from = at + name.size() + 2;
    return text.substr(from, text.find('"', from) - from);
  };
  EXPECT_NE(
      firstManifest.find("<source id=\"skolesystem\" plugin=\"csv\" dataset=\"absence_event\""),
      std::string::npos)
      << firstManifest;
  EXPECT_EQ(attribute(firstManifest, "cursorFrom"), "") << "the first run started from nothing";
  EXPECT_EQ(attribute(firstManifest, "cursorTo").size(), 16u);
  EXPECT_EQ(attribute(manifest, "cursorFrom"), attribute(firstManifest, "cursorTo"));
  EXPECT_NE(attribute(manifest, "cursorTo"), attribute(manifest, "cursorFrom"));
  EXPECT_EQ(manifest.find("fravaer_"), std::string::npos) << "no file name of the export";
  mustRun("xmllint --noout --schema " + kSchemas + "/manifest.xsd " +
          quote(opened / "manifest.xml"));

  // The run history keeps the count: read = written + rejected + duplicates.
  EXPECT_NE(run(inst.brobyg("runs"))
                .out.find("written=" + std::to_string(added) +
                          " duplicates=" + std::to_string(kRows - kBadRows)),
            std::string::npos);

  // And the same export once more brings nothing new.
  std::ofstream(inst.dir / "export/fravaer_2026-11-26.csv", std::ios::binary) << cumulative;
  Result third = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_NE(third.out.find("status=nothing-new"), std::string::npos) << third.out;
  EXPECT_EQ(inst.dropped().size(), 2u);
  fs::remove_all(inst.dir);
}

TEST(EndToEnd, AJobRunsOnlyOnceAtATime) {
  Installation inst("lock");
  fs::create_directories(inst.dir / "state/locks");
  for (const char* folder : {"state", "state/locks"})
    fs::permissions(inst.dir / folder, fs::perms::owner_all, fs::perm_options::replace);
  // flock(1) holds the job's lock while our run starts, as a running brobygd would.
  Result r = run("flock " + quote(inst.dir / "state/locks/skolefravaer.lock") + " " +
                 inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_NE(r.out.find("job 'skolefravaer' is already running"), std::string::npos) << r.out;
  EXPECT_TRUE(inst.dropped().empty());
  fs::remove_all(inst.dir);
}

TEST(Cli, PluginsAreListedAndDescribedFromTheirOwnTables) {
  Result list = run(kBrobyg + " plugins");
  EXPECT_EQ(list.exitCode, 0) << list.out;
  EXPECT_NE(list.out.find("csv         source"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("folder      destination"), std::string::npos) << list.out;
  for (const char* name : {"csv", "folder"}) {
    Result text = run(kBrobyg + " plugins --describe=" + name);
    Result json = run(kBrobyg + " plugins --describe=" + name + " --format=json");
    ASSERT_EQ(text.exitCode, 0) << text.out;
    ASSERT_EQ(json.exitCode, 0) << json.out;
    std::size_t settings = 0;
    for (std::size_t at = json.out.find("{\"key\": \""); at != std::string::npos;
         at = json.out.find("{\"key\": \"", at + 1)) {
      std::size_t start = at + 9;
      std::string key = json.out.substr(start, json.out.find('"', start) - start);
      EXPECT_NE(text.out.find("\n  " + key + "  ("), std::string::npos) << key;
      ++settings;
    }
    EXPECT_GT(settings, 1u);
  }
  Result missing = run(kBrobyg + " plugins --describe=nosuch");
  EXPECT_EQ(missing.exitCode, 2);
  EXPECT_NE(missing.out.find("no plugin named 'nosuch'"), std::string::npos) << missing.out;
}

TEST(Brobygd, RunsAScheduledJobAndStopsGracefully) {
  Installation inst("daemon");
  std::string xml = readAll(inst.config);
  auto replace = [&xml](const std::string& from, const std::string& to) {
    xml.replace(xml.find(from), from.size(), to);
  };
  replace("<job id=\"skolefravaer\"", "<job schedule=\"1d\" id=\"skolefravaer\"");
  replace("<state-directory>state</state-directory>",
          "<state-directory>state</state-directory><log-file>brobygd.log</log-file>");
  std::ofstream(inst.config) << xml;

  BrobygdProcess daemon(inst.config, inst.dir);
  daemon.start();
  // The first tick runs the job at once: wait until the run is on record (at most 60 s).
  auto logged = [&](const std::string& text) {
    return readAll(inst.dir / "brobygd.log").find(text) != std::string::npos;
  };
  for (int i = 0; i < 600 && !logged("job=skolefravaer status="); ++i) ::usleep(100000);
  ASSERT_EQ(inst.dropped().size(), 1u) << readAll(inst.dir / "brobygd.log");
  daemon.stop();

  std::string log = readAll(inst.dir / "brobygd.log");
  EXPECT_NE(log.find("started with"), std::string::npos) << log;
  EXPECT_NE(log.find("job=skolefravaer status=ok"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
  auto truth = readCsv(inst.truth);
  for (std::size_t i = 1; i < truth.size(); ++i) {
    const std::string& cpr = truth[i][1];
    ASSERT_EQ(log.find(cpr), std::string::npos) << "a CPR number in the log";
    ASSERT_EQ(log.find(cpr.substr(0, 6) + "-" + cpr.substr(6)), std::string::npos);
  }
  fs::remove_all(inst.dir);
}

namespace {

// A CA and two municipalities' signing certificates it issued, made with stock openssl:
// demo.crt (Demo Kommune, the installation's producer 0101) and anden.crt (another one).
void makeIssuedSigners(const fs::path& keys) {
  auto issue = [&](const std::string& who, const std::string& subject) {
    return " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " +
           who + ".key -out " + who + ".csr -subj '" + subject + "' && openssl x509 -req -in " +
           who +
           ".csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 400 -extfile signer.ext -out " +
           who + ".crt";
  };
  mustRun("cd " + quote(keys) +
          " && printf 'basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,"
          "digitalSignature,nonRepudiation\\n' > signer.ext"
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
          " -keyout ca.key -out ca.crt -days 400 -subj '/CN=Test Kommune CA'"
          " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign" +
          issue("demo", "/C=DK/O=Demo Kommune/CN=Demo Kommune signing") +
          issue("anden", "/C=DK/O=Anden Kommune/CN=Anden Kommune signing") + " && chmod 600 *.key");
}

// The installation signs with keys/<who>.crt instead of keys/municipality.crt.
void signWith(const Installation& inst, const std::string& who) {
  std::string xml = readAll(inst.config);
  for (const char* ext : {".crt", ".key"}) {
    const std::string from = std::string("keys/municipality") + ext;
    const std::size_t at = xml.find(from);
    if (at == std::string::npos)
      ADD_FAILURE() << from << " not in the configuration";
    else
      xml.replace(at, from.size(), "keys/" + who + ext);
  }
  std::ofstream(inst.config) << xml;
}

std::string fingerprintOf(const fs::path& pem) {
  std::string out = mustRun("openssl x509 -in " + quote(pem) + " -outform DER | sha256sum");
  return out.substr(0, 64);
}

}  // namespace

// Issue 14: anyone holding a certificate from the CA the evaluator trusts could pose as any
// municipality. Anden Kommune signs a package that claims Demo Kommune (0101) as producer.
TEST(Trust, ASignerFromTheSameCaCannotPoseAsAnotherMunicipality) {
  Installation inst("posing");
  const fs::path keys = inst.dir / "keys";
  makeIssuedSigners(keys);
  signWith(inst, "anden");
  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  ASSERT_EQ(r.exitCode, 0) << r.out;
  auto packages = inst.dropped();
  ASSERT_EQ(packages.size(), 1u);
  // The signature itself is good: stock openssl verifies it against the CA.
  const fs::path signedDer = inst.dir / "signed.der";
  mustRun("openssl cms -decrypt -binary -inform DER -in " + quote(packages[0]) + " -recip " +
          quote(keys / "vive.crt") + " -inkey " + quote(keys / "vive.key") + " -out " +
          quote(signedDer) + " && openssl cms -verify -binary -inform DER -in " + quote(signedDer) +
          " -CAfile " + quote(keys / "ca.crt") + " -out /dev/null");

  std::ofstream(inst.dir / "senders.xml")
      << "<senders xmlns=\"urn:brobyg:senders:1\">\n"
         "  <sender municipality=\"0101\" name=\"Demo Kommune\">\n"
         "    <issuer certificate=\"keys/ca.crt\""
         " subject=\"CN=Demo Kommune signing,O=Demo Kommune,C=DK\"/>\n"
         "  </sender>\n"
         "  <sender municipality=\"0147\" name=\"Anden Kommune\">\n"
         "    <issuer certificate=\"keys/ca.crt\""
         " subject=\"CN=Anden Kommune signing,O=Anden Kommune,C=DK\"/>\n"
         "  </sender>\n"
         "</senders>\n";
  mustRun("xmllint --noout --schema " + kSchemas + "/senders.xsd " +
          quote(inst.dir / "senders.xml"));
  const std::string open = kBrobyg + " open --package=" + quote(packages[0]) +
                           " --cert=" + quote(keys / "vive.crt") +
                           " --key=" + quote(keys / "vive.key");
  const fs::path out = inst.dir / "opened";
  const std::string poser = "subject 'CN=Anden Kommune signing,O=Anden Kommune,C=DK' (SHA-256 " +
                            fingerprintOf(keys / "anden.crt") + ")";
  for (const std::string& pins : {" --senders=" + quote(inst.dir / "senders.xml"),
                                  " --trust=0101=" + quote(keys / "demo.crt") +
                                      " --trust=0147=" + quote(keys / "anden.crt")}) {
    Result refused = run(open + pins + " --out=" + quote(out));
    EXPECT_EQ(refused.exitCode, 1) << refused.out;
    EXPECT_NE(refused.out.find("producer 101: signer " + poser +
                               " is not the certificate pinned for this producer"),
              std::string::npos)
        << refused.out;
    EXPECT_FALSE(fs::exists(out)) << pins;
    EXPECT_FALSE(fs::exists(out.string() + ".work")) << pins;
  }
  Result unpinned =
      run(open + " --trust=0147=" + quote(keys / "anden.crt") + " --out=" + quote(out));
  EXPECT_EQ(unpinned.exitCode, 1) << unpinned.out;
  EXPECT_NE(unpinned.out.find("producer 101 is not a pinned sender (signed by " + poser + ")"),
            std::string::npos)
      << unpinned.out;
  EXPECT_FALSE(fs::exists(out));
  fs::remove_all(inst.dir);
}

TEST(KeyExchange, AnotherMunicipalityReceivesTheSameProjectKey) {
  Installation inst("keyx");
  const fs::path keys = inst.dir / "keys";
  const fs::path sent = inst.dir / "project-key.cms";
  makeIssuedSigners(keys);
  signWith(inst, "demo");  // a signing certificate from a CA that also issued anden.crt
  // The other municipality's certificate: here the EC test certificate.
  Result exported = run(inst.brobyg("key-export --project=" + kProject + " --to=" +
                                    quote(keys / "vive-backup.crt") + " --out=" + quote(sent)));
  ASSERT_EQ(exported.exitCode, 0) << exported.out;
  EXPECT_EQ(readAll(sent).find(readAll(keys / "project.key").substr(0, 64)), std::string::npos)
      << "the key must not travel in clear";

  const fs::path received = inst.dir / "received.key";
  const std::string import = kBrobyg + " key-import --config=" + quote(inst.config) +
                             " --in=" + quote(sent) + " --cert=" + quote(keys / "vive-backup.crt") +
                             " --key=" + quote(keys / "vive-backup.key");
  // Issue 14: only the sender's own certificate is trusted, not its CA and not another
  // certificate that CA issued (whose holder could plant a key they know).
  for (const char* unpinned : {"vive.crt", "ca.crt", "anden.crt"}) {
    Result untrusted =
        run(import + " --trust=" + quote(keys / unpinned) + " --out=" + quote(received));
    EXPECT_EQ(untrusted.exitCode, 1) << untrusted.out;
    EXPECT_NE(untrusted.out.find("signer subject 'CN=Demo Kommune signing,O=Demo Kommune,C=DK' "
                                 "(SHA-256 " +
                                 fingerprintOf(keys / "demo.crt") + ") is not the pinned sender"),
              std::string::npos)
        << untrusted.out;
    EXPECT_FALSE(fs::exists(received)) << "nothing from an unpinned sender";
  }

  Result imported =
      run(import + " --trust=" + quote(keys / "demo.crt") + " --out=" + quote(received));
  ASSERT_EQ(imported.exitCode, 0) << imported.out;
  EXPECT_EQ(readAll(received), readAll(keys / "project.key"));
  EXPECT_EQ(fs::status(received).permissions() & target().notPrivate(), fs::perms::none);
  for (const auto& e : fs::directory_iterator(inst.dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp-key"), std::string::npos) << e.path();
  // Both are signed entries of the disclosure register (issue 16): which key, to and from
  // whom, never the key; the refused imports are not.
  Result audit = run(inst.brobyg("audit"));
  EXPECT_NE(audit.out.find("key-export project=" + kProject), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("to=sha256:" + fingerprintOf(keys / "vive-backup.crt")),
            std::string::npos)
      << audit.out;
  EXPECT_NE(audit.out.find("key-import key_id="), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("from=sha256:" + fingerprintOf(keys / "demo.crt")), std::string::npos)
      << audit.out;
  EXPECT_EQ(audit.out.find(readAll(keys / "project.key").substr(0, 64)), std::string::npos);
  Result verify = run(inst.brobyg("audit verify"));
  EXPECT_EQ(verify.exitCode, 0) << verify.out;
  EXPECT_NE(verify.out.find("intact: 2 entries"), std::string::npos) << verify.out;
  fs::remove_all(inst.dir);
}

TEST(Brobygd, AdminApiOnLoopbackWithAToken) {
  Installation inst("admin");
  const std::string token = "e2e-admin-token-0123456789abcdefghijklmnop";
  { std::ofstream(inst.dir / "keys/admin.token") << token << "\n"; }
  fs::permissions(inst.dir / "keys/admin.token", fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  std::string xml = readAll(inst.config);
  const std::string state = "<state-directory>state</state-directory>";
  xml.replace(xml.find(state), state.size(),
              state +
                  "<log-file>brobygd.log</log-file>"
                  "<admin listen=\"127.0.0.1:0\" token-file=\"keys/admin.token\"/>");
  std::ofstream(inst.config) << xml;

  BrobygdProcess daemon(inst.config, inst.dir);
  daemon.start();
  auto log = [&] { return readAll(inst.dir / "brobygd.log"); };
  std::smatch m;
  std::string text;
  for (int i = 0; i < 300; ++i, ::usleep(100000)) {
    text = log();
    if (std::regex_search(text, m, std::regex("admin API listening on 127\\.0\\.0\\.1:([0-9]+)")))
      break;
  }
  ASSERT_FALSE(m.empty()) << text;
  const std::string base = "http://127.0.0.1:" + m[1].str();
  auto curl = [&](const std::string& args) {
    return run("curl -s -m 10 -w '\\n%{http_code}' " + args).out;
  };
  const std::string auth = "-H 'Authorization: Bearer " + token + "' ";

  EXPECT_NE(curl(base + "/health").find("\"ok\"}\n200"), std::string::npos);
  EXPECT_NE(curl(base + "/metrics").find("\n401"), std::string::npos) << "no token";
  EXPECT_NE(curl("-H 'Authorization: Bearer wrong' " + base + "/metrics").find("\n401"),
            std::string::npos);
  EXPECT_NE(curl("-X POST " + auth + base + "/jobs/nosuch/run").find("\n404"), std::string::npos);
  EXPECT_NE(curl("-X POST -d 'x=1' " + auth + base + "/jobs/skolefravaer/run").find("\n413"),
            std::string::npos)
      << "no request bodies";

  // The job has no schedule: it runs because the admin asks.
  EXPECT_NE(curl("-X POST " + auth + base + "/jobs/skolefravaer/run").find("\n202"),
            std::string::npos);
  for (int i = 0; i < 600 && !std::regex_search(log(), std::regex("job=skolefravaer status=")); ++i)
    ::usleep(100000);
  EXPECT_EQ(inst.dropped().size(), 1u) << log();
  std::string metrics = curl(auth + base + "/metrics");
  EXPECT_NE(metrics.find("brobyg_runs_total{job=\"skolefravaer\",status=\"ok\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("brobyg_rows_total{job=\"skolefravaer\",kind=\"rejected\"} " +
                         std::to_string(kBadRows)),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("brobyg_outbox_packages{state=\"delivered\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("brobyg_disclosures_total 1"), std::string::npos) << metrics;
  EXPECT_NE(curl(auth + base + "/jobs").find("\"last_run\":{"), std::string::npos);
  EXPECT_NE(curl(auth + base + "/outbox").find("\"state\":\"delivered\""), std::string::npos);

  // Guessing the token: after a burst of wrong ones (one was sent above), every request with a
  // token is refused before it is compared, the right one too, until an attempt comes back.
  std::string guess;
  for (int i = 0; i < 20 && guess.find("\n429") == std::string::npos; ++i)
    guess = curl("-i -H 'Authorization: Bearer wrong-" + std::to_string(i) + "' " + base + "/jobs");
  EXPECT_NE(guess.find("\n429"), std::string::npos) << guess;
  EXPECT_TRUE(std::regex_search(guess, std::regex("Retry-After: [1-9]"))) << guess;
  EXPECT_NE(curl(auth + base + "/jobs").find("\n429"), std::string::npos);
  EXPECT_NE(curl("-X POST -H 'Origin: " + base +
                 "' -H 'Content-Type: application/x-www-form-urlencoded' -d 'token=" + token +
                 "' " + base + "/login")
                .find("\n429"),
            std::string::npos)
      << "the login form is braked too";
  const std::string braked = log();
  const auto onceAt = braked.find("wrong tokens in a row");
  EXPECT_NE(onceAt, std::string::npos) << braked;
  EXPECT_EQ(braked.find("wrong tokens in a row", onceAt + 1), std::string::npos) << "logged once";
  EXPECT_EQ(braked.find(token), std::string::npos);
  std::string after;
  for (int i = 0; i < 100 && after.find("\n200") == std::string::npos; ++i, ::usleep(200000))
    after = curl(auth + base + "/jobs");
  EXPECT_NE(after.find("\n200"), std::string::npos) << "an attempt comes back within seconds";

  daemon.stop();
  fs::remove_all(inst.dir);
}
