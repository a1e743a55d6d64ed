#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "Target.h"

namespace fs = std::filesystem;

namespace brobyg::e2e {

Result run(const std::string& command) {
  Result result;
  std::string full = "( " + command + " ) 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer;
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = target().withLinuxLineEnds(std::move(result.out));
  return result;
}

std::string mustRun(const std::string& command) {
  Result r = run(command);
  EXPECT_EQ(r.exitCode, 0) << command << "\n" << r.out;
  return r.out;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<std::vector<std::string>> readCsv(const fs::path& path) {
  std::string text = readAll(path);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field.push_back(c);
      any = true;
    }
  }
  if (any) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

std::string quote(const fs::path& path) {
  return "'" + path.string() + "'";
}

void makeKeys(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string d = quote(dir);
  mustRun("cd " + d +
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
          " -keyout municipality.key -out municipality.crt -days 400 -subj '/CN=Demo Kommune'"
          " && openssl req -x509 -newkey rsa:3072 -nodes -keyout vive.key -out vive.crt"
          " -days 400 -subj '/CN=VIVE evaluator' -addext basicConstraints=critical,CA:FALSE"
          " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
          " -keyout vive-backup.key -out vive-backup.crt -days 400 -subj '/CN=VIVE backup'"
          " -addext basicConstraints=critical,CA:FALSE"
          " && chmod 600 *.key");
}

fs::path freshDirectory(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("brobyg-e2e-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace brobyg::e2e
