// running_engine.hpp — `nyxmon run` started as a user starts it, with its
// HTTP server on a free loopback port, for tests that talk to it.
//
//   RunningEngine engine(dir / "nyxmon.yaml", dir / "data");
//   auto reply = http_request("GET", engine.url("/api/v1/status"), engine.bearer());
//   auto output = engine.stop(SIGTERM);
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/subprocess.hpp"

namespace nyxmon::testing {

class RunningEngine {
 public:
  // Starts the engine and waits (up to 30 s) until it listens; throws when
  // it does not.
  RunningEngine(const std::filesystem::path& config, const std::filesystem::path& data,
                std::vector<std::string> extra_arguments = {});

  std::string url(std::string_view path) const { return "http://" + address_ + std::string(path); }
  std::uint16_t port() const;
  const std::string& token() const { return token_; }
  // {"Authorization", "Bearer <token>"}, as a header list.
  std::vector<std::pair<std::string, std::string>> bearer() const;

  ProcessOutput stop(int signal);
  // Sends `signal` (SIGHUP, say) and goes on.
  void signal(int signal) { process_->signal(signal); }
  const std::string& stderr_so_far() { return process_->stderr_so_far(); }
  int pid() const { return process_->pid(); }

 private:
  std::unique_ptr<BackgroundProcess> process_;
  std::string address_;
  std::string token_;
};

}  // namespace nyxmon::testing
