#include "infrastructure/runtime/decision_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "infrastructure/system/log.hpp"

namespace nyxmon::infra::runtime {

using namespace nyxmon::domain;

void DecisionLog::on_batch(std::span<const Command>, const BatchResult& batch) {
  if (batch.storage_error) return;
  const bool every_result = system::log_enabled(system::LogLevel::kDebug);
  for (const Envelope& envelope : batch.appended) {
    if (const auto* changed = std::get_if<CheckStatusChanged>(&envelope.event)) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      system::log_info(fmt::format("{} check {}: {} → {} ({}){}", at, changed->check.value,
                                   to_string(changed->from), to_string(changed->to), changed->rule,
                                   changed->reason.empty() ? "" : ": " + changed->reason),
                       {{"event", "CheckStatusChanged"},
                        {"recorded_at", at},
                        {"sequence", std::to_string(envelope.sequence)},
                        {"check", changed->check.value},
                        {"from", std::string(to_string(changed->from))},
                        {"to", std::string(to_string(changed->to))},
                        {"rule", changed->rule},
                        {"reason", changed->reason}});
    } else if (const auto* service = std::get_if<ServiceStatusChanged>(&envelope.event)) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      system::log_info(fmt::format("{} service {}: {} → {}", at, service->service.value,
                                   to_string(service->from), to_string(service->to)),
                       {{"event", "ServiceStatusChanged"},
                        {"recorded_at", at},
                        {"sequence", std::to_string(envelope.sequence)},
                        {"service", service->service.value},
                        {"from", std::string(to_string(service->from))},
                        {"to", std::string(to_string(service->to))}});
    } else if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event);
               recorded && every_result) {
      const std::string at = fmt::format("{}", envelope.recorded_at);
      const auto& result = recorded->result;
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(result.duration);
      system::log_debug(
          fmt::format("{} check {}: run {}: {}{} in {} ms", at, recorded->check.value,
                      recorded->run, to_string(result.outcome),
                      result.reason.empty() ? "" : " — " + result.reason, took.count()),
          {{"event", "CheckResultRecorded"},
           {"recorded_at", at},
           {"sequence", std::to_string(envelope.sequence)},
           {"check", recorded->check.value},
           {"run", std::to_string(recorded->run)},
           {"outcome", std::string(to_string(result.outcome))},
           {"reason", result.reason},
           {"duration_ms", std::to_string(took.count())}});
    }
  }
}

}  // namespace nyxmon::infra::runtime
