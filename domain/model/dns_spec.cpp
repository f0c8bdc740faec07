#include "domain/model/dns_spec.hpp"

namespace nyxmon::domain {

std::string_view to_string(DnsQueryType type) {
  switch (type) {
    case DnsQueryType::kA:
      return "A";
    case DnsQueryType::kAaaa:
      return "AAAA";
    case DnsQueryType::kCname:
      return "CNAME";
    case DnsQueryType::kMx:
      return "MX";
    case DnsQueryType::kTxt:
      return "TXT";
    case DnsQueryType::kNs:
      return "NS";
    case DnsQueryType::kSoa:
      return "SOA";
  }
  return "A";
}

std::optional<DnsQueryType> parse_dns_query_type(std::string_view text) {
  for (auto type : {DnsQueryType::kA, DnsQueryType::kAaaa, DnsQueryType::kCname, DnsQueryType::kMx,
                    DnsQueryType::kTxt, DnsQueryType::kNs, DnsQueryType::kSoa}) {
    if (text == to_string(type)) return type;
  }
  return std::nullopt;
}

void validate(const DnsSpec& spec, const std::string& path, ValidationProblems& problems) {
  if (spec.name.empty() || spec.name.size() > 253 ||
      spec.name.find_first_of(" /\t") != std::string::npos) {
    problems.push_back({path + ".name", spec.name.empty()
                                            ? "is missing; give the name to query"
                                            : "'" + spec.name + "' is not a DNS name"});
  }
  static constexpr std::string_view kRcodes[] = {"NOERROR",  "FORMERR", "SERVFAIL",
                                                 "NXDOMAIN", "NOTIMP",  "REFUSED"};
  bool known = false;
  for (auto rcode : kRcodes)
    known |= spec.expected_rcode == rcode;
  if (!known) {
    problems.push_back({path + ".rcode", "'" + spec.expected_rcode +
                                             "' is not an rcode (NOERROR, NXDOMAIN, SERVFAIL, "
                                             "REFUSED, FORMERR, NOTIMP)"});
  }
  if (!spec.server.empty() && spec.server.find_first_of(" /") != std::string::npos) {
    problems.push_back({path + ".server", "'" + spec.server + "' is not ip or ip:port"});
  }
}

}  // namespace nyxmon::domain
