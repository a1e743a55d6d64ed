#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace brobyg::receipt {

inline constexpr const char* kReceiptNamespace = "urn:brobyg:receipt:1";

// What a receiver signs for one package it stored (issue 14, DESIGN §6): the sending host
// checks sha256 and bytes against the package it sent before it marks it delivered.
struct Receipt {
  std::string packageId;
  std::string sha256;  // hex, lower
  std::uint64_t bytes = 0;
  std::string receivedAt;  // UTC, 2026-12-02T05:00:00Z
  std::string receiverId;
};

// A receiver id: 1 to 64 characters of letters, digits, '.', '_' and '-', starting with a
// letter or digit (it names the receiver in receipts and logs; never personal data).
bool isValidReceiverId(std::string_view id);

// The receipt as XML (schemas/receipt.xsd, namespace urn:brobyg:receipt:1). Throws
// brobyg::Error naming the field when a field would not parse back.
std::string toXml(const Receipt& receipt);

// Strict parse of a receipt's XML: the one root element in the namespace, each field exactly
// once and in order, nothing else, every value in its form. Throws brobyg::Error
// "<where>:<line>: ..." naming the element, never its value.
Receipt parseXml(std::string_view xml, const std::string& where);

// PEM ("-----BEGIN CMS-----") CMS SignedData with the XML attached (SHA-256, the signer
// certificate included). The key file must be private (requirePrivateFile) and belong to the
// certificate. Throws brobyg::Error naming the file.
std::string sign(const Receipt& receipt, const std::string& certPemPath,
                 const std::string& keyPemPath);

// Verifies the signature of a PEM receipt (exactly one signer, its certificate carried in the
// structure; no CA is trusted), requires that signer to BE the certificate in
// `pinnedCertPemPath` (same DER), and parses the XML. Throws brobyg::Error naming both
// certificates (subject and SHA-256) when the signer is another one.
Receipt verify(std::string_view pem, const std::string& pinnedCertPemPath);

}  // namespace brobyg::receipt
