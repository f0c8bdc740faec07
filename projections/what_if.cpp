#include "projections/what_if.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

WhatIf::WhatIf(WhatIfParameters parameters, Timestamp since, std::optional<CheckId> only)
    : parameters_(parameters), since_(since), only_(std::move(only)) {}

WhatIf::Simulated* WhatIf::tracked(const CheckId& check) {
  if (only_ && *only_ != check) return nullptr;
  auto it = checks_.find(check);
  return it == checks_.end() ? nullptr : &it->second;
}

void WhatIf::record(Simulated& check, const Step& step, Timestamp at, bool count) {
  if (!step.change) return;
  WhatIfChange change{at, step.change->from, step.change->to, step.change->rule, std::nullopt};
  if (check.notifies) {
    change.notification = decide_notification(
        check.notification,
        NotificationInput{step.change->to, true, false, false, std::nullopt, at});
  }
  if (count) check.report.simulated.push_back(std::move(change));
}

void WhatIf::apply(const Envelope& envelope) {
  const Timestamp at = envelope.recorded_at;
  const bool reported = at >= since_;
  const Event& event = envelope.event;
  auto define = [&](const CheckSpec& spec, bool fresh) {
    if (only_ && *only_ != spec.id) return;
    Simulated& check = checks_[spec.id];
    check.report.check = spec.id;
    check.thresholds = {parameters_.failure_threshold.value_or(spec.failure_threshold),
                        parameters_.recovery_threshold.value_or(spec.recovery_threshold)};
    check.notifies = !spec.notifiers.empty();
    if (fresh) {
      check.state = CheckState{};
      check.notification = NotificationState{};
    }
  };
  if (const auto* defined = std::get_if<CheckDefined>(&event)) {
    define(defined->spec, true);
  } else if (const auto* redefined = std::get_if<CheckRedefined>(&event)) {
    define(redefined->spec, false);
  } else if (const auto* result = std::get_if<CheckResultRecorded>(&event)) {
    if (Simulated* check = tracked(result->check)) {
      if (reported) ++check->report.results;
      const Step next = step(check->state, result->result.outcome, check->thresholds);
      check->state = next.state;
      record(*check, next, at, reported);
    }
  } else if (const auto* paused = std::get_if<CheckPaused>(&event)) {
    if (Simulated* check = tracked(paused->check)) {
      const Step next = pause(check->state);
      check->state = next.state;
      record(*check, next, at, reported);
    }
  } else if (const auto* resumed = std::get_if<CheckResumed>(&event)) {
    if (Simulated* check = tracked(resumed->check)) {
      const Step next = resume(check->state);
      check->state = next.state;
      record(*check, next, at, reported);
    }
  } else if (const auto* changed = std::get_if<CheckStatusChanged>(&event)) {
    if (Simulated* check = tracked(changed->check); check && reported) {
      check->report.actual.push_back(
          WhatIfChange{at, changed->from, changed->to, changed->rule, std::nullopt});
    }
  } else if (const auto* requested = std::get_if<NotificationRequested>(&event)) {
    // One per notifier: the first marks the change it belongs to.
    if (Simulated* check = tracked(requested->check); check && reported) {
      for (auto it = check->report.actual.rbegin(); it != check->report.actual.rend(); ++it) {
        if (it->to == requested->status) {
          if (!it->notification) it->notification = requested->kind;
          break;
        }
      }
      const auto& actual = check->report.actual;
      const bool counted =
          !actual.empty() && actual.back().rule == "reminder" && actual.back().at == at;
      if (requested->kind == NotificationKind::kReminder && !counted) {
        check->report.actual.push_back(WhatIfChange{at, requested->status, requested->status,
                                                    "reminder", NotificationKind::kReminder});
      }
    }
  }
}

std::vector<WhatIfCheck> WhatIf::report() const {
  std::vector<WhatIfCheck> out;
  for (const auto& [id, check] : checks_)
    out.push_back(check.report);
  return out;
}

}  // namespace nyxmon::projections
