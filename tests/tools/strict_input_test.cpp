// `nyxmon` refuses nonsense instead of guessing: numeric options out of
// their range, mistyped commands and configuration files with problems are
// one located line on stderr and exit code 1, run as a user would run them.
#include <gtest/gtest.h>

#include <fstream>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "projections/projections.hpp"
#include "tests/support/domain_builders.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace nyxmon::domain;

// A store with one service and one check, so that a command that guessed
// what a bad argument meant would succeed and print something.
class StrictArguments : public ::testing::Test {
 protected:
  testing::TempDir dir;

  void SetUp() override {
    auto store = infra::eventstore::EventStore::open(dir / "data");
    ASSERT_TRUE(store);
    infra::eventstore::StoreEventLog log(**store);
    projections::Projections state;
    MessageBus bus(log, state);
    bus.dispatch(std::vector<Command>{DefineService{testing::service_spec("web")},
                                      DefineCheck{testing::http_check("api")}},
                 testing::at());
  }

  testing::ProcessOutput nyxmon(std::vector<std::string> args) const {
    args.push_back("--data");
    args.push_back((dir / "data").string());
    return testing::run_nyxmon(args);
  }

  // Runs `args` and expects the usage exit code and one line on stderr
  // that contains `expected`, with nothing on stdout.
  void expect_refused(const std::vector<std::string>& args, const std::string& expected) const {
    const auto result = nyxmon(args);
    std::string command;
    for (const auto& arg : args)
      command += arg + " ";
    EXPECT_EQ(result.exit_code, 1) << command << result.err << result.out;
    EXPECT_NE(result.err.find(expected), std::string::npos) << command << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << command << result.err;
    EXPECT_EQ(result.out, "") << command;
  }
};

TEST_F(StrictArguments, ASequenceBelowZeroOrBeyondSixtyFourBitsIsNotTheHead) {
  expect_refused({"status", "--seq", "-1"}, "--seq: '-1' is not a sequence number (0 or more)");
  expect_refused({"status", "--seq", "99999999999999999999"},
                 "--seq: '99999999999999999999' is not a sequence number");
  expect_refused({"status", "--seq", "0x10"}, "--seq: '0x10' is not a sequence number");
  expect_refused({"events", "--after", "-3"}, "--after: '-3' is not a sequence number");
}

TEST_F(StrictArguments, ANegativeLimitIsNotUnlimited) {
  expect_refused({"history", "api", "--limit", "-5"}, "--limit: '-5' is not a count (1 or more)");
  expect_refused({"history", "api", "--limit", "ten"}, "--limit: 'ten' is not a count");
  expect_refused({"events", "--limit", "-5"}, "--limit: '-5' is not a count");
}

TEST_F(StrictArguments, CountsAndCodesMustBeInTheirRange) {
  expect_refused({"ping", "api", "--exit-code", "256"},
                 "--exit-code: '256' is not an exit code (0-255)");
  expect_refused({"run", "--config", (dir / "none.yaml").string(), "--max-in-flight", "0"},
                 "--max-in-flight: '0' is not a number of probes (1-100000)");
  expect_refused({"whatif", "--set", "failure_threshold=500"},
                 "--set failure_threshold=500: '500' is not 1-100");
}

TEST_F(StrictArguments, AnUnknownCommandIsNamedWithTheCommandsThereAre) {
  expect_refused({"frobnicate"}, "unknown command 'frobnicate'; the commands of nyxmon are run, ");
  const auto result = nyxmon({"frobnicate"});
  EXPECT_NE(result.err.find("status"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("(see nyxmon --help)"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("A subcommand is required"), std::string::npos) << result.err;

  expect_refused({"check", "frob"},
                 "unknown command 'frob'; the commands of nyxmon check are list, show, pause, "
                 "resume, run, rm (see nyxmon check --help)");
}

TEST_F(StrictArguments, ASequencePastTheLastEventIsNotTheHead) {
  expect_refused({"status", "--seq", "500"}, "--seq 500 is past the store's last event (2)");
}

TEST_F(StrictArguments, GoodNumbersStillWork) {
  EXPECT_EQ(nyxmon({"status", "--seq", "1"}).exit_code, 0);
  EXPECT_EQ(nyxmon({"events", "--after", "0", "--limit", "1"}).exit_code, 0);
  EXPECT_EQ(nyxmon({"history", "api", "--limit", "5"}).exit_code, 0);
}

TEST(StrictConfiguration, ApplyReportsAWrappingPortAtItsPlaceAndExitsOne) {
  testing::TempDir dir;
  std::ofstream(dir / "checks.yaml") << "services:\n"
                                        "  - id: web\n"
                                        "    checks:\n"
                                        "      - id: db\n"
                                        "        tcp: { host: db, port: 4294967376 }\n";
  const auto result = testing::run_nyxmon({"apply", "-f", (dir / "checks.yaml").string(),
                                           "--dry-run", "--data", (dir / "data").string()});
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_EQ(result.err, (dir / "checks.yaml").string() +
                            ":5:32: services[0].checks[0].tcp.port: 4294967376 is not a port "
                            "(1-65535)\n");
  EXPECT_EQ(result.out.find("CheckDefined"), std::string::npos) << "port 80 would be defined";
}

}  // namespace
}  // namespace nyxmon::tools
