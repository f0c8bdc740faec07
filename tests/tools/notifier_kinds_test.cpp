// The notifiers that speak a service's API, end to end: `nyxmon run` tells
// Telegram, PagerDuty, Opsgenie, Microsoft Teams, Gotify and Pushover of a
// problem and of its recovery, each pointed at a loopback receiver that
// records the exact request (path, headers, JSON) the service documents.
// Secrets come from the environment or a file and never reach the store;
// `nyxmon notify test` sends a sample and prints the answer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <mutex>

#include "tests/support/eventually.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RecordedHttpRequest;
using testing::RunningEngine;
namespace json = boost::json;

constexpr const char* kBotToken = "123456:AAE-telegram-bot-token";
constexpr const char* kRoutingKey = "R0UT1NGKEY0000000000000000000PDX";
constexpr const char* kGenieKey = "og-key-0b4c7d2e";
constexpr const char* kGotifyToken = "AGotifyAppToken1";
constexpr const char* kPushoverToken = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";

// Every request the receivers read, in order.
class Receiver {
 public:
  Receiver() {
    for (const char* path :
         {"/bot123456:AAE-telegram-bot-token/sendMessage", "/v2/enqueue", "/v2/alerts",
          "/v2/alerts/nyxmon-web/close", "/teams", "/message", "/1/messages.json"}) {
      server_.route_with(path, [this](const RecordedHttpRequest& request) {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        return HttpBehaviour::respond(202, R"({"ok":true,"status":"success"})");
      });
    }
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  std::vector<RecordedHttpRequest> to(const std::string& path) const {
    std::lock_guard lock(mutex_);
    std::vector<RecordedHttpRequest> out;
    for (const auto& request : requests_) {
      if (request.path == path) out.push_back(request);
    }
    return out;
  }

 private:
  HttpTestServer server_;
  mutable std::mutex mutex_;
  std::vector<RecordedHttpRequest> requests_;
};

json::value body_of(const RecordedHttpRequest& request) {
  return json::parse(request.body);
}

TEST(NotifierKinds, EachServiceGetsTheRequestItsApiDocumentsForAProblemAndItsRecovery) {
  testing::TempDir dir;
  Receiver receiver;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(500, "broken"));
  std::ofstream(dir / "telegram.token") << kBotToken << "\n";
  std::ofstream(dir / "pushover.token") << kPushoverToken << "\n";
  ::setenv("NYXMON_TEST_PD_KEY", kRoutingKey, 1);
  ::setenv("NYXMON_TEST_GENIE_KEY", kGenieKey, 1);
  ::setenv("NYXMON_TEST_GOTIFY_TOKEN", kGotifyToken, 1);
  const std::string base = receiver.base();
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: async }\n"
         "notifiers:\n"
         "  - { id: tg, kind: telegram, url: \""
      << base << "\", recipient: \"-100200\", secret: { file: " << (dir / "telegram.token").string()
      << " } }\n"
         "  - { id: pd, kind: pagerduty, url: \""
      << base
      << "\", secret: { env: NYXMON_TEST_PD_KEY } }\n"
         "  - { id: og, kind: opsgenie, url: \""
      << base
      << "\", secret: { env: NYXMON_TEST_GENIE_KEY } }\n"
         "  - { id: ms, kind: teams, url: \""
      << base
      << "/teams\" }\n"
         "  - { id: go, kind: gotify, url: \""
      << base
      << "\", secret: { env: NYXMON_TEST_GOTIFY_TOKEN } }\n"
         "  - { id: po, kind: pushover, url: \""
      << base << "\", recipient: uQiRzpo4DXghDmr9QzzfQu27cmVRsG, secret: { file: "
      << (dir / "pushover.token").string()
      << " } }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: web\n"
         "        interval: 300ms\n"
         "        failure_threshold: 1\n"
         "        recovery_threshold: 1\n"
         "        notify: [tg, pd, og, ms, go, po]\n"
         "        http: { url: \""
      << web.url("/health") << "\" }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  ASSERT_TRUE(testing::eventually(
      [&] {
        return receiver.to("/1/messages.json").size() >= 1 && receiver.to("/message").size() >= 1;
      },
      20s))
      << engine.stderr_so_far();
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  ASSERT_TRUE(testing::eventually(
      [&] {
        return receiver.to("/v2/enqueue").size() >= 2 &&
               receiver.to("/v2/alerts/nyxmon-web/close").size() >= 1 &&
               receiver.to("/1/messages.json").size() >= 2;
      },
      20s))
      << engine.stderr_so_far();
  engine.stop(SIGTERM);

  // Telegram: Bot API sendMessage, HTML parse mode, the chat from `recipient`.
  const auto telegram = receiver.to("/bot123456:AAE-telegram-bot-token/sendMessage");
  ASSERT_GE(telegram.size(), 2u);
  const auto sent = body_of(telegram[0]);
  EXPECT_EQ(sent.at("chat_id").as_string(), "-100200");
  EXPECT_EQ(sent.at("parse_mode").as_string(), "HTML");
  EXPECT_EQ(std::string(sent.at("text").as_string()).rfind("<b>nyxmon: web is down</b>\n", 0), 0u)
      << sent;
  EXPECT_EQ(telegram[0].header("Content-Type"), "application/json");

  // PagerDuty Events API v2: a trigger, then a resolve, one dedup_key.
  const auto pagerduty = receiver.to("/v2/enqueue");
  const auto trigger = body_of(pagerduty[0]);
  EXPECT_EQ(trigger.at("routing_key").as_string(), kRoutingKey);
  EXPECT_EQ(trigger.at("event_action").as_string(), "trigger");
  EXPECT_EQ(trigger.at("dedup_key").as_string(), "nyxmon-web");
  EXPECT_EQ(trigger.at("payload").at("severity").as_string(), "critical");
  EXPECT_EQ(trigger.at("payload").at("source").as_string(), "nyxmon");
  EXPECT_EQ(trigger.at("payload").at("component").as_string(), "web");
  EXPECT_EQ(trigger.at("payload").at("group").as_string(), "shop");
  EXPECT_NE(std::string(trigger.at("payload").at("summary").as_string()).find("got 500"),
            std::string::npos);
  const auto resolve = body_of(pagerduty.back());
  EXPECT_EQ(resolve.at("event_action").as_string(), "resolve");
  EXPECT_EQ(resolve.at("dedup_key").as_string(), "nyxmon-web");

  // Opsgenie: create with an alias, close by alias, the GenieKey header.
  const auto created = receiver.to("/v2/alerts");
  ASSERT_GE(created.size(), 1u);
  EXPECT_EQ(created[0].header("Authorization"), std::string("GenieKey ") + kGenieKey);
  const auto alert = body_of(created[0]);
  EXPECT_EQ(alert.at("alias").as_string(), "nyxmon-web");
  EXPECT_EQ(alert.at("message").as_string(), "nyxmon: web is down");
  EXPECT_EQ(alert.at("priority").as_string(), "P1");
  const auto closed = receiver.to("/v2/alerts/nyxmon-web/close");
  EXPECT_EQ(closed[0].target, "/v2/alerts/nyxmon-web/close?identifierType=alias");
  EXPECT_EQ(closed[0].header("Authorization"), std::string("GenieKey ") + kGenieKey);

  // Teams: a workflow webhook message carrying one Adaptive Card.
  const auto teams = receiver.to("/teams");
  ASSERT_GE(teams.size(), 2u);
  const auto card = body_of(teams[0]);
  EXPECT_EQ(card.at("type").as_string(), "message");
  const auto& attachment = card.at("attachments").at(0);
  EXPECT_EQ(attachment.at("contentType").as_string(), "application/vnd.microsoft.card.adaptive");
  EXPECT_EQ(attachment.at("content").at("type").as_string(), "AdaptiveCard");
  EXPECT_EQ(attachment.at("content").at("body").at(0).at("color").as_string(), "Attention");

  // Gotify: POST /message with the application token in X-Gotify-Key.
  const auto gotify = receiver.to("/message");
  EXPECT_EQ(gotify[0].header("X-Gotify-Key"), kGotifyToken);
  EXPECT_EQ(body_of(gotify[0]).at("title").as_string(), "nyxmon: web is down");
  EXPECT_EQ(body_of(gotify[0]).at("priority").as_int64(), 8);

  // Pushover: token, user, title, message; problems at priority 1.
  const auto pushover = receiver.to("/1/messages.json");
  const auto push = body_of(pushover[0]);
  EXPECT_EQ(push.at("token").as_string(), kPushoverToken);
  EXPECT_EQ(push.at("user").as_string(), "uQiRzpo4DXghDmr9QzzfQu27cmVRsG");
  EXPECT_EQ(push.at("priority").as_int64(), 1);
  EXPECT_EQ(body_of(pushover.back()).at("title").as_string(), "nyxmon: web is up");

  // The store names where the secrets are, never what they are.
  const auto data = (dir / "data").string();
  const auto exported = testing::run_nyxmon({"export", "--data", data});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto events = testing::run_nyxmon({"events", "--data", data, "--limit", "100000"});
  for (const char* secret : {kBotToken, kRoutingKey, kGenieKey, kGotifyToken, kPushoverToken}) {
    EXPECT_EQ(events.out.find(secret), std::string::npos) << secret;
  }
  const auto delivered = testing::run_nyxmon(
      {"events", "--data", data, "--type", "NotificationDelivered", "--limit", "100000"});
  EXPECT_GE(std::count(delivered.out.begin(), delivered.out.end(), '\n'), 12) << delivered.out;
}

TEST(NotifierKinds, NotifyTestSendsASampleAndPrintsTheAnswerOrWhyNot) {
  testing::TempDir dir;
  Receiver receiver;
  ::setenv("NYXMON_TEST_GOTIFY_TOKEN", kGotifyToken, 1);
  ::unsetenv("NYXMON_TEST_UNSET_KEY");
  std::ofstream(dir / "nyxmon.yaml") << "notifiers:\n"
                                        "  - { id: go, kind: gotify, url: \""
                                     << receiver.base()
                                     << "\", secret: { env: NYXMON_TEST_GOTIFY_TOKEN } }\n"
                                        "  - { id: pd, kind: pagerduty, url: \""
                                     << receiver.base()
                                     << "\", secret: { env: NYXMON_TEST_UNSET_KEY } }\n"
                                        "services: []\n";
  const auto config = (dir / "nyxmon.yaml").string();
  const auto sent = testing::run_nyxmon({"notify", "test", "go", "--config", config});
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
  EXPECT_NE(sent.out.find("go (gotify): delivered"), std::string::npos) << sent.out;
  EXPECT_NE(sent.out.find("HTTP 202  {\"ok\":true"), std::string::npos) << sent.out;
  const auto requests = receiver.to("/message");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(body_of(requests[0]).at("title").as_string(), "nyxmon: nyxmon-test is down");

  const auto unset = testing::run_nyxmon({"notify", "test", "pd", "--config", config, "--json"});
  EXPECT_EQ(unset.exit_code, 4);
  const auto answer = json::parse(unset.out);
  EXPECT_EQ(answer.at("delivered").as_bool(), false);
  EXPECT_EQ(answer.at("failure").as_string(),
            "secret: environment variable NYXMON_TEST_UNSET_KEY is not set");
  EXPECT_TRUE(receiver.to("/v2/enqueue").empty());

  const auto unknown = testing::run_nyxmon({"notify", "test", "nobody", "--config", config});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no notifier named 'nobody'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace nyxmon::tools
