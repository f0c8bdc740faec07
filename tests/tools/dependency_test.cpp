// Dependencies through `nyxmon run`: a gateway in front of three services,
// all behind refused ports. Only the gateway pages; the services are
// unreachable, say why in replay --explain and in their incidents, and
// whatif shows what a dependency would have spared a configuration without
// one.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <mutex>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/closed_port.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::http_request;
using testing::run_nyxmon;
using testing::RunningEngine;
namespace json = boost::json;

class Dependencies : public ::testing::Test {
 protected:
  Dependencies() {
    pager_.route_with("/hook", [this](const testing::RecordedHttpRequest& request) {
      std::lock_guard lock(mutex_);
      pages_.push_back(request.body);
      return testing::HttpBehaviour::respond(200, "ok");
    });
  }

  void start(bool with_dependency) {
    std::ofstream config(dir_ / "nyxmon.yaml");
    config << "notifiers:\n  - { id: ops, url: \"" << pager_.url("/hook") << "\" }\n"
           << "services:\n"
              "  - id: net\n"
              "    checks:\n"
              "      - { id: gateway, interval: 200ms, timeout: 1s, failure_threshold: 2, "
              "notify: [ops], tcp: { host: 127.0.0.1, port: "
           << testing::closed_port() << " } }\n"
           << "  - id: web\n"
           << (with_dependency ? "    depends_on: [gateway]\n" : "") << "    checks:\n";
    for (int i = 1; i <= 3; ++i) {
      config << "      - { id: web-" << i
             << ", interval: 200ms, timeout: 1s, failure_threshold: 3, notify: [ops], "
                "tcp: { host: 127.0.0.1, port: "
             << testing::closed_port() << " } }\n";
    }
    config.close();
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  }

  std::string status(const std::string& check) {
    auto reply = http_request("GET", engine_->url("/api/v1/checks/" + check), engine_->bearer());
    if (reply.status != 200) return "";
    return std::string(reply.json().as_object().at("status").as_string());
  }

  std::size_t pages() {
    std::lock_guard lock(mutex_);
    return pages_.size();
  }

  std::string data() const { return (dir_ / "data").string(); }

  testing::TempDir dir_;
  testing::HttpTestServer pager_;
  std::mutex mutex_;
  std::vector<std::string> pages_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(Dependencies, AGatewayOutagePagesOnceAndItsServicesAreUnreachable) {
  start(true);
  ASSERT_TRUE(eventually([&] {
    return status("gateway") == "down" && status("web-1") == "unreachable" &&
           status("web-2") == "unreachable" && status("web-3") == "unreachable";
  }));
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(pages(), 1u);
  EXPECT_NE(pages_.front().find("gateway"), std::string::npos) << pages_.front();
  const auto metrics = http_request("GET", engine_->url("/metrics"), engine_->bearer());
  EXPECT_NE(metrics.body.find("nyxmon_check_status{check=\"web-1\",service=\"web\",kind=\"tcp\","
                              "status=\"unreachable\"} 1"),
            std::string::npos);

  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  const auto explained = run_nyxmon({"replay", "--check", "web-1", "--explain", "--data", data()});
  EXPECT_NE(explained.out.find("suppressed: parent gateway"), std::string::npos) << explained.out;
  const auto incidents = run_nyxmon({"incidents", "--check", "web-1", "--data", data()});
  EXPECT_NE(incidents.out.find("suppressed: parent gateway"), std::string::npos) << incidents.out;
}

TEST_F(Dependencies, WhatifShowsThePagesADependencyWouldHaveSpared) {
  start(false);
  ASSERT_TRUE(eventually([&] { return pages() == 4; }));
  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  const auto whatif =
      run_nyxmon({"whatif", "--depends-on", "web-1=gateway", "--depends-on", "web-2=gateway",
                  "--depends-on", "web-3=gateway", "--json", "--data", data()});
  ASSERT_EQ(whatif.exit_code, 0) << whatif.err;
  std::size_t actual = 0, simulated = 0;
  for (std::size_t start = 0; start < whatif.out.size();) {
    const std::size_t end = whatif.out.find('\n', start);
    const auto check = json::parse(whatif.out.substr(start, end - start)).as_object();
    for (const auto& change : check.at("actual").as_array())
      actual += change.as_object().at("notification") == "problem";
    for (const auto& change : check.at("whatif").as_array())
      simulated += change.as_object().at("notification") == "problem";
    start = end + 1;
  }
  EXPECT_EQ(actual, 4u);
  EXPECT_EQ(simulated, 1u) << whatif.out;
}

}  // namespace
}  // namespace nyxmon::tools
