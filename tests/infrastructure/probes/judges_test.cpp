#include "infrastructure/probes/judges.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::probes {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

HttpExchange answered(int status, std::string body = "", std::chrono::nanoseconds took = 50ms) {
  HttpExchange exchange;
  exchange.status = status;
  exchange.body = std::move(body);
  exchange.timings.total = took;
  return exchange;
}

TEST(HttpJudge, AcceptsWhatWasExpected) {
  HttpSpec spec;
  spec.expect.body_contains = "ok";
  const auto result = judge(spec, answered(200, "all ok"));
  EXPECT_EQ(result.outcome, Outcome::kOk);
  EXPECT_EQ(result.reason, "");
  EXPECT_EQ(result.status_code, 200);
}

TEST(HttpJudge, NamesTheFirstFailedExpectation) {
  struct Case {
    const char* name;
    HttpSpec spec;
    HttpExchange exchange;
    Outcome outcome;
    std::string reason;
  };
  HttpSpec plain;
  HttpSpec listed;
  listed.expect.status = {{200, 200}, {300, 399}};
  HttpSpec body;
  body.expect.body_contains = "healthy";
  HttpSpec regex;
  regex.expect.body_regex = R"("version":\s*"2\.)";
  HttpSpec json;
  json.expect.json_path = "checks.db.state";
  json.expect.json_equals = "up";
  HttpSpec pointer;
  pointer.expect.json_path = "/checks/a.b~1c/state";
  pointer.expect.json_equals = "up";
  HttpSpec listed_json;
  listed_json.expect.json_path = "items.first.id";
  listed_json.expect.json_equals = "1";
  HttpSpec indexed;
  indexed.expect.json_path = "/items/1/id";
  indexed.expect.json_equals = "2";
  HttpSpec slow;
  slow.expect.latency_warn = 100ms;
  slow.expect.latency_fail = 1s;
  HttpSpec header;
  header.expect.headers = {{"Content-Type", "json"}};
  HttpSpec redirect;
  redirect.follow_redirects = false;
  redirect.expect.status = {{301, 302}};
  redirect.expect.location = "https://example.com/";
  HttpExchange redirected = answered(301);
  redirected.first_location = "http://example.com/";
  HttpExchange refused;
  refused.failure = "connection refused by 127.0.0.1:8081";
  HttpExchange expiring = answered(200);
  expiring.certificate_days_left = 5;
  HttpExchange expired = answered(200);
  expired.certificate_days_left = 2;
  HttpExchange typed = answered(200);
  typed.headers = {{"content-type", "text/html"}};

  const std::vector<Case> cases = {
      {"status", plain, answered(503), Outcome::kFail, "expected status 200-299, got 503"},
      {"status list", listed, answered(404), Outcome::kFail,
       "expected status 200, 300-399, got 404"},
      {"body", body, answered(200, "degraded"), Outcome::kFail, "body does not contain 'healthy'"},
      {"regex", regex, answered(200, R"({"version": "1.9"})"), Outcome::kFail,
       R"(body does not match /"version":\s*"2\./)"},
      {"regex ok", regex, answered(200, R"({"version": "2.1"})"), Outcome::kOk, ""},
      {"json", json, answered(200, R"({"checks":{"db":{"state":"down"}}})"), Outcome::kFail,
       R"(JSON checks.db.state is "down", expected "up")"},
      {"json ok", json, answered(200, R"({"checks":{"db":{"state":"up"}}})"), Outcome::kOk, ""},
      {"json missing", json, answered(200, R"({"checks":{}})"), Outcome::kFail,
       "JSON has no 'checks.db'"},
      {"not json", json, answered(200, "<html>"), Outcome::kFail, ""},
      {"pointer ok", pointer, answered(200, R"({"checks":{"a.b/c":{"state":"up"}}})"), Outcome::kOk,
       ""},
      {"pointer", pointer, answered(200, R"({"checks":{"a.b/c":{"state":"down"}}})"),
       Outcome::kFail, R"(JSON /checks/a.b~1c/state is "down", expected "up")"},
      {"pointer missing", pointer, answered(200, R"({"checks":{"a":{}}})"), Outcome::kFail,
       "JSON has no '/checks/a.b~1c'"},
      {"pointer index", indexed, answered(200, R"({"items":[{"id":1},{"id":2}]})"), Outcome::kOk,
       ""},
      {"list index", listed_json, answered(200, R"({"items":[{"id":1}]})"), Outcome::kFail,
       "JSON at 'items' is a list; 'first' is not an index"},
      {"slow warns", slow, answered(200, "", 300ms), Outcome::kWarn, "took 300ms (> 100ms)"},
      {"slower fails", slow, answered(200, "", 2s), Outcome::kFail, "took 2s (> 1s)"},
      {"header", header, typed, Outcome::kFail,
       "expected header Content-Type to contain 'json', got 'text/html'"},
      {"location", redirect, redirected, Outcome::kFail,
       "expected a redirect to https://example.com/, got http://example.com/"},
      {"refused", plain, refused, Outcome::kFail, "connection refused by 127.0.0.1:8081"},
      {"certificate warns", plain, expiring, Outcome::kWarn,
       "certificate expires in 5 days (< 14)"},
      {"certificate fails", plain, expired, Outcome::kFail, "certificate expires in 2 days (< 3)"},
  };
  for (const Case& c : cases) {
    const auto result = judge(c.spec, c.exchange);
    EXPECT_EQ(result.outcome, c.outcome) << c.name << ": " << result.reason;
    if (!c.reason.empty()) {
      EXPECT_EQ(result.reason, c.reason) << c.name;
    }
  }
}

TEST(DnsJudge, MatchesAnyOrAllExpectedAnswersAndTheRcode) {
  DnsSpec any{.name = "example.com", .expected = {"192.0.2.1", "192.0.2.9"}};
  DnsSpec all = any;
  all.match = DnsMatch::kAll;
  DnsQueryResult answer{.rcode = "NOERROR", .answers = {"192.0.2.1", "192.0.2.2"}};
  EXPECT_EQ(judge(any, answer).outcome, Outcome::kOk);
  const auto partial = judge(all, answer);
  EXPECT_EQ(partial.outcome, Outcome::kFail);
  EXPECT_EQ(partial.reason, "expected all of 192.0.2.1, 192.0.2.9, got 192.0.2.1, 192.0.2.2");
  DnsSpec gone{.name = "gone.example", .expected_rcode = "NXDOMAIN"};
  EXPECT_EQ(judge(gone, DnsQueryResult{.rcode = "NXDOMAIN"}).outcome, Outcome::kOk);
  const auto wrong = judge(any, DnsQueryResult{.rcode = "SERVFAIL"});
  EXPECT_EQ(wrong.reason, "expected rcode NOERROR, got SERVFAIL");
  EXPECT_EQ(judge(DnsSpec{.name = "x"}, DnsQueryResult{.rcode = "NOERROR"}).reason,
            "no A records for x");
}

TEST(IcmpJudge, LossAndRoundTripLevels) {
  IcmpSpec spec{.host = "h",
                .count = 4,
                .loss_warn_percent = 20,
                .loss_fail_percent = 100,
                .rtt_warn = 50ms,
                .rtt_fail = 200ms};
  IcmpEchoResult all{.sent = 4, .received = 4, .rtt_avg = 10ms};
  EXPECT_EQ(judge(spec, all).outcome, Outcome::kOk);
  IcmpEchoResult some = all;
  some.received = 3;
  EXPECT_EQ(judge(spec, some).outcome, Outcome::kWarn);
  EXPECT_EQ(judge(spec, some).reason, "25% loss (3/4 received)");
  IcmpEchoResult none{.sent = 4, .received = 0};
  EXPECT_EQ(judge(spec, none).outcome, Outcome::kFail);
  IcmpEchoResult slow = all;
  slow.rtt_avg = 300ms;
  EXPECT_EQ(judge(spec, slow).reason, "average round trip 300ms (> 200ms)");
  IcmpEchoResult denied{.failure = "cannot open an ICMP socket: ..."};
  EXPECT_EQ(judge(spec, denied).outcome, Outcome::kError) << "a probe that cannot run is an error";
}

TEST(TlsJudge, CertificateExpiryLevels) {
  TlsSpec spec{.host = "h"};
  TcpExchange fine{.certificate_days_left = 40};
  TcpExchange soon{.certificate_days_left = 10};
  TcpExchange gone{.certificate_days_left = -3};
  EXPECT_EQ(judge(spec, fine).outcome, Outcome::kOk);
  EXPECT_EQ(judge(spec, soon).reason, "certificate expires in 10 days (< 14)");
  EXPECT_EQ(judge(spec, gone).reason, "certificate expired 3 days ago");
}

}  // namespace
}  // namespace nyxmon::infra::probes
