// dns_spec.hpp — a dns check: one query, and what the answer must be.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

enum class DnsQueryType : std::uint8_t { kA = 0, kAaaa, kCname, kMx, kTxt, kNs, kSoa };
enum class DnsMatch : std::uint8_t {
  kAny = 0,  // at least one expected answer is among the answers
  kAll = 1,  // every expected answer is among the answers
};

std::string_view to_string(DnsQueryType type);
std::optional<DnsQueryType> parse_dns_query_type(std::string_view text);

struct DnsSpec {
  std::string name;
  DnsQueryType type = DnsQueryType::kA;
  std::string server;                 // "ip" or "ip:port"; empty: the system resolvers
  std::vector<std::string> expected;  // empty: any answer will do
  DnsMatch match = DnsMatch::kAny;
  std::string expected_rcode = "NOERROR";

  bool operator==(const DnsSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(name, type, server, expected, match, expected_rcode);
  }
};

void validate(const DnsSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
