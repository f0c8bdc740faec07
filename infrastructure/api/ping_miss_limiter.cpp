#include "infrastructure/api/ping_miss_limiter.hpp"

#include <algorithm>

#include "infrastructure/api/client_address.hpp"

namespace nyxmon::infra::api {

std::chrono::milliseconds PingMissLimiter::held_back(std::string_view address,
                                                     Clock::time_point now) const {
  const std::string key = client_key(address);
  std::lock_guard lock(mutex_);
  const auto it = recovered_at_.find(key);
  if (it == recovered_at_.end()) return {};
  const auto allowed_ahead =
      limits_.refill * static_cast<long>(std::max<std::size_t>(limits_.burst, 1) - 1);
  const auto ahead = it->second - now;
  if (ahead <= allowed_ahead) return {};
  return std::chrono::ceil<std::chrono::milliseconds>(ahead - allowed_ahead);
}

void PingMissLimiter::record_miss(std::string_view address, Clock::time_point now) {
  const std::string key = client_key(address);
  std::lock_guard lock(mutex_);
  auto it = recovered_at_.find(key);
  if (it == recovered_at_.end()) {
    if (recovered_at_.size() >= limits_.max_addresses) make_room(now);
    it = recovered_at_.emplace(key, now).first;
  }
  it->second = std::max(it->second, now) + limits_.refill;
}

void PingMissLimiter::make_room(Instant now) {
  std::erase_if(recovered_at_, [now](const auto& entry) { return entry.second <= now; });
  if (recovered_at_.size() < limits_.max_addresses) return;
  const auto nearest =
      std::min_element(recovered_at_.begin(), recovered_at_.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; });
  recovered_at_.erase(nearest);
}

std::size_t PingMissLimiter::tracked() const {
  std::lock_guard lock(mutex_);
  return recovered_at_.size();
}

}  // namespace nyxmon::infra::api
