// io_thread.hpp — one io_context run by one thread: the event loop each test
// server owns. Internal to tests/support/servers; tests use the servers.
//
// Contract: construct the io_context's sockets first, then start(); stop()
// (idempotent, also run by the destructor) stops the loop and joins the
// thread. The io_context itself lives until the IoThread is destroyed, and
// destroying it destroys every unfinished connection coroutine, so a server
// declares its state *before* its IoThread (it outlives the coroutines) and
// its sockets *after* it, and calls stop() first in its destructor.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <optional>
#include <thread>

namespace nyxmon::testing {

class IoThread {
 public:
  IoThread() = default;
  ~IoThread() { stop(); }
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  boost::asio::io_context& context() { return context_; }

  void start() {
    work_.emplace(context_.get_executor());
    thread_ = std::thread([this] { context_.run(); });
  }

  // Stops the loop where it is and joins. Pending operations are not run;
  // they are destroyed with the io_context.
  void stop() {
    context_.stop();
    if (thread_.joinable()) thread_.join();
    work_.reset();
  }

 private:
  boost::asio::io_context context_{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
  std::thread thread_;
};

}  // namespace nyxmon::testing
