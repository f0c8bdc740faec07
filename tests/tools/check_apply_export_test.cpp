// `nyxmon check`, `apply`, `export`/`import` and `snapshot` run as a user
// would, on stores written through the real message bus and event store,
// and beside a running engine.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <sstream>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
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
using testing::at;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class StoreCommands : public ::testing::Test {
 protected:
  testing::TempDir dir;

  void SetUp() override {
    auto store = infra::eventstore::EventStore::open(dir / "data");
    ASSERT_TRUE(store);
    infra::eventstore::StoreEventLog log(**store);
    projections::Projections state;
    MessageBus bus(log, state);
    bus.dispatch(std::vector<Command>{DefineService{testing::service_spec("web")},
                                      DefineCheck{testing::http_check("api")},
                                      DefineCheck{testing::http_check("login")}},
                 at());
    for (int i = 0; i < 3; ++i) {
      const Timestamp due = state.find_check(CheckId{"api"})->next.due_at;
      auto scheduled = bus.dispatch(std::vector<Command>{RunCheck{CheckId{"api"}, due}}, due);
      const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
      bus.dispatch(std::vector<Command>{RecordResult{CheckId{"api"}, run,
                                                     testing::result(Outcome::kOk, due, "")}},
                   due + 1s);
    }
  }

  testing::ProcessOutput nyxmon(std::vector<std::string> args,
                                const std::filesystem::path& data = {}) const {
    args.push_back("--data");
    args.push_back((data.empty() ? dir / "data" : data).string());
    return testing::run_nyxmon(args);
  }
};

TEST_F(StoreCommands, CheckListAndShowDescribeTheChecks) {
  const auto list = nyxmon({"check", "list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("CHECK"), std::string::npos);
  EXPECT_NE(list.out.find("api"), std::string::npos);
  EXPECT_NE(list.out.find("login"), std::string::npos);

  const auto shown = nyxmon({"check", "show", "api", "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto json = boost::json::parse(shown.out).as_object();
  EXPECT_EQ(json.at("id").as_string(), "api");
  EXPECT_EQ(json.at("kind").as_string(), "http");
  EXPECT_EQ(json.at("last_run").as_int64(), 3);
  EXPECT_EQ(json.at("last_result").at("outcome").as_string(), "ok");

  const auto unknown = nyxmon({"check", "show", "nope"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err,
            "nyxmon check show: no check named 'nope' (nyxmon check list shows them)\n");
}

TEST_F(StoreCommands, CheckPauseResumeAndRmWriteWithoutAnEngineAndRunRefuses) {
  const auto head_before = nyxmon({"events", "--json"}).out;
  const auto run = nyxmon({"check", "run", "api"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no engine runs on"), std::string::npos) << run.err;
  EXPECT_EQ(nyxmon({"events", "--json"}).out, head_before) << "a refused write changes nothing";

  EXPECT_EQ(nyxmon({"check", "pause", "api", "--reason", "deploy"}).exit_code, 0);
  EXPECT_NE(nyxmon({"check", "show", "api"}).out.find("paused"), std::string::npos);
  const auto twice = nyxmon({"check", "pause", "api"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("already paused"), std::string::npos) << twice.err;
  EXPECT_EQ(nyxmon({"check", "resume", "api"}).exit_code, 0);
  EXPECT_EQ(nyxmon({"check", "rm", "login"}).exit_code, 0);
  EXPECT_EQ(nyxmon({"check", "list"}).out.find("login"), std::string::npos);
  EXPECT_EQ(nyxmon({"check", "rm", "login"}).exit_code, 1);
}

TEST_F(StoreCommands, ApplyDryRunPrintsTheEventsAndWritesNothing) {
  std::ofstream(dir / "new.yaml")
      << "services:\n"
         "  - id: web\n"
         "    checks:\n"
         "      - { id: api, interval: 30s, http: { url: \"http://127.0.0.1:1/\" } }\n"
         "      - { id: port, tcp: { host: 127.0.0.1, port: 1 } }\n";
  const auto before = nyxmon({"export"}).out;
  const auto dry = nyxmon({"apply", "-f", (dir / "new.yaml").string(), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("CheckRedefined"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("CheckDefined"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("CheckRemoved"), std::string::npos) << "login is not in the file";
  EXPECT_NE(dry.out.find("nothing was written"), std::string::npos);
  EXPECT_EQ(nyxmon({"export"}).out, before);

  const auto applied = nyxmon({"apply", "-f", (dir / "new.yaml").string()});
  ASSERT_EQ(applied.exit_code, 0) << applied.err;
  EXPECT_NE(nyxmon({"check", "list"}).out.find("port"), std::string::npos);
  const auto again = nyxmon({"apply", "-f", (dir / "new.yaml").string(), "--dry-run"});
  EXPECT_NE(again.out.find("0 events would be appended"), std::string::npos) << again.out;

  std::ofstream(dir / "bad.yaml")
      << "services:\n  - id: web\n    checks:\n      - { id: x, htp: {} }\n";
  const auto bad = nyxmon({"apply", "-f", (dir / "bad.yaml").string(), "--dry-run"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.yaml:4:"), std::string::npos) << bad.err;
}

TEST_F(StoreCommands, ExportImportRoundTripKeepsEverythingIdentical) {
  const auto exported = nyxmon({"export", "--output", (dir / "log.jsonl").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string original = read_file(dir / "log.jsonl");
  EXPECT_EQ(std::count(original.begin(), original.end(), '\n'), 11) << original;

  const auto imported = nyxmon({"import", (dir / "log.jsonl").string()}, dir / "copy");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out, "imported 11 events into " + (dir / "copy").string() + "\n");
  EXPECT_EQ(nyxmon({"export"}, dir / "copy").out, original);
  EXPECT_EQ(nyxmon({"verify"}, dir / "copy").exit_code, 0);
  EXPECT_EQ(nyxmon({"status", "--json"}, dir / "copy").out, nyxmon({"status", "--json"}).out);

  const auto twice = nyxmon({"import", (dir / "log.jsonl").string()}, dir / "copy");
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("already holds 11 events"), std::string::npos) << twice.err;

  std::string damaged = original;
  damaged.insert(damaged.find('\n') + 1, "{\"sequence\": \"two\"}\n");
  std::ofstream(dir / "damaged.jsonl") << damaged;
  const auto bad = nyxmon({"import", (dir / "damaged.jsonl").string()}, dir / "other");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("damaged.jsonl:2: missing or mistyped 'sequence'"), std::string::npos)
      << bad.err;
}

TEST_F(StoreCommands, SnapshotStoresOneAtTheHead) {
  const auto snapshot = nyxmon({"snapshot", "--json"});
  ASSERT_EQ(snapshot.exit_code, 0) << snapshot.err;
  EXPECT_EQ(boost::json::parse(snapshot.out).at("sequence").as_int64(), 11);
  EXPECT_EQ(nyxmon({"snapshot"}).out,
            "snapshot at sequence 11 (0 events folded since the previous one)\n");
}

TEST_F(StoreCommands, WhatIfComparesAndRefusesUnknownParameters) {
  const auto report = nyxmon({"whatif", "--set", "failure_threshold=5", "--json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const auto first = boost::json::parse(report.out.substr(0, report.out.find('\n'))).as_object();
  EXPECT_EQ(first.at("check").as_string(), "api");
  EXPECT_EQ(first.at("results").as_int64(), 3);
  EXPECT_EQ(first.at("actual").as_array().size(), first.at("whatif").as_array().size());

  const auto table = nyxmon({"whatif", "--set", "recovery_threshold=1", "--check", "api"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("WHAT-IF CHANGES"), std::string::npos) << table.out;

  const auto unknown = nyxmon({"whatif", "--set", "patience=5"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err,
            "nyxmon whatif: --set patience=5: use failure_threshold=N, recovery_threshold=N, "
            "interval=D, retry_interval=D or remind_every=D\n");
  const auto timeout = nyxmon({"whatif", "--set", "timeout=1s"});
  EXPECT_EQ(timeout.exit_code, 1);
  EXPECT_NE(timeout.err.find("recorded results cannot tell"), std::string::npos) << timeout.err;
  EXPECT_EQ(nyxmon({"whatif", "--set", "interval=soon"}).exit_code, 1);
  const auto longer = nyxmon({"whatif", "--set", "interval=1h", "--json"});
  ASSERT_EQ(longer.exit_code, 0) << longer.err;
  const auto replayed = boost::json::parse(longer.out.substr(0, longer.out.find('\n'))).as_object();
  EXPECT_LE(replayed.at("replayed").as_int64(), replayed.at("results").as_int64());
  EXPECT_EQ(nyxmon({"whatif", "--set", "failure_threshold=0"}).exit_code, 1);
  EXPECT_EQ(nyxmon({"whatif", "--set", "failure_threshold=2", "--check", "nope"}).exit_code, 1);
  EXPECT_EQ(
      nyxmon({"whatif", "--set", "failure_threshold=2", "--since", "yesterday-ish"}).exit_code, 1);
}

TEST(CheckCommandsBesideAnEngine, WritesGoThroughTheRunningEngine) {
  testing::TempDir dir;
  testing::HttpTestServer web;
  web.route("/", testing::HttpBehaviour::respond(200, "ok"));
  std::ofstream(dir / "nyxmon.yaml") << "services:\n  - id: web\n    checks:\n      - id: home\n"
                                        "        interval: 1h\n        http: { url: \""
                                     << web.url("/") << "\" }\n";
  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const std::vector<std::string> data = {"--data", (dir / "data").string()};
  auto nyxmon = [&](std::vector<std::string> args) {
    args.insert(args.end(), data.begin(), data.end());
    return testing::run_nyxmon(args);
  };
  const std::size_t before = web.request_count("/");
  const auto run = nyxmon({"check", "run", "home"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (int i = 0; i < 100 && web.request_count("/") == before; ++i)
    std::this_thread::sleep_for(20ms);
  EXPECT_GT(web.request_count("/"), before) << "the engine probed at once";
  EXPECT_EQ(nyxmon({"check", "pause", "home"}).exit_code, 0);
  EXPECT_NE(nyxmon({"check", "show", "home"}).out.find("paused"), std::string::npos);
  const auto snapshot = nyxmon({"snapshot"});
  EXPECT_EQ(snapshot.exit_code, 2);
  EXPECT_NE(snapshot.err.find("an engine runs on"), std::string::npos) << snapshot.err;
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
