// deadline_guard.hpp — runs a cancel action if a deadline passes while the
// guard is alive: the way a probe bounds an operation that has no timeout of
// its own (a resolver, a raw socket).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>

namespace nyxmon::infra::probes {

class DeadlineGuard {
 public:
  template <class Cancel>
  DeadlineGuard(boost::asio::any_io_executor executor,
                std::chrono::steady_clock::time_point deadline, Cancel cancel)
      : timer_(executor) {
    timer_.expires_at(deadline);
    timer_.async_wait([cancel = std::move(cancel)](boost::system::error_code error) {
      if (!error) cancel();
    });
  }
  ~DeadlineGuard() { timer_.cancel(); }
  DeadlineGuard(const DeadlineGuard&) = delete;
  DeadlineGuard& operator=(const DeadlineGuard&) = delete;

 private:
  boost::asio::steady_timer timer_;
};

}  // namespace nyxmon::infra::probes
