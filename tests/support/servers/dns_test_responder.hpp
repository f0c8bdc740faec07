// dns_test_responder.hpp — a real DNS server on UDP 127.0.0.1 that answers
// each (name, type) as the test scripted, for the DNS probe tests.
//
//   DnsTestResponder dns;
//   dns.answer("web.test", DnsType::a, DnsAnswer::records({DnsRecord::a("192.0.2.10")}));
//   dns.answer("gone.test", DnsAnswer::nxdomain());          // every type
//   dns.answer("slow.test", DnsType::a, DnsAnswer::silence());
//   resolve_via("127.0.0.1", dns.port(), "web.test");
//   EXPECT_EQ(dns.query_count("web.test", DnsType::a), 1u);
//
// Contract:
// - Binds UDP 127.0.0.1 with an ephemeral port as soon as it is constructed
//   (no TCP: a resolver that falls back to TCP after a truncated reply finds
//   nothing there); runs its own io_context on its own thread; the
//   destructor stops it and joins.
// - A question is answered by its (name, type) script, else by its name's
//   every-type script, else by the fallback (REFUSED unless set). Names match
//   case-insensitively, with or without the trailing dot. Record data (A,
//   AAAA, CNAME, MX, TXT, NS, SOA) is written in DNS wire format, the
//   question echoed, names of records owned by the question compressed.
// - A query that cannot be read is answered FORMERR (or dropped if it has no
//   complete header) and still counted.
// - Every method is thread-safe; a change applies to queries received after it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tests/support/servers/dns_answer.hpp"

namespace nyxmon::testing {

// A question as the responder read it.
struct DnsQuestion {
  std::string name;    // lower case, no trailing dot
  std::uint16_t type;  // a DnsType value, or any other the client asked for
  std::uint16_t transaction_id;
  bool recursion_desired;
};

class DnsTestResponder {
 public:
  DnsTestResponder();
  ~DnsTestResponder();
  DnsTestResponder(const DnsTestResponder&) = delete;
  DnsTestResponder& operator=(const DnsTestResponder&) = delete;

  std::uint16_t port() const;

  // How to answer `type` questions about `name` from now on.
  void answer(std::string_view name, DnsType type, DnsAnswer answer);
  // How to answer questions of every type about `name` that have no
  // type-specific answer.
  void answer(std::string_view name, DnsAnswer answer);
  // How to answer everything else.
  void set_fallback(DnsAnswer answer);

  // Datagrams received, readable or not.
  std::size_t query_count() const;
  std::size_t query_count(std::string_view name, DnsType type) const;
  // The last question read, or nullopt before the first.
  std::optional<DnsQuestion> last_question() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nyxmon::testing
