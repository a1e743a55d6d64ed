// brobyg: the admin's and the evaluator's command line.
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>

#include "Commands.h"
#include "pipeline/JobRunner.h"
#include "util/Error.h"
#include "util/IdentifierMask.h"

using Poco::Util::Option;

namespace brobyg::cli {

std::string Invocation::require(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty())
    throw UsageError("'" + command + "' needs --" + name);
  return it->second;
}

namespace {

const char* kCommands =
    "Commands:\n"
    "  plugins [--describe NAME [--format json]] [--plugin-dir DIR]\n"
    "                                                 list installed plugins or one's settings\n"
    "  check --config FILE                            check a configuration, report every problem\n"
    "  run --config FILE --job ID --once              run one job now\n"
    "  audit [verify] --config FILE                   the disclosure register; check its chain\n"
    "  runs --config FILE [--job ID]                  the last runs of each job, newest first\n"
    "  outbox --config FILE [--retry ID | --send]     show the outbox; requeue a failed package;\n"
    "                                                 send waiting packages now\n"
    "  keygen --out FILE                              make a new project key file (mode 0600)\n"
    "  key-export --config FILE --project ID --to CERT --out FILE\n"
    "                                                 send a project key to another municipality\n"
    "  key-import --in FILE --cert CERT --key KEY --trust SENDER_CERT --out KEYFILE\n"
    "                                                 receive a project key sent with key-export\n"
    "  pseudonym --config FILE --project ID           pseudonyms of CPR numbers read from stdin\n"
    "  open --package FILE --cert CERT --key KEY --trust SIGNER_CERT --out DIR\n"
    "                                                 verify, decrypt and unpack a package\n"
    "  version                                        print the version\n\n"
    "Exit codes of run: 0 delivered or nothing new, 1 run failed, 2 usage or configuration\n"
    "error, 3 package staged but not delivered yet (will be retried), 4 job refused (legal\n"
    "basis expired).";

class BrobygApp : public Poco::Util::Application {
 public:
  BrobygApp() { setUnixOptions(true); }

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    auto value = [&](const char* name, const char* arg, const char* text) {
      options.addOption(Option(name, "", text).required(false).repeatable(false).argument(arg));
    };
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
    value("trust", "FILE", "trusted signer or CA certificate (PEM)");
    value("retry", "PACKAGE_ID", "requeue a failed outbox entry");
    value("to", "CERT", "certificate of the municipality a project key is sent to");
    value("in", "FILE", "file to read");
    options.addOption(Option("send", "", "deliver waiting outbox entries now").required(false));
    options.addOption(Option("verbose", "v", "log debug messages").required(false));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    Poco::Util::Application::handleOption(name, value);
    invocation_.options[name] = value;
    if (name == "help") {
      helpRequested_ = true;
      stopOptionsProcessing();
    }
  }

  int main(const std::vector<std::string>& args) override {
    setupLogging();
    if (helpRequested_ || args.empty()) {
      Poco::Util::HelpFormatter help(options());
      help.setCommand("brobyg");
      help.setUsage("COMMAND [OPTIONS]");
      help.setHeader("brobyg moves pseudonymised, signed and encrypted extracts to evaluators.");
      help.format(std::cout);
      std::cout << "\n" << kCommands << "\n";
      return helpRequested_ ? static_cast<int>(EXIT_OK) : static_cast<int>(pipeline::kExitUsage);
    }
    invocation_.command = args[0];
    invocation_.args.assign(args.begin() + 1, args.end());
    try {
      const std::string& c = invocation_.command;
      if (c == "plugins") return pluginsCommand(invocation_, std::cout);
      if (c == "check") return checkCommand(invocation_, std::cout);
      if (c == "run") return runCommand(invocation_, std::cout);
      if (c == "outbox") return outboxCommand(invocation_, std::cout);
      if (c == "runs") return runsCommand(invocation_, std::cout);
      if (c == "audit") return auditCommand(invocation_, std::cout);
      if (c == "keygen") return keygenCommand(invocation_, std::cout);
      if (c == "key-export") return keyExportCommand(invocation_, std::cout);
      if (c == "key-import") return keyImportCommand(invocation_, std::cout);
      if (c == "pseudonym") return pseudonymCommand(invocation_, std::cin, std::cout);
      if (c == "open") return openCommand(invocation_, std::cout);
      if (c == "version") {
        std::cout << "brobyg " << BROBYG_VERSION << "\n";
        return EXIT_OK;
      }
      throw UsageError("unknown command '" + c + "'; see brobyg --help");
    } catch (const UsageError& e) {
      std::cerr << "brobyg: " << e.what() << "\n";
      return pipeline::kExitUsage;
    } catch (const pipeline::JobRefused& e) {
      std::cerr << "brobyg: " << maskIdentifiers(e.what()) << "\n";
      return pipeline::kExitRefused;
    } catch (const std::exception& e) {
      std::cerr << "brobyg: " << maskIdentifiers(e.what()) << "\n";
      return pipeline::kExitRunFailed;
    }
  }

 private:
  void setupLogging() {
    Poco::AutoPtr<Poco::PatternFormatter> format(
        new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%SZ %p %s: %t"));
    Poco::AutoPtr<Poco::Channel> console(new Poco::ConsoleChannel(std::cerr));
    Poco::AutoPtr<Poco::Channel> formatted(new Poco::FormattingChannel(format, console));
    Poco::AutoPtr<Poco::Channel> masked(new MaskingChannel(formatted));
    Poco::Logger::root().setChannel(masked);
    Poco::Logger::root().setLevel(invocation_.has("verbose") ? Poco::Message::PRIO_DEBUG
                                                             : Poco::Message::PRIO_WARNING);
  }

  Invocation invocation_;
  bool helpRequested_ = false;
};

}  // namespace
}  // namespace brobyg::cli

int main(int argc, char** argv) {
  Poco::AutoPtr<brobyg::cli::BrobygApp> app = new brobyg::cli::BrobygApp;
  try {
    app->init(argc, argv);
  } catch (const Poco::Exception& e) {
    std::cerr << "brobyg: " << e.displayText() << "\n";
    return brobyg::pipeline::kExitUsage;
  }
  return app->run();
}
