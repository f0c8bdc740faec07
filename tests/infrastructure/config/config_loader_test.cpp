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
  EXPECT_NE(config.error().message.find(
                "c.yaml:4:27: services[0].checks[0].notify[0]: 'pager' is not in notifiers"),
            std::string::npos)
      << config.error().message;
  EXPECT_NE(config.error().message.find("c.yaml:5:15: services[0].checks[1].id: 'a' is used by "
                                        "another check (services[0].checks[0])"),
            std::string::npos)
      << config.error().message;
}

TEST(ConfigLoader, ReadsEachNotifiersPolicy) {
  const auto config = parse_config(R"(notifiers:
  - { id: chat, url: "http://127.0.0.1:1/c", notify_on: [down, recovered, maintenance],
      notify_after: 2m, remind_every: 1h, escalate_to: pager, escalate_after: 15m }
  - { id: pager, url: "http://127.0.0.1:1/p" }
services:
  - id: web
    checks:
      - { id: a, notify: [chat], remind_every: 30m, tcp: { host: x, port: 1 } }
      - { id: b, notify: [chat], reminder_interval: 45m, tcp: { host: x, port: 1 } }
)",
                                   "c.yaml");
  ASSERT_TRUE(config) << config.error().message;
  const NotifierSpec& chat = config->notifiers[0];
  EXPECT_EQ(chat.notify_on.describe(), "down, recovered, maintenance");
  EXPECT_EQ(chat.notify_after, Duration(2min));
  EXPECT_EQ(chat.remind_every, Duration(1h));
  EXPECT_EQ(chat.escalate_to, NotifierId{"pager"});
  EXPECT_EQ(chat.escalate_after, Duration(15min));
  EXPECT_EQ(config->notifiers[1].notify_on, NotifyOnSet::usual());
  EXPECT_EQ(config->checks[0].reminder_interval, Duration(30min));
  EXPECT_EQ(config->checks[1].reminder_interval, Duration(45min)) << "the older name still works";
}

TEST(ConfigLoader, APolicyThatCannotBeFollowedIsRefusedWhereItIsWritten) {
  const auto config = parse_config(R"(notifiers:
  - { id: chat, url: "http://127.0.0.1:1/c", notify_on: [down, fire, recoverd],
      escalate_to: nobody,
      escalate_after: 5m }
  - { id: pager, url: "http://127.0.0.1:1/p", escalate_to: pager, escalate_after: 1m }
  - { id: mail, url: "http://127.0.0.1:1/m", escalate_after: 1m }
services:
  - id: web
    checks:
      - { id: a, remind_every: 0s, tcp: { host: x, port: 1 } }
)",
                                   "p.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  for (const char* expected :
       {"p.yaml:2:64: notifiers[0].notify_on[1]: 'fire' is not one of down, degraded, recovered, "
        "flapping_started, flapping_stopped, maintenance\n",
        "notifiers[0].notify_on[2]: 'recoverd' is not one of down, degraded, recovered, "
        "flapping_started, flapping_stopped, maintenance (did you mean 'recovered'?)",
        "notifiers[0].escalate_to: 'nobody' is not in notifiers",
        "notifiers[1].escalate_to: a notifier cannot escalate to itself",
        "notifiers[2].escalate_to: is missing; name the notifier to escalate to",
        "services[0].checks[0].remind_every: must be longer than 0"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
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

// The number of problem lines in a failed load's message.
std::size_t problem_count(const std::string& message) {
  return static_cast<std::size_t>(std::count(message.begin(), message.end(), '\n')) + 1;
}

TEST(ConfigLoader, NumbersBeyondThirtyTwoBitsAreRefusedNotWrapped) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - id: db
        failure_threshold: 4294967299
        tcp: { host: db, port: 4294967376 }
)",
                                   "c.yaml");
  ASSERT_FALSE(config) << "port 80 and threshold 3 after wrapping";
  const std::string& message = config.error().message;
  EXPECT_NE(message.find("c.yaml:5:28: services[0].checks[0].failure_threshold: 4294967299 is "
                         "not 1-100"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("c.yaml:6:32: services[0].checks[0].tcp.port: 4294967376 is not a port "
                         "(1-65535)"),
            std::string::npos)
      << message;
  EXPECT_EQ(problem_count(message), 2u) << message;
}

TEST(ConfigLoader, NumbersTooLongForAnyIntegerAreOutOfRange) {
  const auto config = parse_config(
      "services:\n  - id: web\n    checks:\n"
      "      - { id: db, tcp: { host: db, port: 99999999999999999999999 } }\n",
      "c.yaml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find(
                "c.yaml:4:42: services[0].checks[0].tcp.port: 99999999999999999999999 is not a "
                "port (1-65535)"),
            std::string::npos)
      << config.error().message;
}

TEST(ConfigLoader, TextWhereANumberBelongsIsOneProblem) {
  const auto config = parse_config(
      "services:\n  - id: web\n    checks:\n"
      "      - { id: db, tcp: { host: db, port: eighty } }\n",
      "c.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "c.yaml:4:42: services[0].checks[0].tcp.port: 'eighty' is not a whole number; use a "
            "port (1-65535)")
      << "no second problem about the port 0 left behind";
}

TEST(ConfigLoader, APercentageMustBeAFiniteNumberInRange) {
  const auto config = parse_config(
      "services:\n  - id: web\n    checks:\n"
      "      - { id: gw, icmp: { host: 10.0.0.1, loss_warn_percent: nan, loss_fail_percent: 101 "
      "} }\n",
      "c.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  EXPECT_NE(message.find("icmp.loss_warn_percent: 'nan' is not a number; use a percentage (0-100)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("icmp.loss_fail_percent: 101 is not a percentage (0-100)"),
            std::string::npos)
      << message;
  EXPECT_EQ(problem_count(message), 2u) << message;
}

TEST(ConfigLoader, MaxInFlightMustLetAProbeRun) {
  for (const std::string value : {"0", "-1", "18446744073709551616"}) {
    const auto config =
        parse_config("engine:\n  max_in_flight: " + value + "\nservices: []\n", "e.yaml");
    ASSERT_FALSE(config) << value << ": no check would ever run";
    EXPECT_EQ(config.error().message,
              "e.yaml:2:18: engine.max_in_flight: " + value + " is not 1-100000");
  }
}

TEST(ConfigLoader, IoThreadsAreAFewOrOnePerCpu) {
  for (const std::string value : {"-1", "65", "two"}) {
    const auto config =
        parse_config("engine:\n  io_threads: " + value + "\nservices: []\n", "e.yaml");
    ASSERT_FALSE(config) << value;
    EXPECT_NE(config.error().message.find("e.yaml:2:15: engine.io_threads: "), std::string::npos)
        << config.error().message;
  }
  const auto per_cpu = parse_config("engine: { io_threads: 0 }\nservices: []\n", "e.yaml");
  ASSERT_TRUE(per_cpu) << per_cpu.error().message;
  EXPECT_EQ(per_cpu->settings.io_threads, 0u);
}

TEST(ConfigLoader, ASecondServicesKeyIsReportedNotDropped) {
  const auto config = parse_config(R"(services:
  - { id: web, checks: [ { id: a, tcp: { host: x, port: 1 } } ] }
services:
  - { id: db, checks: [ { id: b, tcp: { host: y, port: 2 } } ] }
)",
                                   "d.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "d.yaml:3:1: 'services' is given twice (first at 1:1); keep one");
}

TEST(ConfigLoader, ADuplicatedKeyInsideACheckIsReported) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - id: db
        tcp: { host: db, port: 5432 }
        interval: 30s
        interval: 5m
)",
                                   "d.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "d.yaml:7:9: services[0].checks[0]: 'interval' is given twice (first at 6:9); keep "
            "one");
}

TEST(ConfigLoader, ADuplicatedHeaderKeyIsReported) {
  const auto config = parse_config(R"(services:
  - id: web
    checks:
      - id: api
        http:
          url: http://x/
          headers: { X-Team: a, X-Team: b }
)",
                                   "d.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "d.yaml:7:33: services[0].checks[0].http.headers: 'X-Team' is given twice (first at "
            "7:22); keep one");
}

TEST(ConfigLoader, AnEmptyFileIsLocated) {
  for (const char* text : {"", "# nothing yet\n"}) {
    const auto config = parse_config(text, "empty.yaml");
    ASSERT_FALSE(config);
    EXPECT_EQ(config.error().message,
              "empty.yaml:1:1: is empty; it needs at least a services list");
  }
}

TEST(ConfigLoader, AnUnknownNotifierInDefaultsIsReportedOnceAtDefaults) {
  const auto config = parse_config(R"(defaults:
  notify: [ops, pager]
notifiers:
  - { id: ops, url: "https://hooks.example.com/" }
services:
  - id: web
    checks:
      - { id: a, tcp: { host: x, port: 1 } }
      - { id: b, tcp: { host: x, port: 2 } }
)",
                                   "n.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "n.yaml:2:17: defaults.notify[1]: 'pager' is not in notifiers");
}

TEST(ConfigLoader, DuplicateNotifierIdsAreLocated) {
  const auto config = parse_config(R"(notifiers:
  - { id: ops, url: "https://a.example.com/" }
  - { id: ops, url: "https://b.example.com/" }
services: []
)",
                                   "n.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "n.yaml:3:11: notifiers[1].id: 'ops' is used by another notifier (notifiers[0])");
}

TEST(ConfigLoader, AProblemInDefaultsIsReportedOnceAtItsOwnLine) {
  const auto config = parse_config(R"(defaults:
  interval: 0s
  failure_threshold: 0
services:
  - id: web
    checks:
      - { id: a, tcp: { host: x, port: 1 } }
      - { id: b, tcp: { host: x, port: 2 } }
      - { id: c, interval: 1m, tcp: { host: x, port: 3 } }
)",
                                   "d.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "d.yaml:2:13: defaults.interval: must be longer than 0 (got 0s)\n"
            "d.yaml:3:22: defaults.failure_threshold: 0 is not 1-100");
}

TEST(ConfigLoader, AHeartbeatPeriodProblemIsReportedOnce) {
  const auto config = parse_config(
      "services:\n  - id: web\n    checks:\n      - { id: nightly, heartbeat: { period: 0s } }\n",
      "h.yaml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            "h.yaml:4:45: services[0].checks[0].heartbeat.period: must be longer than 0 (got 0s)");
}

TEST(ConfigLoader, AHeartbeatCheckRefusesAnIntervalItWouldIgnore) {
  const auto config = parse_config(
      "services:\n  - id: web\n    checks:\n"
      "      - { id: nightly, interval: 5m, heartbeat: { period: 1d } }\n",
      "h.yaml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("h.yaml:4:34: services[0].checks[0].interval: does not "
                                        "apply to a heartbeat check"),
            std::string::npos)
      << config.error().message;
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

constexpr const char* kMaintenanceServices = R"(
services:
  - id: shop
    checks:
      - id: cart
        tcp: { host: 127.0.0.1, port: 8080 }
)";

TEST(ConfigLoader, ReadsWeeklyAndOneOffMaintenanceWindows) {
  const auto config = parse_config(std::string(kMaintenanceServices) + R"(
maintenance:
  - id: backups
    services: [shop]
    every: [sat, sun]
    at: "02:00"
    time_zone: Europe/Berlin
    duration: 1h
    comment: nightly dumps
  - id: migration
    checks: [cart]
    start: 2026-12-05T22:00:00Z
    end: 2026-12-06T01:00:00Z
)",
                                   "nyxmon.yaml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->maintenance.size(), 2u);
  const MaintenanceSpec& backups = config->maintenance[0];
  ASSERT_TRUE(backups.weekly);
  EXPECT_EQ(backups.weekly->days, *weekday_bit("sat") | *weekday_bit("sun"));
  EXPECT_EQ(backups.weekly->minute_of_day, 120);
  EXPECT_EQ(backups.weekly->time_zone, "Europe/Berlin");
  EXPECT_EQ(backups.duration, Duration(1h));
  EXPECT_TRUE(backups.from_configuration);
  EXPECT_EQ(backups.scope.services, std::vector<ServiceId>{ServiceId{"shop"}});
  const MaintenanceSpec& migration = config->maintenance[1];
  EXPECT_FALSE(migration.weekly);
  EXPECT_EQ(migration.duration, Duration(3h));
  EXPECT_EQ(migration.scope.checks, std::vector<CheckId>{CheckId{"cart"}});
}

TEST(ConfigLoader, RefusesMaintenanceWindowsWithEveryProblemLocated) {
  const auto config = parse_config(std::string(kMaintenanceServices) + R"(
maintenance:
  - id: backups
    services: [shops]
    every: [sat, sunday]
    at: "25:00"
    time_zone: Europe/Atlantis
    duration: 1h
  - id: migration
    checks: [cart]
    start: tomorrow
)",
                                   "nyxmon.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  EXPECT_NE(message.find("nyxmon.yaml:10:16: maintenance[0].services[0]: 'shops' is not a service "
                         "here"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("maintenance[0].every: 'sunday' is not a day"), std::string::npos)
      << message;
  EXPECT_NE(message.find("maintenance[0].at: '25:00' is not a time of day as HH:MM"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("maintenance[0].time_zone: time zone 'Europe/Atlantis' is not in the tz "
                         "database"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("maintenance[1].start: 'tomorrow' is not an RFC 3339 instant"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

using namespace nyxmon::domain;

TEST(ConfigLoader, ReadsDependsOnOfChecksAndServices) {
  const auto config = parse_config(R"(
services:
  - id: net
    checks:
      - { id: gateway, tcp: { host: 127.0.0.1, port: 1 } }
  - id: shop
    depends_on: [net]
    checks:
      - { id: cart, depends_on: [gateway, "service:billing"], tcp: { host: 127.0.0.1, port: 2 } }
)",
                                   "nyxmon.yaml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->services[1].depends_on,
            (std::vector<Dependency>{{Dependency::Kind::kService, "net"}}));
  EXPECT_EQ(config->checks[1].depends_on,
            (std::vector<Dependency>{{Dependency::Kind::kCheck, "gateway"},
                                     {Dependency::Kind::kService, "billing"}}));
}

TEST(ConfigLoader, RefusesACycleOfDependenciesWithItsPath) {
  const auto config = parse_config(R"(
services:
  - id: net
    depends_on: [cart]
    checks:
      - { id: gateway, tcp: { host: 127.0.0.1, port: 1 } }
  - id: shop
    checks:
      - { id: cart, depends_on: [gateway], tcp: { host: 127.0.0.1, port: 2 } }
      - { id: stock, depends_on: [nowhere], tcp: { host: 127.0.0.1, port: 3 } }
)",
                                   "nyxmon.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  // gateway's service depends on cart, and cart on gateway.
  EXPECT_NE(message.find("nyxmon.yaml:9:"), std::string::npos) << message;
  EXPECT_NE(message.find("services[1].checks[0].depends_on: makes a cycle: check gateway → "
                         "check cart → check gateway"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("services[1].checks[1].depends_on[0]: 'nowhere' is not a check or "
                         "service here"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("check cart → check gateway → check cart"), std::string::npos)
      << "one cycle, reported once: " << message;
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

TEST(ConfigLoader, ReadsExecChecksAndJsonMetrics) {
  const auto config = parse_config(R"(
engine: { max_exec_in_flight: 4, io_threads: 3 }
services:
  - id: hosts
    checks:
      - id: load
        exec:
          command: [check_load, -w, "5,4,3", -c, "10,8,6"]
          environment: { LANG: C }
          working_directory: /tmp
      - id: backup
        exec: { shell: "test -f /var/backups/today || exit 2" }
      - id: queue
        http:
          url: http://127.0.0.1:8080/stats
          metrics:
            - { pointer: /queue/depth, warn: "> 100", fail: "> 1000" }
            - { pointer: /state, label: state, fail: "!= ok" }
)",
                                   "nyxmon.yaml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->settings.max_exec_in_flight, 4u);
  EXPECT_EQ(config->settings.io_threads, 3u);
  ASSERT_EQ(config->checks.size(), 3u);
  const auto& load = std::get<ExecSpec>(config->checks[0].probe);
  EXPECT_EQ(load.command, (std::vector<std::string>{"check_load", "-w", "5,4,3", "-c", "10,8,6"}));
  EXPECT_FALSE(load.shell);
  EXPECT_EQ(load.environment, (std::vector<std::pair<std::string, std::string>>{{"LANG", "C"}}));
  EXPECT_EQ(load.working_directory, "/tmp");
  const auto& backup = std::get<ExecSpec>(config->checks[1].probe);
  EXPECT_TRUE(backup.shell);
  EXPECT_EQ(backup.command, (std::vector<std::string>{"test -f /var/backups/today || exit 2"}));
  const auto& metrics = config->checks[2].metrics;
  ASSERT_EQ(metrics.size(), 2u);
  EXPECT_EQ(metrics[0].pointer, "/queue/depth");
  EXPECT_EQ(metrics[0].warn, (Threshold{Comparison::kGreater, "100"}));
  EXPECT_EQ(metrics[0].fail, (Threshold{Comparison::kGreater, "1000"}));
  EXPECT_EQ(metrics[1].label, "state");
  EXPECT_EQ(metrics[1].fail, (Threshold{Comparison::kNotEqual, "ok"}));
  EXPECT_FALSE(metrics[1].warn);
}

TEST(ConfigLoader, ExecAndMetricMistakesAreNamedWhereTheyAreWritten) {
  const auto config = parse_config(R"(services:
  - id: s
    checks:
      - id: a
        exec: { command: "check_tcp -H host" }
      - id: b
        exec: { command: [], environment: { "A=B": x } }
      - id: c
        http: { url: "http://x/", metrics: [{ pointer: /a, warn: "100" }] }
      - id: d
        exec: { command: [x], shell: "y" }
)",
                                   "m.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  for (const char* expected :
       {"m.yaml:5:26: services[0].checks[0].exec.command: 'check_tcp -H host' is one word with "
        "spaces; write the arguments as a list",
        "services[0].checks[1].exec.command: is empty; give the plugin and its arguments",
        "services[0].checks[1].exec.environment: 'A=B' is not a variable name",
        "services[0].checks[2].http.metrics[0].warn: '100' is not a threshold; write an operator",
        "services[0].checks[3].exec.shell: give command (run as is) or shell (run by /bin/sh -c), "
        "not both"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

TEST(ConfigLoader, ReadsNotifierSecretsAsWhereToFindThemNotWhatTheyAre) {
  const auto config = parse_config(R"(notifiers:
  - { id: tg, kind: telegram, recipient: "-100200", secret: { file: /etc/nyxmon/telegram.token } }
  - { id: pd, kind: pagerduty, secret: { env: PAGERDUTY_ROUTING_KEY } }
  - { id: hook, url: "https://hooks.example.com/{secret}", secret: { env: HOOK_PATH } }
services: []
)",
                                   "n.yaml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->notifiers.size(), 3u);
  EXPECT_EQ(config->notifiers[0].kind, NotifierKind::kTelegram);
  EXPECT_EQ(config->notifiers[0].recipient, "-100200");
  EXPECT_EQ(config->notifiers[0].secret,
            (SecretSource{SecretSource::From::kFile, "/etc/nyxmon/telegram.token"}));
  EXPECT_EQ(config->notifiers[0].url, "");  // the Bot API's own address
  EXPECT_EQ(config->notifiers[1].secret,
            (SecretSource{SecretSource::From::kEnvironment, "PAGERDUTY_ROUTING_KEY"}));
  EXPECT_EQ(config->notifiers[2].kind, NotifierKind::kWebhook);
}

TEST(ConfigLoader, ANotifierMissingWhatItsServiceNeedsIsRefusedWhereItIsWritten) {
  const auto config = parse_config(R"(notifiers:
  - { id: tg, kind: telegram }
  - { id: pd, kind: pagerduty, secret: { env: A, file: /b }, notify_on: [down, maintenance] }
  - { id: po, kind: pushovr, url: "http://127.0.0.1:1/" }
  - { id: go, kind: gotify, secret: { file: relative.token } }
services: []
)",
                                   "n.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  for (const char* expected :
       {"notifiers[0].secret: is missing; a telegram notifier needs the bot token (secret: { env: "
        "NAME } or { file: PATH })",
        "notifiers[0].recipient: is missing; a telegram notifier needs the chat id",
        "notifiers[1].secret: give env: NAME (an environment variable) or file: PATH, one of them",
        "notifiers[1].notify_on: a pagerduty notifier opens and closes incidents; 'maintenance' is "
        "not one it can take",
        "notifiers[2].kind: 'pushovr' is not one of webhook, slack, discord, ntfy, telegram, "
        "pagerduty, opsgenie, teams, gotify, pushover, email (did you mean 'pushover'?)",
        "notifiers[3].url: is missing; give the http:// or https:// URL to POST to",
        "notifiers[3].secret.file: 'relative.token' is not an absolute path"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

TEST(ConfigLoader, ReadsHttpCredentialsAndRefusesHalfOfThem) {
  const auto config = parse_config(R"(services:
  - id: s
    checks:
      - id: api
        http:
          url: https://api.example.com/health
          auth: { scheme: basic, username: monitor, secret: { file: /etc/nyxmon/api.password } }
          client_certificate: /etc/nyxmon/client.pem
          client_key: /etc/nyxmon/client.key
)",
                                   "h.yaml");
  ASSERT_TRUE(config) << config.error().message;
  const auto& credentials = config->checks[0].credentials;
  EXPECT_EQ(credentials.scheme, HttpCredentials::Scheme::kBasic);
  EXPECT_EQ(credentials.username, "monitor");
  EXPECT_EQ(credentials.secret,
            (SecretSource{SecretSource::From::kFile, "/etc/nyxmon/api.password"}));
  EXPECT_EQ(credentials.client_certificate, "/etc/nyxmon/client.pem");
  EXPECT_EQ(credentials.client_key, "/etc/nyxmon/client.key");

  const auto refused = parse_config(R"(services:
  - id: s
    checks:
      - id: a
        http: { url: "http://x/", auth: { scheme: digest } }
      - id: b
        http: { url: "http://x/", auth: { scheme: basic } , client_key: /k }
)",
                                    "h.yaml");
  ASSERT_FALSE(refused);
  const std::string& message = refused.error().message;
  for (const char* expected :
       {"services[0].checks[0].http.auth.scheme: 'digest' is not basic or bearer",
        "services[0].checks[1].http.auth.secret: is missing; basic auth needs the password",
        "services[0].checks[1].http.auth.username: is missing or holds ':'",
        "services[0].checks[1].http.client_key: is given without a client_certificate"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

TEST(ConfigLoader, ReadsMailChecksAndEmailNotifiers) {
  const auto config = parse_config(R"(notifiers:
  - id: mail
    kind: email
    smtp: { host: smtp.example.com, security: tls, username: nyxmon, password: { env: SMTP_PW } }
    from: nyxmon@example.com
    to: [ops@example.com, dev@example.com]
services:
  - id: mail
    checks:
      - id: roundtrip
        timeout: 2m
        interval: 10m
        mail:
          smtp: { host: smtp.example.com, username: probe@example.com, password: { file: /etc/nyxmon/smtp.pw } }
          imap: { host: imap.example.com, username: probe@example.com, password: { env: IMAP_PW } }
          from: probe@example.com
          to: probe@example.com
          poll_every: 10s
          warn_after: 1m
)",
                                   "mail.yaml");
  ASSERT_TRUE(config) << config.error().message;
  const auto& mail = std::get<domain::MailSpec>(config->checks[0].probe);
  EXPECT_EQ(mail.smtp.security, domain::MailSecurity::kStartTls);
  EXPECT_EQ(domain::port_of(mail.smtp, domain::MailProtocol::kSmtp), 587);
  EXPECT_EQ(domain::port_of(mail.imap, domain::MailProtocol::kImap), 993);
  EXPECT_EQ(mail.imap.password->name, "IMAP_PW");
  EXPECT_EQ(mail.poll_every, domain::Duration(std::chrono::seconds(10)));
  EXPECT_EQ(mail.warn_after, domain::Duration(std::chrono::minutes(1)));
  const auto& email = config->notifiers[0];
  EXPECT_EQ(email.kind, domain::NotifierKind::kEmail);
  EXPECT_EQ(email.smtp->security, domain::MailSecurity::kTls);
  EXPECT_EQ(email.mail_to, (std::vector<std::string>{"ops@example.com", "dev@example.com"}));
}

TEST(ConfigLoader, MailProblemsAreLocatedAndNamed) {
  const auto config = parse_config(R"(notifiers:
  - { id: mail, kind: email, smtp: { host: smtp.example.com }, to: "not an address" }
services:
  - id: mail
    checks:
      - id: roundtrip
        mail:
          smtp: { host: smtp.example.com, security: ssl }
          from: probe@example.com
          to: probe@example.com
)",
                                   "mail.yaml");
  ASSERT_FALSE(config);
  const std::string& message = config.error().message;
  for (const char* expected :
       {"services[0].checks[0].mail.smtp.security: 'ssl' is not starttls, tls or none",
        "services[0].checks[0].mail.imap: is missing; give the imap server's host",
        "notifiers[0].from: is missing; give the sender's address",
        "notifiers[0].to[0]: 'not an address' is not a mail address"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::config

namespace nyxmon::infra::config {
namespace {

TEST(ConfigLoader, ReadsTheStatusPageAndChecksTheServicesItLists) {
  const auto config = parse_config(R"(status_page:
  public: true
  services: [shop]
  title: Example status
  session: 1h
services:
  - id: shop
    checks: []
)",
                                   "page.yaml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->settings.status_page.is_public);
  EXPECT_EQ(config->settings.status_page.services, std::vector<std::string>{"shop"});
  EXPECT_EQ(config->settings.status_page.title, "Example status");
  EXPECT_EQ(config->settings.status_page.session, domain::Duration(std::chrono::hours(1)));

  const auto wrong = parse_config(
      "status_page: { public: yes please, services: [nowhere], sesion: 1h }\nservices: []\n",
      "page.yaml");
  ASSERT_FALSE(wrong);
  for (const char* expected : {"status_page.services[0]: 'nowhere' is not a service here",
                               "status_page.public: 'yes please' is not true or false",
                               "status_page: unknown field 'sesion' (did you mean 'session'?)"}) {
    EXPECT_NE(wrong.error().message.find(expected), std::string::npos) << expected << "\n"
                                                                       << wrong.error().message;
  }
}

}  // namespace
}  // namespace nyxmon::infra::config
