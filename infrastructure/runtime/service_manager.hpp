// service_manager.hpp — tells systemd how the engine is, for a unit of
// Type=notify: READY=1 once the store is open and the listener bound,
// STATUS= with the checks up and down (every 10 s), WATCHDOG=1 from the core
// loop's own turns (so that with WatchdogSec= a core that stops turning is
// restarted; the loop turns at least once a second, recording or not), and
// STOPPING=1 when it stops. Without NOTIFY_SOCKET (not started by systemd)
// it says nothing.
//
// A CorePart: its hooks run on the core thread.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"

namespace nyxmon::infra::runtime {

class ServiceManagerNotifier : public CorePart {
 public:
  explicit ServiceManagerNotifier(const CoreLoop& core);

  // The engine serves: READY=1 with a first STATUS.
  void ready();
  // The engine is stopping: STOPPING=1.
  void stopping();

  void before_replies(bool replies_waiting) override;

  // "12 checks: 10 up, 1 down, 1 pending" for STATUS=.
  static std::string status_line(const projections::Projections& state);

 private:
  void send(const std::string& message) const;

  const CoreLoop& core_;
  bool active_ = false;                                // NOTIFY_SOCKET is set
  std::optional<std::chrono::microseconds> watchdog_;  // WatchdogSec=, when set
  std::chrono::steady_clock::time_point last_ping_{};
  std::chrono::steady_clock::time_point last_status_{};
};

}  // namespace nyxmon::infra::runtime
