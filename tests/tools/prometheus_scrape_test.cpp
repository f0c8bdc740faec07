// A real Prometheus (Debian's package) scrapes `nyxmon run`'s /metrics with
// the bearer token, then answers a query for one of its series.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <csignal>
#include <fstream>
#include <thread>

#include "tests/support/http_client.hpp"
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

constexpr const char* kPrometheus = "/usr/bin/prometheus";

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(PrometheusScrape, APrometheusServerScrapesTheEngineAndAnswersForItsSeries) {
  ASSERT_TRUE(std::filesystem::exists(kPrometheus))
      << kPrometheus << " is missing: scripts/install-deps.sh installs Debian's prometheus";
  testing::TempDir dir;
  HttpTestServer web;
  web.route("/health", HttpBehaviour::respond(200, "ok"));
  std::ofstream(dir / "nyxmon.yaml") << "engine: { durability: async }\n"
                                        "services:\n"
                                        "  - id: shop\n"
                                        "    checks:\n"
                                        "      - id: web\n"
                                        "        interval: 500ms\n"
                                        "        recovery_threshold: 1\n"
                                        "        http: { url: \""
                                     << web.url("/health") << "\" }\n";
  RunningEngine engine(dir / "nyxmon.yaml", dir / "data");

  const std::string target = engine.url("").substr(7);  // host:port
  std::ofstream(dir / "prometheus.yml") << "global: { scrape_interval: 1s }\n"
                                           "scrape_configs:\n"
                                           "  - job_name: nyxmon\n"
                                           "    authorization: { credentials: '"
                                        << engine.token()
                                        << "' }\n"
                                           "    static_configs:\n"
                                           "      - targets: ['"
                                        << target << "']\n";
  const std::uint16_t port = free_port();
  testing::BackgroundProcess prometheus({kPrometheus,
                                         "--config.file=" + (dir / "prometheus.yml").string(),
                                         "--storage.tsdb.path=" + (dir / "tsdb").string(),
                                         "--web.listen-address=127.0.0.1:" + std::to_string(port)});

  const std::string query = "http://127.0.0.1:" + std::to_string(port) +
                            "/api/v1/query?query=nyxmon_check_up%7Bcheck%3D%22web%22%7D";
  std::string last;
  bool answered = false;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!answered && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(500ms);
    const auto reply = testing::http_request("GET", query);
    if (reply.status != 200) continue;
    last = reply.body;
    const auto body = reply.json();
    const auto& result = body.at("data").at("result").as_array();
    if (result.empty()) continue;
    const auto& series = result[0].as_object();
    EXPECT_EQ(series.at("metric").at("job").as_string(), "nyxmon");
    EXPECT_EQ(series.at("metric").at("service").as_string(), "shop");
    answered = series.at("value").as_array().at(1).as_string() == "1";
  }
  EXPECT_TRUE(answered) << "Prometheus never had nyxmon_check_up{check=\"web\"} = 1; last answer: "
                        << last;
  const auto targets =
      testing::http_request("GET", "http://127.0.0.1:" + std::to_string(port) + "/api/v1/targets");
  EXPECT_NE(targets.body.find("\"health\":\"up\""), std::string::npos) << targets.body;
  prometheus.stop(SIGTERM);
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

}  // namespace
}  // namespace nyxmon::tools
