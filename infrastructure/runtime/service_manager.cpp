#include "infrastructure/runtime/service_manager.hpp"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

#include <array>
#include <cstdlib>

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

namespace {

constexpr std::chrono::seconds kStatusEvery(10);

}  // namespace

ServiceManagerNotifier::ServiceManagerNotifier(const CoreLoop& core) : core_(core) {
  active_ = std::getenv("NOTIFY_SOCKET") != nullptr;
  std::uint64_t usec = 0;
  if (active_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
    watchdog_ = std::chrono::microseconds(usec);
}

void ServiceManagerNotifier::send(const std::string& message) const {
  if (active_) sd_notify(0, message.c_str());
}

std::string ServiceManagerNotifier::status_line(const projections::Projections& state) {
  std::array<std::size_t, kStatusCount> counts{};
  std::size_t checks = 0;
  for (const CheckRecord* check : state.checks().all()) {
    if (check->removed) continue;
    ++counts[static_cast<std::size_t>(check->state.status)];
    ++checks;
  }
  std::string line = fmt::format("{} checks", checks);
  const char* separator = ": ";
  for (Status status : {Status::kUp, Status::kDown, Status::kDegraded, Status::kUnreachable,
                        Status::kMaintenance, Status::kPending, Status::kPaused}) {
    const std::size_t count = counts[static_cast<std::size_t>(status)];
    if (count == 0) continue;
    line += fmt::format("{}{} {}", separator, count, to_string(status));
    separator = ", ";
  }
  return line;
}

void ServiceManagerNotifier::ready() {
  last_status_ = last_ping_ = std::chrono::steady_clock::now();
  send("READY=1\nSTATUS=" + status_line(core_.projections()));
}

void ServiceManagerNotifier::stopping() {
  send("STOPPING=1\nSTATUS=stopping");
}

void ServiceManagerNotifier::before_replies(bool) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  std::string message;
  if (watchdog_ && now - last_ping_ >= *watchdog_ / 2) {
    message = "WATCHDOG=1";
    last_ping_ = now;
  }
  if (now - last_status_ >= kStatusEvery) {
    message += (message.empty() ? "" : "\n") + ("STATUS=" + status_line(core_.projections()));
    if (!core_.outage().recording())
      message += " (not recording: " + core_.outage().problem() + ")";
    last_status_ = now;
  }
  if (!message.empty()) send(message);
}

}  // namespace nyxmon::infra::runtime
