// deadline_guard.hpp — runs a cancel action if a deadline passes while the
// guard is alive: the way a probe bounds an operation that has no timeout of
// its own (a resolver, a raw socket).
//
// Lifetime: declare the guard after the object its action touches, so that
// the guard goes first. When the deadline and the guarded operation end at
// about the same moment, the timer's handler may already be queued when the
// guard is destroyed; cancelling the timer cannot stop it then. The guard
// therefore disarms the action itself, and a handler that runs after the
// guard has gone does nothing: the action never reaches an object that no
// longer exists.
//
// Threading: the guard, its timer and the guarded operation must run on one
// thread (the probes' io_context has one). Not copyable or movable.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>

namespace nyxmon::infra::probes {

class DeadlineGuard {
 public:
  template <class Cancel>
  DeadlineGuard(boost::asio::any_io_executor executor,
                std::chrono::steady_clock::time_point deadline, Cancel cancel)
      : timer_(executor), armed_(std::make_shared<bool>(true)) {
    timer_.expires_at(deadline);
    timer_.async_wait(
        [armed = armed_, cancel = std::move(cancel)](boost::system::error_code error) {
          if (!error && *armed) cancel();
        });
  }
  ~DeadlineGuard() {
    *armed_ = false;
    timer_.cancel();
  }
  DeadlineGuard(const DeadlineGuard&) = delete;
  DeadlineGuard& operator=(const DeadlineGuard&) = delete;

 private:
  boost::asio::steady_timer timer_;
  // Shared with the timer's handler, which may outlive the guard.
  std::shared_ptr<bool> armed_;
};

}  // namespace nyxmon::infra::probes
