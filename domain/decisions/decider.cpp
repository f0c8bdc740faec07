#include "domain/decisions/decider.hpp"

#include <set>

#include "domain/model/bounded_text.hpp"
#include "domain/model/time_text.hpp"
#include "domain/rules/dependency_cycle.hpp"
#include "domain/rules/service_rollup.hpp"

namespace nyxmon::domain {
namespace {

bool is_heartbeat(const CheckSpec& spec) {
  return std::holds_alternative<HeartbeatSpec>(spec.probe);
}

// What a person writes with an acknowledgement is kept, within reason.
constexpr std::size_t kMaxCommentBytes = 1024;
constexpr std::size_t kMaxNameBytes = 128;

std::string quoted(const std::string& id) {
  return "'" + id + "'";
}

Error already_running(const CheckId& check) {
  return Error::conflict("check " + quoted(check.value) + " is already running", check.value);
}

class Deciding {
 public:
  Deciding(WorkingState& state, Timestamp now, const DecisionRules& rules)
      : state_(state), now_(now), rules_(rules) {}

  Decision take() { return std::move(decision_); }

  void emit(Event event) {
    state_.fold(event, now_);
    decision_.events.push_back(std::move(event));
  }
  void request(Effect effect) { decision_.effects.push_back(std::move(effect)); }
  void reject(Error why) { decision_.rejection = std::move(why); }
  void refuse(const ValidationProblems& problems) {
    std::string all;
    for (const auto& problem : problems)
      all += (all.empty() ? "" : "; ") + problem.path + ": " + problem.message;
    reject(Error::invalid_argument(std::move(all), problems.front().path));
  }

  // A live check, or a rejection.
  const CheckRecord* live_check(const CheckId& id) {
    const CheckRecord* record = state_.find_check(id);
    if (record == nullptr || record->removed) {
      reject(Error::not_found("check " + quoted(id.value) + " is not defined", id.value));
      return nullptr;
    }
    return record;
  }

  // Re-rolls the service of `check` up and emits the change, if any. With
  // `change` (one member's status before and after), a full scan of the
  // members is made only when the change cannot decide it alone.
  void roll_up_service(const ServiceId& service_id, const CheckId& cause,
                       std::optional<std::pair<MemberStatus, MemberStatus>> change = std::nullopt) {
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
        members.push_back({record->state.status, record->spec.severity});
      }
    }
    const Status rolled = roll_up(members);
    if (rolled != service->status) {
      emit(ServiceStatusChanged{service_id, service->status, rolled, cause});
    }
  }

  void change_status(const CheckRecord& record, Status from, Status to, RunId run, std::string rule,
                     std::string reason) {
    const CheckId check = record.spec.id;
    const ServiceId service = record.spec.service;
    const Severity severity = record.spec.severity;
    emit(CheckStatusChanged{check, from, to, run, std::move(rule), std::move(reason)});
    end_acknowledgement_on_change(check, from, to);
    roll_up_service(service, check,
                    std::pair{MemberStatus{from, severity}, MemberStatus{to, severity}});
  }

  // A normal acknowledgement ends with the status it was made for; a
  // sticky one when the check is no longer failing.
  void end_acknowledgement_on_change(const CheckId& check, Status from, Status to) {
    const CheckRecord* record = state_.find_check(check);
    if (!record->acknowledgement) return;
    if (!record->acknowledgement->sticky) {
      emit(CheckAcknowledgementCleared{check,
                                       "the status changed (" + std::string(to_string(from)) +
                                           " → " + std::string(to_string(to)) + ")",
                                       ""});
    } else if (!is_failing(to)) {
      emit(CheckAcknowledgementCleared{check, "the check is " + std::string(to_string(to)) + " now",
                                       ""});
    }
  }

  void end_expired_acknowledgement(const CheckId& check) {
    const CheckRecord* record = state_.find_check(check);
    if (record->acknowledgement && record->acknowledgement->expires_at &&
        *record->acknowledgement->expires_at <= now_) {
      emit(CheckAcknowledgementCleared{check, "it expired", ""});
    }
  }

  // What the check's notifiers are to be told now (notification_policy),
  // each requested, or held by a silence.
  void notify(const CheckId& check, const NotificationInput& input) {
    const CheckRecord* record = state_.find_check(check);
    const auto requests =
        decide_notifications(record->notification, input, record->spec.notifiers,
                             [this](const NotifierId& id) { return state_.find_notifier(id); });
    if (requests.empty()) return;
    const CheckSpec spec = record->spec;
    const Timestamp since = record->status_since;
    const std::string reason = record->status_reason;
    for (const NotificationRequest& request : requests)
      tell(spec, request.notifier, request.kind, input.status, since, reason);
  }

  // The input of the policy for `check` as it stands.
  NotificationInput notification_input(const CheckId& check,
                                       std::optional<FlappingChange> flapping_change = {}) {
    const CheckRecord* record = state_.find_check(check);
    return NotificationInput{record->state.status,
                             record->flapping.flapping(),
                             flapping_change,
                             record->spec.reminder_interval,
                             now_,
                             record->acknowledgement.has_value()};
  }

  void tell(const CheckSpec& spec, const NotifierId& notifier, NotificationKind kind, Status status,
            Timestamp since, const std::string& reason) {
    if (const SilenceRecord* silence = state_.silence_holding(spec, notifier, now_)) {
      emit(NotificationSilenced{notifier, spec.id, spec.service, kind, status, silence->spec.id});
      return;
    }
    emit(NotificationRequested{state_.next_notification_id(), notifier, spec.id, spec.service, kind,
                               status, since, reason});
  }

  // A maintenance window opened or closed on `check`: told to the
  // notifiers whose notify_on names maintenance.
  void tell_maintenance(const CheckId& check, NotificationKind kind, const std::string& what) {
    const CheckRecord* record = state_.find_check(check);
    const CheckSpec spec = record->spec;
    const Status status = record->state.status;
    const Timestamp since = record->status_since;
    for (const NotifierId& notifier : spec.notifiers) {
      const NotifierSpec* notifier_spec = state_.find_notifier(notifier);
      if (notifier_spec && notifier_spec->notify_on.has(NotifyOn::kMaintenance))
        tell(spec, notifier, kind, status, since, what);
    }
  }

  // The result of run `run`, with every decision that follows from it.
  void record_result(const CheckRecord& given, RunId run, const ProbeResult& result) {
    const CheckSpec spec = given.spec;
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
      next = next_run(spec.id.value, spec.interval, spec.effective_retry_interval(),
                      record.next.due_at, result.started_at + result.duration,
                      in_soft_failure(stepped.state));
      if (next.due_at < now_ && next.reason == RunReason::kRetry) next.due_at = now_;
    }
    emit(
        CheckResultRecorded{spec.id, run, result, next.due_at, next.reason,
                            ResultFacts{stepped.state.status, stepped.state.consecutive_failures,
                                        stepped.state.consecutive_successes, flapping.flapping()}});

    if (flapping_change == FlappingChange::kStarted) {
      emit(CheckFlappingStarted{spec.id, flapping.percent()});
    } else if (flapping_change == FlappingChange::kStopped) {
      emit(CheckFlappingStopped{spec.id, flapping.percent()});
    }
    const CheckRecord* now_record = state_.find_check(spec.id);
    if (stepped.change) {
      change_status(*now_record, stepped.change->from, stepped.change->to, run,
                    stepped.change->rule,
                    suppressed ? *suppressed + " (" + result.reason + ")" : result.reason);
    }
    end_expired_acknowledgement(spec.id);
    notify(spec.id, notification_input(spec.id, flapping_change));
  }

  void pause_check(const CheckRecord& record, std::string reason) {
    const CheckId check = record.spec.id;
    const Status from = record.state.status;
    emit(CheckPaused{check, reason});
    const CheckRecord* paused = state_.find_check(check);
    change_status(*paused, from, Status::kPaused, 0,
                  (reason.empty() ? std::string("paused by request") : reason) + " → paused", "");
  }

  void resume_check(const CheckRecord& record) {
    const CheckId check = record.spec.id;
    emit(CheckResumed{check});
    change_status(*state_.find_check(check), Status::kPaused, Status::kPending, 0,
                  "resumed → pending", "");
  }

  void operator()(const DefineService& c) {
    if (auto problems = validate(c.spec, "service"); !problems.empty()) return refuse(problems);
    if (!dependencies_hold({Dependency::Kind::kService, c.spec.id.value}, nullptr, &c.spec)) return;
    const ServiceRecord* existing = state_.find_service(c.spec.id);
    if (existing && !existing->removed && existing->spec == c.spec) return;
    emit(ServiceDefined{c.spec});
  }

  void operator()(const RemoveService& c) {
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

  void operator()(const DefineCheck& c) {
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
    const ServiceId old_service = existing->spec.service;
    const bool was_enabled = existing->spec.enabled;
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

  void operator()(const RemoveCheck& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    const ServiceId service = record->spec.service;
    emit(CheckRemoved{c.check});
    roll_up_service(service, c.check);
  }

  void operator()(const PauseCheck& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (record->state.status == Status::kPaused) {
      return reject(
          Error::conflict("check " + quoted(c.check.value) + " is already paused", c.check.value));
    }
    pause_check(*record, c.reason);
  }

  void operator()(const ResumeCheck& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (record->state.status != Status::kPaused) {
      return reject(
          Error::conflict("check " + quoted(c.check.value) + " is not paused", c.check.value));
    }
    resume_check(*record);
  }

  void operator()(const AcknowledgeCheck& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    const Status status = record->state.status;
    if (!is_problem(status)) {
      return reject(Error::conflict("check " + quoted(c.check.value) + " is " +
                                        std::string(to_string(status)) +
                                        ": there is no problem to acknowledge",
                                    c.check.value));
    }
    if (c.expires_after && *c.expires_after <= Duration::zero()) {
      return reject(
          Error::invalid_argument("an acknowledgement must expire in the future", "expires"));
    }
    std::optional<Timestamp> expires_at;
    if (c.expires_after) expires_at = now_ + *c.expires_after;
    emit(CheckAcknowledged{c.check, status, bounded_text(c.by, kMaxNameBytes),
                           bounded_text(c.comment, kMaxCommentBytes), c.sticky, expires_at});
  }

  void operator()(const ClearAcknowledgement& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (!record->acknowledgement) {
      return reject(Error::conflict("check " + quoted(c.check.value) + " is not acknowledged",
                                    c.check.value));
    }
    const std::string by = bounded_text(c.by, kMaxNameBytes);
    emit(CheckAcknowledgementCleared{c.check, by.empty() ? "cleared" : "cleared by " + by,
                                     by.empty() ? std::string("someone") : by});
  }

  // A status that goes bad while a maintenance window covers the check
  // becomes maintenance instead, or stays maintenance.
  void hold_for_maintenance(const CheckSpec& spec, Step& stepped) {
    if (!stepped.change || !is_problem(stepped.change->to)) return;
    const auto windows = state_.open_windows_covering(spec);
    if (windows.empty()) return;
    hold(stepped, Status::kMaintenance,
         "maintenance window " + quoted(windows.front()->spec.id.value) + " is open");
  }

  // Turns a change to a problem into one to `held` (maintenance,
  // unreachable) that says `why`, or into none when the check is held so
  // already.
  static void hold(Step& stepped, Status held, const std::string& why) {
    stepped.state.status = held;
    if (stepped.change->from == held) {
      stepped.change.reset();
      return;
    }
    stepped.change->rule += "; " + why + " → " + std::string(to_string(held));
    stepped.change->to = held;
  }

  // The normal rules take over a check held back (in maintenance, or
  // unreachable): down, or degraded when its latest results were warnings,
  // and people are told once.
  void release(const CheckId& check, const std::string& why) {
    const CheckRecord* record = state_.find_check(check);
    if (record == nullptr) return;
    const Status from = record->state.status;
    if (from != Status::kMaintenance && from != Status::kUnreachable) return;
    const bool warning = record->state.consecutive_failures == 0 && record->last_result &&
                         record->last_result->outcome == Outcome::kWarn;
    const Status to = warning ? Status::kDegraded : Status::kDown;
    change_status(*record, from, to, 0, why + "; still failing → " + std::string(to_string(to)),
                  record->status_reason);
    notify(check, notification_input(check));
  }

  // The parents of a check: its own, then its service's.
  std::vector<Dependency> parents_of(const CheckSpec& spec) const {
    std::vector<Dependency> parents = spec.depends_on;
    if (const ServiceRecord* service = state_.find_service(spec.service);
        service && !service->removed) {
      parents.insert(parents.end(), service->spec.depends_on.begin(),
                     service->spec.depends_on.end());
    }
    return parents;
  }

  // The first parent of `spec` that is failing, as the suppression says it
  // ("parent gateway down since …"), or nullopt. A parent check fails when
  // its status is down, degraded, unreachable or maintenance, or when its
  // latest result failed (a soft failure: it may be going down with its
  // dependants); a parent service when its status is one of those.
  std::optional<std::string> failing_parent(const CheckSpec& spec) const {
    for (const Dependency& parent : parents_of(spec)) {
      if (parent.kind == Dependency::Kind::kCheck) {
        const CheckRecord* record = state_.find_check(CheckId{parent.id});
        if (record == nullptr || record->removed) continue;
        const Status status = record->state.status;
        if (is_failing(status)) {
          return "parent " + parent.id + " " + std::string(to_string(status)) + " since " +
                 format_timestamp(record->status_since);
        }
        if (record->state.consecutive_failures > 0 && status != Status::kPaused) {
          return "parent " + parent.id + " failing (soft failure " +
                 std::to_string(record->state.consecutive_failures) + "/" +
                 std::to_string(record->spec.failure_threshold) + ")";
        }
      } else {
        const ServiceRecord* record = state_.find_service(ServiceId{parent.id});
        if (record == nullptr || record->removed || !is_failing(record->status)) continue;
        return "parent service " + parent.id + " " + std::string(to_string(record->status)) +
               " since " + format_timestamp(record->status_since);
      }
    }
    return std::nullopt;
  }

  // A status that goes bad while a parent fails becomes unreachable
  // instead, or stays unreachable; returns the suppression ("suppressed:
  // parent gateway down since …") when it does.
  std::optional<std::string> hold_for_dependency(const CheckSpec& spec, Step& stepped) {
    if (!stepped.change || !is_problem(stepped.change->to)) return std::nullopt;
    const auto parent = failing_parent(spec);
    if (!parent) return std::nullopt;
    const std::string suppressed = "suppressed: " + *parent;
    hold(stepped, Status::kUnreachable, suppressed);
    if (!stepped.change) return std::nullopt;
    return suppressed;
  }

  // Where `node` leads in the dependency graph (dependency_cycle.hpp), with
  // `check` or `service`, being defined, in place of its recorded spec.
  std::vector<Dependency> dependency_edges(const Dependency& node, const CheckSpec* check,
                                           const ServiceSpec* service) const {
    std::vector<Dependency> edges;
    auto service_spec = [&](const ServiceId& id) -> const ServiceSpec* {
      if (service && service->id == id) return service;
      const ServiceRecord* record = state_.find_service(id);
      return record && !record->removed ? &record->spec : nullptr;
    };
    if (node.kind == Dependency::Kind::kCheck) {
      const CheckSpec* spec = check && check->id.value == node.id ? check : nullptr;
      if (spec == nullptr) {
        const CheckRecord* record = state_.find_check(CheckId{node.id});
        if (record == nullptr || record->removed) return edges;
        spec = &record->spec;
      }
      edges = spec->depends_on;
      if (const ServiceSpec* in = service_spec(spec->service))
        edges.insert(edges.end(), in->depends_on.begin(), in->depends_on.end());
      return edges;
    }
    const ServiceSpec* spec = service_spec(ServiceId{node.id});
    if (spec == nullptr) return edges;
    edges = spec->depends_on;
    if (const ServiceRecord* record = state_.find_service(spec->id)) {
      for (const CheckId& member : record->checks)
        edges.push_back({Dependency::Kind::kCheck, member.value});
    }
    if (check && check->service == spec->id)
      edges.push_back({Dependency::Kind::kCheck, check->id.value});
    return edges;
  }

  // A rejection when the definition makes a cycle; true when it may go
  // ahead. A parent not defined (yet) is allowed: it never fails.
  // A service's parents are its member checks' too, so a cycle may pass
  // through any of them.
  bool dependencies_hold(const Dependency& self, const CheckSpec* check,
                         const ServiceSpec* service) {
    std::vector<Dependency> starts{self};
    if (service && (!service->depends_on.empty())) {
      if (const ServiceRecord* record = state_.find_service(service->id)) {
        for (const CheckId& member : record->checks)
          starts.push_back({Dependency::Kind::kCheck, member.value});
      }
    }
    for (const Dependency& start : starts) {
      const auto cycle = cycle_through(
          start, [&](const Dependency& node) { return dependency_edges(node, check, service); });
      if (cycle) {
        reject(Error::invalid_argument("depends_on makes a cycle: " + describe_cycle(*cycle),
                                       "depends_on"));
        return false;
      }
    }
    return true;
  }

  // The live checks `window` covers, in id order.
  std::vector<CheckId> covered_checks(const MaintenanceSpec& window) {
    std::vector<CheckId> covered;
    auto consider = [&](const CheckId& id) {
      const CheckRecord* record = state_.find_check(id);
      if (record && !record->removed && window.scope.covers(record->spec)) covered.push_back(id);
    };
    if (window.scope.everything) {
      for (const CheckId& id : state_.check_ids())
        consider(id);
      return covered;
    }
    std::set<CheckId> named(window.scope.checks.begin(), window.scope.checks.end());
    for (const ServiceId& service : window.scope.services) {
      if (const ServiceRecord* record = state_.find_service(service); record && !record->removed)
        named.insert(record->checks.begin(), record->checks.end());
    }
    for (const CheckId& id : named)
      consider(id);
    return covered;
  }

  const MaintenanceRecord* live_window(const MaintenanceId& id) {
    const MaintenanceRecord* window = state_.find_maintenance(id);
    if (window == nullptr || window->removed) {
      reject(
          Error::not_found("maintenance window " + quoted(id.value) + " is not defined", id.value));
      return nullptr;
    }
    return window;
  }

  // Ends the open occurrence of `window` and lets the rules take over the
  // checks it held (those no other open window holds).
  void end_window(const MaintenanceId& id, const std::string& why, const std::string& by) {
    const MaintenanceSpec spec = state_.find_maintenance(id)->spec;
    emit(MaintenanceEnded{id, why, by});
    const std::string what = "maintenance window " + quoted(id.value) + " ended (" + why + ")";
    for (const CheckId& check : covered_checks(spec)) {
      const CheckRecord* record = state_.find_check(check);
      if (!state_.open_windows_covering(record->spec).empty()) continue;
      tell_maintenance(check, NotificationKind::kMaintenanceEnded, what);
      if (state_.find_check(check)->state.status == Status::kMaintenance)
        release(check, "maintenance window " + quoted(id.value) + " ended");
    }
  }

  void operator()(const DefineMaintenance& c) {
    if (auto problems = validate(c.spec, "maintenance"); !problems.empty()) return refuse(problems);
    for (const CheckId& check : c.spec.scope.checks) {
      if (!live_check(check)) return;
    }
    for (const ServiceId& service : c.spec.scope.services) {
      const ServiceRecord* record = state_.find_service(service);
      if (record == nullptr || record->removed) {
        return reject(Error::not_found("service " + quoted(service.value) + " is not defined",
                                       service.value));
      }
    }
    const MaintenanceRecord* existing = state_.find_maintenance(c.spec.id);
    const std::string by = bounded_text(c.by, kMaxNameBytes);
    if (existing && !existing->removed) {
      if (existing->spec == c.spec) return;
      if (existing->open) end_window(c.spec.id, "the window was redefined", by);
    }
    MaintenanceSpec spec = c.spec;
    spec.comment = bounded_text(spec.comment, kMaxCommentBytes);
    emit(MaintenanceDefined{std::move(spec), by});
  }

  void operator()(const RemoveMaintenance& c) {
    const MaintenanceRecord* window = live_window(c.window);
    if (!window) return;
    const std::string by = bounded_text(c.by, kMaxNameBytes);
    if (window->open) end_window(c.window, "the window was removed", by);
    emit(MaintenanceRemoved{c.window, by});
  }

  void operator()(const StartMaintenance& c) {
    const MaintenanceRecord* window = live_window(c.window);
    if (!window) return;
    if (window->open) {
      return reject(Error::conflict(
          "maintenance window " + quoted(c.window.value) + " is already open", c.window.value));
    }
    if (window->last_occurrence_start == c.occurrence_start || c.ends_at <= now_) {
      return reject(Error::conflict(
          "that occurrence of maintenance window " + quoted(c.window.value) + " is over",
          c.window.value));
    }
    const MaintenanceSpec spec = window->spec;
    emit(MaintenanceStarted{c.window, c.occurrence_start, c.ends_at});
    const std::string what = "maintenance window " + quoted(c.window.value) + " started (until " +
                             format_timestamp(c.ends_at) + ")";
    for (const CheckId& check : covered_checks(spec)) {
      tell_maintenance(check, NotificationKind::kMaintenanceStarted, what);
      const CheckRecord* record = state_.find_check(check);
      if (!is_problem(record->state.status)) continue;
      change_status(*record, record->state.status, Status::kMaintenance, 0,
                    "maintenance window " + quoted(c.window.value) + " started → maintenance",
                    record->status_reason);
    }
  }

  void operator()(const EndMaintenance& c) {
    const MaintenanceRecord* window = live_window(c.window);
    if (!window) return;
    const std::string by = bounded_text(c.by, kMaxNameBytes);
    // A one-off window made ad hoc is over once a person ends it.
    const bool one_off = !window->spec.weekly && !window->spec.from_configuration;
    if (!window->open && !(one_off && !by.empty())) {
      return reject(Error::conflict("maintenance window " + quoted(c.window.value) + " is not open",
                                    c.window.value));
    }
    if (window->open) end_window(c.window, by.empty() ? "its time was up" : "ended by " + by, by);
    if (one_off && !by.empty()) emit(MaintenanceRemoved{c.window, by});
  }

  void operator()(const DefineSilence& c) {
    if (auto problems = validate(c.spec, "silence"); !problems.empty()) return refuse(problems);
    if (c.spec.ends_at <= now_) {
      return reject(Error::invalid_argument(
          "silence " + quoted(c.spec.id.value) + " would be over before it began", "ends_at"));
    }
    SilenceSpec spec = c.spec;
    spec.comment = bounded_text(spec.comment, kMaxCommentBytes);
    emit(SilenceDefined{std::move(spec), bounded_text(c.by, kMaxNameBytes)});
  }

  void operator()(const EndSilence& c) {
    const SilenceRecord* silence = state_.find_silence(c.silence);
    if (silence == nullptr) {
      return reject(Error::not_found("silence " + quoted(c.silence.value) + " is not defined",
                                     c.silence.value));
    }
    if (silence->ended_at || silence->spec.ends_at <= now_) {
      return reject(
          Error::conflict("silence " + quoted(c.silence.value) + " is over", c.silence.value));
    }
    const std::string by = bounded_text(c.by, kMaxNameBytes);
    emit(SilenceEnded{c.silence, by.empty() ? std::string("someone") : by});
  }

  void operator()(const DefineNotifier& c) {
    if (auto problems = validate(c.spec, "notifier"); !problems.empty()) return refuse(problems);
    const NotifierSpec* existing = state_.find_notifier(c.spec.id);
    if (existing && *existing == c.spec) return;
    emit(NotifierDefined{c.spec});
  }

  void operator()(const RemoveNotifier& c) {
    if (state_.find_notifier(c.notifier) == nullptr) {
      return reject(Error::not_found("notifier " + quoted(c.notifier.value) + " is not defined",
                                     c.notifier.value));
    }
    emit(NotifierRemoved{c.notifier});
  }

  void operator()(const RunCheck& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (record->state.status == Status::kPaused)
      return reject(
          Error::conflict("check " + quoted(c.check.value) + " is paused", c.check.value));
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
    if (const auto* push = std::get_if<HeartbeatSpec>(&scheduled->spec.probe)) {
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
    request(StartProbe{scheduled->spec, run, c.due_at});
  }

  void operator()(const RunCheckNow& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (record->state.status == Status::kPaused) {
      return reject(Error::conflict(
          "check " + quoted(c.check.value) + " is paused; resume it first", c.check.value));
    }
    if (record->run_in_flight) return reject(already_running(c.check));
    if (is_heartbeat(record->spec)) {
      return reject(Error::invalid_argument(
          "check " + quoted(c.check.value) + " is a heartbeat check; it runs when pinged",
          c.check.value));
    }
    const RunId run = record->last_run + 1;
    emit(CheckScheduled{c.check, run, now_, record->state.consecutive_failures + 1u,
                        RunReason::kRunNow});
    request(StartProbe{state_.find_check(c.check)->spec, run, now_});
  }

  void operator()(const RecordResult& c) {
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

  void operator()(const RecordHeartbeat& c) {
    const CheckRecord* record = live_check(c.check);
    if (!record) return;
    if (!is_heartbeat(record->spec)) {
      return reject(Error::invalid_argument(
          "check " + quoted(c.check.value) + " is not a heartbeat check", c.check.value));
    }
    if (record->state.status == Status::kPaused) {
      return reject(Error::conflict(
          "check " + quoted(c.check.value) + " is paused; the ping was not recorded",
          c.check.value));
    }
    HeartbeatSignal signal = c.signal;
    if (c.exit_code)
      signal = *c.exit_code == 0 ? HeartbeatSignal::kSuccess : HeartbeatSignal::kFail;
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

  void operator()(const RecordNotificationAttempt& c) {
    if (c.delivered) {
      emit(NotificationDelivered{c.notification, c.notifier, c.attempt, c.http_status});
    } else {
      // The reason may quote what a receiver answered: bounded like a result's.
      const std::string reason = bounded_text(c.reason, kMaxReasonBytes);
      emit(NotificationFailed{c.notification, c.notifier, c.attempt, reason,
                              c.retry_at.value_or(Timestamp{}), c.retry_at.has_value()});
      // No attempt follows: the people it was for will not be told, which
      // is a fact of its own, not just one more failure.
      if (!c.retry_at) {
        emit(NotificationAbandoned{c.notification, c.notifier, c.check, c.kind, c.attempt, reason});
      }
    }
  }

  // Runs still under way when the engine stopped will never have a result:
  // each gets an ending that says why, before the engine's own event.
  void abandon_runs_in_flight(const std::string& why) {
    for (const auto& [check, run] : state_.runs_in_flight())
      emit(CheckRunAbandoned{check, run, why});
  }

  void operator()(const StartEngine& c) {
    abandon_runs_in_flight("the engine stopped before the run finished (it was killed or crashed)");
    emit(EngineStarted{c.version, c.config_hash});
  }
  void operator()(const StopEngine& c) {
    abandon_runs_in_flight("the engine stopped" + (c.reason.empty() ? "" : " (" + c.reason + ")") +
                           " before the run finished");
    emit(EngineStopped{c.reason});
  }

 private:
  WorkingState& state_;
  Timestamp now_;
  const DecisionRules& rules_;
  Decision decision_;
};

}  // namespace

Decision decide(const Command& command, WorkingState& state, Timestamp now,
                const DecisionRules& rules) {
  Deciding deciding(state, now, rules);
  std::visit(deciding, command);
  return deciding.take();
}

}  // namespace nyxmon::domain
