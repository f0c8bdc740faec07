#include "domain/decisions/decider.hpp"

#include "domain/decisions/deciding.hpp"
#include "domain/model/bounded_text.hpp"

namespace nyxmon::domain {
namespace deciding {
namespace {

bool is_heartbeat(const CheckSpec& spec) {
  return std::holds_alternative<HeartbeatSpec>(spec.probe);
}

Error already_running(const CheckId& check) {
  return Error::conflict("check " + quoted(check.value) + " is already running", check.value);
}

}  // namespace

const CheckRecord* Deciding::live_check(const CheckId& id) {
  const CheckRecord* record = state_.find_check(id);
  if (record == nullptr || record->removed) {
    reject(Error::not_found("check " + quoted(id.value) + " is not defined", id.value));
    return nullptr;
  }
  return record;
}

void Deciding::roll_up_service(const ServiceId& service_id, const CheckId& cause,
                               std::optional<std::pair<MemberStatus, MemberStatus>> change) {
  const ServiceRecord* service = state_.find_service(service_id);
  if (service == nullptr || service->removed) return;
  if (change) {
    if (auto rolled = roll_up_one_change(service->status, change->first, change->second)) {
      if (*rolled != service->status) {
        emit(ServiceStatusChanged{service_id, service->status, *rolled, cause});
      }
      return;
    }
  }
  std::vector<MemberStatus> members;
  for (const CheckId& member : service->checks) {
    if (const CheckRecord* record = state_.find_check(member); record && !record->removed) {
      members.push_back({record->state.status, record->spec->severity});
    }
  }
  const Status rolled = roll_up(members);
  if (rolled != service->status) {
    emit(ServiceStatusChanged{service_id, service->status, rolled, cause});
  }
}

void Deciding::change_status(const CheckRecord& record, Status from, Status to, RunId run,
                             std::string rule, std::string reason) {
  const CheckId check = record.spec->id;
  const ServiceId service = record.spec->service;
  const Severity severity = record.spec->severity;
  emit(CheckStatusChanged{check, from, to, run, std::move(rule), std::move(reason)});
  end_acknowledgement_on_change(check, from, to);
  roll_up_service(service, check,
                  std::pair{MemberStatus{from, severity}, MemberStatus{to, severity}});
}

void Deciding::record_result(const CheckRecord& given, RunId run, const ProbeResult& result) {
  const Boxed<CheckSpec> held = given.spec;  // the record changes below; not the spec held
  const CheckSpec& spec = *held;
  // Held back (maintenance, unreachable) with nothing holding it any
  // more, and failing still: the normal rules resume first. A good
  // result recovers from the hold as from down.
  if (!is_good(result.outcome)) {
    if (given.state.status == Status::kMaintenance && state_.open_windows_covering(spec).empty())
      release(spec.id, "no maintenance window covers the check any more");
    if (given.state.status == Status::kUnreachable && !failing_parent(spec))
      release(spec.id, "no parent is failing any more");
  }
  const CheckRecord& record = *state_.find_check(spec.id);
  const CheckState before = record.state;
  Step stepped = step(before, result.outcome, {spec.failure_threshold, spec.recovery_threshold});
  hold_for_maintenance(spec, stepped);
  const auto suppressed = hold_for_dependency(spec, stepped);
  FlapDetector flapping = record.flapping;
  const auto flapping_change = flapping.record(result.outcome, rules_.flapping);

  NextRun next;
  if (const auto* push = std::get_if<HeartbeatSpec>(&spec.probe)) {
    HeartbeatState heartbeat = record.heartbeat;
    next = {evaluate(heartbeat, push->period, push->grace, now_).next_deadline,
            RunReason::kSchedule};
    if (next.due_at <= now_) next.due_at = now_ + push->period;
  } else {
    next =
        next_run(spec.id.value, spec.interval, spec.effective_retry_interval(), record.next.due_at,
                 result.started_at + result.duration, in_soft_failure(stepped.state));
    if (next.due_at < now_ && next.reason == RunReason::kRetry) next.due_at = now_;
  }
  emit(CheckResultRecorded{spec.id, run, result, next.due_at, next.reason,
                           ResultFacts{stepped.state.status, stepped.state.consecutive_failures,
                                       stepped.state.consecutive_successes, flapping.flapping()}});

  if (flapping_change == FlappingChange::kStarted) {
    emit(CheckFlappingStarted{spec.id, flapping.percent()});
  } else if (flapping_change == FlappingChange::kStopped) {
    emit(CheckFlappingStopped{spec.id, flapping.percent()});
  }
  const CheckRecord* now_record = state_.find_check(spec.id);
  if (stepped.change) {
    change_status(*now_record, stepped.change->from, stepped.change->to, run, stepped.change->rule,
                  suppressed ? *suppressed + " (" + result.reason + ")" : result.reason);
  }
  end_expired_acknowledgement(spec.id);
  notify(spec.id, notification_input(*state_.find_check(spec.id), now_, flapping_change));
}

void Deciding::pause_check(const CheckRecord& record, std::string reason) {
  const CheckId check = record.spec->id;
  const Status from = record.state.status;
  emit(CheckPaused{check, reason});
  const CheckRecord* paused = state_.find_check(check);
  change_status(*paused, from, Status::kPaused, 0,
                (reason.empty() ? std::string("paused by request") : reason) + " → paused", "");
}

void Deciding::resume_check(const CheckRecord& record) {
  const CheckId check = record.spec->id;
  emit(CheckResumed{check});
  change_status(*state_.find_check(check), Status::kPaused, Status::kPending, 0,
                "resumed → pending", "");
}

void Deciding::operator()(const DefineService& c) {
  if (auto problems = validate(c.spec, "service"); !problems.empty()) return refuse(problems);
  if (!dependencies_hold({Dependency::Kind::kService, c.spec.id.value}, nullptr, &c.spec)) return;
  const ServiceRecord* existing = state_.find_service(c.spec.id);
  if (existing && !existing->removed && existing->spec == c.spec) return;
  emit(ServiceDefined{c.spec});
}

void Deciding::operator()(const RemoveService& c) {
  const ServiceRecord* existing = state_.find_service(c.service);
  if (existing == nullptr || existing->removed) {
    return reject(Error::not_found("service " + quoted(c.service.value) + " is not defined",
                                   c.service.value));
  }
  if (!existing->checks.empty()) {
    std::string names;
    for (const auto& check : existing->checks)
      names += (names.empty() ? "" : ", ") + check.value;
    return reject(Error::conflict("service " + quoted(c.service.value) + " still has checks (" +
                                      names + "); remove them first",
                                  c.service.value));
  }
  emit(ServiceRemoved{c.service});
}

void Deciding::operator()(const DefineCheck& c) {
  if (auto problems = validate(c.spec, "check"); !problems.empty()) return refuse(problems);
  const ServiceRecord* service = state_.find_service(c.spec.service);
  if (service == nullptr || service->removed) {
    return reject(Error::not_found("check " + quoted(c.spec.id.value) + ": service " +
                                       quoted(c.spec.service.value) + " is not defined",
                                   c.spec.service.value));
  }
  if (!dependencies_hold({Dependency::Kind::kCheck, c.spec.id.value}, &c.spec, nullptr)) return;
  const CheckRecord* existing = state_.find_check(c.spec.id);
  if (existing == nullptr || existing->removed) {
    emit(CheckDefined{c.spec});
    if (!c.spec.enabled) pause_check(*state_.find_check(c.spec.id), "disabled in configuration");
    return;
  }
  if (existing->spec == c.spec) return;
  const ServiceId old_service = existing->spec->service;
  const bool was_enabled = existing->spec->enabled;
  emit(CheckRedefined{c.spec});
  const CheckRecord* redefined = state_.find_check(c.spec.id);
  if (was_enabled && !c.spec.enabled && redefined->state.status != Status::kPaused) {
    pause_check(*redefined, "disabled in configuration");
  } else if (!was_enabled && c.spec.enabled && redefined->state.status == Status::kPaused) {
    resume_check(*redefined);
  }
  if (old_service != c.spec.service) roll_up_service(old_service, c.spec.id);
  roll_up_service(c.spec.service, c.spec.id);
}

void Deciding::operator()(const RemoveCheck& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  const ServiceId service = record->spec->service;
  emit(CheckRemoved{c.check});
  roll_up_service(service, c.check);
}

void Deciding::operator()(const PauseCheck& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (record->state.status == Status::kPaused) {
    return reject(
        Error::conflict("check " + quoted(c.check.value) + " is already paused", c.check.value));
  }
  pause_check(*record, c.reason);
}

void Deciding::operator()(const ResumeCheck& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (record->state.status != Status::kPaused) {
    return reject(
        Error::conflict("check " + quoted(c.check.value) + " is not paused", c.check.value));
  }
  resume_check(*record);
}

void Deciding::hold(Step& stepped, Status held, const std::string& why) {
  stepped.state.status = held;
  if (stepped.change->from == held) {
    stepped.change.reset();
    return;
  }
  stepped.change->rule += "; " + why + " → " + std::string(to_string(held));
  stepped.change->to = held;
}

void Deciding::release(const CheckId& check, const std::string& why) {
  const CheckRecord* record = state_.find_check(check);
  if (record == nullptr) return;
  const Status from = record->state.status;
  if (from != Status::kMaintenance && from != Status::kUnreachable) return;
  const bool warning = record->state.consecutive_failures == 0 && record->last_result &&
                       record->last_result->outcome == Outcome::kWarn;
  const Status to = warning ? Status::kDegraded : Status::kDown;
  change_status(*record, from, to, 0, why + "; still failing → " + std::string(to_string(to)),
                record->status_reason);
  notify(check, notification_input(*state_.find_check(check), now_));
}

void Deciding::operator()(const DefineNotifier& c) {
  if (auto problems = validate(c.spec, "notifier"); !problems.empty()) return refuse(problems);
  const NotifierSpec* existing = state_.find_notifier(c.spec.id);
  if (existing && *existing == c.spec) return;
  emit(NotifierDefined{c.spec});
}

void Deciding::operator()(const RemoveNotifier& c) {
  if (state_.find_notifier(c.notifier) == nullptr) {
    return reject(Error::not_found("notifier " + quoted(c.notifier.value) + " is not defined",
                                   c.notifier.value));
  }
  emit(NotifierRemoved{c.notifier});
}

void Deciding::operator()(const RunCheck& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (record->state.status == Status::kPaused)
    return reject(Error::conflict("check " + quoted(c.check.value) + " is paused", c.check.value));
  if (record->run_in_flight) return reject(already_running(c.check));
  if (record->next.due_at != c.due_at) {
    return reject(Error::conflict(
        "check " + quoted(c.check.value) + " is not due at that time (stale)", c.check.value));
  }
  const RunId run = record->last_run + 1;
  const std::uint32_t attempt = record->state.consecutive_failures + 1u;
  const RunReason reason = record->next.reason;
  emit(CheckScheduled{c.check, run, c.due_at, attempt, reason});
  const CheckRecord* scheduled = state_.find_check(c.check);
  if (const auto* push = std::get_if<HeartbeatSpec>(&scheduled->spec->probe)) {
    const HeartbeatVerdict verdict =
        evaluate(scheduled->heartbeat, push->period, push->grace, now_);
    ProbeResult result;
    result.outcome = verdict.outcome;
    result.reason = verdict.reason;
    result.started_at = now_;
    result.scheduling_lag = now_ - c.due_at;
    record_result(*scheduled, run, result);
    return;
  }
  request(StartProbe{scheduled->spec.shared(), run, c.due_at});
}

void Deciding::operator()(const RunCheckNow& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (record->state.status == Status::kPaused) {
    return reject(Error::conflict("check " + quoted(c.check.value) + " is paused; resume it first",
                                  c.check.value));
  }
  if (record->run_in_flight) return reject(already_running(c.check));
  if (is_heartbeat(*record->spec)) {
    return reject(Error::invalid_argument(
        "check " + quoted(c.check.value) + " is a heartbeat check; it runs when pinged",
        c.check.value));
  }
  const RunId run = record->last_run + 1;
  emit(CheckScheduled{c.check, run, now_, record->state.consecutive_failures + 1u,
                      RunReason::kRunNow});
  request(StartProbe{state_.find_check(c.check)->spec.shared(), run, now_});
}

void Deciding::operator()(const RecordResult& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (record->run_in_flight != c.run) {
    return reject(Error::conflict("result of run " + std::to_string(c.run) + " of check " +
                                      quoted(c.check.value) + " is stale (not the run in flight)",
                                  c.check.value));
  }
  // What a target wrote is bounded here, the one door into the log.
  record_result(*record, c.run, with_bounded_text(c.result));
}

void Deciding::operator()(const RecordHeartbeat& c) {
  const CheckRecord* record = live_check(c.check);
  if (!record) return;
  if (!is_heartbeat(*record->spec)) {
    return reject(Error::invalid_argument(
        "check " + quoted(c.check.value) + " is not a heartbeat check", c.check.value));
  }
  if (record->state.status == Status::kPaused) {
    return reject(Error::conflict(
        "check " + quoted(c.check.value) + " is paused; the ping was not recorded", c.check.value));
  }
  HeartbeatSignal signal = c.signal;
  if (c.exit_code) signal = *c.exit_code == 0 ? HeartbeatSignal::kSuccess : HeartbeatSignal::kFail;
  emit(HeartbeatReceived{c.check, signal, c.exit_code, now_, c.source});
  if (signal == HeartbeatSignal::kStart) return;
  const CheckRecord* pinged = state_.find_check(c.check);
  ProbeResult result;
  result.outcome = signal == HeartbeatSignal::kSuccess ? Outcome::kOk : Outcome::kFail;
  if (signal == HeartbeatSignal::kFail) {
    result.reason = c.exit_code ? "the job exited with code " + std::to_string(*c.exit_code)
                                : "the job reported a failure";
  }
  result.started_at = now_;
  record_result(*pinged, pinged->last_run + 1, result);
}

void Deciding::abandon_runs_in_flight(const std::string& why) {
  for (const auto& [check, run] : state_.runs_in_flight())
    emit(CheckRunAbandoned{check, run, why});
}

void Deciding::operator()(const StartEngine& c) {
  abandon_runs_in_flight("the engine stopped before the run finished (it was killed or crashed)");
  emit(EngineStarted{c.version, c.config_hash});
}

void Deciding::operator()(const StopEngine& c) {
  abandon_runs_in_flight("the engine stopped" + (c.reason.empty() ? "" : " (" + c.reason + ")") +
                         " before the run finished");
  emit(EngineStopped{c.reason});
}

}  // namespace deciding

Decision decide(const Command& command, WorkingState& state, Timestamp now,
                const DecisionRules& rules) {
  deciding::Deciding deciding(state, now, rules);
  std::visit(deciding, command);
  return deciding.take();
}

}  // namespace nyxmon::domain
