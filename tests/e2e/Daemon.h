// brobygd started as an admin starts it (BrobygdProcess.h, a token file, an admin API on a
// free loopback port), for the end-to-end tests of the service and of its status page.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "BrobygdProcess.h"
#include "E2eSupport.h"
#include "Installation.h"

namespace brobyg::e2e {

namespace fs = std::filesystem;

inline const std::string kToken = "e2e-service-token-0123456789abcdefghijklmnop";

inline void replaceIn(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = readAll(file);
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(file) << text;
}

// A running brobygd of an installation, with its admin API and log file.
class Daemon {
 public:
  explicit Daemon(const Installation& inst) : inst_(inst), process_(inst.config, inst.dir) {}
  ~Daemon() {
    if (process_.started()) stop();
  }

  static void configure(const Installation& inst) {
    { std::ofstream(inst.dir / "keys/admin.token") << kToken << "\n"; }
    fs::permissions(inst.dir / "keys/admin.token", fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
    replaceIn(inst.config, "<state-directory>state</state-directory>",
              "<state-directory>state</state-directory><log-file>brobygd.log</log-file>"
              "<admin listen=\"127.0.0.1:0\" token-file=\"keys/admin.token\"/>");
  }

  void start() {
    const std::size_t before = log().size();
    process_.start();
    // The match points into `text`: it must outlive the loop.
    std::string text;
    std::smatch m;
    for (int i = 0; i < 300; ++i, ::usleep(100000)) {
      text = log().substr(before);
      if (std::regex_search(text, m, std::regex("admin API listening on 127\\.0\\.0\\.1:([0-9]+)")))
        break;
    }
    ASSERT_FALSE(m.empty()) << log();
    base_ = "http://127.0.0.1:" + m[1].str();
  }

  void stop() { process_.stop(); }
  bool alive() const { return process_.alive(); }
  void hangup() const { process_.reload(base_, kToken); }
  std::string log() const { return readAll(inst_.dir / "brobygd.log"); }
  // Waits until the log holds `count` lines matching `pattern` (at most 60 s).
  bool waitFor(const std::string& pattern, std::size_t count = 1) const {
    const std::regex re(pattern);
    for (int i = 0; i < 600; ++i, ::usleep(100000)) {
      const std::string text = log();
      const auto n = static_cast<std::size_t>(std::distance(
          std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
      if (n >= count) return true;
    }
    return false;
  }
  const std::string& base() const { return base_; }
  // "<body>\n<status>"
  std::string request(const std::string& method, const std::string& path) const {
    return run("curl -s -m 30 -w '\\n%{http_code}' -X " + method + " -H 'Authorization: Bearer " +
               kToken + "' " + base_ + path)
        .out;
  }

 private:
  const Installation& inst_;
  BrobygdProcess process_;
  std::string base_;
};

}  // namespace brobyg::e2e
