// inbox.hpp — the core thread's queue: many producers (probe completions,
// the API, signal handlers) push; the core thread drains in batches.
//
// Draining in batches is what makes group commit possible: everything that
// arrived while the previous batch was being written becomes the next batch,
// decided and appended as one WriteBatch. A push wakes the consumer only
// when it waits for items: while it is busy, or pacing itself (see
// drain_until's `not_before`), arrivals just queue. Thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

namespace nyxmon::infra::runtime {

template <class T>
class Inbox {
 public:
  void push(T item) {
    bool wake;
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
      wake = waiting_for_items_;
    }
    if (wake) arrived_.notify_one();
  }

  // Wakes a drain_until() that is waiting, without an item (e.g. to stop).
  void interrupt() {
    {
      std::lock_guard lock(mutex_);
      interrupted_ = true;
    }
    arrived_.notify_one();
  }

  // Waits until an item arrives, interrupt() is called, or `deadline`
  // passes; then moves up to `max_items` items into `out` (appending).
  // Returns the number moved. Items that arrive before `not_before` do not
  // end the wait (interrupt() does): a busy consumer takes them in one turn
  // instead of waking for each.
  template <class Clock, class Duration>
  std::size_t drain_until(std::vector<T>& out, std::size_t max_items,
                          std::chrono::time_point<Clock, Duration> deadline,
                          std::chrono::time_point<Clock, Duration> not_before = {}) {
    std::unique_lock lock(mutex_);
    if (not_before > Clock::now()) {
      arrived_.wait_until(lock, std::min(not_before, deadline), [&] { return interrupted_; });
    }
    waiting_for_items_ = true;
    arrived_.wait_until(lock, deadline, [&] { return !items_.empty() || interrupted_; });
    waiting_for_items_ = false;
    interrupted_ = false;
    std::size_t moved = 0;
    while (!items_.empty() && moved < max_items) {
      out.push_back(std::move(items_.front()));
      items_.pop_front();
      ++moved;
    }
    return moved;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<T> items_;
  bool interrupted_ = false;
  bool waiting_for_items_ = false;
};

}  // namespace nyxmon::infra::runtime
