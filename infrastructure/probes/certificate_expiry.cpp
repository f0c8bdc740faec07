#include "infrastructure/probes/certificate_expiry.hpp"

#include <openssl/x509.h>

namespace nyxmon::infra::probes {

std::optional<int> days_until_earliest_expiry(SSL* connection) {
  STACK_OF(X509)* chain = SSL_get_peer_cert_chain(connection);
  if (chain == nullptr || sk_X509_num(chain) == 0) return std::nullopt;
  std::optional<int> earliest;
  for (int i = 0; i < sk_X509_num(chain); ++i) {
    const ASN1_TIME* not_after = X509_get0_notAfter(sk_X509_value(chain, i));
    int days = 0, seconds = 0;
    if (not_after == nullptr || ASN1_TIME_diff(&days, &seconds, nullptr, not_after) != 1) continue;
    // Whole days, rounded down: expired an hour ago is -1, not 0.
    if (seconds < 0) --days;
    if (!earliest || days < *earliest) earliest = days;
  }
  return earliest;
}

}  // namespace nyxmon::infra::probes
