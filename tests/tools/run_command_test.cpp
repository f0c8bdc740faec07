// End to end: `nyxmon run` as a user starts it, against real servers on
// loopback; a target goes down and comes back; the engine is stopped with
// SIGTERM; the store then holds the whole story.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <map>
#include <thread>

#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "tests/support/eventually.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::HttpBehaviour;
using testing::HttpTestServer;

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

std::string config_for(const HttpTestServer& web, const HttpTestServer& slow) {
  return "engine: { durability: sync }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: web\n"
         "        interval: 200ms\n"
         "        retry_interval: 100ms\n"
         "        timeout: 500ms\n"
         "        failure_threshold: 2\n"
         "        recovery_threshold: 1\n"
         "        http: { url: \"" +
         web.url("/health") +
         "\", expect: { body_contains: ok } }\n"
         "      - id: sluggish\n"
         "        interval: 200ms\n"
         "        timeout: 300ms\n"
         "        http: { url: \"" +
         slow.url("/slow") + "\" }\n";
}

TEST(RunCommand, RecordsRunsResultsAndStatusChangesAcrossAnOutage) {
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  HttpTestServer slow;
  slow.route("/slow", HttpBehaviour::respond(200, "late").after(3s));
  write_file(dir / "nyxmon.yaml", config_for(web, slow));

  testing::BackgroundProcess engine({testing::nyxmon_binary(), "run", "--config",
                                     (dir / "nyxmon.yaml").string(), "--data",
                                     (dir / "data").string(), "--listen", "127.0.0.1:0"});
  std::this_thread::sleep_for(1500ms);
  web.set_down(true);
  std::this_thread::sleep_for(1500ms);
  web.set_down(false);
  std::this_thread::sleep_for(1500ms);
  const auto output = engine.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err;
  EXPECT_NE(output.err.find("check web: up → down"), std::string::npos) << output.err;

  const auto events = testing::recorded_events(dir / "data");
  ASSERT_FALSE(events.empty());
  ASSERT_TRUE(std::holds_alternative<EngineStarted>(events.front().event));
  EXPECT_EQ(std::get<EngineStarted>(events.front().event).config_hash.size(), 64u);
  ASSERT_TRUE(std::holds_alternative<EngineStopped>(events.back().event));
  EXPECT_EQ(std::get<EngineStopped>(events.back().event).reason, "SIGTERM");

  std::vector<std::pair<Status, Status>> web_changes;
  std::map<std::string, int> results, scheduled, abandoned;
  std::map<std::string, std::set<RunId>> runs;
  int slow_timeouts = 0;
  for (const auto& e : events) {
    if (const auto* c = std::get_if<CheckStatusChanged>(&e.event); c && c->check.value == "web") {
      web_changes.emplace_back(c->from, c->to);
    }
    if (const auto* s = std::get_if<CheckScheduled>(&e.event)) {
      ++scheduled[s->check.value];
      EXPECT_TRUE(runs[s->check.value].insert(s->run).second) << "run id reused";
    }
    if (const auto* a = std::get_if<CheckRunAbandoned>(&e.event)) ++abandoned[a->check.value];
    if (const auto* r = std::get_if<CheckResultRecorded>(&e.event)) {
      ++results[r->check.value];
      if (r->check.value == "sluggish" &&
          r->result.reason.find("timed out after 300ms") != std::string::npos) {
        ++slow_timeouts;
      }
      EXPECT_GE(r->result.scheduling_lag, Duration::zero());
    }
  }
  const std::vector<std::pair<Status, Status>> expected = {
      {Status::kPending, Status::kUp}, {Status::kUp, Status::kDown}, {Status::kDown, Status::kUp}};
  EXPECT_EQ(web_changes, expected);
  // 4.5 s at 200 ms with retries: the hung target must not slow the others down.
  EXPECT_GE(results["web"], 15) << "web was not kept on schedule";
  EXPECT_GE(slow_timeouts, 5);
  EXPECT_EQ(testing::runs_without_one_ending(events), std::vector<std::string>{});
  EXPECT_LE(abandoned["web"], 1) << "at most the run in flight at the stop";
}

TEST(RunCommand, ARestartResumesWithoutReusingRuns) {
  testing::TempDir dir;
  HttpTestServer web, slow;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  slow.route("/slow", HttpBehaviour::respond(200));
  write_file(dir / "nyxmon.yaml", config_for(web, slow));
  for (int round = 0; round < 2; ++round) {
    testing::BackgroundProcess engine({testing::nyxmon_binary(), "run", "--config",
                                       (dir / "nyxmon.yaml").string(), "--data",
                                       (dir / "data").string(), "--listen", "127.0.0.1:0"});
    // SIGINT before the engine has its handlers would kill it outright (a
    // slow start under a sanitizer takes longer than the runs below).
    ASSERT_TRUE(testing::eventually(
        [&] { return engine.stderr_so_far().find("nyxmon: started") != std::string::npos; }, 30s));
    std::this_thread::sleep_for(800ms);
    ASSERT_EQ(engine.stop(SIGINT).exit_code, 0);
  }
  const auto events = testing::recorded_events(dir / "data");
  int started = 0, defined = 0;
  std::map<std::string, RunId> last_run;
  std::map<std::string, std::set<Timestamp>> due_times;
  for (const auto& e : events) {
    started += std::holds_alternative<EngineStarted>(e.event);
    defined += std::holds_alternative<CheckDefined>(e.event);
    if (const auto* s = std::get_if<CheckScheduled>(&e.event)) {
      EXPECT_GT(s->run, last_run[s->check.value]) << "runs count up across restarts";
      last_run[s->check.value] = s->run;
      EXPECT_TRUE(due_times[s->check.value].insert(s->due_at).second) << "one run per due time";
    }
  }
  EXPECT_EQ(started, 2);
  EXPECT_EQ(defined, 2) << "the unchanged configuration is not defined again";
}

TEST(RunCommand, ABadConfigurationIsRefusedWithItsLocationAndWritesNothing) {
  testing::TempDir dir;
  write_file(dir / "bad.yaml",
             "services:\n  - id: web\n    checks:\n      - id: x\n        intervall: 5s\n");
  const auto result = testing::run_nyxmon({"run", "--config", (dir / "bad.yaml").string(), "--data",
                                           (dir / "data").string(), "--listen", "127.0.0.1:0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("bad.yaml:5:9: services[0].checks[0]: unknown field 'intervall'"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "data"));
}

}  // namespace
}  // namespace nyxmon::tools
