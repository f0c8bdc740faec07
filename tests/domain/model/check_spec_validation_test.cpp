#include "domain/model/check_spec.hpp"

#include <gtest/gtest.h>

#include "tests/support/domain_builders.hpp"

namespace nyxmon::domain {
namespace {

using namespace std::chrono_literals;

bool has_problem(const ValidationProblems& problems, const std::string& path,
                 const std::string& message_part) {
  for (const auto& problem : problems) {
    if (problem.path == path && problem.message.find(message_part) != std::string::npos)
      return true;
  }
  return false;
}

TEST(CheckSpecValidation, DefaultsOfAValidCheckPass) {
  EXPECT_TRUE(validate(testing::http_check("api"), "checks[0]").empty());
  EXPECT_TRUE(validate(testing::heartbeat_check("backup"), "checks[1]").empty());
}

TEST(CheckSpecValidation, ReportsEveryProblemWithItsFieldPath) {
  CheckSpec spec = testing::http_check("api!", "web", "ftp://example.com");
  spec.interval = 0s;
  spec.failure_threshold = 0;
  auto& http = std::get<HttpSpec>(spec.probe);
  http.expect.status = {{200, 200}, {700, 700}};
  http.method = "FETCH";
  http.expect.latency_warn = 2s;
  http.expect.latency_fail = 1s;
  const auto problems = validate(spec, "checks[3]");
  EXPECT_TRUE(has_problem(problems, "checks[3].id", "contains '!'")) << problems.size();
  EXPECT_TRUE(has_problem(problems, "checks[3].interval", "longer than 0"));
  EXPECT_TRUE(has_problem(problems, "checks[3].failure_threshold", "0 is not 1-100"));
  EXPECT_TRUE(has_problem(problems, "checks[3].http.url", "not an http:// or https:// URL"));
  EXPECT_TRUE(has_problem(problems, "checks[3].http.method", "'FETCH'"));
  EXPECT_TRUE(has_problem(problems, "checks[3].http.expect.status", "700 is not an HTTP status"));
  EXPECT_TRUE(has_problem(problems, "checks[3].http.expect.latency_warn", "above latency_fail"));
  EXPECT_EQ(problems.size(), 8u) << "the id, interval, threshold, url, method, status (twice: low "
                                    "and high of 700-700) and latency problems";
}

TEST(CheckSpecValidation, AJsonPathIsAPointerOrTheDottedShorthand) {
  CheckSpec spec = testing::http_check("api");
  auto& http = std::get<HttpSpec>(spec.probe);
  for (const char* good : {"/checks/db~1x/state", "/a~0b", "checks.db.state", "a~b"}) {
    http.expect.json_path = good;
    EXPECT_TRUE(validate(spec, "c").empty()) << good;
  }
  for (const char* bad : {"/checks/a~2", "/trailing~"}) {
    http.expect.json_path = bad;
    EXPECT_TRUE(has_problem(validate(spec, "c"), "c.http.expect.json_path", "not a JSON Pointer"))
        << bad;
  }
}

TEST(CheckSpecValidation, ProbeKindsCheckTheirOwnFields) {
  CheckSpec tcp = testing::http_check("db");
  tcp.probe = TcpSpec{.host = "", .port = 70000};
  auto problems = validate(tcp, "checks[0]");
  EXPECT_TRUE(has_problem(problems, "checks[0].tcp.host", "is missing"));
  EXPECT_TRUE(has_problem(problems, "checks[0].tcp.port", "70000 is not a port"));

  CheckSpec dns = testing::http_check("resolver");
  dns.probe = DnsSpec{.name = "example.com", .expected_rcode = "MAYBE"};
  EXPECT_TRUE(has_problem(validate(dns, "c"), "c.dns.rcode", "'MAYBE' is not an rcode"));

  CheckSpec icmp = testing::http_check("gw");
  icmp.probe = IcmpSpec{.host = "10.0.0.1", .count = 0, .loss_warn_percent = 150};
  problems = validate(icmp, "c");
  EXPECT_TRUE(has_problem(problems, "c.icmp.count", "0 is not 1-100"));
  EXPECT_TRUE(has_problem(problems, "c.icmp.loss_warn_percent", "not a percentage"));
}

TEST(Ids, AcceptOperatorNamesAndExplainWhatIsWrong) {
  EXPECT_EQ(id_problem("api-health_2.eu"), std::nullopt);
  EXPECT_EQ(id_problem(""), "is empty");
  EXPECT_EQ(id_problem("-x"), "must start with a lower-case letter or a digit");
  EXPECT_EQ(id_problem("a b"), "contains ' '; use a-z, 0-9, '_', '.' and '-'");
  EXPECT_EQ(id_problem(std::string(65, 'a')), "is longer than 64 characters");
  EXPECT_EQ(stream_of(CheckId{"api"}), "check-api");
  EXPECT_EQ(stream_of(ServiceId{"web"}), "service-web");
}

}  // namespace
}  // namespace nyxmon::domain
