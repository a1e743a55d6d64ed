#include "config/ReceiverConfig.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "config/CertificateCheck.h"
#include "receipt/Receipt.h"
#include "trust/SendersFile.h"
#include "util/Duration.h"
#include "util/Error.h"
#include "util/FileSecurity.h"
#include "util/Utf8Path.h"

namespace brobyg::config {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPaths[] = {"server-certificate",
                                  "server-key",
                                  "client-ca",
                                  "senders",
                                  "decryption-certificate",
                                  "decryption-key",
                                  "inbox",
                                  "receipt-certificate",
                                  "receipt-key"};

bool isDigits(const std::string& s) {
  return !s.empty() && s.size() <= 19 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isLowerHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

class ReceiverReader {
 public:
  ReceiverReader(const ReceiverReadContext& context, Problems& problems)
      : context_(context), problems_(problems) {}

  void problem(const pugi::xml_node& node, const std::string& text) {
    problems_.push_back(Problem::error(context_.line(node), text));
  }

  std::string pathOf(const pugi::xml_node& node, const char* child, bool required) {
    std::string value = node.child(child).text().get();
    value.erase(0, value.find_first_not_of(" \t\r\n"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    if (required && value.empty()) problem(node, std::string("<receiver> needs <") + child + ">");
    return context_.path(value);
  }

  void listen(const pugi::xml_node& node, ReceiverConfig& out) {
    const std::string listen = node.attribute("listen").value();
    const std::size_t colon = listen.rfind(':');
    const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
    // Port 0 lets the system choose (tests read the port from the log).
    if (colon == std::string::npos || !isDigits(port) || port.size() > 5 || std::stoi(port) > 65535)
      return problem(node, "<receiver listen> must be host:port, e.g. 0.0.0.0:8443");
    out.port = std::stoi(port);
    out.host = listen.substr(0, colon);
    if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']')
      out.host = out.host.substr(1, out.host.size() - 2);
    if (out.host.empty()) out.host = "0.0.0.0";
  }

  void allow(const pugi::xml_node& node, ReceiverConfig& out) {
    for (const auto& a : node.attributes())
      if (std::strcmp(a.name(), "fingerprint") != 0 && std::strcmp(a.name(), "certificate") != 0 &&
          std::strcmp(a.name(), "name") != 0)
        problem(node, std::string("<allow> has an unknown attribute '") + a.name() + "'");
    ReceiverAllow entry;
    entry.line = context_.line(node);
    entry.fingerprint = node.attribute("fingerprint").value();
    entry.certificate = context_.path(node.attribute("certificate").value());
    entry.name = node.attribute("name").value();
    if (entry.fingerprint.empty() == entry.certificate.empty())
      problem(node, "<allow> needs either fingerprint=\"SHA-256 hex\" or certificate=\"FILE\"");
    else if (!entry.fingerprint.empty() && !isLowerHex64(entry.fingerprint))
      problem(node, "<allow fingerprint> must be 64 lowercase hex digits (SHA-256 of the DER)");
    if (entry.name.empty() || entry.name.size() > 128)
      problem(node, "<allow> needs a name of 1 to 128 characters (it names the client in logs)");
    out.allow.push_back(entry);
  }

  void limits(const pugi::xml_node& node, ReceiverConfig& out) {
    for (const auto& a : node.attributes()) {
      const std::string name = a.name(), value = a.value();
      if (name == "max-package-bytes" && isDigits(value) && std::stoull(value) > 0)
        out.maxPackageBytes = std::stoull(value);
      else if (name == "max-connections" && isDigits(value) && value.size() <= 4 &&
               std::stoi(value) > 0)
        out.maxConnections = std::stoi(value);
      else if (name == "request-timeout" && parseDuration(value).value_or(0) > 0)
        out.requestTimeoutSeconds = *parseDuration(value);
      else
        problem(node, "<limits " + name +
                          "> is unknown or wrong: max-package-bytes (bytes), max-connections "
                          "(1-9999) and request-timeout (a duration such as 60s) are known");
    }
  }

 private:
  const ReceiverReadContext& context_;
  Problems& problems_;
};

void checkCertificateAndKey(const std::string& label, const std::string& certificate,
                            const std::string& key, long line, Problems& problems) {
  try {
    certificateFingerprint(certificate);
  } catch (const Error& e) {
    problems.push_back(Problem::error(line, "receiver: " + label + " certificate: " + e.what()));
    return;
  }
  CertificateReport report{checkKeyMatchesCertificate(key, certificate), {}, {}};
  const auto more = report.at(line, "receiver: " + label + " key: ");
  problems.insert(problems.end(), more.begin(), more.end());
}

void checkInbox(const ReceiverConfig& receiver, Problems& problems) {
  std::error_code ec;
  const fs::path inbox = pathFromUtf8(receiver.inbox);
  const fs::file_status status = fs::status(inbox, ec);
  auto error = [&](const std::string& text) {
    problems.push_back(Problem::error(receiver.line, "receiver: " + receiver.inbox + ": " + text));
  };
  if (fs::exists(status) && !fs::is_directory(status))
    error("the inbox is a file, not a folder");
  else if (!fs::exists(status) && !fs::is_directory(inbox.parent_path(), ec))
    error("inbox folder and its parent do not exist");
  // Received packages are encrypted, but the unpacked copies and receipts are the
  // evaluator's alone.
  else if (fs::exists(status)) {
    if (std::string why = privateFolderProblem(receiver.inbox); !why.empty())
      error("inbox folder is " + why);
  }
}

}  // namespace

void readReceiverConfig(const pugi::xml_node& node, const ReceiverReadContext& context,
                        ReceiverConfig& out, Problems& problems) {
  ReceiverReader r(context, problems);
  out.enabled = true;
  out.line = context.line(node);
  for (const auto& a : node.attributes())
    if (std::strcmp(a.name(), "id") != 0 && std::strcmp(a.name(), "listen") != 0)
      r.problem(node, std::string("<receiver> has an unknown attribute '") + a.name() + "'");
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    if (name != "allow" && name != "limits" &&
        std::none_of(std::begin(kPaths), std::end(kPaths),
                     [&](const char* p) { return name == p; }))
      r.problem(child, "unknown element <" + name + "> in <receiver>");
  }
  out.id = node.attribute("id").value();
  if (!receipt::isValidReceiverId(out.id))
    r.problem(node,
              "<receiver id> must start with a letter or digit and may only use letters, digits, "
              "'-', '_' and '.' (at most 64): it names the receiver in its receipts");
  r.listen(node, out);
  out.serverCertificate = r.pathOf(node, "server-certificate", true);
  out.serverKey = r.pathOf(node, "server-key", true);
  out.clientCa = r.pathOf(node, "client-ca", true);
  out.senders = r.pathOf(node, "senders", true);
  out.decryptionCertificate = r.pathOf(node, "decryption-certificate", true);
  out.decryptionKey = r.pathOf(node, "decryption-key", true);
  out.inbox = r.pathOf(node, "inbox", true);
  out.receiptCertificate = r.pathOf(node, "receipt-certificate", false);
  out.receiptKey = r.pathOf(node, "receipt-key", false);
  if (out.receiptCertificate.empty() != out.receiptKey.empty())
    r.problem(node, "<receiver> needs both <receipt-certificate> and <receipt-key>, or neither");
  if (out.receiptCertificate.empty()) {
    out.receiptCertificate = out.serverCertificate;
    out.receiptKey = out.serverKey;
  }
  for (const auto& allow : node.children("allow")) r.allow(allow, out);
  if (out.allow.empty())
    r.problem(node, "<receiver> has no <allow>: no municipality could deliver to it");
  if (auto limits = node.child("limits")) r.limits(limits, out);
}

void checkReceiverConfig(const ReceiverConfig& receiver, Problems& problems) {
  if (!receiver.enabled) return;
  const long line = receiver.line;
  checkCertificateAndKey("server", receiver.serverCertificate, receiver.serverKey, line, problems);
  checkCertificateAndKey("decryption", receiver.decryptionCertificate, receiver.decryptionKey, line,
                         problems);
  if (receiver.receiptCertificate != receiver.serverCertificate)
    checkCertificateAndKey("receipt", receiver.receiptCertificate, receiver.receiptKey, line,
                           problems);
  auto readable = [&](const std::string& path, const std::string& what, long at) {
    try {
      certificateFingerprint(path);
    } catch (const Error& e) {
      problems.push_back(Problem::error(at, "receiver: " + what + ": " + e.what()));
    }
  };
  readable(receiver.clientCa, "client-ca", line);
  for (const ReceiverAllow& allow : receiver.allow)
    if (!allow.certificate.empty()) readable(allow.certificate, "allow certificate", allow.line);
  try {
    trust::SenderPins pins;
    trust::loadSendersFile(receiver.senders, pins);
  } catch (const Error& e) {
    problems.push_back(Problem::error(line, std::string("receiver: senders: ") + e.what()));
  }
  checkInbox(receiver, problems);
}

}  // namespace brobyg::config
