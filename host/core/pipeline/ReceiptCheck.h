#pragma once

#include <string>

#include "receipt/Receipt.h"
#include "state/StateStore.h"

namespace brobyg::pipeline {

// The host's check of a destination's receipt before it records a delivery (issue 14 item 4,
// DESIGN §6): the CMS signature is by exactly the pinned certificate (a destination's
// receipt-certificate; no CA is trusted), and the receipt names this outbox entry's package
// id, SHA-256 and size. A plugin could return anything: only what the receiver signed for
// the bytes the host stored counts as delivered. Throws brobyg::Error naming the destination
// and what does not match (ids and hashes, never personal data).
receipt::Receipt checkReceipt(const std::string& pem, const std::string& pinnedCertificate,
                              const state::OutboxEntry& entry);

}  // namespace brobyg::pipeline
