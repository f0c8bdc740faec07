// The pages behind the overview, against `nyxmon run`: a check's page says
// why it is down (the decisions of replay --explain), draws its response
// time and keeps its incidents; every page shows the past with ?at=, and
// the check page steps through status changes; /incidents lists open and
// recent incidents with their notifications; badges follow the page's
// access; the per-run bars survive a restart.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

#include "domain/model/time_text.hpp"
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

domain::Timestamp wall_now() {
  return std::chrono::time_point_cast<domain::Timestamp::duration>(
      std::chrono::system_clock::now());
}

bool has(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// The href of the element with `id`, entities undone.
std::string href_of(const std::string& html, const std::string& id) {
  const std::regex pattern("id=\"" + id + "\" href=\"([^\"]+)\"");
  std::smatch match;
  if (!std::regex_search(html, match, pattern)) return {};
  std::string link = match[1];
  for (std::size_t at = link.find("&amp;"); at != std::string::npos; at = link.find("&amp;"))
    link.replace(at, 5, "&");
  return link;
}

class StatusPageViews : public ::testing::Test {
 protected:
  void write_config(const std::string& status_page) {
    std::ofstream(dir_ / "nyxmon.yaml")
        << "engine: { durability: async }\n"
        << status_page << "notifiers:\n  - { id: ops, url: \"" << web_.url("/hook") << "\" }\n"
        << "services:\n"
           "  - id: storefront\n"
           "    name: Storefront\n"
           "    checks:\n"
           "      - id: home\n"
           "        name: Home page\n"
           "        interval: 250ms\n"
           "        failure_threshold: 2\n"
           "        recovery_threshold: 1\n"
           "        notify: [ops]\n"
           "        http: { url: \""
        << web_.url("/health")
        << "\", expect: { latency_warn: 800ms } }\n"
           "  - id: backend\n"
           "    checks:\n"
           "      - id: closed-port\n"
           "        interval: 250ms\n"
           "        failure_threshold: 1\n"
           "        tcp: { host: 127.0.0.1, port: 1 }\n";
  }
  void start(const std::string& status_page = "") {
    web_.route("/health", HttpBehaviour::respond(200, "ok"));
    web_.route("/hook", HttpBehaviour::respond(200, "ok"));
    write_config(status_page);
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  }
  std::string get(const std::string& path) {
    const auto reply = http_request("GET", engine_->url(path), engine_->bearer());
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body.substr(0, 400);
    return reply.body;
  }
  bool check_is(const std::string& status) {
    return has(get("/checks/home"), "id=\"check\" data-status=\"" + status + "\"");
  }
  void TearDown() override {
    if (engine_) {
      EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
    }
  }

  testing::TempDir dir_;
  HttpTestServer web_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(StatusPageViews, ACheckPageSaysWhyItIsDownAndShowsItAsItWasBefore) {
  start();
  ASSERT_TRUE(testing::eventually([&] { return check_is("up"); }, 15s));
  std::this_thread::sleep_for(1s);  // runs to draw
  const domain::Timestamp while_up = wall_now();
  std::this_thread::sleep_for(300ms);
  web_.route("/health", HttpBehaviour::respond(503, "maintenance"));
  ASSERT_TRUE(testing::eventually([&] { return check_is("down"); }, 15s));

  const std::string page = get("/checks/home");
  EXPECT_TRUE(has(page, "<h2>Why is it down?</h2>")) << page;
  EXPECT_TRUE(has(page, "status up → down")) << "the decision, as replay --explain tells it";
  EXPECT_TRUE(has(page, "expected status 200-299, got 503") || has(page, "got 503")) << page;
  EXPECT_TRUE(has(page, "soft failure 1/2")) << "the failure before the change, with its rule";
  EXPECT_TRUE(has(page, "<svg class=\"chart\"")) << "the response-time chart";
  EXPECT_TRUE(has(page, "class=\"ph-connect\"")) << "phases stacked in the chart";
  EXPECT_TRUE(has(page, "class=\"warn-line\"")) << "the warn threshold drawn";
  EXPECT_TRUE(has(page, "id=\"uptime-90d\""));
  EXPECT_TRUE(has(page, "<strong>open</strong>")) << "the open incident";
  EXPECT_TRUE(has(page, web_.url("/health"))) << "the definition names its target";
  EXPECT_FALSE(has(page, engine_->token()));
  for (const char* range : {"1h", "7d"})
    EXPECT_TRUE(has(get(std::string("/checks/home?range=") + range), "<svg class=\"chart\""));

  // The same page as it was while the check was up: no problem, and a step
  // forward to the change that made it down.
  const std::string before = get("/checks/home?at=" + domain::format_timestamp(while_up));
  EXPECT_TRUE(has(before, "id=\"past\"")) << "it says it shows the past";
  EXPECT_TRUE(has(before, "id=\"check\" data-status=\"up\"")) << before;
  EXPECT_FALSE(has(before, "Why is it"));
  EXPECT_FALSE(has(before, "<strong>open</strong>")) << "the incident had not begun";
  const std::string next = href_of(before, "step-next");
  ASSERT_FALSE(next.empty()) << before;
  const std::string at_change = get(next);
  EXPECT_TRUE(has(at_change, "id=\"check\" data-status=\"down\"")) << next;
  const std::string back = href_of(at_change, "step-before");
  ASSERT_FALSE(back.empty());
  EXPECT_TRUE(has(get(back), "id=\"check\" data-status=\"up\"")) << back;

  // The overview and the incidents page take ?at= too, relative or not.
  const std::string overview_before = get("/?at=" + domain::format_timestamp(while_up));
  EXPECT_TRUE(has(overview_before, "id=\"check-home\" data-status=\"up\""));
  EXPECT_FALSE(has(overview_before, "<script>")) << "the past is not refreshed";
  EXPECT_TRUE(has(get("/?at=-1s"), "id=\"past\""));
  const auto bad = http_request("GET", engine_->url("/?at=yesterday"), engine_->bearer());
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "is not a time"));

  const std::string incidents = get("/incidents");
  EXPECT_TRUE(has(incidents, "data-check=\"home\"")) << incidents;
  EXPECT_TRUE(has(incidents, "data-check=\"closed-port\""));
  EXPECT_TRUE(has(incidents, "problem → ops (delivered)")) << "the notification it gave";
  const std::string storefront_only = get("/incidents?service=storefront");
  EXPECT_TRUE(has(storefront_only, "data-check=\"home\""));
  EXPECT_FALSE(has(storefront_only, "data-check=\"closed-port\""));
  EXPECT_FALSE(
      has(get("/incidents?at=" + domain::format_timestamp(while_up)), "data-check=\"home\""))
      << "before it began, the incident is not listed";

  const auto missing = http_request("GET", engine_->url("/checks/nope"), engine_->bearer());
  EXPECT_EQ(missing.status, 404);
}

TEST_F(StatusPageViews, BadgesFollowThePagesAccess) {
  start(
      "status_page:\n"
      "  public: true\n"
      "  services: [storefront]\n");
  ASSERT_TRUE(testing::eventually([&] { return check_is("up"); }, 15s));
  const auto status = http_request("GET", engine_->url("/badge/home/status.svg"));
  ASSERT_EQ(status.status, 200);
  EXPECT_EQ(status.header("Content-Type"), "image/svg+xml; charset=utf-8");
  EXPECT_TRUE(has(status.body, "<title>Home page: up</title>")) << status.body;
  const auto uptime = http_request("GET", engine_->url("/badge/home/uptime-30d.svg"));
  EXPECT_TRUE(has(uptime.body, "uptime 30d: 100.00%")) << uptime.body;
  const auto response = http_request("GET", engine_->url("/badge/home/response-24h.svg"));
  EXPECT_TRUE(std::regex_search(response.body, std::regex("response 24h: [0-9.]+ ms")))
      << response.body;
  EXPECT_EQ(http_request("GET", engine_->url("/badge/home/other.svg")).status, 404);
  // A check the public page does not show has no public badge, and answers
  // as a check that does not exist.
  const auto hidden = http_request("GET", engine_->url("/badge/closed-port/status.svg"));
  const auto unknown = http_request("GET", engine_->url("/badge/no-such-check/status.svg"));
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(
      http_request("GET", engine_->url("/badge/closed-port/status.svg"), engine_->bearer()).status,
      200);
  // A public visitor reads the check page without its target.
  const auto visitor = http_request("GET", engine_->url("/checks/home"));
  ASSERT_EQ(visitor.status, 200);
  EXPECT_FALSE(has(visitor.body, web_.url("/health")));
  EXPECT_EQ(http_request("GET", engine_->url("/checks/closed-port")).status, 404);
}

TEST_F(StatusPageViews, APrivatePagesBadgesAreNotPublic) {
  start();
  ASSERT_TRUE(testing::eventually([&] { return check_is("up"); }, 15s));
  EXPECT_EQ(http_request("GET", engine_->url("/badge/home/status.svg")).status, 404);
  EXPECT_EQ(http_request("GET", engine_->url("/checks/home")).status, 303);
  EXPECT_EQ(http_request("GET", engine_->url("/incidents")).status, 303);
}

TEST_F(StatusPageViews, ThePerRunBarsSurviveARestart) {
  start();
  const auto runs = [&](const std::string& page) {
    std::smatch match;
    static const std::regex label("id=\"check-home\"[^]*?aria-label=\"last ([0-9]+) runs");
    return std::regex_search(page, match, label) ? std::stoi(match[1]) : -1;
  };
  ASSERT_TRUE(testing::eventually([&] { return runs(get("/")) >= 8; }, 15s));
  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  // A long interval now: what the bars show comes from the log.
  std::string config;
  {
    std::ifstream in(dir_ / "nyxmon.yaml");
    config.assign(std::istreambuf_iterator<char>(in), {});
  }
  config.replace(config.find("interval: 250ms"), 15, "interval: 1h");
  std::ofstream(dir_ / "nyxmon.yaml") << config;
  engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  EXPECT_GE(runs(get("/")), 8) << "the last runs were read back from the log";
}

}  // namespace
}  // namespace nyxmon::tools
