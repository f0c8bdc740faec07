#include "infrastructure/runtime/store_outage.hpp"

#include <fmt/format.h>

#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

namespace {
long long seconds_between(StoreOutage::Clock::time_point from, StoreOutage::Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::seconds>(to - from).count();
}
}  // namespace

bool StoreOutage::waits_for_the_store(const Command& command) {
  return std::holds_alternative<RecordResult>(command) ||
         std::holds_alternative<RecordNotificationAttempt>(command);
}

void StoreOutage::begin(const Error& error) {
  const auto now = Clock::now();
  if (!since_) {
    since_ = now;
    next_attempt_ = now + kRetryInterval;
    told_at_ = now;
    system::log_error("CANNOT RECORD: " + error.message,
                      {{"event", "not_recording"}, {"error", error.message}});
    system::log_error(fmt::format("probing is paused and reads are served from memory; the store "
                                  "is opened again every {}s until it takes writes",
                                  kRetryInterval.count()),
                      {{"event", "not_recording"}});
  }
  problem_ = error.message;
}

std::optional<std::vector<Command>> StoreOutage::try_to_end(eventstore::EventStore& store,
                                                            bool now) {
  const auto at = Clock::now();
  if (!since_ || (!now && at < next_attempt_)) return std::nullopt;
  next_attempt_ = at + kRetryInterval;
  if (store.write_failure()) {
    if (auto reopened = store.reopen(); !reopened) {
      if (at - told_at_ >= std::chrono::minutes(1)) {
        told_at_ = at;
        const auto seconds = seconds_between(*since_, at);
        system::log_error(
            fmt::format("still cannot record ({}s): {}", seconds, reopened.error().message),
            {{"event", "not_recording"},
             {"seconds", std::to_string(seconds)},
             {"error", reopened.error().message}});
      }
      problem_ = reopened.error().message;
      return std::nullopt;
    }
  }
  std::vector<Command> held = std::move(held_);
  held_.clear();
  outage_began_ = *since_;
  since_.reset();
  return held;
}

void StoreOutage::ended(std::size_t recorded) {
  if (since_) return;  // recording them failed: a new outage has begun
  problem_.clear();
  const auto seconds = seconds_between(outage_began_, Clock::now());
  system::log_info(fmt::format("recording again after {}s; {} result(s) held meanwhile recorded",
                               seconds, recorded),
                   {{"event", "recording_again"},
                    {"seconds", std::to_string(seconds)},
                    {"held", std::to_string(recorded)}});
}

}  // namespace nyxmon::infra::runtime
