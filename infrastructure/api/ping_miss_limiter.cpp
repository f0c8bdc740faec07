#include "infrastructure/api/ping_miss_limiter.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace nyxmon::infra::api {

namespace ip = boost::asio::ip;

std::string PingMissLimiter::key_of(std::string_view address) {
  boost::system::error_code error;
  const auto parsed = ip::make_address(std::string(address), error);
  if (error) return std::string(address);
  if (parsed.is_v4()) return parsed.to_string();
  const auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

std::chrono::milliseconds PingMissLimiter::held_back(std::string_view address,
                                                     Clock::time_point now) const {
  const std::string key = key_of(address);
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
  const std::string key = key_of(address);
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
