// `nyxmon status` and `nyxmon events` run as a user would, on a store whose
// history is written here through the real message bus and event store.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/cli/time_argument.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::at;

class QueryCommands : public ::testing::Test {
 protected:
  testing::TempDir dir;
  std::uint64_t last_up_sequence = 0;

  void SetUp() override {
    auto store = infra::eventstore::EventStore::open(dir / "data");
    ASSERT_TRUE(store);
    infra::eventstore::StoreEventLog log(**store);
    projections::Projections state;
    MessageBus bus(log, state);
    bus.dispatch(std::vector<Command>{DefineService{testing::service_spec("web")},
                                      DefineCheck{testing::http_check("api")}},
                 at());
    for (int i = 0; i < 4; ++i) {
      const Timestamp due = state.find_check(CheckId{"api"})->next.due_at;
      auto scheduled = bus.dispatch(std::vector<Command>{RunCheck{CheckId{"api"}, due}}, due);
      const RunId run = std::get<CheckScheduled>(scheduled.appended.at(0).event).run;
      const Outcome outcome = i == 0 ? Outcome::kOk : Outcome::kFail;
      bus.dispatch(std::vector<Command>{RecordResult{
                       CheckId{"api"}, run, testing::result(outcome, due, i ? "refused" : "")}},
                   due + 1s);
      if (i == 0) last_up_sequence = state.checkpoint();
    }
  }

  std::vector<std::string> data() const { return {"--data", (dir / "data").string()}; }
  testing::ProcessOutput nyxmon(std::vector<std::string> args) const {
    for (const auto& arg : data())
      args.push_back(arg);
    return testing::run_nyxmon(args);
  }
};

TEST_F(QueryCommands, StatusShowsTheDownCheckAndExitsThree) {
  const auto result = nyxmon({"status"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_NE(result.out.find("api"), std::string::npos);
  EXPECT_NE(result.out.find("down"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("fail — refused"), std::string::npos) << result.out;
}

TEST_F(QueryCommands, StatusTravelsBackBySequenceAndByTime) {
  const auto by_sequence = nyxmon({"status", "--seq", std::to_string(last_up_sequence), "--json"});
  EXPECT_EQ(by_sequence.exit_code, 0) << by_sequence.err;
  const auto json = boost::json::parse(by_sequence.out).as_object();
  EXPECT_EQ(json.at("services").as_array()[0].at("checks").as_array()[0].at("status").as_string(),
            "up");

  const auto by_time = nyxmon({"status", "--at", format_time(at(90s))});
  EXPECT_EQ(by_time.exit_code, 0) << by_time.err << by_time.out;
  EXPECT_NE(by_time.out.find(" up "), std::string::npos) << by_time.out;
}

TEST_F(QueryCommands, EventsFiltersByTypeAndStream) {
  const auto changes = nyxmon({"events", "--type", "CheckStatusChanged"});
  EXPECT_EQ(changes.exit_code, 0) << changes.err;
  EXPECT_EQ(std::count(changes.out.begin(), changes.out.end(), '\n'), 2) << changes.out;
  EXPECT_NE(changes.out.find("up → down: 3rd consecutive fail ≥ failure_threshold 3 → down"),
            std::string::npos);
  const auto service = nyxmon({"events", "--stream", "service-web", "--json"});
  EXPECT_EQ(std::count(service.out.begin(), service.out.end(), '\n'), 3) << service.out;
  EXPECT_NE(service.out.find("\"type\":\"ServiceStatusChanged\""), std::string::npos);
}

TEST_F(QueryCommands, BadArgumentsAreOneLineAndChangeNothing) {
  const auto type = nyxmon({"events", "--type", "Nope"});
  EXPECT_EQ(type.exit_code, 1);
  EXPECT_EQ(type.err, "nyxmon events: 'Nope' is not an event type\n");
  const auto service = nyxmon({"status", "--service", "ghost"});
  EXPECT_EQ(service.exit_code, 1);
  EXPECT_EQ(service.err, "nyxmon status: no service 'ghost' in this store\n");
  const auto time = nyxmon({"status", "--at", "soon"});
  EXPECT_EQ(time.exit_code, 1);
  EXPECT_NE(time.err.find("'soon' is not a time"), std::string::npos);
  const auto verify = nyxmon({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

TEST_F(QueryCommands, HistoryListsResultsWithReasonsNewestLast) {
  const auto result = nyxmon({"history", "api", "--limit", "2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 3) << "header and two results";
  EXPECT_NE(result.out.find("refused"), std::string::npos) << result.out;
  const auto json = nyxmon({"history", "api", "--json"});
  EXPECT_EQ(std::count(json.out.begin(), json.out.end(), '\n'), 4) << json.out;
  EXPECT_NE(json.out.find("\"outcome\":\"ok\""), std::string::npos);
  const auto ghost = nyxmon({"history", "ghost"});
  EXPECT_EQ(ghost.exit_code, 1);
  EXPECT_EQ(ghost.err, "nyxmon history: no check 'ghost' in this store\n");
}

TEST_F(QueryCommands, ReplayExplainsEveryDecisionWithItsRule) {
  const auto result = nyxmon({"replay", "--check", "api", "--explain", "--decisions"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("status pending → up (run 1)  [first ok result → up]"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("status up → down (run 4): refused  [3rd consecutive fail ≥ "
                            "failure_threshold 3 → down]"),
            std::string::npos)
      << result.out;
  const auto until =
      nyxmon({"replay", "--check", "api", "--until", std::to_string(last_up_sequence)});
  EXPECT_EQ(until.out.find("down"), std::string::npos)
      << "nothing after the sequence: " << until.out;
}

TEST_F(QueryCommands, IncidentsShowTheOngoingDownPeriodAndItsCause) {
  const auto result = nyxmon({"incidents", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 1) << result.out;
  const auto incident = boost::json::parse(result.out).as_object();
  EXPECT_EQ(incident.at("check").as_string(), "api");
  EXPECT_EQ(incident.at("cause").as_string(), "refused");
  EXPECT_TRUE(incident.at("ended").is_null());
}

TEST_F(QueryCommands, UptimeCountsGoodResultsOverTheWindow) {
  const auto result = nyxmon({"uptime", "--window", "10000d", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("\"check\":\"api\",\"results\":4,\"good_percent\":2.5E1"),
            std::string::npos)
      << result.out;
  const auto bad = nyxmon({"uptime", "--window", "forever"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err, "nyxmon uptime: --window 'forever' is not a span (use 24h, 7d, 30d)\n");
}

TEST(TimeArgument, ReadsRfc3339AndRelativeTimes) {
  const Timestamp now = at(10h);
  EXPECT_EQ(parse_time_argument("-2h", now), at(8h));
  EXPECT_EQ(parse_time_argument("now", now), now);
  EXPECT_EQ(parse_time_argument("2026-11-24T03:12:00Z", now), at(3h + 12min));
  EXPECT_EQ(parse_time_argument("2026-11-24T04:12:00+01:00", now), at(3h + 12min));
  EXPECT_EQ(parse_time_argument("2026-11-24T03:12:00.250Z", now), at(3h + 12min + 250ms));
  EXPECT_EQ(parse_time_argument("yesterday", now), std::nullopt);
  EXPECT_EQ(format_time(at(3h + 12min + 250ms)), "2026-11-24T03:12:00.250Z");
}

}  // namespace
}  // namespace nyxmon::tools
