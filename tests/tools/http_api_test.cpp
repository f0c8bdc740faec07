// The HTTP side of `nyxmon run`, as clients use it over loopback: the JSON
// API's reads and writes, bearer-token auth, long-polled events, the push
// endpoint of heartbeat checks, /metrics and the status page.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RunningEngine;
namespace json = boost::json;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string config_for(const HttpTestServer& web, bool public_reads) {
  return std::string("engine: { durability: async, public_reads: ") +
         (public_reads ? "true" : "false") +
         " }\n"
         "services:\n"
         "  - id: shop\n"
         "    name: The shop\n"
         "    checks:\n"
         "      - id: web\n"
         "        interval: 200ms\n"
         "        timeout: 500ms\n"
         "        failure_threshold: 1\n"
         "        recovery_threshold: 1\n"
         "        http: { url: \"" +
         web.url("/health") +
         "\" }\n"
         "      - id: nightly\n"
         "        failure_threshold: 1\n"
         "        recovery_threshold: 1\n"
         "        heartbeat: { period: 1s, grace: 300ms, token: nightly-secret-1 }\n";
}

std::string check_status(const RunningEngine& engine, const std::string& check) {
  const auto reply = http_request("GET", engine.url("/api/v1/checks/" + check), engine.bearer());
  if (reply.status != 200) return "http " + std::to_string(reply.status);
  return std::string(reply.json().at("status").as_string());
}

class HttpApi : public ::testing::Test {
 protected:
  void start(bool public_reads) {
    web_.route("/health", HttpBehaviour::respond(200, "ok"));
    write_file(dir_ / "nyxmon.yaml", config_for(web_, public_reads));
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  }
  void TearDown() override {
    if (engine_) {
      const auto output = engine_->stop(SIGTERM);
      EXPECT_EQ(output.exit_code, 0) << output.err;
    }
  }

  testing::TempDir dir_;
  HttpTestServer web_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(HttpApi, TheTokenIsGeneratedIntoTheDataDirectoryReadableOnlyByItsOwner) {
  start(false);
  struct stat info {};
  ASSERT_EQ(::stat((dir_ / "data" / "api-token").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(engine_->token().size(), 64u);
}

TEST_F(HttpApi, PrivateReadsNeedTheTokenWrongTokensAreForbidden) {
  start(false);
  const auto without = http_request("GET", engine_->url("/api/v1/status"));
  EXPECT_EQ(without.status, 401);
  EXPECT_EQ(without.header("WWW-Authenticate"), "Bearer realm=\"nyxmon\"");
  EXPECT_TRUE(without.json().as_object().contains("error"));
  const auto wrong = http_request("GET", engine_->url("/api/v1/status"),
                                  {{"Authorization", "Bearer not-the-token"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(http_request("GET", engine_->url("/metrics")).status, 401);
  // A browser is sent to the login form (status_page_access_test.cpp).
  EXPECT_EQ(http_request("GET", engine_->url("/")).status, 303);
  EXPECT_EQ(http_request("GET", engine_->url("/api/v1/status"), engine_->bearer()).status, 200);
  EXPECT_EQ(http_request("GET", engine_->url("/healthz")).status, 200);
}

TEST_F(HttpApi, PublicReadsStillGuardWrites) {
  start(true);
  EXPECT_EQ(http_request("GET", engine_->url("/api/v1/checks")).status, 200);
  EXPECT_EQ(http_request("POST", engine_->url("/api/v1/checks/web/pause")).status, 401);
  EXPECT_EQ(http_request("POST", engine_->url("/api/v1/checks/web/pause"),
                         {{"Authorization", "Bearer wrong-token-wrong-token"}})
                .status,
            403);
  EXPECT_EQ(check_status(*engine_, "web") == "paused", false);
}

TEST_F(HttpApi, ReadsDescribeServicesChecksResultsAndEvents) {
  start(true);
  ASSERT_TRUE(testing::eventually([&] { return check_status(*engine_, "web") == "up"; }));

  const auto services = http_request("GET", engine_->url("/api/v1/services")).json();
  const auto& shop = services.at("services").as_array().at(0).as_object();
  EXPECT_EQ(shop.at("id").as_string(), "shop");
  EXPECT_EQ(shop.at("name").as_string(), "The shop");
  EXPECT_EQ(shop.at("checks").as_array().size(), 2u);

  const auto checks = http_request("GET", engine_->url("/api/v1/checks?service=shop")).json();
  ASSERT_EQ(checks.at("checks").as_array().size(), 2u);
  const auto& web = checks.at("checks").as_array().at(1).as_object();
  EXPECT_EQ(web.at("id").as_string(), "web");
  EXPECT_EQ(web.at("kind").as_string(), "http");
  const auto& last = web.at("last_result").as_object();
  EXPECT_EQ(last.at("outcome").as_string(), "ok");
  EXPECT_EQ(last.at("status_code").as_int64(), 200);
  EXPECT_GE(last.at("phases_ms").at("connect").to_number<double>(), 0.0);

  const auto detail = http_request("GET", engine_->url("/api/v1/checks/web")).json();
  EXPECT_EQ(detail.at("hourly").as_array().size(), 24u);
  EXPECT_EQ(detail.at("daily").as_array().size(), 30u);
  EXPECT_GE(detail.at("hourly").as_array().back().at("results").as_int64(), 1);
  EXPECT_GE(detail.at("window_24h").at("uptime_percent").to_number<double>(), 99.0);

  ASSERT_TRUE(testing::eventually([&] {
    return http_request("GET", engine_->url("/api/v1/checks/web"))
               .json()
               .at("hourly")
               .as_array()
               .back()
               .at("results")
               .as_int64() >= 3;
  }));
  const auto results =
      http_request("GET", engine_->url("/api/v1/checks/web/results?limit=3")).json();
  const auto& list = results.at("results").as_array();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_GT(list[0].at("run").as_int64(), list[1].at("run").as_int64()) << "newest first";

  const auto events = http_request("GET", engine_->url("/api/v1/events?after=0&limit=5")).json();
  const auto& first = events.at("events").as_array();
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(first[0].at("sequence").as_int64(), 1);
  EXPECT_EQ(first[0].at("type").as_string(), "EngineStarted");
  EXPECT_EQ(events.at("next_after").as_int64(), 5);

  EXPECT_EQ(http_request("GET", engine_->url("/api/v1/checks/nope")).status, 404);
  EXPECT_EQ(http_request("GET", engine_->url("/api/v1/events?after=x")).status, 400);
  EXPECT_EQ(http_request("GET", engine_->url("/api/v2/anything")).status, 404);
  EXPECT_EQ(http_request("PUT", engine_->url("/api/v1/status"), engine_->bearer()).status, 405);
}

TEST_F(HttpApi, QueryParametersArePercentDecodedAndABrokenQueryIsRefusedNamingIt) {
  start(true);
  const auto count = [&](const std::string& query) {
    const auto reply = http_request("GET", engine_->url("/api/v1/checks?" + query));
    return reply.status == 200 ? reply.json().at("checks").as_array().size() : 999u;
  };
  EXPECT_EQ(count("service=%73hop"), 2u);
  EXPECT_EQ(count("other=1&service=shop"), 2u);
  EXPECT_EQ(count("service=sh+op"), 0u) << "'+' is a space";
  // Sent raw, as a browser sends '|' and '[': taken as if escaped.
  const std::string raw =
      testing::raw_exchange(engine_->port(),
                            "GET /api/v1/checks?x=a|b[c]&service=shop HTTP/1.1\r\nHost: x\r\n"
                            "Connection: close\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  EXPECT_NE(raw.find("\"nightly\""), std::string::npos) << raw;
  // Sent raw: a client that parses URLs would refuse to send it.
  const std::string broken =
      testing::raw_exchange(engine_->port(),
                            "GET /api/v1/checks?service=%zz HTTP/1.1\r\nHost: x\r\n"
                            "Connection: close\r\n\r\n");
  EXPECT_TRUE(broken.starts_with("HTTP/1.1 400")) << broken;
  EXPECT_NE(broken.find("the query string is not valid"), std::string::npos) << broken;
}

TEST_F(HttpApi, EventsLongPollUntilSomethingHappens) {
  start(true);
  const auto head = http_request("GET", engine_->url("/api/v1/events?limit=1")).json();
  const auto after = head.at("head").as_int64();
  const auto started = std::chrono::steady_clock::now();
  const auto polled = http_request(
      "GET", engine_->url("/api/v1/events?after=" + std::to_string(after) + "&wait=10"), {}, {},
      15s);
  const auto waited = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(polled.status, 200);
  const auto body = polled.json();
  const auto& events = body.at("events").as_array();
  ASSERT_FALSE(events.empty());
  EXPECT_GT(events[0].at("sequence").as_int64(), after);
  EXPECT_LT(waited, 5s) << "a check runs every 200 ms; the poll must return with it";
}

TEST_F(HttpApi, WritesPauseResumeRunDefineAndRemoveThroughTheEngine) {
  start(false);
  const auto bearer = engine_->bearer();
  const auto paused = http_request("POST", engine_->url("/api/v1/checks/web/pause"), bearer,
                                   R"({"reason":"deploy"})");
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_GE(paused.json().at("events").as_int64(), 1);
  EXPECT_EQ(check_status(*engine_, "web"), "paused") << "the answer comes after the view shows it";
  const auto again = http_request("POST", engine_->url("/api/v1/checks/web/pause"), bearer);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json().at("code").as_string(), "conflict") << again.body;
  EXPECT_EQ(again.json().at("where").as_string(), "web") << again.body;
  EXPECT_EQ(http_request("POST", engine_->url("/api/v1/checks/web/resume"), bearer).status, 200);
  EXPECT_NE(check_status(*engine_, "web"), "paused");
  EXPECT_EQ(http_request("POST", engine_->url("/api/v1/checks/web/run"), bearer).status, 200);
  const auto ghost = http_request("POST", engine_->url("/api/v1/checks/ghost/run"), bearer);
  EXPECT_EQ(ghost.status, 404);
  EXPECT_EQ(ghost.json().at("code").as_string(), "not_found") << ghost.body;
  const auto pinged_only = http_request("POST", engine_->url("/api/v1/checks/nightly/run"), bearer);
  EXPECT_EQ(pinged_only.status, 400) << "a heartbeat check runs when pinged: " << pinged_only.body;
  EXPECT_EQ(pinged_only.json().at("code").as_string(), "invalid");
  EXPECT_EQ(http_request("POST", engine_->url("/api/v1/checks/web/pause"), bearer, "{oops").status,
            400);

  const std::string definition = R"({"services": [{"id": "shop", "name": "The shop", "checks": [
      {"id": "web-port", "interval": "1s", "tcp": {"host": "127.0.0.1", "port": )" +
                                 std::to_string(web_.port()) + "}}]}]}";
  const auto defined =
      http_request("POST", engine_->url("/api/v1/definitions"), bearer, definition);
  ASSERT_EQ(defined.status, 200) << defined.body;
  EXPECT_NE(check_status(*engine_, "web-port"), "http 404");
  EXPECT_NE(check_status(*engine_, "web"), "http 404") << "define does not prune";

  const auto invalid = http_request("POST", engine_->url("/api/v1/definitions"), bearer,
                                    "services:\n  - id: shop\n    checks:\n      - id: x\n        "
                                    "http: { url: 12 }\n        intervl: 3s\n");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_NE(invalid.json().at("error").as_string().find("request body:"), std::string::npos)
      << invalid.body;

  EXPECT_EQ(http_request("DELETE", engine_->url("/api/v1/checks/web-port"), bearer).status, 200);
  EXPECT_EQ(check_status(*engine_, "web-port"), "http 404");
}

TEST_F(HttpApi, ThePushEndpointTakesAHeartbeatCheckUpAndSilenceTakesItDown) {
  start(true);
  EXPECT_EQ(http_request("GET", engine_->url("/ping/not-a-token")).status, 404);
  // Taken before the ping: the deadline counts from when the engine saw it.
  const auto pinged_at = std::chrono::steady_clock::now();
  const auto ping = http_request("GET", engine_->url("/ping/nightly-secret-1"));
  ASSERT_EQ(ping.status, 200) << ping.body;
  EXPECT_EQ(ping.body, "OK\n");
  EXPECT_EQ(check_status(*engine_, "nightly"), "up");
  EXPECT_EQ(http_request("GET", engine_->url("/ping/nightly-secret-1/abc")).status, 400);
  // Period 1 s + grace 0.3 s without a ping: a missed deadline, and down.
  ASSERT_TRUE(
      testing::eventually([&] { return check_status(*engine_, "nightly") == "down"; }, 15s));
  EXPECT_GE(std::chrono::steady_clock::now() - pinged_at, 1s) << "not before the period is over";
  const auto down = http_request("GET", engine_->url("/api/v1/checks/nightly")).json();
  EXPECT_NE(down.at("status_reason").as_string().find("no ping for"), std::string::npos) << down;
  EXPECT_EQ(http_request("POST", engine_->url("/ping/nightly-secret-1/0")).status, 200);
  EXPECT_EQ(check_status(*engine_, "nightly"), "up");
  // A start that is not followed by a success within the grace fails too.
  EXPECT_EQ(http_request("POST", engine_->url("/ping/nightly-secret-1/start")).status, 200);
  EXPECT_TRUE(testing::eventually([&] { return check_status(*engine_, "nightly") == "down"; }));
  EXPECT_EQ(http_request("POST", engine_->url("/ping/nightly-secret-1/3")).status, 200);
  const auto failed = http_request("GET", engine_->url("/api/v1/checks/nightly")).json();
  EXPECT_NE(failed.at("last_result").at("reason").as_string().find("exited with code 3"),
            std::string::npos)
      << failed;
  const auto events =
      http_request("GET", engine_->url("/api/v1/events?stream=check-nightly&limit=1000")).json();
  bool saw_http_ping = false;
  for (const auto& event : events.at("events").as_array()) {
    if (event.at("type").as_string() == "HeartbeatReceived") saw_http_ping = true;
  }
  EXPECT_TRUE(saw_http_ping);
}

// A ping sent from the local address `source`, as the server answered it.
struct PingAnswer {
  int status = 0;
  std::string retry_after;
  std::string body;
};

PingAnswer ping_from(const std::string& source, const RunningEngine& engine,
                     const std::string& path, const std::string& authorization = {}) {
  const std::string raw = testing::raw_exchange_from(
      source, engine.port(),
      "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
          (authorization.empty() ? "" : "Authorization: " + authorization + "\r\n") + "\r\n");
  PingAnswer answer;
  if (!raw.starts_with("HTTP/1.1 ")) return answer;
  answer.status = std::stoi(raw.substr(9, 3));
  const auto head_end = raw.find("\r\n\r\n");
  const std::string head = raw.substr(0, head_end);
  if (const auto at = head.find("\r\nRetry-After: "); at != std::string::npos)
    answer.retry_after = head.substr(at + 15, head.find("\r\n", at + 2) - at - 15);
  if (head_end != std::string::npos) answer.body = raw.substr(head_end + 4);
  return answer;
}

std::size_t heartbeats_recorded(const RunningEngine& engine) {
  const auto events =
      http_request("GET", engine.url("/api/v1/events?stream=check-nightly&limit=1000")).json();
  std::size_t count = 0;
  for (const auto& event : events.at("events").as_array())
    count += event.at("type").as_string() == "HeartbeatReceived";
  return count;
}

TEST_F(HttpApi, WithoutTheApiTokenAnUnknownTokenAndAPausedChecksGetTheSameAnswer) {
  start(true);
  ASSERT_EQ(
      http_request("POST", engine_->url("/api/v1/checks/nightly/pause"), engine_->bearer()).status,
      200);
  const auto unknown = ping_from("127.0.0.1", *engine_, "/ping/no-such-token-0123456789");
  const auto paused = ping_from("127.0.0.1", *engine_, "/ping/nightly-secret-1");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(paused.status, unknown.status);
  EXPECT_EQ(paused.body, unknown.body);
  EXPECT_EQ(unknown.body, R"({"error":"no heartbeat check has that token"})");
  // A signal that is not one is refused whatever the token.
  EXPECT_EQ(ping_from("127.0.0.1", *engine_, "/ping/no-such-token-0123456789/abc").status, 400);

  // With the API token, the pinger learns why.
  const std::string bearer = "Bearer " + engine_->token();
  EXPECT_EQ(ping_from("127.0.0.1", *engine_, "/ping/no-such-token-0123456789", bearer).status, 404);
  const auto told = ping_from("127.0.0.1", *engine_, "/ping/nightly-secret-1", bearer);
  EXPECT_EQ(told.status, 409);
  EXPECT_NE(told.body.find("paused"), std::string::npos) << told.body;
}

// Decision: once an address is held back, all its pings get the same 429,
// right tokens included, since answering a right one differently would tell
// a guesser when it guessed right. A right token's heartbeat is still
// recorded, so a job that shares an address with a guesser is not taken down.
TEST_F(HttpApi, RepeatedMissesFromOneAddressAreHeldBackWith429UntilItRecovers) {
  start(true);
  for (int miss = 0; miss < 10; ++miss) {
    ASSERT_EQ(ping_from("127.0.0.1", *engine_,
                        "/ping/guess-" + std::to_string(miss) + "-0123456789abcdef")
                  .status,
              404)
        << "miss " << miss << " is within the burst";
  }
  const auto held = ping_from("127.0.0.1", *engine_, "/ping/guess-10-0123456789abcdef");
  const auto held_at = std::chrono::steady_clock::now();
  EXPECT_EQ(held.status, 429) << held.body;
  EXPECT_EQ(held.retry_after, "1");
  EXPECT_NE(held.body.find("try again in 1 s"), std::string::npos) << held.body;

  const auto recorded_before = heartbeats_recorded(*engine_);
  const auto right = ping_from("127.0.0.1", *engine_, "/ping/nightly-secret-1");
  EXPECT_EQ(right.status, 429) << "a held-back address learns nothing from its tokens";
  EXPECT_EQ(right.body, held.body);
  EXPECT_TRUE(testing::eventually([&] {
    return heartbeats_recorded(*engine_) == recorded_before + 1;
  })) << "but the right token's heartbeat counts";

  // Another address is not held back; nor is a caller with the API token.
  EXPECT_EQ(ping_from("127.0.0.2", *engine_, "/ping/nightly-secret-1").status, 200);
  EXPECT_EQ(ping_from("127.0.0.2", *engine_, "/ping/guess-a-0123456789abcdef").status, 404);
  EXPECT_EQ(ping_from("127.0.0.1", *engine_, "/ping/nightly-secret-1", "Bearer " + engine_->token())
                .status,
            200);

  // One miss is earned back every second: after a rest, as many guesses
  // get through as seconds went by (a slow machine lets more go by), then
  // the address is held back again.
  std::this_thread::sleep_for(1100ms);
  int let_through = 0;
  for (int guess = 11; guess < 60; ++guess) {
    const int status = ping_from("127.0.0.1", *engine_,
                                 "/ping/guess-" + std::to_string(guess) + "-0123456789abcdef")
                           .status;
    if (status == 429) break;
    EXPECT_EQ(status, 404);
    ++let_through;
  }
  const auto rested =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - held_at);
  EXPECT_GE(let_through, 1);
  EXPECT_LE(let_through, rested.count() + 1) << "at most one a second";
}

TEST_F(HttpApi, AWellBehavedPingerIsNeverHeldBack) {
  start(true);
  for (int ping = 0; ping < 40; ++ping) {
    ASSERT_EQ(ping_from("127.0.0.1", *engine_, "/ping/nightly-secret-1").status, 200)
        << "ping " << ping;
  }
}

TEST_F(HttpApi, MetricsAreInThePrometheusTextFormat) {
  start(true);
  ASSERT_TRUE(testing::eventually([&] { return check_status(*engine_, "web") == "up"; }));
  const auto metrics = http_request("GET", engine_->url("/metrics"));
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  for (const char* expected :
       {"# TYPE nyxmon_check_up gauge",
        "nyxmon_check_up{check=\"web\",service=\"shop\",kind=\"http\"} 1",
        "nyxmon_check_status{check=\"web\",service=\"shop\",kind=\"http\",status=\"up\"} 1",
        "nyxmon_check_phase_seconds{check=\"web\",service=\"shop\",kind=\"http\",phase="
        "\"connect\"}",
        "nyxmon_check_results_total{check=\"web\",service=\"shop\",kind=\"http\",outcome=\"ok\"}",
        "nyxmon_scheduling_lag_seconds_bucket{le=\"+Inf\"}", "nyxmon_batch_size_events_count",
        "nyxmon_events_appended_total", "nyxmon_probes_in_flight "}) {
    EXPECT_NE(metrics.body.find(expected), std::string::npos) << expected << "\n" << metrics.body;
  }
}

TEST_F(HttpApi, TheStatusPageReadsWithoutJavaScript) {
  start(true);
  ASSERT_TRUE(testing::eventually([&] { return check_status(*engine_, "web") == "up"; }));
  const auto page = http_request("GET", engine_->url("/"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("The shop"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"check-web\" data-status=\"up\""), std::string::npos);
  EXPECT_NE(page.body.find("<noscript>"), std::string::npos);
  const auto board = http_request("GET", engine_->url("/?fragment=board"));
  EXPECT_EQ(board.body.find("<html"), std::string::npos);
  EXPECT_NE(board.body.find("check-web"), std::string::npos);
}

}  // namespace
}  // namespace nyxmon::tools
