#pragma once

#include <string>
#include <vector>

namespace brobyg {

// Keeps keys and CPR numbers in memory out of core dumps and away from other processes of the
// same user: no core file (RLIMIT_CORE 0) and, on Linux, not dumpable (PR_SET_DUMPABLE 0),
// which also refuses ptrace attach and /proc/<pid>/mem to anyone but root. Called first in
// main() of brobyg and brobygd. Returns what could not be done (e.g. setrlimit is refused by
// the systemd unit's SystemCallFilter, whose LimitCORE=0 already covers it); never throws.
std::vector<std::string> hardenProcess();

}  // namespace brobyg
