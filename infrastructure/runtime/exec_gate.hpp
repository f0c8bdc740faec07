// exec_gate.hpp — at most `limit` commands of exec checks running at once
// (engine.max_exec_in_flight); the rest wait their turn, in order. A fork
// and a plugin cost far more than a socket, so they are bounded apart from
// the probes' max_in_flight.
//
// Thread-safe: entered and left from the I/O threads.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>

namespace nyxmon::infra::runtime {

class ExecGate {
 public:
  explicit ExecGate(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}

  // Runs `start` now when a slot is free, else once one is; every start
  // that ran must be matched by one leave().
  void enter(std::function<void()> start) {
    {
      std::lock_guard lock(mutex_);
      if (running_ >= limit_) {
        waiting_.push_back(std::move(start));
        return;
      }
      ++running_;
    }
    start();
  }

  void leave() {
    std::function<void()> next;
    {
      std::lock_guard lock(mutex_);
      if (waiting_.empty()) {
        --running_;
        return;
      }
      next = std::move(waiting_.front());
      waiting_.pop_front();
    }
    next();
  }

 private:
  const std::size_t limit_;
  std::mutex mutex_;
  std::size_t running_ = 0;
  std::deque<std::function<void()>> waiting_;
};

}  // namespace nyxmon::infra::runtime
