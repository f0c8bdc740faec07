// engine.tls, against `nyxmon run`: the engine serves its page and API over
// HTTPS with the certificate it is given (curl, trusting the test CA, gets
// answers; plain HTTP on that port gets none), and a certificate or key
// that cannot be used stops it at start, saying which file and why.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>

#include "tests/support/http_client.hpp"
#include "tests/support/running_engine.hpp"
#include "tests/support/servers/certificates.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/temp_dir.hpp"

namespace nyxmon::tools {
namespace {

using namespace std::chrono_literals;
using testing::RunningEngine;

constexpr const char* kCurl = "/usr/bin/curl";

class EngineTls : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kCurl)) << "scripts/install-deps.sh installs curl";
    const auto leaf = authority_.issue();
    std::ofstream(dir_ / "cert.pem") << leaf.full_chain_pem();
    std::ofstream(dir_ / "key.pem") << leaf.private_key_pem;
    std::ofstream(dir_ / "other-key.pem") << authority_.issue().private_key_pem;
    authority_.write_certificate(dir_ / "ca.pem");
  }
  void write_config(const std::string& cert, const std::string& key) {
    std::ofstream(dir_ / "nyxmon.yaml")
        << "engine: { durability: async, tls: { cert: \"" << cert << "\", key: \"" << key
        << "\" } }\n"
           "services:\n"
           "  - id: backend\n"
           "    checks:\n"
           "      - { id: closed-port, interval: 1s, tcp: { host: 127.0.0.1, port: 1 } }\n";
  }
  testing::ProcessOutput curl(const std::string& url, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {
        kCurl, "-sS", "--max-time",    "10", "--cacert", (dir_ / "ca.pem").string(), "-o",
        "-",   "-w",  "\n%{http_code}"};
    for (auto& argument : extra)
      argv.push_back(std::move(argument));
    argv.push_back(url);
    return testing::run_process(argv, {}, 20s);
  }

  testing::TempDir dir_;
  testing::TestCertificateAuthority authority_;
};

TEST_F(EngineTls, ServesThePagesAndTheApiOverHttpsOnly) {
  write_config((dir_ / "cert.pem").string(), (dir_ / "key.pem").string());
  RunningEngine engine(dir_ / "nyxmon.yaml", dir_ / "data");
  const std::string base = "https://127.0.0.1:" + std::to_string(engine.port());

  const auto status =
      curl(base + "/api/v1/status", {"-H", "Authorization: Bearer " + engine.token()});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(status.out.ends_with("\n200")) << status.out;
  EXPECT_NE(status.out.find("\"services\""), std::string::npos);
  const auto page = curl(base + "/");
  EXPECT_TRUE(page.out.ends_with("\n303")) << "the private page sends a browser to log in";
  const auto healthz = curl(base + "/healthz");
  EXPECT_TRUE(healthz.out.starts_with("ok\n")) << healthz.out << healthz.err;

  // Without the CA, the certificate is not trusted: it is the one given.
  const auto untrusted =
      testing::run_process({kCurl, "-sS", "--max-time", "10", base + "/healthz"}, {}, 20s);
  EXPECT_NE(untrusted.exit_code, 0);
  // Plain HTTP gets no HTTP answer from a TLS listener.
  const std::string plain =
      testing::raw_exchange(engine.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 3s);
  EXPECT_EQ(plain.find("HTTP/1.1 200"), std::string::npos) << plain;
  EXPECT_EQ(engine.stop(SIGTERM).exit_code, 0);
}

TEST_F(EngineTls, FilesThatCannotServeStopTheEngineAtStartAndSayWhich) {
  const auto run = [&] {
    return testing::run_process(
        {testing::nyxmon_binary(), "run", "--config", (dir_ / "nyxmon.yaml").string(), "--data",
         (dir_ / "data").string(), "--listen", "127.0.0.1:0"},
        {}, 30s);
  };
  write_config((dir_ / "missing.pem").string(), (dir_ / "key.pem").string());
  auto missing = run();
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("engine.tls.cert '" + (dir_ / "missing.pem").string() +
                             "': not a readable PEM certificate"),
            std::string::npos)
      << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "data" / "CURRENT")) << "nothing was written";

  write_config((dir_ / "cert.pem").string(), (dir_ / "other-key.pem").string());
  auto mismatched = run();
  EXPECT_EQ(mismatched.exit_code, 1);
  EXPECT_NE(mismatched.err.find("does not belong to the certificate"), std::string::npos)
      << mismatched.err;

  std::ofstream(dir_ / "nyxmon.yaml") << "engine: { tls: { cert: a.pem } }\n";
  auto incomplete = run();
  EXPECT_EQ(incomplete.exit_code, 1);
  EXPECT_NE(incomplete.err.find("engine.tls.key"), std::string::npos) << incomplete.err;
}

}  // namespace
}  // namespace nyxmon::tools
