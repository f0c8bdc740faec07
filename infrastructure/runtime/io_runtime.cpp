#include "infrastructure/runtime/io_runtime.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>

#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

namespace nyxmon::infra::runtime {

IoRuntime::IoRuntime(unsigned threads, int niceness) {
  for (unsigned i = 0; i < threads; ++i) {
    threads_.emplace_back([this, niceness] {
      // Linux gives each thread its own nice value; failing to lower the
      // priority costs nothing but fairness, so the error is ignored.
      if (niceness >= 20) {
        sched_param none{};
        (void)::sched_setscheduler(0, SCHED_IDLE, &none);
      } else if (niceness != 0) {
        (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), niceness);
      }
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
