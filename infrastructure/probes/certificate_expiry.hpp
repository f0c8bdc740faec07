// certificate_expiry.hpp — how long the certificates a TLS peer served stay
// valid.
#pragma once

#include <openssl/ssl.h>

#include <optional>

namespace nyxmon::infra::probes {

// Whole days until the earliest notAfter of the chain the peer served on
// `connection` (negative once expired), or nullopt when it served none.
// Reads the system clock.
std::optional<int> days_until_earliest_expiry(SSL* connection);

}  // namespace nyxmon::infra::probes
