#include "infrastructure/probes/dns_query.hpp"

#include <gtest/gtest.h>

#include "tests/support/run_on_io.hpp"
#include "tests/support/servers/dns_test_responder.hpp"

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using testing::DnsAnswer;
using testing::DnsRecord;
using testing::DnsTestResponder;
using testing::DnsType;

class DnsQuery : public ::testing::Test {
 protected:
  DnsTestResponder dns;
  std::string server() const { return "127.0.0.1:" + std::to_string(dns.port()); }

  DnsQueryResult query(std::string name, DnsRecordType type,
                       std::chrono::nanoseconds timeout = 2s) {
    DnsQueryRequest request{std::move(name), type, server(), timeout};
    return testing::run_on_io<DnsQueryResult>(
        [&](auto executor, auto done) { start_dns_query(executor, request, std::move(done)); });
  }
};

TEST_F(DnsQuery, ReturnsAddressRecordsAsText) {
  dns.answer("web.test", DnsType::a,
             DnsAnswer::records({DnsRecord::a("192.0.2.10"), DnsRecord::a("192.0.2.11")}));
  const auto result = query("web.test", DnsRecordType::kA);
  EXPECT_EQ(result.failure, "");
  EXPECT_EQ(result.rcode, "NOERROR");
  EXPECT_EQ(result.answers, (std::vector<std::string>{"192.0.2.10", "192.0.2.11"}));
  EXPECT_EQ(dns.query_count("web.test", DnsType::a), 1u);
}

TEST_F(DnsQuery, ReadsEveryRecordType) {
  dns.answer("v6.test", DnsType::aaaa, DnsAnswer::records({DnsRecord::aaaa("2001:db8::1")}));
  dns.answer("alias.test", DnsType::cname, DnsAnswer::records({DnsRecord::cname("real.test")}));
  dns.answer("mail.test", DnsType::mx, DnsAnswer::records({DnsRecord::mx(10, "mx1.mail.test")}));
  dns.answer("txt.test", DnsType::txt, DnsAnswer::records({DnsRecord::txt({"v=spf1 ", "-all"})}));
  dns.answer("zone.test", DnsType::ns, DnsAnswer::records({DnsRecord::ns("ns1.zone.test")}));
  dns.answer("zone.test", DnsType::soa,
             DnsAnswer::records({DnsRecord::soa("ns1.zone.test", "admin.zone.test", 2026112401,
                                                3600s, 600s, 86400s, 300s)}));
  EXPECT_EQ(query("v6.test", DnsRecordType::kAaaa).answers,
            std::vector<std::string>{"2001:db8::1"});
  EXPECT_EQ(query("alias.test", DnsRecordType::kCname).answers,
            std::vector<std::string>{"real.test"});
  EXPECT_EQ(query("mail.test", DnsRecordType::kMx).answers,
            std::vector<std::string>{"10 mx1.mail.test"});
  EXPECT_EQ(query("txt.test", DnsRecordType::kTxt).answers,
            std::vector<std::string>{"v=spf1 -all"});
  EXPECT_EQ(query("zone.test", DnsRecordType::kNs).answers,
            std::vector<std::string>{"ns1.zone.test"});
  EXPECT_EQ(query("zone.test", DnsRecordType::kSoa).answers,
            std::vector<std::string>{"ns1.zone.test admin.zone.test 2026112401"});
}

TEST_F(DnsQuery, ReportsTheRcodeOfANegativeAnswer) {
  dns.answer("gone.test", DnsAnswer::nxdomain());
  dns.answer("broken.test", DnsAnswer::servfail());
  const auto gone = query("gone.test", DnsRecordType::kA);
  EXPECT_EQ(gone.failure, "");
  EXPECT_EQ(gone.rcode, "NXDOMAIN");
  EXPECT_TRUE(gone.answers.empty());
  const auto broken = query("broken.test", DnsRecordType::kA);
  EXPECT_EQ(broken.rcode, "SERVFAIL") << broken.failure;
}

TEST_F(DnsQuery, SilenceTimesOutWithinTheTimeout) {
  dns.answer("slow.test", DnsAnswer::silence());
  const auto started = std::chrono::steady_clock::now();
  const auto result = query("slow.test", DnsRecordType::kA, 300ms);
  EXPECT_TRUE(result.timed_out) << result.failure;
  EXPECT_NE(result.failure.find("timed out after 300ms waiting for 127.0.0.1"), std::string::npos)
      << result.failure;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
}

TEST_F(DnsQuery, GarbageAndSpoofedRepliesAreNotAnswers) {
  dns.answer("garbage.test", DnsAnswer::garbage());
  dns.answer("spoof.test", DnsType::a,
             DnsAnswer::records({DnsRecord::a("203.0.113.66")})
                 .with(testing::DnsFault::wrong_transaction_id));
  const auto garbage = query("garbage.test", DnsRecordType::kA, 400ms);
  EXPECT_FALSE(garbage.failure.empty());
  EXPECT_TRUE(garbage.answers.empty());
  const auto spoof = query("spoof.test", DnsRecordType::kA, 400ms);
  EXPECT_TRUE(spoof.timed_out) << spoof.failure;
  EXPECT_TRUE(spoof.answers.empty());
}

TEST_F(DnsQuery, AServerThatIsNotAnAddressIsRefusedClearly) {
  DnsQueryRequest request{"web.test", DnsRecordType::kA, "not an address", 1s};
  const auto result = testing::run_on_io<DnsQueryResult>(
      [&](auto executor, auto done) { start_dns_query(executor, request, std::move(done)); });
  EXPECT_NE(result.failure.find("'not an address' is not a DNS server address"), std::string::npos)
      << result.failure;
}

}  // namespace
}  // namespace nyxmon::infra::probes
