// Issue 18: the package's contents do not depend on the thread count. The same installation
// (one export, one case database, one set of keys) runs its job with <output workers="1"> and
// with workers="2", each from an empty state folder, and both packages are opened with stock
// openssl: every dataset, codebook and report file is byte-identical, and the manifests differ
// only in the package id and the time they were made.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include "E2eSupport.h"
#include "Installation.h"

namespace fs = std::filesystem;
using namespace brobyg::e2e;

namespace {

// Runs the job from an empty state with `workers` threads; returns the opened package's files
// (name -> bytes), the package id and times replaced by placeholders, and the quarantine.
std::map<std::string, std::string> runWith(const Installation& inst, int workers,
                                           std::string& quarantine) {
  std::string config = readAll(inst.config);
  config = std::regex_replace(config, std::regex("<output( workers=\"[0-9]\")?"),
                              "<output workers=\"" + std::to_string(workers) + "\"");
  std::ofstream(inst.config, std::ios::trunc) << config;
  fs::remove_all(inst.dir / "state");
  for (const fs::path& p : inst.dropped()) fs::remove(p);

  Result r = run(inst.brobyg("run --job=skolefravaer --once"));
  EXPECT_EQ(r.exitCode, 0) << r.out;
  const std::vector<fs::path> packages = inst.dropped();
  EXPECT_EQ(packages.size(), 1u) << r.out;
  if (packages.size() != 1) return {};
  // <municipality>-<job>-<package id>.cms
  const std::string name = packages[0].stem().string();
  const std::string packageId = name.substr(name.rfind('-', name.rfind('-') - 1) + 1);

  const fs::path opened = inst.dir / ("opened-" + std::to_string(workers));
  openWithOpenssl(packages[0], inst.dir / "keys", "vive", opened);
  std::map<std::string, std::string> files;
  const std::regex instant("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  for (const auto& e : fs::recursive_directory_iterator(opened)) {
    // The containers hold the package id and signing time; their entries are compared.
    if (!e.is_regular_file() || e.path().filename() == "signed.der" ||
        e.path().filename() == "package.zip")
      continue;
    std::string bytes = readAll(e.path());
    for (std::size_t at; (at = bytes.find(packageId)) != std::string::npos;)
      bytes.replace(at, packageId.size(), "PACKAGE-ID");
    if (e.path().extension() != ".csv") bytes = std::regex_replace(bytes, instant, "TIME");
    // The risk report names the package: its own hash differs, its text (compared above) not.
    if (e.path().filename() == "manifest.xml")
      bytes = std::regex_replace(bytes, std::regex("(<report [^>]*sha256=\")[0-9a-f]{64}"),
                                 "$1REPORT-HASH");
    files[fs::relative(e.path(), opened).string()] = bytes;
  }
  quarantine.clear();
  for (const auto& e : fs::directory_iterator(inst.dir / "state/quarantine"))
    quarantine += readAll(e.path());
  return files;
}

}  // namespace

TEST(Threads, OneAndTwoWorkersMakeTheSamePackageContents) {
  Installation inst("threads");
  std::string quarantineOne, quarantineTwo;
  const auto one = runWith(inst, 1, quarantineOne);
  const auto two = runWith(inst, 2, quarantineTwo);
  ASSERT_FALSE(one.empty());
  ASSERT_EQ(one.size(), two.size());
  for (const auto& [name, bytes] : one) {
    ASSERT_TRUE(two.count(name)) << name;
    const std::string& other = two.at(name);
    if (bytes == other) continue;
    std::size_t at = 0;
    while (at < bytes.size() && at < other.size() && bytes[at] == other[at]) ++at;
    const std::size_t from = at < 80 ? 0 : at - 80;
    ADD_FAILURE() << name << " differs between 1 and 2 workers at byte " << at << ":\n"
                  << bytes.substr(from, 200) << "\n--- with 2 workers ---\n"
                  << other.substr(from, 200);
  }
  for (const char* dataset : {"absence_event.csv", "absence_event.xml", "case_measure.csv"})
    EXPECT_GT(one.count(dataset), 0u) << dataset;
  EXPECT_GT(one.at("absence_event.csv").size(), 1000000u) << "several batches were handed over";
  EXPECT_FALSE(quarantineOne.empty());
  EXPECT_EQ(quarantineOne, quarantineTwo) << "the rejected rows, in the same order";
  fs::remove_all(inst.dir);
}
