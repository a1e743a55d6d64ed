// brobyg: the admin's and the evaluator's command line.
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/Net.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

#include "CommandHelp.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "config/ConfigLoader.h"
#include "pipeline/JobRunner.h"
#include "util/Console.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"
#include "util/ProcessHardening.h"

using Poco::Util::Option;

namespace brobyg::cli {

std::string Invocation::require(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty())
    throw UsageError("'" + command + "' needs --" + name);
  return it->second;
}

config::Config loadConfiguration(const Invocation& in) {
  const std::string path = in.require("config");
  try {
    return config::loadConfig(path);
  } catch (const config::ConfigError&) {
    throw;
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

namespace {

class BrobygApp : public Poco::Util::Application {
 public:
  BrobygApp() { setUnixOptions(true); }

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    auto value = [&](const char* name, const char* arg, const char* text) {
      options.addOption(Option(name, "", text).required(false).repeatable(false).argument(arg));
    };
    // Every command's own page lists the options it takes (CommandHelp.cpp).
    options.addOption(Option("help", "h", "show this help").required(false).repeatable(false));
    value("config", "FILE", "configuration file");
    value("job", "ID", "job id");
    options.addOption(Option("once", "", "run the job once, now").required(false));
    value("describe", "NAME", "plugin whose settings table to print");
    value("format", "text|json", "how --describe prints the table (default text)");
    value("plugin-dir", "DIR", "plugin folder (default: next to the executable)");
    value("out", "PATH", "output file or folder");
    value("project", "ID", "pseudonymisation project id");
    value("package", "FILE", "package to open");
    value("cert", "FILE", "recipient certificate (PEM)");
    value("key", "FILE", "recipient private key (PEM)");
    // Repeatable: `open --trust KOMMUNEKODE=CERT` once per municipality.
    options.addOption(Option("trust", "", "pinned sender certificate (see the command's help)")
                          .required(false)
                          .repeatable(true)
                          .argument("FILE"));
    value("senders", "FILE", "senders file: the municipalities' pinned signers");
    value("retry", "PACKAGE_ID", "requeue a failed outbox entry");
    value("to", "CERT", "certificate of the municipality a project key is sent to");
    value("in", "FILE", "file to read");
    value("output", "FILE", "file audit export writes (default: standard output)");
    // Repeatable: audit verify --certificate OLD.pem once per earlier signing certificate.
    options.addOption(Option("certificate", "", "an earlier signing certificate (audit)")
                          .required(false)
                          .repeatable(true)
                          .argument("FILE"));
    options.addOption(Option("send", "", "deliver waiting outbox entries now").required(false));
    options.addOption(Option("verbose", "v", "log debug messages").required(false));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    Poco::Util::Application::handleOption(name, value);
    invocation_.options[name] = value;
    invocation_.values[name].push_back(value);
    if (name == "help") {
      helpRequested_ = true;
      stopOptionsProcessing();
    }
  }

  int main(const std::vector<std::string>& args) override {
    setupLogging();
    std::ostream& out = console::out();
    std::ostream& err = console::err();
    if (args.empty() || (args[0] == "help" && args.size() == 1)) {
      const bool asked = helpRequested_ || !args.empty();
      printOverview(asked ? out : err);
      return asked ? static_cast<int>(EXIT_OK) : static_cast<int>(kExitUsage);
    }
    // brobyg COMMAND --help, brobyg help COMMAND
    const bool helpWord = args[0] == "help";
    if (helpRequested_ || helpWord) {
      const std::string name = helpWord ? (args.size() > 1 ? args[1] : "") : args[0];
      const CommandHelp* help = findCommandHelp(name);
      if (help == nullptr) {
        err << "brobyg: unknown command '" << name << "'; see brobyg --help\n";
        return kExitUsage;
      }
      printCommandHelp(*help, out);
      return EXIT_OK;
    }
    invocation_.command = args[0];
    invocation_.args.assign(args.begin() + 1, args.end());
    try {
      return dispatch(out);
    } catch (const UsageError& e) {
      err << "brobyg: " << e.what() << "\n";
      return kExitUsage;
    } catch (const config::ConfigError& e) {
      err << "brobyg: the configuration has problems (see brobyg check):\n" << e.what();
      return kExitUsage;
    } catch (const pipeline::JobRefused& e) {
      err << "brobyg: " << e.what() << "\n";
      return kExitRefused;
    } catch (const std::exception& e) {
      err << "brobyg: " << e.what() << "\n";
      return kExitRunFailed;
    }
  }

 private:
  int dispatch(std::ostream& out) {
    const std::string& c = invocation_.command;
    if (c == "plugins") return pluginsCommand(invocation_, out);
    if (c == "check") return checkCommand(invocation_, out);
    if (c == "run") return runCommand(invocation_, out);
    if (c == "outbox") return outboxCommand(invocation_, out);
    if (c == "runs") return runsCommand(invocation_, out);
    if (c == "status") return statusCommand(invocation_, out);
    if (c == "audit") return auditCommand(invocation_, out);
    if (c == "keygen") return keygenCommand(invocation_, out);
    if (c == "key-export") return keyExportCommand(invocation_, out);
    if (c == "key-import") return keyImportCommand(invocation_, out);
    // Its output is pseudonyms, data the evaluator looks up: the mask would turn the rare one
    // with ten digits in a row into stars. It prints no CPR number (only line numbers).
    if (c == "pseudonym") return pseudonymCommand(invocation_, std::cin, std::cout);
    if (c == "open") return openCommand(invocation_, out);
    if (c == "version") {
      out << "brobyg " << BROBYG_VERSION << "\n";
      return EXIT_OK;
    }
    throw UsageError("unknown command '" + c + "'; see brobyg --help");
  }

  void setupLogging() {
    Poco::AutoPtr<Poco::PatternFormatter> format(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%SZ %p %s: %t"));
    Poco::AutoPtr<Poco::Channel> console(new Poco::ConsoleChannel(console::err()));
    Poco::AutoPtr<Poco::Channel> formatted(new Poco::FormattingChannel(format, console));
    Poco::AutoPtr<Poco::Channel> masked(new MaskingChannel(formatted));
    Poco::Logger::setChannel("", masked);  // every logger, also those made before now
    Poco::Logger::root().setLevel(invocation_.has("verbose") ? Poco::Message::PRIO_DEBUG
                                                             : Poco::Message::PRIO_WARNING);
  }

  Invocation invocation_;
  bool helpRequested_ = false;
};

}  // namespace
}  // namespace brobyg::cli

namespace {

template <typename Char>
int runBrobyg(int argc, Char** argv) {
  // Windows: WSAStartup for the process, and so for the plugins' sockets too. Poco's automatic
  // initialisation is left out of a static GCC build (Net.h), so it is done here.
  Poco::Net::initializeNetwork();
  // Keys and CPR numbers live in this process's memory: no core file, no ptrace.
  for (const std::string& failure : brobyg::hardenProcess())
    brobyg::console::err() << "brobyg: warning: " << failure << "\n";
  Poco::AutoPtr<brobyg::cli::BrobygApp> app = new brobyg::cli::BrobygApp;
  try {
    app->init(argc, argv);
  } catch (const Poco::Exception& e) {
    brobyg::console::err() << "brobyg: " << e.displayText() << "; see brobyg --help\n";
    return brobyg::cli::kExitUsage;
  }
  return app->run();
}

}  // namespace

// Windows: the wide entry point (-municode), so that paths in arguments reach Poco as UTF-16,
// not through the ANSI code page.
#ifdef _WIN32
int wmain(int argc, wchar_t** argv) {
  return runBrobyg(argc, argv);
}
#else
int main(int argc, char** argv) {
  return runBrobyg(argc, argv);
}
#endif
