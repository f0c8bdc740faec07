// A damaged write-ahead log from the operator's side: `nyxmon run` refuses
// with one line that says what to do, `nyxmon repair` salvages and records
// the loss, and afterwards verify, events, the status page and /metrics all
// show it.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <iterator>
#include <thread>

#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/http_test_server.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using testing::HttpBehaviour;
using testing::HttpTestServer;

void flip_bytes_in_the_middle_of_the_newest_log(const fs::path& data) {
  fs::path newest;
  for (const auto& entry : fs::directory_iterator(data)) {
    if (entry.path().extension() == ".log" && entry.path() > newest) newest = entry.path();
  }
  ASSERT_FALSE(newest.empty());
  std::string bytes;
  {
    std::ifstream in(newest, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_GT(bytes.size(), 20'000u) << "the engine should have written more";
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0xff);
  std::ofstream(newest, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(RepairCommand, ADamagedLogIsRefusedThenRepairedAndTheLossShownEverywhere) {
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  std::ofstream config(dir / "nyxmon.yaml");
  config << "services:\n  - id: shop\n    checks:\n";
  for (int i = 0; i < 10; ++i) {
    config << "      - { id: web-" << i << ", interval: 100ms, timeout: 1s, http: { url: \""
           << web.url("/health") << "\" } }\n";
  }
  config.close();
  const std::string data = (dir / "data").string();
  {
    testing::BackgroundProcess engine({testing::nyxmon_binary(), "run", "--config",
                                       (dir / "nyxmon.yaml").string(), "--data", data, "--listen",
                                       "off"});
    std::this_thread::sleep_for(2500ms);
    ASSERT_EQ(engine.stop(SIGTERM).exit_code, 0);
  }
  flip_bytes_in_the_middle_of_the_newest_log(dir / "data");

  const auto refused = testing::run_nyxmon(
      {"run", "--config", (dir / "nyxmon.yaml").string(), "--data", data, "--listen", "off"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("write-ahead log is damaged"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("nyxmon repair --data " + data), std::string::npos) << refused.err;
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_NE(testing::run_nyxmon({"verify", "--data", data}).exit_code, 0);

  const auto repaired = testing::run_nyxmon({"repair", "--data", data});
  ASSERT_EQ(repaired.exit_code, 0) << repaired.err;
  EXPECT_NE(repaired.out.find("lost: events"), std::string::npos) << repaired.out;
  EXPECT_NE(repaired.out.find("recorded as EventsLost"), std::string::npos) << repaired.out;
  EXPECT_NE(repaired.out.find("damaged-wal-"), std::string::npos) << repaired.out;

  const auto verified = testing::run_nyxmon({"verify", "--data", data});
  EXPECT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("note: events"), std::string::npos) << verified.out;
  const auto lost = testing::run_nyxmon({"events", "--data", data, "--type", "EventsLost"});
  EXPECT_NE(lost.out.find("lost (sequence"), std::string::npos) << lost.out;

  testing::RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
  const auto page = testing::http_request("GET", engine.url("/"), engine.bearer());
  EXPECT_NE(page.body.find("were lost"), std::string::npos);
  const auto metrics = testing::http_request("GET", engine.url("/metrics"), engine.bearer());
  EXPECT_NE(metrics.body.find("nyxmon_store_events_lost "), std::string::npos);
  EXPECT_EQ(metrics.body.find("nyxmon_store_events_lost 0"), std::string::npos);
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
  EXPECT_EQ(testing::run_nyxmon({"verify", "--data", data}).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
