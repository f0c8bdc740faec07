// Retention from the command line and in the engine: `nyxmon compact
// --keep-results`, and engine.keep_results in `nyxmon run`.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <thread>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;

class CompactCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = infra::eventstore::EventStore::open(dir / "data");
    ASSERT_TRUE(store);
    infra::eventstore::StoreEventLog log(**store);
    projections::Projections state;
    MessageBus bus(log, state);
    const Timestamp end = infra::runtime::SystemClock().now();
    Timestamp now = end - 3h;
    CheckSpec spec = testing::http_check("api");
    spec.interval = 1min;
    spec.retry_interval = 1min;
    bus.dispatch(
        std::vector<Command>{DefineService{testing::service_spec("web")}, DefineCheck{spec}}, now);
    for (; now < end; now += 1s) {
      std::vector<Command> runs;
      for (const auto& due : state.schedule().pop_due(now, 10))
        runs.push_back(RunCheck{due.check, due.due_at});
      if (runs.empty()) continue;
      const auto scheduled = bus.dispatch(runs, now);
      const auto& run = std::get<CheckScheduled>(scheduled.appended.at(0).event);
      bus.dispatch(std::vector<Command>{RecordResult{run.check, run.run,
                                                     testing::result(Outcome::kOk, now, "")}},
                   now + 10ms);
    }
  }

  testing::ProcessOutput nyxmon(std::vector<std::string> args) const {
    args.push_back("--data");
    args.push_back((dir / "data").string());
    return testing::run_nyxmon(args);
  }

  testing::TempDir dir;
};

TEST_F(CompactCommand, RemovesOldRunsKeepsTheRestAndSaysSoWhereItMatters) {
  const auto compacted = nyxmon({"compact", "--keep-results", "1h"});
  ASSERT_EQ(compacted.exit_code, 0) << compacted.err;
  EXPECT_TRUE(compacted.out.starts_with("removed 2")) << compacted.out << " (about 120 runs × 2)";

  EXPECT_EQ(nyxmon({"verify"}).exit_code, 0);
  const auto history = nyxmon({"history", "api", "--limit", "1000", "--json"});
  ASSERT_EQ(history.exit_code, 0);
  const auto lines = std::count(history.out.begin(), history.out.end(), '\n');
  EXPECT_GE(lines, 55);
  EXPECT_LE(lines, 62) << "an hour of one-minute runs is left";
  EXPECT_NE(history.err.find("were removed by retention"), std::string::npos) << history.err;

  const auto old_status = nyxmon({"status", "--at", "-150m"});
  EXPECT_EQ(old_status.exit_code, 0) << old_status.err;
  EXPECT_NE(old_status.out.find("up"), std::string::npos) << "statuses still answer";
  EXPECT_NE(old_status.err.find("before the retention horizon"), std::string::npos)
      << old_status.err;

  const auto truncated = nyxmon({"events", "--type", "HistoryTruncated"});
  EXPECT_EQ(std::count(truncated.out.begin(), truncated.out.end(), '\n'), 1) << truncated.out;

  // A horizon behind the first (the clock moves on between the two, and a
  // run may have aged past 1h meanwhile): nothing there is left.
  const auto again = nyxmon({"compact", "--keep-results", "2h"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "nothing older than 2h to remove\n");

  EXPECT_EQ(nyxmon({"compact", "--keep-results", "soon"}).exit_code, 1);

  ASSERT_EQ(nyxmon({"export", "--output", (dir / "log.jsonl").string()}).exit_code, 0);
  const auto imported = testing::run_nyxmon(
      {"import", (dir / "log.jsonl").string(), "--data", (dir / "copy").string()});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_NE(imported.err.find("the export has gaps"), std::string::npos) << imported.err;
}

TEST(EngineRetention, KeepResultsRemovesOldRunsWhileTheEngineRuns) {
  testing::TempDir dir;
  testing::HttpTestServer web;
  web.route("/", testing::HttpBehaviour::respond(200, "ok"));
  auto config = [&](const std::string& engine) {
    std::ofstream(dir / "nyxmon.yaml") << "engine: { durability: async" << engine
                                       << " }\nservices:\n  - id: web\n    checks:\n"
                                          "      - id: home\n        interval: 100ms\n"
                                          "        http: { url: \""
                                       << web.url("/") << "\" }\n";
  };
  config("");
  {
    testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
    std::this_thread::sleep_for(1500ms);
    ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);
  }
  config(", keep_results: 1s");
  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  std::this_thread::sleep_for(700ms);
  const auto output = engine.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err;
  EXPECT_NE(output.err.find("retention removed"), std::string::npos) << output.err;
  const std::vector<std::string> data = {"--data", (dir / "data").string()};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), data.begin(), data.end());
    return testing::run_nyxmon(args);
  };
  EXPECT_EQ(run({"verify"}).exit_code, 0);
  const auto truncated = run({"events", "--type", "HistoryTruncated"});
  EXPECT_EQ(std::count(truncated.out.begin(), truncated.out.end(), '\n'), 1) << truncated.out;
}

}  // namespace
}  // namespace nyxmon::tools
