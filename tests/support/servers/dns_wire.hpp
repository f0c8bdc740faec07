// dns_wire.hpp — the DNS message format (RFC 1035 §4) as far as the test
// responder needs it: read a query, write a response. Internal to
// tests/support/servers.
//
// Names are written uncompressed, except that a record owned by the question
// name points back at it (offset 12). Throws std::invalid_argument for a name
// that cannot be encoded (a label longer than 63 bytes, a name over 255).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tests/support/servers/dns_answer.hpp"

namespace nyxmon::testing::dns_wire {

// A query's header and its (first) question.
struct Query {
  std::uint16_t id = 0;
  std::uint16_t flags = 0;
  std::string name;  // lower case, no trailing dot ("example.test"; "" for the root)
  std::uint16_t type = 0;
  std::string question;  // the question section exactly as received
};

// "example.test" (or "example.test.") as length-prefixed labels.
std::string encode_name(std::string_view name);

// Lower case without a trailing dot, the form names are compared in.
std::string normalise_name(std::string_view name);

// The query in `packet`, or nullopt if it is not a query with one readable
// question.
std::optional<Query> parse_query(std::string_view packet);

// The response to `query` from `answer` (rcode, records, flags, and the
// garbage / wrong id / cut short / truncation faults; silence is the
// caller's business).
std::string encode_response(const Query& query, const DnsAnswer& answer);

// A response carrying only a header with `rcode` (FORMERR for a query that
// could not be read).
std::string encode_header_only(std::uint16_t id, DnsRcode rcode);

}  // namespace nyxmon::testing::dns_wire
