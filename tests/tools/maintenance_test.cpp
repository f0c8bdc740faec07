// Maintenance windows through `nyxmon run`, as an operator meets them: a
// window from the configuration over an outage against a refused port pages
// nobody and shows `maintenance` everywhere; ending it hands the check back
// to the rules, which page exactly once; uptime can leave the window out.
// And an ad hoc window over the API.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <mutex>
#include <thread>

#include "domain/model/time_text.hpp"
#include "infrastructure/runtime/system_clock.hpp"
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

// Counts the pages a webhook notifier delivers.
class Pager {
 public:
  Pager() {
    server_.route_with("/hook", [this](const testing::RecordedHttpRequest& request) {
      std::lock_guard lock(mutex_);
      bodies_.push_back(request.body);
      return testing::HttpBehaviour::respond(200, "ok");
    });
  }
  std::string url() const { return server_.url("/hook"); }
  std::vector<std::string> pages() const {
    std::lock_guard lock(mutex_);
    return bodies_;
  }

 private:
  testing::HttpTestServer server_;
  mutable std::mutex mutex_;
  std::vector<std::string> bodies_;
};

class Maintenance : public ::testing::Test {
 protected:
  void start(const std::string& maintenance) {
    std::ofstream(dir_ / "nyxmon.yaml")
        << "notifiers:\n"
           "  - { id: ops, url: \""
        << pager_.url()
        << "\" }\n"
           "services:\n"
           "  - id: shop\n"
           "    checks:\n"
           "      - { id: db, interval: 200ms, timeout: 1s, failure_threshold: 1, notify: [ops],\n"
           "          tcp: { host: 127.0.0.1, port: "
        << testing::closed_port() << " } }\n"
        << maintenance;
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  }

  std::string status() {
    auto reply = http_request("GET", engine_->url("/api/v1/checks/db"), engine_->bearer());
    if (reply.status != 200) return "";
    return std::string(reply.json().as_object().at("status").as_string());
  }

  json::object uptime(bool exclude) {
    std::vector<std::string> arguments{"uptime", "--window", "1m", "--json", "--data", data()};
    if (exclude) arguments.push_back("--exclude-maintenance");
    const auto shown = run_nyxmon(arguments);
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    for (std::size_t start = 0; start < shown.out.size();) {
      const std::size_t end = shown.out.find('\n', start);
      const auto line = json::parse(shown.out.substr(start, end - start)).as_object();
      if (line.contains("check")) return line;
      start = end + 1;
    }
    ADD_FAILURE() << shown.out;
    return {};
  }

  std::string data() const { return (dir_ / "data").string(); }

  testing::TempDir dir_;
  Pager pager_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(Maintenance, AWindowOverAnOutagePagesNobodyAndItsEndPagesOnce) {
  const auto now = infra::runtime::SystemClock().now();
  start(
      "maintenance:\n"
      "  - { id: upgrade, services: [shop], duration: 1h, comment: db upgrade,\n"
      "      start: " +
      domain::format_timestamp(now - 1min) + " }\n");
  ASSERT_TRUE(eventually([&] { return status() == "maintenance"; })) << status();
  std::this_thread::sleep_for(1s);  // five more failing runs
  EXPECT_EQ(status(), "maintenance");
  EXPECT_TRUE(pager_.pages().empty()) << pager_.pages().front();

  const auto metrics = http_request("GET", engine_->url("/metrics"), engine_->bearer());
  EXPECT_NE(metrics.body.find("nyxmon_maintenance_open{window=\"upgrade\"} 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("nyxmon_check_status{check=\"db\",service=\"shop\",kind=\"tcp\","
                              "status=\"maintenance\"} 1"),
            std::string::npos)
      << metrics.body.substr(0, 3000);
  const auto page = http_request("GET", engine_->url("/"), engine_->bearer());
  EXPECT_NE(page.body.find("id=\"maintenance-upgrade\""), std::string::npos);
  const auto windows = http_request("GET", engine_->url("/api/v1/maintenance"), engine_->bearer());
  ASSERT_EQ(windows.status, 200);
  const auto listed_body = windows.json();
  const auto& listed = listed_body.as_object().at("maintenance").as_array().at(0).as_object();
  EXPECT_EQ(listed.at("id").as_string(), "upgrade");
  EXPECT_EQ(listed.at("open").as_bool(), true);
  EXPECT_EQ(listed.at("from_configuration").as_bool(), true);
  const auto list = run_nyxmon({"maintenance", "list", "--data", data()});
  EXPECT_NE(list.out.find("upgrade"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("OPEN until"), std::string::npos) << list.out;

  const auto ended =
      run_nyxmon({"maintenance", "end", "upgrade", "--data", data()}, {{"USER", "alice"}});
  ASSERT_EQ(ended.exit_code, 0) << ended.err;
  ASSERT_TRUE(eventually([&] { return status() == "down"; })) << status();
  ASSERT_TRUE(eventually([&] { return pager_.pages().size() == 1; }));
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(pager_.pages().size(), 1u) << "the outage is paged once, when the window ends";

  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  const auto events = run_nyxmon({"events", "--stream", "maintenance-upgrade", "--data", data()});
  EXPECT_NE(events.out.find("MaintenanceStarted"), std::string::npos) << events.out;
  EXPECT_NE(events.out.find("maintenance window upgrade ended: ended by alice"), std::string::npos)
      << events.out;
  const auto explained = run_nyxmon({"replay", "--check", "db", "--explain", "--data", data()});
  EXPECT_NE(explained.out.find("→ down; maintenance window 'upgrade' is open → maintenance"),
            std::string::npos)
      << explained.out;
  EXPECT_NE(explained.out.find("maintenance window 'upgrade' ended; still failing → down"),
            std::string::npos)
      << explained.out;

  // What a window over the whole of it would have spared: the one page.
  const auto whatif = run_nyxmon(
      {"whatif", "--maintenance", "check=db,start=-1h,for=2h", "--json", "--data", data()});
  ASSERT_EQ(whatif.exit_code, 0) << whatif.err;
  const auto report = json::parse(whatif.out).as_object();
  auto pages = [](const json::value& changes) {
    std::size_t count = 0;
    for (const auto& change : changes.as_array())
      count += change.as_object().at("notification") == "problem";
    return count;
  };
  EXPECT_EQ(pages(report.at("actual")), 1u) << whatif.out;
  EXPECT_EQ(pages(report.at("whatif")), 0u) << whatif.out;
  const auto refused = run_nyxmon({"whatif", "--maintenance", "check=db,for=2h", "--data", data()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("maintenance.start: is missing"), std::string::npos) << refused.err;

  const auto counted = uptime(false);
  const auto excluded = uptime(true);
  EXPECT_EQ(counted.at("maintenance").as_string(), "counted_as_down");
  EXPECT_EQ(excluded.at("maintenance").as_string(), "excluded");
  EXPECT_LT(counted.at("not_down_percent").as_double(), excluded.at("not_down_percent").as_double())
      << "time in maintenance counts as down unless it is excluded";
}

TEST_F(Maintenance, AnAdHocWindowOverTheApiHoldsAProblemAndItsEndRemovesIt) {
  start("");
  ASSERT_TRUE(eventually([&] { return status() == "down"; }));
  const auto bad = http_request("POST", engine_->url("/api/v1/maintenance"), engine_->bearer(),
                                R"({"checks":["db"],"every":["sun"],"at":"02:00",)"
                                R"("time_zone":"Mars/Olympus","duration":"1h"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("time zone 'Mars/Olympus' is not in the tz database"), std::string::npos)
      << bad.body;

  const auto added = http_request("POST", engine_->url("/api/v1/maintenance"), engine_->bearer(),
                                  R"({"id":"failover","checks":["db"],"duration":"2h"})");
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(added.json().as_object().at("window").as_string(), "failover");
  ASSERT_TRUE(eventually([&] { return status() == "maintenance"; })) << status();

  const auto deleted =
      http_request("DELETE", engine_->url("/api/v1/maintenance/failover"), engine_->bearer());
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  ASSERT_TRUE(eventually([&] { return status() == "down"; }));
  const auto windows = http_request("GET", engine_->url("/api/v1/maintenance"), engine_->bearer());
  EXPECT_TRUE(windows.json().as_object().at("maintenance").as_array().empty()) << windows.body;
  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
