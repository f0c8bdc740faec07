#include "infrastructure/runtime/io_runtime.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

namespace nyxmon::infra::runtime {

IoRuntime::IoRuntime(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      auto guard = boost::asio::make_work_guard(context_);
      context_.run();
    });
  }
}

IoRuntime::~IoRuntime() {
  stop();
}

void IoRuntime::post(std::function<void()> work) {
  boost::asio::post(context_, std::move(work));
}

void IoRuntime::stop() {
  if (stopped_) return;
  stopped_ = true;
  context_.stop();
  for (auto& thread : threads_)
    thread.join();
}

}  // namespace nyxmon::infra::runtime
