// Silences through `nyxmon run`: a silence made with the CLI holds the
// page of an outage against a refused port while the status goes down as
// always; the API lists, adds and ends them.
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

class Silences : public ::testing::Test {
 protected:
  void SetUp() override {
    pager_.route_with("/hook", [this](const testing::RecordedHttpRequest&) {
      std::lock_guard lock(mutex_);
      ++pages_;
      return testing::HttpBehaviour::respond(200, "ok");
    });
    write_config("nyxmon.yaml", true);
    write_config("empty.yaml", false);
  }

  // The notifier and the service, with the failing check or without it.
  void write_config(const char* name, bool with_check) {
    std::ofstream config(dir_ / name);
    config << "notifiers:\n  - { id: ops, url: \"" << pager_.url("/hook") << "\" }\n"
           << "services:\n  - id: shop\n";
    if (!with_check) return;
    config << "    checks:\n"
              "      - { id: db, interval: 200ms, timeout: 1s, failure_threshold: 1, notify: "
              "[ops], tcp: { host: 127.0.0.1, port: "
           << testing::closed_port() << " } }\n";
  }

  int pages() {
    std::lock_guard lock(mutex_);
    return pages_;
  }
  std::string data() const { return (dir_ / "data").string(); }
  std::string status() {
    auto reply = http_request("GET", engine_->url("/api/v1/checks/db"), engine_->bearer());
    return reply.status == 200 ? std::string(reply.json().as_object().at("status").as_string())
                               : "";
  }

  testing::TempDir dir_;
  testing::HttpTestServer pager_;
  std::mutex mutex_;
  int pages_ = 0;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(Silences, ASilenceFromTheCliHoldsThePageNotTheStatus) {
  // The silence first, then the check that fails.
  engine_ = std::make_unique<RunningEngine>(dir_ / "empty.yaml", dir_ / "data");
  const auto added = run_nyxmon({"silence", "add", "--id", "migration", "--match", "service=shop",
                                 "--for", "1h", "--comment", "db migration", "--data", data()},
                                {{"USER", "alice"}});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto applied =
      run_nyxmon({"apply", "-f", (dir_ / "nyxmon.yaml").string(), "--data", data()});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  ASSERT_TRUE(eventually([&] { return status() == "down"; }));
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(pages(), 0);
  const auto metrics = http_request("GET", engine_->url("/metrics"), engine_->bearer());
  EXPECT_NE(metrics.body.find("nyxmon_silence_active{silence=\"migration\"} 1"), std::string::npos);
  const auto page = http_request("GET", engine_->url("/"), engine_->bearer());
  EXPECT_NE(page.body.find("id=\"silence-migration\""), std::string::npos);
  const auto list = run_nyxmon({"silence", "list", "--data", data()});
  EXPECT_NE(list.out.find("migration"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("ACTIVE"), std::string::npos) << list.out;

  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
  const auto events = run_nyxmon({"events", "--stream", "notify-ops", "--data", data()});
  EXPECT_NE(events.out.find("problem of db (down) held by silence migration"), std::string::npos)
      << events.out;
  const auto defined = run_nyxmon({"events", "--stream", "silence-migration", "--data", data()});
  EXPECT_NE(defined.out.find("(by alice): db migration"), std::string::npos) << defined.out;
}

TEST_F(Silences, OverTheApi) {
  engine_ = std::make_unique<RunningEngine>(dir_ / "nyxmon.yaml", dir_ / "data");
  const auto bad = http_request("POST", engine_->url("/api/v1/silences"), engine_->bearer(),
                                R"({"match":["colour=red"],"duration":"1h"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("'colour' is not check, service, kind or notifier"), std::string::npos)
      << bad.body;
  const auto added = http_request("POST", engine_->url("/api/v1/silences"), engine_->bearer(),
                                  R"({"id":"hold","match":["check=db"],"duration":"1h"})");
  ASSERT_EQ(added.status, 200) << added.body;
  const auto listed = http_request("GET", engine_->url("/api/v1/silences"), engine_->bearer());
  const auto body = listed.json();
  ASSERT_EQ(body.as_object().at("silences").as_array().size(), 1u) << listed.body;
  EXPECT_EQ(body.as_object().at("silences").as_array()[0].as_object().at("active").as_bool(), true);
  const auto ended =
      http_request("DELETE", engine_->url("/api/v1/silences/hold"), engine_->bearer());
  EXPECT_EQ(ended.status, 200) << ended.body;
  const auto again =
      http_request("DELETE", engine_->url("/api/v1/silences/hold"), engine_->bearer());
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(engine_->stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
