// io_runtime.hpp — the Asio side of the engine: one io_context run by its own
// thread(s), where every probe, timer and socket lives.
//
// The synchronous core never blocks on it and it never touches core state:
// the core hands work over with post() (fire-and-forget) or call() (waits
// for a result), and adapters report back by pushing commands into the
// core's inbox.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>

#include <functional>
#include <future>
#include <thread>
#include <vector>

namespace nyxmon::infra::runtime {

class IoRuntime {
 public:
  // `niceness` > 0 lowers the threads' CPU priority (nice(2) values), so
  // that work done there yields to the core and the probes under load.
  explicit IoRuntime(unsigned threads = 1, int niceness = 0);
  ~IoRuntime();  // stop() and join
  IoRuntime(const IoRuntime&) = delete;
  IoRuntime& operator=(const IoRuntime&) = delete;

  boost::asio::io_context& context() { return context_; }
  boost::asio::any_io_executor executor() { return context_.get_executor(); }

  // Runs `work` on an I/O thread, soon; returns at once.
  void post(std::function<void()> work);

  // Runs `work` on an I/O thread and waits for its result. Never call it
  // from an I/O thread.
  template <class Work>
  auto call(Work work) -> decltype(work()) {
    std::packaged_task<decltype(work())()> task(std::move(work));
    auto result = task.get_future();
    post([&task] { task(); });
    return result.get();
  }

  // Stops the event loop; pending handlers are abandoned. Idempotent.
  void stop();

 private:
  boost::asio::io_context context_;
  std::vector<std::thread> threads_;
  bool stopped_ = false;
};

}  // namespace nyxmon::infra::runtime
