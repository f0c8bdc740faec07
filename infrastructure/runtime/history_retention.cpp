#include "infrastructure/runtime/history_retention.hpp"

#include <fmt/format.h>

#include "infrastructure/eventstore/retention.hpp"
#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

void HistoryRetention::after_recorded_turn(domain::Timestamp now) {
  if (now < next_) return;
  next_ = now + std::chrono::hours(1);
  auto report = eventstore::truncate_history(store_, now - keep_, now);
  if (!report) {
    system::log_warn("retention failed (will retry in an hour): " + report.error().message,
                     {{"event", "retention"}, {"error", report.error().message}});
    return;
  }
  if (!report->recorded) return;
  core_.apply_recorded(*report->recorded);
  system::log_info(fmt::format("retention removed {} run events below sequence {}", report->removed,
                               report->before_sequence),
                   {{"event", "retention"},
                    {"removed", std::to_string(report->removed)},
                    {"before_sequence", std::to_string(report->before_sequence)}});
}

}  // namespace nyxmon::infra::runtime
