// Exec checks end to end: `nyxmon run` runs Debian's Monitoring Plugins
// (check_http against nginx, check_tcp, check_dummy) and a shell line
// against loopback targets, and an http check reads JSON metrics from
// nginx. Statuses, reasons and
// performance data show in the API, /metrics, `history` and `events`.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/nginx_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::RunningEngine;

constexpr const char* kPlugins = "/usr/lib/nagios/plugins";

boost::json::value check_json(const RunningEngine& engine, const std::string& check) {
  const auto reply = http_request("GET", engine.url("/api/v1/checks/" + check), engine.bearer());
  if (reply.status != 200) return nullptr;
  return reply.json();
}

std::string status_of(const RunningEngine& engine, const std::string& check) {
  const auto json = check_json(engine, check);
  return json.is_object() ? std::string(json.at("status").as_string()) : "";
}

TEST(ExecCheck, PluginsRunAndTheirPerformanceDataReachesMetricsHistoryAndEvents) {
  ASSERT_TRUE(std::filesystem::exists(std::string(kPlugins) + "/check_http"))
      << "scripts/install-deps.sh installs Debian's monitoring-plugins-basic";
  testing::TempDir dir;
  testing::NginxServer web(
      {{"health", "ok\n"}, {"queue.json", R"({"queue":{"depth":150,"state":"ok"}})"}});
  const std::string port = std::to_string(web.port());
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: async, max_exec_in_flight: 2, io_threads: 3 }\n"
         "defaults: { interval: 500ms, failure_threshold: 1, recovery_threshold: 1 }\n"
         "services:\n"
         "  - id: shop\n"
         "    checks:\n"
         "      - id: plugin-http\n"
         "        exec: { command: [check_http, -H, 127.0.0.1, -p, \""
      << port
      << "\", -u, /health] }\n"
         "      - id: plugin-tcp-closed\n"
         "        exec: { command: [check_tcp, -H, 127.0.0.1, -p, \"1\"] }\n"
         "      - id: disk\n"
         "        exec: { command: [check_dummy, \"1\", disk nearly full] }\n"
         "      - id: script\n"
         "        exec:\n"
         "          shell: \"echo \\\"CRITICAL - $WHAT is stuck|jobs=42;10;20\\\"; exit 2\"\n"
         "          environment: { WHAT: the backup }\n"
         "      - id: queue\n"
         "        http:\n"
         "          url: \""
      << web.url("/queue.json")
      << "\"\n"
         "          metrics:\n"
         "            - { pointer: /queue/depth, label: depth, warn: \"> 100\", fail: \"> 1000\" "
         "}\n"
         "            - { pointer: /queue/state, fail: \"!= ok\" }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");

  ASSERT_TRUE(testing::eventually(
      [&] {
        return status_of(engine, "plugin-http") == "up" &&
               status_of(engine, "plugin-tcp-closed") == "down" &&
               status_of(engine, "disk") == "degraded" && status_of(engine, "script") == "down" &&
               status_of(engine, "queue") == "degraded";
      },
      20s))
      << engine.stderr_so_far();

  const auto http = check_json(engine, "plugin-http");
  EXPECT_NE(std::string(http.at("last_result").at("reason").as_string()).find("HTTP OK"),
            std::string::npos)
      << http;
  const auto closed = check_json(engine, "plugin-tcp-closed");
  EXPECT_NE(std::string(closed.at("status_reason").as_string()).find("Connection refused"),
            std::string::npos)
      << closed;
  EXPECT_EQ(check_json(engine, "disk").at("status_reason").as_string(),
            "WARNING: disk nearly full");
  EXPECT_EQ(check_json(engine, "script").at("status_reason").as_string(),
            "CRITICAL - the backup is stuck");
  EXPECT_EQ(check_json(engine, "queue").at("status_reason").as_string(), "depth is 150 (> 100)");

  const auto metrics = http_request("GET", engine.url("/metrics"), engine.bearer()).body;
  for (const char* series : {"nyxmon_check_perfdata{check=\"plugin-http\",service=\"shop\",kind="
                             "\"exec\",label=\"time\",unit=\"s\"} ",
                             "nyxmon_check_perfdata{check=\"plugin-http\",service=\"shop\",kind="
                             "\"exec\",label=\"size\",unit=\"B\"} ",
                             "nyxmon_check_perfdata{check=\"script\",service=\"shop\",kind="
                             "\"exec\",label=\"jobs\",unit=\"\"} 42",
                             "nyxmon_check_perfdata{check=\"queue\",service=\"shop\",kind=\"http\","
                             "label=\"depth\",unit=\"\"} 150"}) {
    EXPECT_NE(metrics.find(series), std::string::npos) << series;
  }
  // A text value has no number to export.
  EXPECT_EQ(metrics.find("label=\"/queue/state\""), std::string::npos);

  const auto data = (dir / "data").string();
  const auto history =
      testing::run_nyxmon({"history", "script", "--json", "--limit", "1", "--data", data});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const auto run = boost::json::parse(history.out);
  EXPECT_EQ(run.at("outcome").as_string(), "fail");
  EXPECT_EQ(run.at("measurements").at(0).at("label").as_string(), "jobs");
  EXPECT_EQ(run.at("measurements").at(0).at("value").as_double(), 42);
  const auto events = testing::run_nyxmon({"events", "--stream", "check-queue", "--data", data});
  EXPECT_NE(events.out.find("| depth=150 /queue/state=\"ok\""), std::string::npos) << events.out;

  engine.stop(SIGTERM);
}

TEST(ExecCheck, APluginThatIsNotThereIsAnErrorThatSaysWhereItWasLookedFor) {
  testing::TempDir dir;
  std::ofstream(dir / "nyxmon.yaml")
      << "defaults: { interval: 500ms, failure_threshold: 1 }\n"
         "services:\n"
         "  - id: s\n"
         "    checks:\n"
         "      - { id: missing, exec: { command: [check_nothing_like_this] } }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  ASSERT_TRUE(testing::eventually([&] { return status_of(engine, "missing") == "down"; }, 20s));
  const auto reason = std::string(check_json(engine, "missing").at("status_reason").as_string());
  EXPECT_NE(reason.find("check_nothing_like_this: not found in PATH"), std::string::npos) << reason;
  EXPECT_NE(reason.find("/usr/lib/nagios/plugins"), std::string::npos) << reason;
  engine.stop(SIGTERM);
}

}  // namespace
}  // namespace nyxmon::tools
