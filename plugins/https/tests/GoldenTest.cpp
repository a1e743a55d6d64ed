// Golden cases (testcases/<case>/), run against the local ReceiverServer: settings.txt,
// packages/, steps.txt (one "<package file> <package id>" per line), answers.txt (the
// receiver's answer to each request in turn: "<status> <body>", the body "RECEIPT" standing
// for "receipt <target> <sha256 of the body>"; the last line repeats), optional server.txt
// (the TestPki certificate the receiver shows; default server) and expected.txt: each step's
// outcome, then what the receiver saw (method, target, Content-Length, the body's SHA-256).
// In settings and output ${URL}, ${PKI} stand for the server's URL and TestPki's folder.
// BROBYG_UPDATE_GOLDEN=1 rewrites.
#include "ReceiverServer.h"
#include "TestPki.h"

#include "../HttpsSettingsTable.h"

#include <testing/GoldenCase.hpp>
#include <testing/PluginHarness.hpp>

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <atomic>
#include <fstream>

extern "C" const brobyg_plugin_descriptor* brobyg_plugin_entry(void);

namespace fs = std::filesystem;
using namespace brobyg::testing;

namespace brobyg::https::test {
namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos && !from.empty();
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::string sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

std::vector<std::string> lines(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (!trimmed(line).empty() && line[0] != '#') out.push_back(line);
  return out;
}

Answer answerFor(const std::string& line, const SeenRequest& request) {
  const std::size_t space = line.find(' ');
  Answer answer{std::stoi(line.substr(0, space)),
                space == std::string::npos ? "" : line.substr(space + 1),
                {}};
  if (answer.body == "RECEIPT")
    answer.body = "receipt " + request.target + " " + sha256(request.body);
  return answer;
}

std::string runCase(const GoldenCase& c) {
  const std::vector<std::string> answers = lines(c.dir / "answers.txt");
  std::atomic<std::size_t> next{0};
  const std::vector<std::string> server = lines(c.dir / "server.txt");
  ReceiverServer receiver(server.empty() ? "server" : trimmed(server[0]),
                          [&](const SeenRequest& r) {
                            const std::size_t i = std::min(next++, answers.size() - 1);
                            return answerFor(answers.at(i), r);
                          });
  const std::string pki = fs::path(TestPki::get().file("ca.crt")).parent_path().string();
  SettingsMap settings;
  for (auto [key, value] : c.settings)
    settings[key] = replaceAll(replaceAll(value, "${URL}", receiver.url()), "${PKI}", pki);
  const brobyg_plugin_descriptor* d = brobyg_plugin_entry();
  CreateArgs args(withDefaults(d->settings, d->setting_count, settings), nullptr);
  DestinationInstance instance(d, args);
  if (!instance.created().ok()) return "create error: " + instance.created().error + "\n";
  std::string out;
  for (const std::string& line : lines(c.dir / "steps.txt")) {
    const std::string package = line.substr(0, line.find(' '));
    const std::string id = line.substr(line.find(' ') + 1);
    const fs::path file = c.dir / "packages" / package;
    auto [result, receipt] =
        instance.deliver(id, file.string(), fs::file_size(file), "unused", package);
    out += result.ok()                         ? "ok: " + receipt + "\n"
           : result.code == BROBYG_RETRY_LATER ? "retry later: " + result.error + "\n"
                                               : "error: " + result.error + "\n";
  }
  out += "receiver saw:\n";
  for (const SeenRequest& r : receiver.requests())
    out += "  " + r.method + " " + r.target + " " + r.contentLength + " " + sha256(r.body) + "\n";
  return replaceAll(replaceAll(out, receiver.url(), "${URL}"), pki, "${PKI}");
}

class HttpsGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(HttpsGolden, MatchesExpected) {
  const std::string actual = runCase(GetParam());
  EXPECT_EQ(checkGolden(GetParam().dir / "expected.txt", actual), "") << actual;
}

INSTANTIATE_TEST_SUITE_P(Cases, HttpsGolden,
                         ::testing::ValuesIn(loadGoldenCases(BROBYG_HTTPS_TESTCASES)),
                         [](const ::testing::TestParamInfo<GoldenCase>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace brobyg::https::test
