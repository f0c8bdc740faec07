#include "tests/support/running_engine.hpp"

#include <csignal>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace nyxmon::testing {

namespace {

std::string first_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

RunningEngine::RunningEngine(const std::filesystem::path& config, const std::filesystem::path& data,
                             std::vector<std::string> extra_arguments) {
  std::error_code ignored;
  std::filesystem::remove(data / "nyxmon.http", ignored);
  std::vector<std::string> argv = {nyxmon_binary(), "run",         "--config", config.string(),
                                   "--data",        data.string(), "--listen", "127.0.0.1:0"};
  for (auto& argument : extra_arguments)
    argv.push_back(std::move(argument));
  process_ = std::make_unique<BackgroundProcess>(argv);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    address_ = first_line(data / "nyxmon.http");
    if (!address_.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (address_.empty()) {
    const auto output = process_->stop(SIGKILL);
    throw std::runtime_error("nyxmon run did not start listening: " + output.err);
  }
  token_ = first_line(data / "api-token");
}

std::uint16_t RunningEngine::port() const {
  return static_cast<std::uint16_t>(std::stoi(address_.substr(address_.rfind(':') + 1)));
}

std::vector<std::pair<std::string, std::string>> RunningEngine::bearer() const {
  return {{"Authorization", "Bearer " + token_}};
}

ProcessOutput RunningEngine::stop(int signal) {
  return process_->stop(signal);
}

}  // namespace nyxmon::testing
