// The status page in a real browser: headless Chromium (Debian's package)
// against `nyxmon run`. It renders the services and checks and refreshes
// the board in place without a reload; driven by tests/browser/pages.mjs
// (playwright-core), a visitor logs in with the token, reaches a down
// check's page with the keyboard, reads why it is down and sees it before
// its incident, and every page passes axe-core's WCAG 2 A/AA rules in light
// and dark mode. Screenshots are kept in <build>/test-artifacts/.
// (Headless Chromium can neither dump nor shoot a page with scripts off;
// http_api_test.cpp checks that the page as served, before any script,
// holds the whole board.)
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include "domain/model/time_text.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RunningEngine;

constexpr const char* kChromium = "/usr/bin/chromium";

std::vector<std::string> chromium(std::vector<std::string> arguments,
                                  const std::filesystem::path& profile, int width = 1280) {
  std::vector<std::string> argv = {kChromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-dev-shm-usage",
                                   "--no-first-run",
                                   "--user-data-dir=" + profile.string(),
                                   "--window-size=" + std::to_string(width) + ",800"};
  for (auto& argument : arguments)
    argv.push_back(std::move(argument));
  return argv;
}

class StatusPageInChromium : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kChromium))
        << kChromium << " is missing: scripts/install-deps.sh installs Debian's chromium";
    web_.route("/health", HttpBehaviour::respond(200, "ok"));
    std::ofstream(dir_ / "nyxmon.yaml") << "engine: { durability: async, public_reads: true }\n"
                                           "services:\n"
                                           "  - id: storefront\n"
                                           "    name: Storefront\n"
                                           "    checks:\n"
                                           "      - id: home\n"
                                           "        name: Home page\n"
                                           "        interval: 500ms\n"
                                           "        recovery_threshold: 1\n"
                                           "        http: { url: \""
                                        << web_.url("/health")
                                        << "\" }\n"
                                           "  - id: backend\n"
                                           "    name: Back end\n"
                                           "    checks:\n"
                                           "      - id: closed-port\n"
                                           "        interval: 500ms\n"
                                           "        failure_threshold: 1\n"
                                           "        tcp: { host: 127.0.0.1, port: 1 }\n";
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
    std::this_thread::sleep_for(2s);  // results, and both statuses decided
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

TEST_F(StatusPageInChromium, RendersRefreshesInPlaceAndKeepsAScreenshot) {
  const std::filesystem::path artifacts = NYXMON_ARTIFACT_DIR;
  std::filesystem::create_directories(artifacts);
  const auto screenshot = artifacts / "status-page.png";
  std::filesystem::remove(screenshot);
  const auto shot = testing::run_process(
      chromium({"--screenshot=" + screenshot.string(), engine_->url("/")}, dir_ / "profile-1"), {},
      60s);
  ASSERT_TRUE(std::filesystem::exists(screenshot)) << shot.err;
  EXPECT_GT(std::filesystem::file_size(screenshot), 10'000u) << "a blank page is smaller";

  // Virtual time runs 25 s: the page's 10 s refresh fetches the board twice,
  // without a reload (the counter lives in the DOM the reload would reset).
  const auto dom = testing::run_process(
      chromium({"--virtual-time-budget=25000", "--dump-dom", engine_->url("/")},
               dir_ / "profile-2"),
      {}, 90s);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_NE(dom.out.find("data-refreshed=\"2\""), std::string::npos) << dom.out.substr(0, 2000);
  EXPECT_NE(dom.out.find("Storefront"), std::string::npos);
  EXPECT_NE(dom.out.find("id=\"check-home\" data-status=\"up\""), std::string::npos);
  EXPECT_NE(dom.out.find("id=\"check-closed-port\" data-status=\"down\""), std::string::npos);
  EXPECT_NE(dom.out.find("connection refused"), std::string::npos) << "the reason is shown";
}

// A private page, a check that goes down, and tests/browser/pages.mjs.
TEST(StatusPagesInChromium, LoginWhyItIsDownThePastAndAccessibility) {
  ASSERT_TRUE(std::filesystem::exists(kChromium));
  ASSERT_TRUE(std::filesystem::exists(std::filesystem::path(NYXMON_BROWSER_DIR) / "node_modules"))
      << "scripts/install-deps.sh installs the browser tests' packages";
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  web.route("/hook", HttpBehaviour::respond(200, "ok"));
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: async }\n"
         "status_page: { title: Example status, description: Shop and back office }\n"
         "notifiers:\n  - { id: ops, url: \""
      << web.url("/hook")
      << "\" }\n"
         "services:\n"
         "  - id: storefront\n"
         "    name: Storefront\n"
         "    checks:\n"
         "      - { id: home, name: Home page, interval: 300ms, failure_threshold: 2, "
         "recovery_threshold: 1, notify: [ops], http: { url: \""
      << web.url("/health")
      << "\", expect: { latency_warn: 50ms } } }\n"
         "      - { id: search, interval: 300ms, http: { url: \""
      << web.url("/health")
      << "\" } }\n"
         "  - id: backend\n"
         "    name: Back office\n"
         "    checks:\n"
         "      - { id: database, interval: 300ms, tcp: { host: 127.0.0.1, port: "
      << web.port() << " } }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto home_is = [&](const std::string& status) {
    return testing::http_request("GET", engine.url("/checks/home"), engine.bearer())
               .body.find("id=\"check\" data-status=\"" + status + "\"") != std::string::npos;
  };
  ASSERT_TRUE(testing::eventually([&] { return home_is("up"); }, 15s));
  std::this_thread::sleep_for(3s);
  const std::string before = domain::format_timestamp(
      std::chrono::time_point_cast<domain::Timestamp::duration>(std::chrono::system_clock::now()));
  std::this_thread::sleep_for(500ms);
  web.route("/health", HttpBehaviour::respond(503, "maintenance"));
  ASSERT_TRUE(testing::eventually([&] { return home_is("down"); }, 15s));

  const std::filesystem::path artifacts = NYXMON_ARTIFACT_DIR;
  std::filesystem::create_directories(artifacts);
  const auto run =
      testing::run_process({"/usr/bin/env", "node", std::string(NYXMON_BROWSER_DIR) + "/pages.mjs",
                            engine.url(""), engine.token(), artifacts.string(), "home", before},
                           {}, 240s);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const char* shot : {"login.png", "overview.png", "check-page.png", "check-page-before.png",
                           "incidents.png", "status-page-375.png", "status-page-dark.png"}) {
    EXPECT_TRUE(std::filesystem::exists(artifacts / shot)) << shot;
  }
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
