// Notifications from `nyxmon run` to a real webhook receiver on loopback:
// the payloads of each preset, retries with backoff while the receiver is
// down, resolutions, exactly one delivery across engine restarts, chat
// markup from a hostile target made inert, and deliveries given up on.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <mutex>
#include <thread>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RecordedHttpRequest;
using testing::RunningEngine;
namespace json = boost::json;

constexpr std::string_view kWordJoiner = "\xE2\x81\xA0";

// A webhook receiver that answers 503 while `failing` and records every
// request with the status it was given.
class Receiver {
 public:
  Receiver() {
    for (const char* path : {"/hook", "/slack", "/discord", "/ntfy"}) {
      server_.route_with(path, [this](const RecordedHttpRequest& request) {
        std::lock_guard lock(mutex_);
        const int status = failures_left_ > 0 || failing_ ? 503 : 200;
        if (failures_left_ > 0) --failures_left_;
        received_.push_back({request, status});
        return HttpBehaviour::respond(status, status == 200 ? "thanks" : "busy");
      });
    }
  }
  std::string url(std::string_view path) const { return server_.url(path); }
  void set_failing(bool failing) {
    std::lock_guard lock(mutex_);
    failing_ = failing;
  }
  void fail_next(int count) {
    std::lock_guard lock(mutex_);
    failures_left_ = count;
  }
  struct Received {
    RecordedHttpRequest request;
    int status;
  };
  std::vector<Received> received(std::string_view path = {}) const {
    std::lock_guard lock(mutex_);
    std::vector<Received> out;
    for (const auto& r : received_)
      if (path.empty() || r.request.path == path) out.push_back(r);
    return out;
  }

 private:
  HttpTestServer server_;
  mutable std::mutex mutex_;
  bool failing_ = false;
  int failures_left_ = 0;
  std::vector<Received> received_;
};

std::string config_for(const HttpTestServer& target, const Receiver& receiver) {
  return "engine: { durability: sync }\n"
         "notifiers:\n"
         "  - id: hook\n"
         "    url: \"" +
         receiver.url("/hook") +
         "\"\n"
         "    headers: { X-Team: ops }\n"
         "    max_attempts: 20\n"
         "  - id: chat\n"
         "    kind: slack\n"
         "    url: \"" +
         receiver.url("/slack") +
         "\"\n"
         "    message: \"{check} went {status} ({kind})\"\n"
         "  - id: discord\n"
         "    kind: discord\n"
         "    url: \"" +
         receiver.url("/discord") +
         "\"\n"
         "  - id: phone\n"
         "    kind: ntfy\n"
         "    url: \"" +
         receiver.url("/ntfy") +
         "\"\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: web\n"
         "        interval: 200ms\n"
         "        timeout: 500ms\n"
         "        failure_threshold: 1\n"
         "        recovery_threshold: 1\n"
         "        notify: [hook, chat, discord, phone]\n"
         "        http: { url: \"" +
         target.url("/health") + "\" }\n";
}

class Notifications : public ::testing::Test {
 protected:
  void SetUp() override {
    target_.route("/health", HttpBehaviour::respond(200, "ok"));
    std::ofstream(dir_ / "nyxmon.yaml") << config_for(target_, receiver_);
  }
  std::unique_ptr<RunningEngine> start() {
    return std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  }

  testing::TempDir dir_;
  HttpTestServer target_;
  Receiver receiver_;
};

TEST_F(Notifications, ProblemAndResolvedArriveInEachPresetRetriedWhileTheReceiverFails) {
  auto engine = start();
  std::this_thread::sleep_for(600ms);  // up
  receiver_.fail_next(2);              // the first two deliveries anywhere get 503
  target_.set_down(true);
  ASSERT_TRUE(testing::eventually([&] {
    for (const char* path : {"/hook", "/slack", "/discord", "/ntfy"}) {
      const auto got = receiver_.received(path);
      if (got.empty() || got.back().status != 200) return false;
    }
    return true;
  })) << "every notifier delivers the problem in the end";
  target_.set_down(false);
  ASSERT_TRUE(testing::eventually([&] {
    return receiver_.received("/hook").size() >= 2 &&
           receiver_.received("/hook").back().request.body.find("\"resolved\"") !=
               std::string::npos;
  }));
  ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);

  const auto hook = receiver_.received("/hook");
  std::vector<Receiver::Received> delivered;
  for (const auto& r : hook)
    if (r.status == 200) delivered.push_back(r);
  ASSERT_EQ(delivered.size(), 2u) << "one problem, one resolution";
  const auto problem = json::parse(delivered[0].request.body).as_object();
  EXPECT_EQ(problem.at("kind").as_string(), "problem");
  EXPECT_EQ(problem.at("check").as_string(), "web");
  EXPECT_EQ(problem.at("service").as_string(), "shop");
  EXPECT_EQ(problem.at("status").as_string(), "down");
  EXPECT_NE(problem.at("reason").as_string().find("503"), std::string::npos);
  EXPECT_EQ(delivered[0].request.header("X-Team"), "ops");
  EXPECT_EQ(delivered[0].request.header("Content-Type"), "application/json");
  EXPECT_EQ(*delivered[0].request.header("Idempotency-Key"),
            "nyxmon-" + std::to_string(problem.at("notification").as_int64()));
  EXPECT_EQ(json::parse(delivered[1].request.body).at("status").as_string(), "up");

  const auto slack = receiver_.received("/slack");
  EXPECT_EQ(json::parse(slack.back().request.body).at("text").as_string(),
            "web went up (resolved)");
  EXPECT_TRUE(json::parse(receiver_.received("/discord").front().request.body)
                  .as_object()
                  .contains("content"));
  const auto ntfy = receiver_.received("/ntfy").front().request;
  EXPECT_EQ(ntfy.header("Title"), "nyxmon: web is down");
  EXPECT_NE(ntfy.body.find("web (shop) is down"), std::string::npos) << ntfy.body;

  // The two refused attempts are on record, with when they were retried.
  int failed = 0, delivered_events = 0;
  for (const auto& e : testing::recorded_events(dir_ / "data")) {
    if (const auto* f = std::get_if<NotificationFailed>(&e.event)) {
      ++failed;
      EXPECT_TRUE(f->will_retry);
      EXPECT_NE(f->reason.find("503"), std::string::npos);
    }
    if (std::holds_alternative<NotificationDelivered>(e.event)) ++delivered_events;
  }
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(delivered_events, 8) << "4 notifiers × (problem + resolved)";
}

TEST_F(Notifications, WhatWasNotDeliveredBeforeARestartIsDeliveredOnceAfterIt) {
  receiver_.set_failing(true);
  {
    auto engine = start();
    std::this_thread::sleep_for(600ms);
    target_.set_down(true);
    ASSERT_TRUE(testing::eventually([&] { return receiver_.received("/hook").size() >= 2; }));
    ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);
  }
  receiver_.set_failing(false);
  for (int round = 0; round < 2; ++round) {
    auto engine = start();
    ASSERT_TRUE(testing::eventually([&] {
      for (const char* path : {"/hook", "/slack", "/discord", "/ntfy"}) {
        const auto got = receiver_.received(path);
        if (got.empty() || got.back().status != 200) return false;
      }
      return true;
    }));
    std::this_thread::sleep_for(1500ms);
    ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);
  }
  for (const char* path : {"/hook", "/slack", "/discord", "/ntfy"}) {
    std::map<std::string, int> accepted;
    for (const auto& r : receiver_.received(path))
      if (r.status == 200) ++accepted[*r.request.header("Idempotency-Key")];
    ASSERT_EQ(accepted.size(), 1u) << path << ": only the problem notification";
    EXPECT_EQ(accepted.begin()->second, 1) << path << " got it more than once";
  }
}

// The target answers a JSON value that would page a whole Slack channel,
// ping everyone on Discord and plant a link, and the check's failure reason
// quotes it into every message.
TEST_F(Notifications, ChatMessagesCarryWhatATargetWroteWithoutItsMentionsAndLinks) {
  target_.route("/status",
                HttpBehaviour::json(
                    R"({"status": "<!channel> @everyone <@123> <http://evil.example|click>"})"));
  std::ofstream(dir_ / "nyxmon.yaml")
      << "engine: { durability: sync }\n"
         "notifiers:\n"
         "  - { id: chat, kind: slack, url: \""
      << receiver_.url("/slack")
      << "\" }\n"
         "  - { id: discord, kind: discord, url: \""
      << receiver_.url("/discord")
      << "\" }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: api\n"
         "        interval: 200ms\n"
         "        failure_threshold: 1\n"
         "        notify: [chat, discord]\n"
         "        http: { url: \""
      << target_.url("/status") << "\", expect: { json_path: status, json_equals: ok } }\n";
  auto engine = start();
  ASSERT_TRUE(testing::eventually([&] {
    return !receiver_.received("/slack").empty() && !receiver_.received("/discord").empty();
  })) << engine->stderr_so_far();
  ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);

  const std::string slack(
      json::parse(receiver_.received("/slack").front().request.body).at("text").as_string());
  EXPECT_NE(slack.find("&lt;!channel&gt;"), std::string::npos) << slack;
  EXPECT_NE(slack.find("&lt;@" + std::string(kWordJoiner) + "123&gt;"), std::string::npos) << slack;
  EXPECT_NE(slack.find("&lt;http://evil.example|click&gt;"), std::string::npos) << slack;
  EXPECT_EQ(slack.find('<'), std::string::npos) << slack;

  const auto discord = json::parse(receiver_.received("/discord").front().request.body).as_object();
  EXPECT_EQ(discord.at("allowed_mentions"), json::parse(R"({"parse": []})"));
  const std::string content(discord.at("content").as_string());
  EXPECT_NE(content.find("\\<!channel\\>"), std::string::npos) << content;
  EXPECT_NE(content.find("\\<http://evil.example\\|click\\>"), std::string::npos) << content;
  EXPECT_NE(content.find("@" + std::string(kWordJoiner) + "everyone"), std::string::npos)
      << content;
  EXPECT_EQ(content.find("@everyone"), std::string::npos) << content;
}

TEST_F(Notifications, ADeliveryGivenUpIsOnRecordInEventsIncidentsAndMetrics) {
  std::ofstream(dir_ / "nyxmon.yaml")
      << "engine: { durability: sync }\n"
         "notifiers:\n"
         "  - { id: hook, max_attempts: 2, url: \""
      << receiver_.url("/hook")
      << "\" }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - { id: web, interval: 200ms, failure_threshold: 1, notify: [hook], http: { url: \""
      << target_.url("/health") << "\" } }\n";
  receiver_.set_failing(true);  // every delivery gets 503
  auto engine = start();
  target_.set_down(true);
  const auto metrics = [&] {
    return testing::http_request("GET", engine->url("/metrics"), engine->bearer()).body;
  };
  ASSERT_TRUE(testing::eventually(
      [&] {
        return metrics().find("nyxmon_notifications_abandoned_total{notifier=\"hook\"} 1") !=
               std::string::npos;
      },
      15s))
      << metrics();
  EXPECT_NE(metrics().find("nyxmon_notification_attempts_failed_total{notifier=\"hook\"} 2"),
            std::string::npos);
  EXPECT_EQ(receiver_.received("/hook").size(), 2u) << "max_attempts: 2";

  const std::vector<std::string> data = {"--data", (dir_ / "data").string()};
  auto nyxmon = [&](std::vector<std::string> arguments) {
    arguments.insert(arguments.end(), data.begin(), data.end());
    return testing::run_nyxmon(arguments);
  };
  const auto events = nyxmon({"events", "--type", "NotificationAbandoned"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_NE(events.out.find("problem notification for web abandoned after 2 attempts: the "
                            "receiver answered 503"),
            std::string::npos)
      << events.out;

  const auto incidents = nyxmon({"incidents"});
  ASSERT_EQ(incidents.exit_code, 0) << incidents.err;
  EXPECT_NE(
      incidents.out.find(
          "problem notification to hook abandoned after 2 attempts: the receiver answered 503"),
      std::string::npos)
      << incidents.out;
  const auto as_json = nyxmon({"incidents", "--json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const auto abandoned = json::parse(as_json.out).at("abandoned_notifications").as_array();
  ASSERT_EQ(abandoned.size(), 1u) << as_json.out;
  EXPECT_EQ(abandoned[0].at("notifier").as_string(), "hook");
  EXPECT_EQ(abandoned[0].at("attempts").as_int64(), 2);
  ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);
}

// notify_on, notify_after and escalate_to from the configuration, end to
// end: the chat hears of the problem and its end, the pager is told of a
// problem nobody acknowledged once escalate_after has passed, and a
// notifier that waits an hour hears nothing of a problem that clears sooner.
TEST_F(Notifications, TheNotificationPolicyOfEachNotifierIsFollowed) {
  std::ofstream(dir_ / "nyxmon.yaml") << "engine: { durability: sync }\n"
                                         "notifiers:\n"
                                         "  - id: chat\n"
                                         "    url: \"" +
                                             receiver_.url("/hook") +
                                             "\"\n"
                                             "    notify_on: [down, recovered]\n"
                                             "    escalate_to: pager\n"
                                             "    escalate_after: 1s\n"
                                             "  - id: pager\n"
                                             "    url: \"" +
                                             receiver_.url("/ntfy") +
                                             "\"\n"
                                             "  - id: patient\n"
                                             "    url: \"" +
                                             receiver_.url("/discord") +
                                             "\"\n"
                                             "    notify_after: 1h\n"
                                             "services:\n"
                                             "  - id: shop\n"
                                             "    checks:\n"
                                             "      - id: web\n"
                                             "        interval: 200ms\n"
                                             "        timeout: 500ms\n"
                                             "        failure_threshold: 1\n"
                                             "        recovery_threshold: 1\n"
                                             "        notify: [chat, patient]\n"
                                             "        http: { url: \"" +
                                             target_.url("/health") + "\" }\n";
  auto engine = start();
  std::this_thread::sleep_for(600ms);  // up
  target_.set_down(true);
  ASSERT_TRUE(testing::eventually([&] { return !receiver_.received("/ntfy").empty(); }, 15s));
  target_.set_down(false);
  ASSERT_TRUE(testing::eventually([&] { return receiver_.received("/ntfy").size() >= 2; }, 15s));
  ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);

  auto kinds = [&](std::string_view path) {
    std::vector<std::string> out;
    for (const auto& got : receiver_.received(path))
      out.emplace_back(json::parse(got.request.body).at("kind").as_string());
    return out;
  };
  EXPECT_EQ(kinds("/hook"), (std::vector<std::string>{"problem", "resolved"}));
  EXPECT_EQ(kinds("/ntfy"), (std::vector<std::string>{"escalation", "resolved"}));
  EXPECT_TRUE(receiver_.received("/discord").empty()) << "the problem did not last an hour";
}

// Escalations and reminders fall due on time, not at the check's next
// result: a heartbeat check that reported a failure runs again in an hour,
// and its people are still reminded and escalated to within seconds.
TEST_F(Notifications, EscalationsAndRemindersComeOnTimeBetweenResults) {
  std::ofstream(dir_ / "nyxmon.yaml")
      << "engine: { durability: sync }\n"
         "notifiers:\n"
         "  - id: chat\n"
         "    url: \"" +
             receiver_.url("/hook") +
             "\"\n"
             "    remind_every: 1s\n"
             "    escalate_to: pager\n"
             "    escalate_after: 1500ms\n"
             "  - id: pager\n"
             "    url: \"" +
             receiver_.url("/ntfy") +
             "\"\n"
             "services:\n"
             "  - id: jobs\n"
             "    checks:\n"
             "      - id: backup\n"
             "        notify: [chat]\n"
             "        heartbeat: { period: 1h, grace: 1h, token: backup-token-0123456789 }\n";
  auto engine = start();
  ASSERT_EQ(testing::http_request("POST", engine->url("/ping/backup-token-0123456789/fail")).status,
            200);
  ASSERT_TRUE(testing::eventually([&] { return !receiver_.received("/ntfy").empty(); }, 15s));
  ASSERT_TRUE(testing::eventually([&] { return receiver_.received("/hook").size() >= 3; }, 15s));
  ASSERT_EQ(engine->stop(SIGTERM).exit_code, 0);

  const auto chat = receiver_.received("/hook");
  EXPECT_EQ(json::parse(chat[0].request.body).at("kind").as_string(), "problem");
  EXPECT_EQ(json::parse(chat[1].request.body).at("kind").as_string(), "reminder");
  EXPECT_EQ(json::parse(receiver_.received("/ntfy")[0].request.body).at("kind").as_string(),
            "escalation");
}

}  // namespace
}  // namespace nyxmon::tools
