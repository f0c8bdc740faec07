// `nyxmon run` through its life as operators live it: killed mid-run and
// started again, SIGHUP after an edit (good and bad), a port already taken,
// a second engine on the same data directory, a typo in a duration.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <boost/json.hpp>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RunningEngine;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string http_check(const std::string& id, const std::string& url, const std::string& extra) {
  return "      - id: " + id + "\n        interval: 300ms\n        timeout: 5s\n" + extra +
         "        http: { url: \"" + url + "\" }\n";
}

std::string shop(const std::string& checks) {
  return "services:\n  - id: shop\n    checks:\n" + checks;
}

using EventLine = std::tuple<std::string, std::string, std::string>;  // stream, type, summary

bool is_definition(const std::string& type) {
  static const std::set<std::string> kDefinitions = {
      "ServiceDefined", "ServiceRemoved", "CheckDefined",    "CheckRedefined", "CheckRemoved",
      "CheckPaused",    "CheckResumed",   "NotifierDefined", "NotifierRemoved"};
  return kDefinitions.contains(type);
}

// The definition events among the lines that `nyxmon events --json` or
// `apply --dry-run --json` print; `after` gets the last sequence seen.
std::vector<EventLine> definition_lines(const std::string& out, std::uint64_t* after = nullptr) {
  std::vector<EventLine> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const auto json = boost::json::parse(line).as_object();
    if (after && json.contains("sequence"))
      *after = static_cast<std::uint64_t>(json.at("sequence").as_int64());
    const std::string type(json.at("type").as_string());
    if (!is_definition(type)) continue;
    lines.emplace_back(json.at("stream").as_string(), type, json.at("summary").as_string());
  }
  return lines;
}

TEST(RunLifecycle, RunsInFlightWhenTheEngineIsKilledOrStoppedGetAnEndingThatCountsForNothing) {
  testing::TempDir dir;
  HttpTestServer slow;
  slow.route("/slow", HttpBehaviour::respond(200, "late").after(3s));
  write_file(dir / "nyxmon.yaml", shop(http_check("slow", slow.url("/slow"), "")));
  const std::vector<std::string> run = {
      testing::nyxmon_binary(), "run",      "--config", (dir / "nyxmon.yaml").string(), "--data",
      (dir / "data").string(),  "--listen", "off"};
  // Waits until `count` runs have been scheduled (the newest is under way:
  // the target answers after 3 s).
  auto runs_scheduled = [&](std::size_t count) {
    return testing::eventually([&] {
      const auto out = testing::run_nyxmon({"events", "--data", (dir / "data").string(), "--type",
                                            "CheckScheduled", "--json"})
                           .out;
      return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) >= count;
    });
  };
  {
    testing::BackgroundProcess engine(run);
    ASSERT_TRUE(runs_scheduled(1));
    engine.stop(SIGKILL);
  }
  {
    testing::BackgroundProcess engine(run);
    ASSERT_TRUE(runs_scheduled(2));
    ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);
  }

  const auto events = testing::recorded_events(dir / "data");
  EXPECT_EQ(testing::runs_without_one_ending(events), std::vector<std::string>{});
  std::size_t scheduled = 0;
  std::vector<std::string> reasons;
  for (const auto& e : events) {
    scheduled += std::holds_alternative<CheckScheduled>(e.event);
    if (const auto* a = std::get_if<CheckRunAbandoned>(&e.event)) reasons.push_back(a->reason);
    if (const auto* c = std::get_if<CheckStatusChanged>(&e.event)) {
      ADD_FAILURE() << "an abandoned run changed the status: " << to_string(c->from) << " → "
                    << to_string(c->to);
    }
  }
  EXPECT_EQ(scheduled, 2u);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_NE(reasons[0].find("killed or crashed"), std::string::npos) << reasons[0];
  EXPECT_NE(reasons[1].find("(SIGTERM)"), std::string::npos) << reasons[1];
}

class RunReload : public ::testing::Test {
 protected:
  void SetUp() override {
    web_.route("/health", HttpBehaviour::respond(200, "ok"));
    write_file(config(), shop(http_check("web", web_.url("/health"), "") +
                              http_check("gone", web_.url("/health"), "")));
    engine_ = std::make_unique<RunningEngine>(config(), data());
  }
  std::filesystem::path config() const { return dir_ / "nyxmon.yaml"; }
  std::filesystem::path data() const { return dir_ / "data"; }
  std::string events_of(const std::string& stream) const {
    return testing::run_nyxmon({"events", "--json", "--data", data().string(), "--stream", stream})
        .out;
  }

  testing::TempDir dir_;
  HttpTestServer web_;
  std::unique_ptr<RunningEngine> engine_;
};

TEST_F(RunReload, SighupAppliesTheEditedFileAsApplyWouldAndKeepsRunning) {
  write_file(config(), shop(http_check("web", web_.url("/health"), "") +
                            http_check("extra", web_.url("/health"), "")));
  const auto dry_run = testing::run_nyxmon(
      {"apply", "-f", config().string(), "--dry-run", "--json", "--data", data().string()});
  ASSERT_EQ(dry_run.exit_code, 0) << dry_run.err;
  const auto expected = definition_lines(dry_run.out);
  ASSERT_EQ(expected.size(), 2u) << dry_run.out;  // extra defined, gone removed
  std::uint64_t before = 0;
  definition_lines(testing::run_nyxmon({"events", "--json", "--data", data().string()}).out,
                   &before);

  engine_->signal(SIGHUP);
  ASSERT_TRUE(testing::eventually([&] {
    return events_of("check-gone").find("CheckRemoved") != std::string::npos;
  })) << engine_->stderr_so_far();
  const auto appended = testing::run_nyxmon(
      {"events", "--json", "--data", data().string(), "--after", std::to_string(before)});
  EXPECT_EQ(definition_lines(appended.out), expected) << "the events the dry run announced";
  EXPECT_NE(engine_->stderr_so_far().find("SIGHUP: applied"), std::string::npos);
  EXPECT_FALSE(events_of("check-extra").empty());

  const auto stopped = engine_->stop(SIGTERM);
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
}

TEST_F(RunReload, ABadFileOnSighupIsReportedWithItsLocationAndChangesNothing) {
  write_file(config(),
             shop(http_check("web", web_.url("/health"), "") +
                  http_check("gone", web_.url("/health"), "        retry_interval: .s\n")));
  const auto before = testing::run_nyxmon(
      {"events", "--json", "--data", data().string(), "--type", "CheckRedefined"});
  engine_->signal(SIGHUP);
  ASSERT_TRUE(testing::eventually(
      [&] { return engine_->stderr_so_far().find("nothing changed") != std::string::npos; }));
  const std::string& said = engine_->stderr_so_far();
  EXPECT_NE(said.find("nyxmon.yaml:11:25:"), std::string::npos) << said;
  EXPECT_NE(said.find("'.s' is not a duration"), std::string::npos) << said;

  // Still running, still probing, and nothing was redefined.
  const auto status =
      testing::http_request("GET", engine_->url("/api/v1/status"), engine_->bearer());
  EXPECT_EQ(status.status, 200);
  const auto after = testing::run_nyxmon(
      {"events", "--json", "--data", data().string(), "--type", "CheckRedefined"});
  EXPECT_EQ(after.out, before.out);
  const auto stopped = engine_->stop(SIGTERM);
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  const auto events = testing::recorded_events(data());
  ASSERT_FALSE(events.empty());
  EXPECT_TRUE(std::holds_alternative<EngineStopped>(events.back().event));
}

// A listening socket on a free loopback port, held for the test.
class TakenPort {
 public:
  TakenPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 1);
    socklen_t size = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
  }
  ~TakenPort() { ::close(fd_); }
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

TEST(RunStart, APortAlreadyTakenStopsTheEngineBeforeItWritesAnything) {
  testing::TempDir dir;
  TakenPort taken;
  write_file(dir / "nyxmon.yaml", shop(http_check("web", "http://127.0.0.1:9/", "")));
  const auto result = testing::run_nyxmon({"run", "--config", (dir / "nyxmon.yaml").string(),
                                           "--data", (dir / "data").string(), "--listen",
                                           "127.0.0.1:" + std::to_string(taken.port())});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("Address already in use"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "data")) << "no store, no files";
}

TEST(RunStart, ASecondEngineOnTheSameDataLeavesTheFirstOneAlone) {
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  write_file(dir / "nyxmon.yaml", shop(http_check("web", web.url("/health"), "")));
  RunningEngine first(dir / "nyxmon.yaml", dir / "data");

  const auto second = testing::run_nyxmon({"run", "--config", (dir / "nyxmon.yaml").string(),
                                           "--data", (dir / "data").string(), "--listen", "off"});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_NE(second.err.find("another engine runs on"), std::string::npos) << second.err;

  // The first engine's control socket still answers.
  const auto paused =
      testing::run_nyxmon({"check", "pause", "web", "--data", (dir / "data").string()});
  EXPECT_EQ(paused.exit_code, 0) << paused.err;
  ASSERT_EQ(first.stop(SIGTERM).exit_code, 0);
  int started = 0;
  for (const auto& e : testing::recorded_events(dir / "data"))
    started += std::holds_alternative<EngineStarted>(e.event);
  EXPECT_EQ(started, 1);
}

TEST(RunStart, ADurationTypoIsReportedWhereItIsByRunApplyAndTheApi) {
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  write_file(dir / "bad.yaml",
             shop(http_check("web", web.url("/health"), "        retry_interval: .s\n")));
  const auto run = testing::run_nyxmon({"run", "--config", (dir / "bad.yaml").string(), "--data",
                                        (dir / "data").string(), "--listen", "off"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(
      run.err.find("bad.yaml:7:25: services[0].checks[0].retry_interval: '.s' is not a duration"),
      std::string::npos)
      << run.err;
  const auto apply = testing::run_nyxmon(
      {"apply", "-f", (dir / "bad.yaml").string(), "--dry-run", "--data", (dir / "data").string()});
  EXPECT_EQ(apply.exit_code, 1);
  EXPECT_NE(apply.err.find("bad.yaml:7:25:"), std::string::npos) << apply.err;

  write_file(dir / "good.yaml", shop(http_check("web", web.url("/health"), "")));
  RunningEngine engine(dir / "good.yaml", dir / "data");
  for (int i = 0; i < 20; ++i) {
    const auto posted =
        testing::http_request("POST", engine.url("/api/v1/definitions"), engine.bearer(),
                              R"({"services": [{"id": "shop", "checks": [{"id": "x", )"
                              R"("interval": ".s", "tcp": {"host": "127.0.0.1", "port": 9}}]}]})");
    ASSERT_EQ(posted.status, 400) << posted.body;
    EXPECT_NE(posted.body.find("'.s' is not a duration"), std::string::npos) << posted.body;
  }
  EXPECT_EQ(testing::http_request("GET", engine.url("/api/v1/status"), engine.bearer()).status,
            200);
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
