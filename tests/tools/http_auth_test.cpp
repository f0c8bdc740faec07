// Http checks that log in, end to end: `nyxmon run` sends basic and bearer
// authorization with secrets read from the environment or a file, a check
// whose secret is missing says so, and no secret reaches the store even
// when the target echoes it back into a failure reason.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::HttpBehaviour;
using testing::HttpTestServer;
using testing::RecordedHttpRequest;
using testing::RunningEngine;

constexpr const char* kPassword = "pa55-w0rd-for-monitor";
constexpr const char* kToken = "tok-3f9a1c2b7d";

std::string reason_of(const RunningEngine& engine, const std::string& check) {
  const auto reply = http_request("GET", engine.url("/api/v1/checks/" + check), engine.bearer());
  if (reply.status != 200) return "";
  const auto json = reply.json();
  if (!json.at("last_result").is_object()) return "";
  return std::string(json.at("last_result").at("reason").as_string());
}

std::string status_of(const RunningEngine& engine, const std::string& check) {
  const auto reply = http_request("GET", engine.url("/api/v1/checks/" + check), engine.bearer());
  return reply.status == 200 ? std::string(reply.json().at("status").as_string()) : "";
}

TEST(HttpAuth, BasicAndBearerCredentialsAreSentAndNeverRecorded) {
  testing::TempDir dir;
  HttpTestServer web;
  // "monitor:pa55-w0rd-for-monitor" in base64.
  const std::string basic = "Basic bW9uaXRvcjpwYTU1LXcwcmQtZm9yLW1vbml0b3I=";
  web.route_with("/basic", [basic](const RecordedHttpRequest& request) {
    return request.header("Authorization") == basic ? HttpBehaviour::respond(200, "in")
                                                    : HttpBehaviour::respond(401, "who?");
  });
  // Answers the token back, as a careless debug endpoint would.
  web.route_with("/echo", [](const RecordedHttpRequest& request) {
    return HttpBehaviour::respond(
        200, "{\"seen\":\"" + request.header("Authorization").value_or("") + "\"}");
  });
  std::ofstream(dir / "token") << kToken << "\n";
  ::setenv("NYXMON_TEST_HTTP_PASSWORD", kPassword, 1);
  ::unsetenv("NYXMON_TEST_HTTP_MISSING");
  std::ofstream(dir / "nyxmon.yaml")
      << "defaults: { interval: 300ms, failure_threshold: 1, recovery_threshold: 1 }\n"
         "services:\n"
         "  - id: s\n"
         "    checks:\n"
         "      - id: basic\n"
         "        http:\n"
         "          url: \""
      << web.url("/basic")
      << "\"\n"
         "          auth: { scheme: basic, username: monitor, secret: { env: "
         "NYXMON_TEST_HTTP_PASSWORD } }\n"
         "      - id: echo\n"
         "        http:\n"
         "          url: \""
      << web.url("/echo") << "\"\n"
      << "          auth: { scheme: bearer, secret: { file: " << (dir / "token").string()
      << " } }\n"
         "          expect: { json_path: /seen, json_equals: nothing }\n"
         "      - id: missing\n"
         "        http:\n"
         "          url: \""
      << web.url("/basic")
      << "\"\n"
         "          auth: { scheme: bearer, secret: { env: NYXMON_TEST_HTTP_MISSING } }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  ASSERT_TRUE(testing::eventually(
      [&] {
        return status_of(engine, "basic") == "up" && status_of(engine, "echo") == "down" &&
               status_of(engine, "missing") == "down";
      },
      20s))
      << engine.stderr_so_far();
  EXPECT_EQ(reason_of(engine, "echo"), "JSON /seen is \"Bearer <secret>\", expected \"nothing\"");
  EXPECT_EQ(reason_of(engine, "missing"),
            "secret: environment variable NYXMON_TEST_HTTP_MISSING is not set");
  engine.stop(SIGTERM);

  const auto events =
      testing::run_nyxmon({"events", "--data", (dir / "data").string(), "--limit", "100000"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_EQ(events.out.find(kPassword), std::string::npos);
  EXPECT_EQ(events.out.find(kToken), std::string::npos);
  EXPECT_NE(events.out.find("<secret>"), std::string::npos);
}

}  // namespace
}  // namespace nyxmon::tools
