#include "CommandHelp.h"

#include <cctype>
#include <iomanip>
#include <ostream>

namespace brobyg::cli {

namespace {

const OptionHelp kConfig{"config", "FILE", "the configuration file (brobyg check checks it)"};

const char* kRunExitCodes =
    "  0  package delivered, or nothing new to send\n"
    "  1  the run failed (source, packaging or state); nothing was committed\n"
    "  2  usage or configuration error (what brobyg check reports); nothing was read\n"
    "  3  package staged in the outbox but not delivered yet; it will be retried\n"
    "  4  job refused: its legal basis has expired\n";

std::vector<CommandHelp> makeHelps() {
  return {
      {"plugins",
       "[--describe NAME [--format text|json]] [--plugin-dir DIR]",
       "list installed plugins, or one plugin's settings table",
       "Without --describe, lists the plugins in the plugin folder and any file it refused. "
       "With --describe, prints the plugin's settings: type, whether required, default, the "
       "choices or the range of values.",
       {{"describe", "NAME", "the plugin whose settings table to print"},
        {"format", "text|json", "how --describe prints the table (default text)"},
        {"plugin-dir", "DIR", "the plugin folder (default: next to the executable)"}},
       "brobyg plugins --describe csv --format json",
       "  0  listed\n  1  a plugin file was refused\n  2  usage error (unknown plugin)\n"},
      {"check",
       "--config FILE",
       "check a configuration and report every problem",
       "Reads the configuration and reports every problem with its file and line: structure, "
       "ids, dates, certificates, keys, the state folder, each plugin's settings and the "
       "plugin's own check. brobyg run and brobygd make the same checks before every run.",
       {kConfig},
       "brobyg check --config /etc/brobyg/brobyg.xml",
       "  0  no errors (warnings may be printed)\n  2  the configuration has errors\n"},
      {"run",
       "--config FILE --job ID --once",
       "run one job now, in the foreground",
       "Checks what the job uses (as brobyg check), then reads its sources after their "
       "cursors, pseudonymises, writes, signs and encrypts one package, stages it in the "
       "outbox and delivers it. Run it as the service user.",
       {kConfig, {"job", "ID", "the job to run"}, {"once", "", "run now (required)"}},
       "brobyg run --config /etc/brobyg/brobyg.xml --job skolefravaer --once",
       kRunExitCodes},
      {"audit",
       "[list|verify|witness FILE|export] --config FILE",
       "the disclosure register: list, verify, check a witness, export",
       "list (the default) prints one line per package that left the municipality and per "
       "project key sent (key-export) or received (key-import). verify checks the hash chain "
       "and every entry's signature (the producer's signing certificate; after a rotation, "
       "name the earlier ones with --certificate). witness FILE checks the register head a "
       "package carries in its manifest against the register: FILE is a manifest.xml that "
       "brobyg open unpacked, or the package itself with the evaluator's --cert and --key. "
       "export writes every entry for a data protection officer as CSV or JSON.",
       {kConfig,
        {"certificate", "CERT", "an earlier signing certificate (verify, export; repeatable)"},
        {"cert", "CERT", "witness of a package: the evaluator's certificate (PEM)"},
        {"key", "KEY", "witness of a package: the evaluator's private key (PEM)"},
        {"format", "csv|json", "export: the file's format (default csv)"},
        {"output", "FILE", "export: the file to write (default: standard output)"}},
       "brobyg audit export --config /etc/brobyg/brobyg.xml --format csv --output register.csv",
       "  0  listed, the register is intact, or the witness holds\n"
       "  1  the chain or a signature is broken, or the witness fails\n"},
      {"runs",
       "--config FILE [--job ID]",
       "the last runs of each job, newest first",
       "Lists the last ten runs of each job with their counts and status.",
       {kConfig, {"job", "ID", "only this job"}},
       "brobyg runs --config /etc/brobyg/brobyg.xml --job skolefravaer",
       ""},
      {"status",
       "--config FILE [--format text|json]",
       "what brobygd's status page shows, on the command line",
       "Jobs with their schedule, next run, last success and last runs; the outbox by state "
       "and the age of the oldest waiting package; the disclosure register's head; every "
       "configured certificate by expiry (named by its setting); and what brobyg check finds. "
       "Reads the state store and the configuration, so it works with brobygd stopped.",
       {kConfig, {"format", "text|json", "text for a terminal (default), or the admin API's JSON"}},
       "brobyg status --config /etc/brobyg/brobyg.xml",
       "  0  shown\n  2  usage or configuration error\n"},
      {"outbox",
       "--config FILE [--retry PACKAGE_ID | --send]",
       "show the outbox; requeue a failed package; send waiting packages now",
       "Without options, lists every package in the outbox with its state and attempts.",
       {kConfig,
        {"retry", "PACKAGE_ID", "make a failed or retry-waiting package due now"},
        {"send", "", "deliver the waiting packages now"}},
       "brobyg outbox --config /etc/brobyg/brobyg.xml --send",
       "  0  done\n  3  --send: a package was not delivered (it stays in the outbox)\n"},
      {"keygen",
       "--out FILE",
       "make a new project key file (mode 0600)",
       "Writes 32 random bytes as hex to a new file only its owner can read. One key per "
       "evaluation project; pseudonyms depend on it.",
       {{"out", "FILE", "the key file to create (refused if it exists)"}},
       "brobyg keygen --out /etc/brobyg/keys/projekt.key",
       ""},
      {"key-export",
       "--config FILE --project ID --to CERT --out FILE",
       "send a project key to another municipality",
       "Signs the project's key with the producer's certificate and encrypts it to the other "
       "municipality's certificate. The export (project, key id, receiver) is recorded in the "
       "disclosure register.",
       {kConfig,
        {"project", "ID", "the project whose key to send"},
        {"to", "CERT", "certificate of the municipality the key is sent to (PEM)"},
        {"out", "FILE", "the file to write"}},
       "brobyg key-export --config brobyg.xml --project vive --to other.crt --out vive.key.cms",
       ""},
      {"key-import",
       "--config FILE --in FILE --cert CERT --key KEY --trust SENDER_CERT --out KEYFILE",
       "receive a project key sent with key-export",
       "Decrypts with your certificate and key, verifies the sender's signature and writes "
       "the project key file (mode 0600). The signer must be exactly the certificate given "
       "with --trust: a CA certificate, or another certificate from the same CA, is refused. "
       "The import is recorded in the disclosure register of the installation --config names.",
       {kConfig,
        {"in", "FILE", "the file key-export made"},
        {"cert", "CERT", "your certificate (PEM)"},
        {"key", "KEY", "your private key (PEM)"},
        {"trust", "SENDER_CERT", "the sending municipality's signing certificate (PEM), pinned"},
        {"out", "KEYFILE", "the project key file to write"}},
       "brobyg key-import --config brobyg.xml --in vive.key.cms --cert muni.crt --key muni.key "
       "--trust sender.crt --out vive.key",
       ""},
      {"pseudonym",
       "--config FILE --project ID",
       "pseudonyms of CPR numbers read from stdin",
       "Reads one CPR number per line from stdin and prints its pseudonym in the project, or "
       "the line number and why it is invalid. Prints no CPR number.",
       {kConfig, {"project", "ID", "the project whose key to use"}},
       "brobyg pseudonym --config brobyg.xml --project vive < numbers.txt",
       ""},
      {"open",
       "--package FILE --cert CERT --key KEY (--trust KOMMUNEKODE=CERT ... | --senders FILE) "
       "--out DIR",
       "verify, decrypt and unpack a package",
       "For the evaluator: decrypts with the recipient's certificate and key, verifies the "
       "signature, accepts the signer only if it is pinned for the producer the manifest "
       "names (a certificate from the same CA is not enough), checks every file's hash and "
       "row count, and unpacks into a new folder. Pin a municipality's signing certificate "
       "with --trust KOMMUNEKODE=CERT (repeatable), or pin certificates or a CA plus the "
       "exact subject in a senders file (schemas/senders.xsd).",
       {{"package", "FILE", "the package (.cms)"},
        {"cert", "CERT", "the recipient certificate (PEM)"},
        {"key", "KEY", "the recipient private key (PEM)"},
        {"trust", "KOMMUNEKODE=CERT", "a municipality's pinned signing certificate (PEM)"},
        {"senders", "FILE", "senders file: pinned certificates, or CA plus subject"},
        {"out", "DIR", "the folder to unpack into"}},
       "brobyg open --package p.cms --cert vive.crt --key vive.key --trust 0101=muni.crt "
       "--out data",
       ""},
      {"version", "", "print the version", "Prints brobyg's version.", {}, "brobyg version", ""},
  };
}

void printOption(const OptionHelp& o, std::ostream& out) {
  std::string left = std::string("--") + o.name + (*o.arg != '\0' ? std::string(" ") + o.arg : "");
  out << "  " << std::left << std::setw(24) << left << " " << o.text << "\n";
}

// `text` broken into lines of at most 78 characters at spaces.
std::string wrapped(const std::string& text) {
  std::string out;
  std::size_t lineStart = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (out.size() > lineStart && out.size() - lineStart + 1 + (end - start) > 78) {
      out += "\n";
      lineStart = out.size();
    } else if (out.size() > lineStart) {
      out += " ";
    }
    out.append(text, start, end - start);
    start = end + 1;
  }
  return out;
}

}  // namespace

const std::vector<CommandHelp>& commandHelps() {
  static const std::vector<CommandHelp> helps = makeHelps();
  return helps;
}

const CommandHelp* findCommandHelp(const std::string& name) {
  for (const CommandHelp& h : commandHelps())
    if (name == h.name) return &h;
  return nullptr;
}

void printCommandHelp(const CommandHelp& help, std::ostream& out) {
  out << "usage: brobyg " << help.name << (*help.usage != '\0' ? " " : "") << help.usage << "\n\n"
      << static_cast<char>(std::toupper(static_cast<unsigned char>(help.summary[0])))
      << (help.summary + 1) << ".\n"
      << wrapped(help.details) << "\n";
  out << "\nOptions:\n";
  for (const OptionHelp& o : help.options) printOption(o, out);
  printOption({"verbose", "", "log debug messages"}, out);
  printOption({"help", "", "show this page"}, out);
  out << "\nExample:\n  " << help.example << "\n";
  if (*help.exitCodes != '\0') out << "\nExit codes:\n" << help.exitCodes;
}

void printOverview(std::ostream& out) {
  out << "usage: brobyg COMMAND [OPTIONS]\n\n"
         "brobyg moves pseudonymised, signed and encrypted extracts to evaluators.\n\n"
         "Commands:\n";
  for (const CommandHelp& h : commandHelps())
    out << "  " << std::left << std::setw(12) << h.name << h.summary << "\n";
  out << "\n'brobyg COMMAND --help' shows a command's options and an example.\n"
         "Options are written --name VALUE or --name=VALUE; --verbose logs debug messages.\n";
}

}  // namespace brobyg::cli
