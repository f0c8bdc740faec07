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

namespace {

// Bars for the `Count` buckets of `width` ending with the one holding `now`,
// oldest first, from a ring of the statistics projection.
template <std::size_t Count, class Ring>
std::array<UptimeBar, Count> bars(const Ring& ring, std::chrono::seconds width,
                                  domain::Timestamp now) {
  std::array<UptimeBar, Count> out{};
  const auto current =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()) / width;
  for (std::size_t i = 0; i < Count; ++i) {
    const auto index = current - static_cast<std::int64_t>(Count - 1 - i);
    out[i].start =
        domain::Timestamp(std::chrono::duration_cast<domain::Timestamp::duration>(index * width));
    if (index < 0) continue;
    const auto* bucket = ring.find(static_cast<std::uint32_t>(index));
    if (!bucket) continue;
    out[i].results = bucket->results;
    out[i].good = bucket->good;
  }
  return out;
}

}  // namespace

std::array<UptimeBar, 24> CheckView::hourly_bars(domain::Timestamp now) const {
  static const projections::CheckStatistics::Rings kNone{};
  return bars<24>((rings ? *rings : kNone).hours, std::chrono::hours(1), now);
}

std::array<UptimeBar, 30> CheckView::daily_bars(domain::Timestamp now) const {
  static const projections::CheckStatistics::Rings kNone{};
  return bars<30>((rings ? *rings : kNone).days, std::chrono::hours(24), now);
}

std::array<UptimeBar, 90> CheckView::ninety_day_bars(domain::Timestamp now) const {
  static const projections::CheckStatistics::Rings kNone{};
  return bars<90>((rings ? *rings : kNone).days, std::chrono::hours(24), now);
}

projections::WindowStats CheckView::window(projections::StatsWindow window,
                                           domain::Timestamp now) const {
  if (!rings) return {};
  return projections::CheckStatistics::window_of(*rings, window, now);
}

const CheckView* EngineView::find_check(std::string_view id) const {
  const auto it = catalog->check_index.find(id);
  return it == catalog->check_index.end() ? nullptr : checks[it->second].get();
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

bool ViewPublisher::publish(std::shared_ptr<const EngineView> view, bool wait) {
  {
    std::unique_lock lock(mutex_, std::defer_lock);
    if (wait)
      lock.lock();
    else if (!lock.try_lock())
      return false;
    wanted_.store(false, std::memory_order_relaxed);
    view_ = std::move(view);
    published_at_ = std::chrono::steady_clock::now();
    ++generation_;
  }
  published_.notify_all();
  return true;
}

}  // namespace nyxmon::infra::api
