// Acknowledging a problem from the command line and over the API of a
// running engine, as an operator would: the check goes down against a
// refused port, someone takes it on, and every view says so.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/closed_port.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using testing::eventually;
using testing::http_request;
using testing::run_nyxmon;
using testing::RunningEngine;

class Acknowledgement : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "nyxmon.yaml")
        << "services:\n"
           "  - id: shop\n"
           "    checks:\n"
           "      - { id: db, interval: 200ms, timeout: 1s, failure_threshold: 1,\n"
           "          tcp: { host: 127.0.0.1, port: "
        << testing::closed_port() << " } }\n";
    engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
    ASSERT_TRUE(eventually([&] { return check_json().at("status").as_string() == "down"; }));
  }

  boost::json::object check_json() {
    auto reply = http_request("GET", engine_->url("/api/v1/checks/db"), engine_->bearer());
    return reply.status == 200 ? reply.json().as_object() : boost::json::object{};
  }

  std::string data() const { return (dir_ / "data").string(); }

  testing::TempDir dir_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(Acknowledgement, FromTheCliShowsInStatusApiMetricsAndEventsAndClears) {
  const auto acked =
      run_nyxmon({"ack", "db", "--comment", "failover under way", "--sticky", "--data", data()},
                 {{"USER", "alice"}});
  ASSERT_EQ(acked.exit_code, 0) << acked.err;
  EXPECT_EQ(acked.out, "db: acknowledged\n");

  const auto ack = check_json().at("acknowledged");
  ASSERT_TRUE(ack.is_object()) << check_json();
  EXPECT_EQ(ack.at("by").as_string(), "alice");
  EXPECT_EQ(ack.at("comment").as_string(), "failover under way");
  EXPECT_EQ(ack.at("sticky").as_bool(), true);

  const auto metrics = http_request("GET", engine_->url("/metrics"), engine_->bearer());
  EXPECT_NE(
      metrics.body.find("nyxmon_check_acknowledged{check=\"db\",service=\"shop\",kind=\"tcp\"} 1"),
      std::string::npos)
      << metrics.body.substr(0, 2000);
  const auto shown = run_nyxmon({"check", "show", "db", "--data", data()});
  EXPECT_NE(shown.out.find("acknowledged down by alice (sticky): failover under way"),
            std::string::npos)
      << shown.out;
  const auto page = http_request("GET", engine_->url("/"), engine_->bearer());
  EXPECT_NE(page.body.find("acknowledged by alice: failover under way"), std::string::npos);

  const auto again = run_nyxmon({"ack", "db", "--clear", "--data", data()}, {{"USER", "bob"}});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(check_json().at("acknowledged").is_null());

  const auto refused = run_nyxmon({"ack", "nosuch", "--data", data()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("check 'nosuch' is not defined"), std::string::npos) << refused.err;

  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  const auto events = run_nyxmon({"events", "--stream", "check-db", "--data", data()});
  EXPECT_NE(events.out.find("acknowledged down by alice (sticky): failover under way"),
            std::string::npos)
      << events.out;
  EXPECT_NE(events.out.find("acknowledgement ended: cleared by bob"), std::string::npos)
      << events.out;
  const auto status = run_nyxmon({"status", "--data", data()});
  EXPECT_EQ(status.out.find("acknowledged"), std::string::npos) << status.out;
}

TEST_F(Acknowledgement, OverTheApiWithAnExpiryAndRefusedWhenMalformed) {
  const auto acked = http_request("POST", engine_->url("/api/v1/checks/db/ack"), engine_->bearer(),
                                  R"({"comment":"looking","expires":"2h"})");
  ASSERT_EQ(acked.status, 200) << acked.body;
  const auto ack = check_json().at("acknowledged");
  ASSERT_TRUE(ack.is_object());
  EXPECT_EQ(ack.at("by").as_string(), "api");
  EXPECT_TRUE(ack.at("expires_at").is_string());

  const auto bad = http_request("POST", engine_->url("/api/v1/checks/db/ack"), engine_->bearer(),
                                R"({"expires":"soon"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("'soon' is not a duration"), std::string::npos) << bad.body;

  const auto cleared =
      http_request("DELETE", engine_->url("/api/v1/checks/db/ack"), engine_->bearer());
  EXPECT_EQ(cleared.status, 200) << cleared.body;
  const auto twice =
      http_request("DELETE", engine_->url("/api/v1/checks/db/ack"), engine_->bearer());
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
