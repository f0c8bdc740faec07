// Fuzz target: a DNS response as a hostile server could send it, read for
// every record type a check can ask for.
#include <cstddef>
#include <cstdint>
#include <span>

#include "infrastructure/probes/dns_response.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using nyxmon::infra::probes::DnsRecordType;
  const std::span<const unsigned char> bytes(data, size);
  for (auto type :
       {DnsRecordType::kA, DnsRecordType::kAaaa, DnsRecordType::kCname, DnsRecordType::kMx,
        DnsRecordType::kTxt, DnsRecordType::kNs, DnsRecordType::kSoa}) {
    const auto response = nyxmon::infra::probes::read_dns_response(type, bytes);
    if (response.malformed && !response.answers.empty()) __builtin_trap();
  }
  return 0;
}
