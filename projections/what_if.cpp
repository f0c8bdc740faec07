#include "projections/what_if.hpp"

#include <algorithm>

#include "domain/bus/message_bus.hpp"
#include "domain/state/event_route.hpp"
#include "projections/projections.hpp"

namespace nyxmon::projections {

using namespace nyxmon::domain;

namespace {

// The simulation's log: numbers what is decided and keeps nothing.
class SimulatedLog : public EventLog {
 public:
  Result<std::vector<Envelope>> append(const std::vector<Event>& events,
                                       Timestamp recorded_at) override {
    std::vector<Envelope> appended;
    appended.reserve(events.size());
    for (const Event& event : events)
      appended.push_back(Envelope{++sequence_, stream_for(event), 0, recorded_at, event});
    return appended;
  }

 private:
  std::uint64_t sequence_ = 0;
};

}  // namespace

struct WhatIf::Simulation {
  SimulatedLog log;
  Projections state;
  MessageBus bus{log, state};
};

WhatIf::WhatIf(WhatIfParameters parameters, Timestamp since, std::optional<CheckId> only)
    : parameters_(parameters),
      since_(since),
      only_(std::move(only)),
      simulation_(std::make_unique<Simulation>()) {
  for (std::size_t window = 0; window < parameters_.windows.size(); ++window) {
    for (const auto& [start, end] : parameters_.windows[window].occurrences) {
      transitions_.push_back(Transition{start, window, true, end});
      transitions_.push_back(Transition{end, window, false, end});
    }
  }
  under_way_.resize(parameters_.windows.size());
  std::stable_sort(transitions_.begin(), transitions_.end(),
                   [](const Transition& a, const Transition& b) { return a.at < b.at; });
}

void WhatIf::advance_windows(Timestamp at) {
  bool opened = false;
  for (; next_transition_ < transitions_.size() && transitions_[next_transition_].at <= at;
       ++next_transition_) {
    const Transition& transition = transitions_[next_transition_];
    if (transition.opens) {
      under_way_[transition.window] = std::pair{transition.at, transition.ends_at};
      opened = true;
      continue;
    }
    under_way_[transition.window].reset();
    const MaintenanceId& id = parameters_.windows[transition.window].spec.id;
    if (const MaintenanceRecord* window = simulation_->state.find_maintenance(id);
        window && window->open)
      simulate(EndMaintenance{id, ""}, transition.at);
  }
  if (opened) open_wanted_windows(at);
}

void WhatIf::open_wanted_windows(Timestamp at) {
  for (std::size_t i = 0; i < under_way_.size(); ++i) {
    if (!under_way_[i]) continue;
    const MaintenanceSpec& spec = parameters_.windows[i].spec;
    const MaintenanceRecord* window = simulation_->state.find_maintenance(spec.id);
    if (window && window->open) continue;
    if (window == nullptr) simulate(DefineMaintenance{spec, "what-if"}, at);
    if (simulation_->state.find_maintenance(spec.id) == nullptr)
      continue;  // its checks are not yet
    simulate(StartMaintenance{spec.id, under_way_[i]->first, under_way_[i]->second}, at);
  }
}

WhatIf::~WhatIf() = default;

CheckSpec WhatIf::overridden(CheckSpec spec) const {
  if (parameters_.failure_threshold) spec.failure_threshold = *parameters_.failure_threshold;
  if (parameters_.recovery_threshold) spec.recovery_threshold = *parameters_.recovery_threshold;
  if (parameters_.interval) spec.interval = *parameters_.interval;
  if (parameters_.retry_interval) spec.retry_interval = *parameters_.retry_interval;
  if (parameters_.reminder_interval) spec.reminder_interval = *parameters_.reminder_interval;
  if (auto it = parameters_.depends_on.find(spec.id); it != parameters_.depends_on.end()) {
    for (const Dependency& parent : it->second) {
      if (std::find(spec.depends_on.begin(), spec.depends_on.end(), parent) ==
          spec.depends_on.end())
        spec.depends_on.push_back(parent);
    }
  }
  return spec;
}

void WhatIf::simulate(Command command, Timestamp at) {
  const auto* defined = std::get_if<DefineCheck>(&command);
  const std::optional<CheckId> definition =
      defined ? std::optional<CheckId>(defined->spec.id) : std::nullopt;
  const std::vector<Command> one{std::move(command)};
  const BatchResult batch = simulation_->bus.dispatch(one, at);
  if (definition && !batch.outcomes.at(0).accepted())
    reports_[*definition].refused = batch.outcomes.at(0).why();
  for (const Envelope& envelope : batch.appended) {
    collect(envelope, true);
    dues_.note(envelope.event);
  }
  dues_.refresh(simulation_->state, at);
}

void WhatIf::decide_due_notifications(Timestamp until) {
  // Strictly before `until`: what falls due at the instant of a recorded
  // event is decided with that event, as a result would decide it.
  const Timestamp before = until - Duration(1);
  for (auto due = dues_.take_due(before); !due.empty(); due = dues_.take_due(before)) {
    for (const auto& [at, check] : due)
      simulate(DecideNotifications{check}, at);
  }
}

void WhatIf::collect(const Envelope& envelope, bool simulated) {
  if (envelope.recorded_at < since_) return;
  const Timestamp at = envelope.recorded_at;
  auto changes_of = [&](const CheckId& check) -> std::vector<WhatIfChange>* {
    auto it = reports_.find(check);
    if (it == reports_.end()) return nullptr;
    return simulated ? &it->second.simulated : &it->second.actual;
  };
  if (const auto* result = std::get_if<CheckResultRecorded>(&envelope.event); result && simulated) {
    if (auto it = reports_.find(result->check); it != reports_.end()) ++it->second.replayed;
  } else if (const auto* changed = std::get_if<CheckStatusChanged>(&envelope.event)) {
    if (auto* changes = changes_of(changed->check))
      changes->push_back(WhatIfChange{at, changed->from, changed->to, changed->rule, std::nullopt});
  } else if (const auto* requested = std::get_if<NotificationRequested>(&envelope.event)) {
    // Problems and recoveries mark the changes they follow; flapping and
    // maintenance notices are not about a change of status.
    if (!tells_of_problem(requested->kind) && requested->kind != NotificationKind::kResolved)
      return;
    auto* changes = changes_of(requested->check);
    if (changes == nullptr) return;
    // One per notifier: the first marks the change it belongs to.
    for (auto it = changes->rbegin(); it != changes->rend(); ++it) {
      if (it->to == requested->status) {
        if (!it->notification) it->notification = requested->kind;
        break;
      }
    }
    // Reminders and escalations are entries of their own (one per instant).
    if (requested->kind != NotificationKind::kReminder &&
        requested->kind != NotificationKind::kEscalation)
      return;
    const std::string rule(to_string(requested->kind));
    const bool counted =
        !changes->empty() && changes->back().rule == rule && changes->back().at == at;
    if (!counted)
      changes->push_back(
          WhatIfChange{at, requested->status, requested->status, rule, requested->kind});
  }
}

void WhatIf::replay_run(const CheckScheduled& scheduled, Timestamp at) {
  const CheckRecord* record = simulation_->state.find_check(scheduled.check);
  if (!record || record->removed || record->run_in_flight) return;
  if (record->state.status == Status::kPaused) return;
  if (scheduled.reason == RunReason::kRunNow) return simulate(RunCheckNow{scheduled.check}, at);
  // Not due yet in the simulation: it would not have run now.
  if (record->next.due_at > scheduled.due_at) return;
  simulate(RunCheck{scheduled.check, record->next.due_at}, at);
}

void WhatIf::replay_result(const CheckResultRecorded& recorded, Timestamp at) {
  const CheckRecord* record = simulation_->state.find_check(recorded.check);
  // The result goes to the simulated run waiting for it. A heartbeat run
  // never waits (its result is decided at once, from the pings and the
  // deadline), so its recorded results find none and are decided again.
  if (!record || !record->run_in_flight) return;
  simulate(RecordResult{recorded.check, *record->run_in_flight, recorded.result}, at);
}

void WhatIf::apply(const Envelope& envelope) {
  const Timestamp at = envelope.recorded_at;
  const Event& event = envelope.event;
  decide_due_notifications(at);
  advance_windows(at);
  collect(envelope, false);
  if (const auto* service = std::get_if<ServiceDefined>(&event)) {
    simulate(DefineService{service->spec}, at);
  } else if (const auto* gone = std::get_if<ServiceRemoved>(&event)) {
    simulate(RemoveService{gone->service}, at);
  } else if (const auto* notifier = std::get_if<NotifierDefined>(&event)) {
    simulate(DefineNotifier{*notifier->spec}, at);
  } else if (const auto* unnotify = std::get_if<NotifierRemoved>(&event)) {
    simulate(RemoveNotifier{unnotify->notifier}, at);
  } else if (const auto* started = std::get_if<EngineStarted>(&event)) {
    simulate(StartEngine{started->version, started->config_hash}, at);
  } else if (const auto* stopped = std::get_if<EngineStopped>(&event)) {
    simulate(StopEngine{stopped->reason}, at);
  } else if (const auto* silence = std::get_if<SilenceDefined>(&event)) {
    simulate(DefineSilence{silence->spec, silence->by}, at);
  } else if (const auto* unsilence = std::get_if<SilenceEnded>(&event)) {
    simulate(EndSilence{unsilence->silence, unsilence->by}, at);
  } else if (const auto* window = std::get_if<MaintenanceDefined>(&event)) {
    simulate(DefineMaintenance{window->spec, window->by}, at);
  } else if (const auto* unwindow = std::get_if<MaintenanceRemoved>(&event)) {
    simulate(RemoveMaintenance{unwindow->window, unwindow->by}, at);
  } else if (const auto* opened = std::get_if<MaintenanceStarted>(&event)) {
    simulate(StartMaintenance{opened->window, opened->occurrence_start, opened->ends_at}, at);
  } else if (const auto* ended = std::get_if<MaintenanceEnded>(&event)) {
    // Ends that followed from a redefinition or a removal are decided
    // again by the commands that caused them.
    if (ended->by.empty() || ended->why.starts_with("ended by "))
      simulate(EndMaintenance{ended->window, ended->by}, at);
  }
  const CheckId* check = check_named(event);
  if (check == nullptr || !concerns(*check)) return;
  if (const auto* defined = std::get_if<CheckDefined>(&event)) {
    reports_[defined->spec->id].check = defined->spec->id;
    simulate(DefineCheck{overridden(*defined->spec)}, at);
    open_wanted_windows(at);
  } else if (const auto* redefined = std::get_if<CheckRedefined>(&event)) {
    simulate(DefineCheck{overridden(*redefined->spec)}, at);
  } else if (const auto* removed = std::get_if<CheckRemoved>(&event)) {
    simulate(RemoveCheck{removed->check}, at);
  } else if (const auto* paused = std::get_if<CheckPaused>(&event)) {
    simulate(PauseCheck{paused->check, paused->reason}, at);
  } else if (std::holds_alternative<CheckResumed>(event)) {
    simulate(ResumeCheck{*check}, at);
  } else if (const auto* acknowledged = std::get_if<CheckAcknowledged>(&event)) {
    std::optional<Duration> expires_after;
    if (acknowledged->expires_at) expires_after = *acknowledged->expires_at - at;
    simulate(AcknowledgeCheck{acknowledged->check, acknowledged->by, acknowledged->comment,
                              acknowledged->sticky, expires_after},
             at);
  } else if (const auto* cleared = std::get_if<CheckAcknowledgementCleared>(&event);
             cleared && !cleared->by.empty()) {
    simulate(ClearAcknowledgement{cleared->check, cleared->by}, at);
  } else if (const auto* ping = std::get_if<HeartbeatReceived>(&event)) {
    simulate(RecordHeartbeat{ping->check, ping->signal, ping->exit_code, ping->source}, at);
  } else if (const auto* scheduled = std::get_if<CheckScheduled>(&event)) {
    replay_run(*scheduled, at);
  } else if (const auto* recorded = std::get_if<CheckResultRecorded>(&event)) {
    if (at >= since_) ++reports_[recorded->check].results;
    replay_result(*recorded, at);
  }
}

std::vector<WhatIfCheck> WhatIf::report() const {
  std::vector<WhatIfCheck> out;
  for (const auto& [id, check] : reports_)
    out.push_back(check);
  return out;
}

}  // namespace nyxmon::projections
