// dns_response.hpp — what a DNS response says: its rcode, and the answers
// of the type asked as text. The bytes come from the network, so anything
// may arrive; every outcome is a value (fuzzed: fuzz/dns_response_fuzz.cpp).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "infrastructure/probes/dns_query.hpp"

namespace nyxmon::infra::probes {

struct DnsResponse {
  std::string rcode;  // "NOERROR", "NXDOMAIN", ... ; empty when shorter than a header
  // With NOERROR: the answers of the type asked (see DnsQueryResult).
  std::vector<std::string> answers;
  bool malformed = false;  // NOERROR, but the answers do not parse
};

DnsResponse read_dns_response(DnsRecordType type, std::span<const unsigned char> bytes);

}  // namespace nyxmon::infra::probes
