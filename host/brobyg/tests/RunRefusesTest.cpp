// Review findings #3 and #13: `brobyg run` refuses what `brobyg check` refuses, exits 2 and
// reads nothing. Runs the real binary on a real configuration with real certificates.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "Target.h"

namespace fs = std::filesystem;

namespace {

struct Output {
  std::string text;
  int exitCode = -1;
};

Output shell(const std::string& command) {
  Output out;
  FILE* pipe = ::popen(("( " + command + " ) 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    out.text.append(buffer.data(), n);
  int status = ::pclose(pipe);
  out.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  out.text = brobyg::e2e::target().withLinuxLineEnds(std::move(out.text));
  return out;
}

class RunRefuses : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("brobyg-run-refuses-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "export");
    const std::string ec =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
        "-days 30 ";
    ASSERT_EQ(shell("cd '" + dir_.string() + "' && " + ec +
                    "-subj /CN=muni -keyout muni.key -out muni.crt && " + ec +
                    "-subj /CN=vive -addext basicConstraints=critical,CA:FALSE -keyout vive.key "
                    "-out vive.crt && " +
                    ec + "-subj /CN=ca -keyout ca.key -out ca.crt && chmod 600 *.key && " +
                    brobyg::e2e::target().program("brobyg") + " keygen --out=project.key")
                  .exitCode,
              0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Output run(const std::string& recipientCert, const std::string& skipLines) {
    std::ofstream(dir_ / "brobyg.xml")
        << "<?xml version=\"1.0\"?>\n<brobyg xmlns=\"urn:brobyg:config:1\">\n"
           "<service><state-directory>state</state-directory></service>\n"
           "<producer municipality=\"0101\" name=\"T\"><signing-certificate>muni.crt"
           "</signing-certificate><signing-key>muni.key</signing-key></producer>\n"
           "<project id=\"p\" key-file=\"project.key\"/>\n"
           "<recipient id=\"r\" certificate=\""
        << recipientCert
        << "\"/>\n"
           "<source id=\"s\" plugin=\"csv\"><setting key=\"directory\">export</setting>"
           "<setting key=\"skip_lines\">"
        << skipLines
        << "</setting><map key=\"column\"><entry key=\"person\">cpr</entry>"
           "<entry key=\"school\">s</entry><entry key=\"municipality\">m</entry>"
           "<entry key=\"grade\">g</entry><entry key=\"date\">d</entry>"
           "<entry key=\"category\">c</entry><entry key=\"lesson\">l</entry></map></source>\n"
           "<destination id=\"d\" plugin=\"folder\"><setting key=\"directory\">drop</setting>"
           "<setting key=\"create_directory\">true</setting></destination>\n"
           "<job id=\"j\" project=\"p\" destination=\"d\">\n"
           "  <legal-basis agreement=\"A\" expires=\"2099-01-01\" datasets=\"absence_event\"/>\n"
           "  <dataset name=\"absence_event\" source=\"s\"/><recipient ref=\"r\"/>\n"
           "</job>\n</brobyg>\n";
    return shell(brobyg::e2e::target().program("brobyg") + " run --config='" +
                 (dir_ / "brobyg.xml").string() + "' --job=j --once");
  }

  fs::path dir_;
};

}  // namespace

TEST_F(RunRefuses, ASettingOutOfRangeIsAConfigurationErrorAndNothingIsRead) {
  Output out = run("vive.crt", "2147483648");
  EXPECT_EQ(out.exitCode, 2) << out.text;
  EXPECT_NE(out.text.find("brobyg.xml:7: source 's' (plugin csv): setting 'skip_lines'"),
            std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("from 0 to 1000000"), std::string::npos) << out.text;
  EXPECT_FALSE(fs::exists(dir_ / "state" / "brobyg.db")) << "the run must not have started";
}

TEST_F(RunRefuses, RecipientsThatAreACaOrTheSignerAreRefused) {
  for (const std::string cert : {"ca.crt", "muni.crt"}) {
    Output out = run(cert, "0");
    EXPECT_EQ(out.exitCode, 2) << cert << "\n" << out.text;
    EXPECT_NE(out.text.find("brobyg.xml:6: recipient 'r'"), std::string::npos) << out.text;
    EXPECT_FALSE(fs::exists(dir_ / "state" / "brobyg.db")) << cert;
  }
  Output good = run("vive.crt", "0");
  EXPECT_EQ(good.exitCode, 0) << good.text;
}

// `brobyg status` on the same installation after a good run: the job and its run, the outbox,
// the register head and the certificates by setting, with brobygd not running at all.
TEST_F(RunRefuses, StatusShowsTheRunWithoutTheService) {
  ASSERT_EQ(run("vive.crt", "0").exitCode, 0);
  const std::string config = "--config='" + (dir_ / "brobyg.xml").string() + "'";
  Output text = shell(brobyg::e2e::target().program("brobyg") + " status " + config);
  EXPECT_EQ(text.exitCode, 0) << text.text;
  EXPECT_NE(text.text.find("\nJobs\n  j  on demand\n"), std::string::npos) << text.text;
  EXPECT_NE(text.text.find("  run=1 nothing-new"), std::string::npos) << text.text;
  // Made with -days 30 a moment ago: 30 days to the second, or a second less.
  EXPECT_TRUE(std::regex_search(
      text.text,
      std::regex(R"(\(in (30d 0h|29d 23h)\)  recipient  recipient r certificate  job=j)")))
      << text.text;
  EXPECT_NE(text.text.find("signing  producer signing-certificate"), std::string::npos);
  EXPECT_EQ(text.text.find("CN="), std::string::npos) << "never a certificate's subject";
  Output json = shell(brobyg::e2e::target().program("brobyg") + " status --format=json " + config);
  EXPECT_EQ(json.exitCode, 0) << json.text;
  EXPECT_EQ(json.text.rfind("{\"generated_at\":", 0), 0u) << json.text;
  EXPECT_NE(json.text.find("\"setting\":\"recipient r certificate\",\"role\":\"recipient\""),
            std::string::npos)
      << json.text;
  Output wrong = shell(brobyg::e2e::target().program("brobyg") + " status --format=xml " + config);
  EXPECT_EQ(wrong.exitCode, 2) << wrong.text;
}
