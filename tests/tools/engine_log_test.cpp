// What `nyxmon run` tells an operator on stderr: a line per event worth
// telling, at a level (--log-level, engine.log_level), as text or as one
// JSON object per line (--log-format json) for log shippers.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RunningEngine;

std::string config_for(const HttpTestServer& web, const std::string& engine = "") {
  return "engine: { durability: async" + engine +
         " }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: web\n"
         "        interval: 200ms\n"
         "        failure_threshold: 1\n"
         "        recovery_threshold: 1\n"
         "        http: { url: \"" +
         web.url("/health") + "\" }\n";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

class EngineLog : public ::testing::Test {
 protected:
  void SetUp() override { web_.route("/health", HttpBehaviour::respond(200, "ok")); }
  void write_config(const std::string& engine = "") {
    std::ofstream(dir_ / "nyxmon.yaml") << config_for(web_, engine);
  }
  testing::TempDir dir_;
  HttpTestServer web_;
};

TEST_F(EngineLog, JsonLinesCarryTimeLevelMessageAndTheEventsFields) {
  write_config();
  RunningEngine engine(dir_ / "nyxmon.yaml", dir_ / "data", {"--log-format", "json"});
  ASSERT_TRUE(testing::eventually(
      [&] { return engine.stderr_so_far().find("CheckStatusChanged") != std::string::npos; }));
  const auto output = engine.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err;

  bool started = false, changed = false, stopped = false;
  for (const auto& line : lines_of(output.err)) {
    boost::system::error_code error;
    const auto value = boost::json::parse(line, error);
    ASSERT_FALSE(error) << "not JSON: " << line;
    const auto& object = value.as_object();
    EXPECT_TRUE(object.at("time").as_string().ends_with("Z")) << line;
    EXPECT_FALSE(object.at("message").as_string().empty()) << line;
    const auto event = object.at("event").as_string();
    if (event == "started") {
      started = true;
      EXPECT_EQ(object.at("level").as_string(), "info");
      EXPECT_EQ(object.at("checks").as_string(), "1");
    }
    if (event == "CheckStatusChanged") {
      changed = true;
      EXPECT_EQ(object.at("check").as_string(), "web") << line;
      EXPECT_EQ(object.at("from").as_string(), "pending") << line;
      EXPECT_EQ(object.at("to").as_string(), "up") << line;
      EXPECT_FALSE(object.at("sequence").as_string().empty()) << line;
    }
    if (event == "stopped") stopped = true;
  }
  EXPECT_TRUE(started && changed && stopped) << output.err;
}

TEST_F(EngineLog, TextIsTheDefaultAndALevelAboveInfoKeepsRoutineLinesOut) {
  write_config();
  {
    RunningEngine engine(dir_ / "nyxmon.yaml", dir_ / "data");
    ASSERT_TRUE(testing::eventually([&] {
      return engine.stderr_so_far().find("check web: pending → up") != std::string::npos;
    }));
    const auto output = engine.stop(SIGTERM);
    EXPECT_NE(output.err.find("nyxmon: stopped (SIGTERM)"), std::string::npos) << output.err;
  }
  write_config(", log_level: warn");
  RunningEngine quiet(dir_ / "nyxmon.yaml", dir_ / "data");
  std::this_thread::sleep_for(600ms);
  const auto output = quiet.stop(SIGTERM);
  ASSERT_EQ(output.exit_code, 0) << output.err;
  EXPECT_EQ(output.err, "") << "engine.log_level: warn keeps info lines out";

  RunningEngine overridden(dir_ / "nyxmon.yaml", dir_ / "data", {"--log-level", "info"});
  const auto loud = overridden.stop(SIGTERM);
  EXPECT_NE(loud.err.find("nyxmon: stopped"), std::string::npos) << "--log-level overrides";
}

TEST_F(EngineLog, AtDebugEveryResultIsALine) {
  write_config();
  RunningEngine engine(dir_ / "nyxmon.yaml", dir_ / "data", {"--log-level", "debug"});
  ASSERT_TRUE(testing::eventually([&] {
    return engine.stderr_so_far().find("check web: run 2: ok in") != std::string::npos;
  })) << engine.stderr_so_far();
  const auto output = engine.stop(SIGTERM);
  EXPECT_EQ(output.exit_code, 0) << output.err;
  EXPECT_NE(output.err.find("check web: run 1: ok in"), std::string::npos) << output.err;
}

TEST_F(EngineLog, AnUnknownLevelOrFormatIsRefusedSayingWhere) {
  write_config(", log_level: chatty");
  const auto bad_config = testing::run_nyxmon(
      {"run", "--config", (dir_ / "nyxmon.yaml").string(), "--data", (dir_ / "data").string()});
  EXPECT_EQ(bad_config.exit_code, 1);
  EXPECT_NE(bad_config.err.find("nyxmon.yaml:1:"), std::string::npos) << bad_config.err;
  EXPECT_NE(bad_config.err.find("'chatty' is not debug, info, warn, error or off"),
            std::string::npos)
      << bad_config.err;

  write_config();
  const auto bad_format =
      testing::run_nyxmon({"run", "--config", (dir_ / "nyxmon.yaml").string(), "--data",
                           (dir_ / "data").string(), "--log-format", "xml"});
  EXPECT_NE(bad_format.exit_code, 0);
  EXPECT_NE(bad_format.err.find("--log-format"), std::string::npos) << bad_format.err;
}

}  // namespace
}  // namespace nyxmon::tools
