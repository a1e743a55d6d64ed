#include <windows.h>

#include "util/ProcessHardening.h"

// mingw-w64 10's werapi.h does not compile (it lacks HREPORT) and has no
// WER_FAULT_REPORTING_FLAG_NOHEAP: declare the one call (kernel32) and flag used here.
extern "C" HRESULT WINAPI WerSetFlags(DWORD flags);
namespace {
constexpr DWORD kWerFaultReportingFlagNoHeap = 1;
}

namespace brobyg {

// Windows has no core files; its crash dumps come from Windows Error Reporting. Leave the
// heap (keys, CPR numbers) out of any report and show no crash dialog to a service.
std::vector<std::string> hardenProcess() {
  std::vector<std::string> failures;
  SetErrorMode(GetErrorMode() | SEM_NOGPFAULTERRORBOX | SEM_FAILCRITICALERRORS);
  if (FAILED(WerSetFlags(kWerFaultReportingFlagNoHeap)))
    failures.push_back("cannot keep the heap out of Windows Error Reporting dumps");
  return failures;
}

}  // namespace brobyg
