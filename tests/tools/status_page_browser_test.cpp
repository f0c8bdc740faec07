// The status page in a real browser: headless Chromium (Debian's package)
// against `nyxmon run`. It renders the services and checks and refreshes
// the board in place without a reload. The screenshot is kept in
// <build>/test-artifacts/status-page.png. (Headless Chromium can neither
// dump nor shoot a page with scripts off; http_api_test.cpp checks that the
// page as served, before any script, holds the whole board.)
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

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

// The login form, and the overview on a 375 px wide phone screen, kept
// as <build>/test-artifacts/login.png and status-page-375.png.
TEST_F(StatusPageInChromium, TheLoginFormAndANarrowScreenAreKeptAsScreenshots) {
  const std::filesystem::path artifacts = NYXMON_ARTIFACT_DIR;
  std::filesystem::create_directories(artifacts);
  struct Shot {
    const char* file;
    const char* path;
    int width;
  };
  int profile = 10;
  for (const Shot& wanted :
       {Shot{"login.png", "/login", 1280}, Shot{"status-page-375.png", "/", 375}}) {
    const auto screenshot = artifacts / wanted.file;
    std::filesystem::remove(screenshot);
    const auto shot = testing::run_process(
        chromium({"--screenshot=" + screenshot.string(), engine_->url(wanted.path)},
                 dir_ / ("profile-" + std::to_string(profile++)), wanted.width),
        {}, 60s);
    ASSERT_TRUE(std::filesystem::exists(screenshot)) << shot.err;
    EXPECT_GT(std::filesystem::file_size(screenshot), 5'000u) << wanted.file;
  }
}

}  // namespace
}  // namespace nyxmon::tools
