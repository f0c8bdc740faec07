// ping_miss_limiter.hpp — slows down guessing at push tokens.
//
// Each client address may miss (ping a token that no active heartbeat check
// has) `burst` (at least 1) times in a row; after that it earns one more miss every
// `refill`, and until it has earned one its pings are held back: answered
// 429 with Retry-After, whatever token they carry. A generic cell rate
// algorithm: one instant per address, no timer. Pings that find their check
// never count, so a well-behaved pinger is never slowed, whatever its rate.
//
// Clients are told apart by client_key (an IPv6 client by its /64).
//
// Memory is bounded: at most `max_addresses` addresses are tracked. A new
// one beyond that first drops every address that has recovered, then the
// one nearest to recovering.
//
// Thread-safe: pings are answered on the HTTP thread, and a miss can be
// learnt later, on the thread that gives the engine's answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nyxmon::infra::api {

struct PingMissLimits {
  std::size_t burst = 10;
  std::chrono::milliseconds refill = std::chrono::seconds(1);
  std::size_t max_addresses = 4096;
};

class PingMissLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit PingMissLimiter(PingMissLimits limits = {}) : limits_(limits) {}

  // How long `address`'s pings are held back from `now`; zero when they may
  // be looked at.
  std::chrono::milliseconds held_back(std::string_view address, Clock::time_point now) const;

  // Counts one miss by `address` at `now`.
  void record_miss(std::string_view address, Clock::time_point now);

  // Addresses currently tracked (at most max_addresses).
  std::size_t tracked() const;

 private:
  using Instant = Clock::time_point;

  void make_room(Instant now);

  PingMissLimits limits_;
  mutable std::mutex mutex_;
  // Per address, the instant its misses have pushed it to: it has recovered
  // once `now` reaches it, and is held back while it is more than burst - 1
  // refills ahead of `now`.
  std::unordered_map<std::string, Instant> recovered_at_;
};

}  // namespace nyxmon::infra::api
