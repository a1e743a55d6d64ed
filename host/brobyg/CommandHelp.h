#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace brobyg::cli {

// One option of a command as its help page shows it.
struct OptionHelp {
  const char* name;  // long name without "--"
  const char* arg;   // value placeholder, or "" for a flag
  const char* text;
};

// What `brobyg COMMAND --help` prints: usage, what it does, its options, an example, and
// the exit codes where they say more than 0 and 1.
struct CommandHelp {
  const char* name;
  const char* usage;    // the arguments after "brobyg NAME"
  const char* summary;  // one line, for the overview
  const char* details;  // a paragraph
  std::vector<OptionHelp> options;
  const char* example;
  const char* exitCodes;  // "" when 0 ok / 1 failed / 2 usage says it all
};

// Every command, in the order of the overview.
const std::vector<CommandHelp>& commandHelps();
// The command's page, or null for an unknown name.
const CommandHelp* findCommandHelp(const std::string& name);

void printCommandHelp(const CommandHelp& help, std::ostream& out);
// `brobyg --help`: usage, the commands with their summaries, global options.
void printOverview(std::ostream& out);

}  // namespace brobyg::cli
