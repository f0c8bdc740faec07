// dns_answer.hpp — what a DnsTestResponder says to one question: resource
// records and a response code, or a deliberate fault.
//
//   DnsAnswer::records({DnsRecord::a("192.0.2.10", 60s)})
//   DnsAnswer::records({DnsRecord::cname("real.test"),
//                       DnsRecord::a("192.0.2.11").owned_by("real.test")})
//   DnsAnswer::nxdomain()
//   DnsAnswer::records({DnsRecord::a("192.0.2.10")}).with(DnsFault::wrong_transaction_id)
//   DnsAnswer::silence()                       // for resolver timeouts
//
// Record data is encoded to DNS wire format when the record is made, so a
// bad address or an over-long label throws std::invalid_argument right in the
// test that wrote it.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nyxmon::testing {

enum class DnsType : std::uint16_t {
  a = 1,
  ns = 2,
  cname = 5,
  soa = 6,
  mx = 15,
  txt = 16,
  aaaa = 28,
};

enum class DnsRcode : std::uint8_t {
  no_error = 0,
  format_error = 1,
  server_failure = 2,  // SERVFAIL
  name_error = 3,      // NXDOMAIN
  not_implemented = 4,
  refused = 5,
};

// Ways to answer badly on purpose.
enum class DnsFault {
  none,
  silence,               // no reply at all: the client times out
  garbage,               // bytes that are not a DNS message
  wrong_transaction_id,  // the right answer with another id: a spoof to ignore
  cut_short,             // the right answer with its second half missing
  truncation_flag,       // TC set and no records: "retry over TCP"
};

struct DnsRecord {
  std::string owner = {};  // empty: the question's name
  DnsType type = DnsType::a;
  std::chrono::seconds ttl{300};
  std::string rdata = {};  // wire format

  static DnsRecord a(std::string_view ipv4, std::chrono::seconds ttl = std::chrono::seconds(300));
  static DnsRecord aaaa(std::string_view ipv6,
                        std::chrono::seconds ttl = std::chrono::seconds(300));
  static DnsRecord cname(std::string_view target,
                         std::chrono::seconds ttl = std::chrono::seconds(300));
  static DnsRecord ns(std::string_view host, std::chrono::seconds ttl = std::chrono::seconds(300));
  static DnsRecord mx(std::uint16_t preference, std::string_view exchange,
                      std::chrono::seconds ttl = std::chrono::seconds(300));
  // One TXT record made of several character-strings (each at most 255 bytes).
  static DnsRecord txt(const std::vector<std::string>& strings,
                       std::chrono::seconds ttl = std::chrono::seconds(300));
  static DnsRecord soa(std::string_view primary_server, std::string_view responsible_mailbox,
                       std::uint32_t serial, std::chrono::seconds refresh,
                       std::chrono::seconds retry, std::chrono::seconds expire,
                       std::chrono::seconds minimum_ttl,
                       std::chrono::seconds ttl = std::chrono::seconds(300));

  // A copy whose owner name is `name` (for the A record at the end of a
  // CNAME chain, say).
  DnsRecord owned_by(std::string name) const;
};

struct DnsAnswer {
  DnsRcode rcode = DnsRcode::no_error;
  std::vector<DnsRecord> answers = {};
  std::vector<DnsRecord> authority = {};  // e.g. the SOA of a negative answer
  DnsFault fault = DnsFault::none;
  std::chrono::milliseconds delay{0};  // before replying
  bool authoritative = true;           // the AA flag

  static DnsAnswer records(std::vector<DnsRecord> answers);
  static DnsAnswer nxdomain();
  static DnsAnswer servfail();
  static DnsAnswer refused();
  static DnsAnswer silence();
  static DnsAnswer garbage();

  // Copies with one thing changed, for chaining.
  DnsAnswer with(DnsFault fault) const;
  DnsAnswer after(std::chrono::milliseconds delay) const;
  DnsAnswer with_authority(DnsRecord record) const;
};

}  // namespace nyxmon::testing
