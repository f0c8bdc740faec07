#include "infrastructure/api/engine_view.hpp"

#include <algorithm>

namespace nyxmon::infra::api {

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds(std::move(upper_bounds)), counts(bounds.size() + 1, 0) {}

void Histogram::observe(double value) {
  const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();
  ++counts[static_cast<std::size_t>(bucket)];
  sum += value;
  ++count;
}

const CheckView* EngineView::find_check(std::string_view id) const {
  const auto it = check_index.find(id);
  return it == check_index.end() ? nullptr : &checks[it->second];
}

std::shared_ptr<const EngineView> ViewPublisher::current() {
  wanted_.store(true, std::memory_order_relaxed);
  std::unique_lock lock(mutex_);
  if (std::chrono::steady_clock::now() - published_at_ <= kMaxAge || !wake_) return view_;
  const std::uint64_t seen = generation_;
  lock.unlock();
  wake_();
  lock.lock();
  published_.wait_for(lock, std::chrono::milliseconds(200), [&] { return generation_ != seen; });
  return view_;
}

void ViewPublisher::publish(std::shared_ptr<const EngineView> view) {
  wanted_.store(false, std::memory_order_relaxed);
  {
    std::lock_guard lock(mutex_);
    view_ = std::move(view);
    published_at_ = std::chrono::steady_clock::now();
    ++generation_;
  }
  published_.notify_all();
}

}  // namespace nyxmon::infra::api
