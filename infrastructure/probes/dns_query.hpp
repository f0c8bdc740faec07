// dns_query.hpp — one DNS query through c-ares, driven by the io_context:
// c-ares tells us which sockets to watch, Asio waits on them, and no thread
// is started per query.
//
// Observes and reports (rcode, answers as text); the caller judges.
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace nyxmon::infra::probes {

enum class DnsRecordType { kA, kAaaa, kCname, kMx, kTxt, kNs, kSoa };

struct DnsQueryRequest {
  std::string name;
  DnsRecordType type = DnsRecordType::kA;
  std::string server;  // "ip" or "ip:port"; empty: the system's resolvers
  std::chrono::nanoseconds timeout = std::chrono::seconds(5);
};

struct DnsQueryResult {
  // Empty when a response arrived (whatever its rcode); otherwise why none
  // did: "timed out after 2s waiting for 127.0.0.1:5353", "malformed response".
  std::string failure;
  bool timed_out = false;
  std::string rcode;  // "NOERROR", "NXDOMAIN", "SERVFAIL", "REFUSED", ...
  // Answers of the asked type, as text: A "192.0.2.1", AAAA "2001:db8::1",
  // CNAME/NS "target.example", MX "10 mail.example", TXT the text,
  // SOA "mname rname serial".
  std::vector<std::string> answers;
  std::chrono::nanoseconds duration{0};
};

// Starts the query on `executor`; calls `done` there exactly once.
void start_dns_query(boost::asio::any_io_executor executor, DnsQueryRequest request,
                     std::function<void(DnsQueryResult)> done);

const char* to_string(DnsRecordType type);

}  // namespace nyxmon::infra::probes
