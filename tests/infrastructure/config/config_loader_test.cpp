#include "infrastructure/config/config_loader.hpp"

#include <gtest/gtest.h>

namespace nyxmon::infra::config {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

TEST(ConfigLoader, ReadsServicesChecksDefaultsAndNotifiers) {
  const auto config = parse_config(R"(
engine:
  durability: async
  max_in_flight: 64
defaults:
  interval: 30s
  notify: [ops]
notifiers:
  - id: ops
    kind: slack
    url: https://hooks.example.com/T000
services:
  - id: web
    name: Website
    checks:
      - id: home
        http:
          url: https://example.com/
          expect:
            status: [200, "300-399"]
            body_contains: Welcome
            latency_warn: 500ms
      - id: dns
        interval: 5m
        dns: { name: example.com, type: AAAA, expect: ["2001:db8::1"], match: all }
      - id: nightly
        heartbeat: { period: 1d, grace: 1h }
)",
                                   "nyxmon.yaml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings.durability, eventstore::Durability::kAsync);
  EXPECT_EQ(config->settings.max_in_flight, 64u);
  ASSERT_EQ(config->checks.size(), 3u);
  const CheckSpec& home = config->checks[0];
  EXPECT_EQ(home.service, ServiceId{"web"});
  EXPECT_EQ(home.interval, Duration(30s));
  EXPECT_EQ(home.notifiers, std::vector<NotifierId>{NotifierId{"ops"}});
  const auto& http = std::get<HttpSpec>(home.probe);
  EXPECT_EQ(http.expect.status, (std::vector<StatusRange>{{200, 200}, {300, 399}}));
  EXPECT_EQ(http.expect.latency_warn, Duration(500ms));
  EXPECT_EQ(config->checks[1].interval, Duration(5min));
  EXPECT_EQ(std::get<DnsSpec>(config->checks[1].probe).type, DnsQueryType::kAaaa);
  EXPECT_EQ(std::get<DnsSpec>(config->checks[1].probe).match, DnsMatch::kAll);
  EXPECT_EQ(config->checks[2].failure_threshold, 1) << "heartbeats go down at the first miss";
  EXPECT_EQ(config->notifiers[0].kind, NotifierKind::kSlack);
  EXPECT_EQ(config->hash.size(), 64u);
}

TEST(ConfigLoader, EveryProblemIsLocatedAndNamed) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - id: home
        intervall: 30s
        http:
          url: ftp://example.com/
      - id: db
        interval: 5x
        tcp: { host: db, port: 99999 }
      - id: nothing
)",
                                   "checks.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  EXPECT_NE(
      message.find("checks.yaml:5:9: services[0].checks[0]: unknown field 'intervall' (did you "
                   "mean 'interval'?)"),
      std::string::npos)
      << message;
  EXPECT_NE(
      message.find("checks.yaml:7:16: services[0].checks[0].http.url: 'ftp://example.com/' is not "
                   "an http:// or https:// URL"),
      std::string::npos)
      << message;
  EXPECT_NE(
      message.find("checks.yaml:9:19: services[0].checks[1].interval: '5x' is not a duration (use "
                   "30s, 5m, 1h)"),
      std::string::npos)
      << message;
  EXPECT_NE(message.find("services[0].checks[1].tcp.port: 99999 is not a port (1-65535)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("services[0].checks[2]: says nothing to probe"), std::string::npos)
      << message;
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 4) << "five problems, one per line";
}

TEST(ConfigLoader, SyntaxErrorsSayWhere) {
  const auto config = parse_config("services:\n  - id: web\n    checks: [\n", "broken.yaml");
  ASSERT_FALSE(config);
  EXPECT_TRUE(config.error().message.starts_with("broken.yaml:")) << config.error().message;
}

TEST(ConfigLoader, ReferencesAndDuplicatesAreChecked) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - { id: a, notify: [pager], tcp: { host: x, port: 1 } }
      - { id: a, tcp: { host: x, port: 2 } }
)",
                                   "c.yaml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("notifies 'pager', which is not in notifiers"),
            std::string::npos);
  EXPECT_NE(config.error().message.find("check a: the id is used by another check"),
            std::string::npos);
}

TEST(ConfigLoader, AnInvalidRegexIsCaughtAtLoad) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - id: a
        http: { url: "http://x/", expect: { body_regex: "(unclosed" } }
)",
                                   "c.yaml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("body_regex: not a valid regular expression"),
            std::string::npos)
      << config.error().message;
}

TEST(ConfigLoader, AMissingFileIsNamed) {
  const auto config = load_config_file("/nonexistent/nyxmon.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "cannot read configuration /nonexistent/nyxmon.yaml: no such file or not readable");
}

TEST(ConfigLoader, ReadsTheHttpSettings) {
  const auto config = parse_config(
      "engine: { listen: \"0.0.0.0:9000\", public_reads: true, api_token: abcdefghijklmnop }\n"
      "services: []\n",
      "http.yaml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings.listen, "0.0.0.0:9000");
  EXPECT_TRUE(config->settings.public_reads);
  EXPECT_EQ(config->settings.api_token, "abcdefghijklmnop");

  const auto short_token = parse_config("engine: { api_token: short }\nservices: []\n", "t.yaml");
  ASSERT_FALSE(short_token);
  EXPECT_NE(short_token.error().message.find("t.yaml:1:"), std::string::npos)
      << short_token.error().message;
  EXPECT_NE(short_token.error().message.find("api_token: must be at least 16 characters"),
            std::string::npos)
      << short_token.error().message;
}

}  // namespace
}  // namespace nyxmon::infra::config
