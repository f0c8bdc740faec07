// `nyxmon run` when its disk fills up, as a file size limit (RLIMIT_FSIZE,
// set on the running engine from outside) makes it: no abort, reads go on,
// /healthz and /metrics say it cannot record, and once the limit is lifted
// it records again by itself with nothing recorded lost.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>

#include "tests/support/eventually.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/recorded_events.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using namespace nyxmon::domain;
using testing::HttpBehaviour;
using testing::HttpTestServer;

// The largest file in `directory`: the write-ahead log while it is busy.
std::uintmax_t largest_file(const std::filesystem::path& directory) {
  std::uintmax_t largest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.is_regular_file()) largest = std::max(largest, entry.file_size());
  }
  return largest;
}

// Sets the soft limit only, which may be raised again without privileges.
void limit_file_size(int pid, rlim_t bytes) {
  const rlimit limit{bytes, RLIM_INFINITY};
  ASSERT_EQ(::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr), 0) << std::strerror(errno);
}

TEST(FullDisk, TheEngineStopsRecordingSaysSoAndRecordsAgainWhenSpaceReturns) {
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  std::ofstream(dir / "nyxmon.yaml")
      << "engine: { durability: sync }\n"
         "services:\n  - id: shop\n    checks:\n"
         "      - { id: web, interval: 100ms, timeout: 1s, http: { url: \""
      << web.url("/health") << "\" } }\n";
  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  auto get = [&](const std::string& path) {
    return testing::http_request("GET", engine.url(path), engine.bearer());
  };
  std::this_thread::sleep_for(500ms);
  ASSERT_EQ(get("/healthz").status, 200);

  limit_file_size(engine.pid(), largest_file(dir / "data") + 1);
  ASSERT_TRUE(testing::eventually([&] { return get("/healthz").status == 503; }))
      << engine.stderr_so_far();
  EXPECT_NE(get("/healthz").body.find("File too large"), std::string::npos);
  EXPECT_NE(get("/metrics").body.find("nyxmon_store_recording 0"), std::string::npos);
  EXPECT_NE(get("/").body.find("Not recording"), std::string::npos);
  const auto status = get("/api/v1/status");
  ASSERT_EQ(status.status, 200) << "reads go on";
  EXPECT_FALSE(status.json().at("store").at("recording").as_bool());
  EXPECT_EQ(
      testing::http_request("POST", engine.url("/api/v1/checks/web/pause"), engine.bearer()).status,
      503)
      << "a write is refused, and says why";
  EXPECT_NE(engine.stderr_so_far().find("CANNOT RECORD"), std::string::npos);

  limit_file_size(engine.pid(), RLIM_INFINITY);
  ASSERT_TRUE(testing::eventually([&] { return get("/healthz").status == 200; }, 20s))
      << engine.stderr_so_far();
  EXPECT_NE(get("/metrics").body.find("nyxmon_store_recording 1"), std::string::npos);
  std::this_thread::sleep_for(500ms);
  const auto stopped = engine.stop(SIGTERM);
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_NE(stopped.err.find("recording again"), std::string::npos) << stopped.err;

  // The log is whole: no gap, a stop at the end, every run with one ending.
  const auto events = testing::recorded_events(dir / "data");
  ASSERT_FALSE(events.empty());
  EXPECT_TRUE(std::holds_alternative<EngineStopped>(events.back().event));
  for (std::size_t i = 0; i < events.size(); ++i)
    EXPECT_EQ(events[i].sequence, i + 1);
  EXPECT_EQ(testing::runs_without_one_ending(events), std::vector<std::string>{});
}

}  // namespace
}  // namespace nyxmon::tools
