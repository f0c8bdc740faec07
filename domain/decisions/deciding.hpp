// deciding.hpp — the decider's work on one command, shared by the files
// that each decide one concern: decider.cpp (definitions, runs, results and
// the holds of maintenance and dependencies), acknowledgement_decisions.cpp,
// notification_decisions.cpp, maintenance_decisions.cpp and
// dependency_decisions.cpp. Private to domain/decisions: decide()
// (decider.hpp) is the way in.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/decisions/decider.hpp"
#include "domain/rules/check_state_machine.hpp"
#include "domain/rules/notification_policy.hpp"
#include "domain/rules/service_rollup.hpp"

namespace nyxmon::domain::deciding {

// What a person writes with an acknowledgement, a window or a silence is
// kept, within reason.
inline constexpr std::size_t kMaxCommentBytes = 1024;
inline constexpr std::size_t kMaxNameBytes = 128;

inline std::string quoted(const std::string& id) {
  return "'" + id + "'";
}

// Decides one command against the working state of its batch; take()
// gives the decision. Every event goes through emit(), which folds it into
// the working state at once.
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

  // ---- decider.cpp: definitions, runs, results, and the holds (maintenance, unreachable)
  // A live check, or a rejection.
  const CheckRecord* live_check(const CheckId& id);
  // Re-rolls the service of `check` up and emits the change, if any. With
  // `change` (one member's status before and after), a full scan of the
  // members is made only when the change cannot decide it alone.
  void roll_up_service(const ServiceId& service_id, const CheckId& cause,
                       std::optional<std::pair<MemberStatus, MemberStatus>> change = std::nullopt);
  void change_status(const CheckRecord& record, Status from, Status to, RunId run, std::string rule,
                     std::string reason);
  // The result of run `run`, with every decision that follows from it.
  void record_result(const CheckRecord& given, RunId run, const ProbeResult& result);
  void pause_check(const CheckRecord& record, std::string reason);
  void resume_check(const CheckRecord& record);
  void operator()(const DefineService& c);
  void operator()(const RemoveService& c);
  void operator()(const DefineCheck& c);
  void operator()(const RemoveCheck& c);
  void operator()(const PauseCheck& c);
  void operator()(const ResumeCheck& c);
  // Turns a change to a problem into one to `held` (maintenance,
  // unreachable) that says `why`, or into none when the check is held so
  // already.
  static void hold(Step& stepped, Status held, const std::string& why);
  // The normal rules take over a check held back (in maintenance, or
  // unreachable): down, or degraded when its latest results were warnings,
  // and people are told once.
  void release(const CheckId& check, const std::string& why);
  void operator()(const DefineNotifier& c);
  void operator()(const RemoveNotifier& c);
  void operator()(const RunCheck& c);
  void operator()(const RunCheckNow& c);
  void operator()(const RecordResult& c);
  void operator()(const RecordHeartbeat& c);
  // Runs still under way when the engine stopped will never have a result:
  // each gets an ending that says why, before the engine's own event.
  void abandon_runs_in_flight(const std::string& why);
  void operator()(const StartEngine& c);
  void operator()(const StopEngine& c);

  // ---- acknowledgement_decisions.cpp
  // A normal acknowledgement ends with the status it was made for; a
  // sticky one when the check is no longer failing.
  void end_acknowledgement_on_change(const CheckId& check, Status from, Status to);
  void end_expired_acknowledgement(const CheckId& check);
  void operator()(const AcknowledgeCheck& c);
  void operator()(const ClearAcknowledgement& c);

  // ---- notification_decisions.cpp: notifications, their attempts, silences
  // What the check's notifiers are to be told now (notification_policy),
  // each requested, or held by a silence.
  void notify(const CheckId& check, const NotificationInput& input);
  void operator()(const DecideNotifications& c);
  void tell(const CheckSpec& spec, const NotifierId& notifier, NotificationKind kind, Status status,
            Timestamp since, const std::string& reason);
  // A maintenance window opened or closed on `check`: told to the
  // notifiers whose notify_on names maintenance.
  void tell_maintenance(const CheckId& check, NotificationKind kind, const std::string& what);
  void operator()(const DefineSilence& c);
  void operator()(const EndSilence& c);
  void operator()(const RecordNotificationAttempt& c);

  // ---- maintenance_decisions.cpp: maintenance windows
  // A status that goes bad while a maintenance window covers the check
  // becomes maintenance instead, or stays maintenance.
  void hold_for_maintenance(const CheckSpec& spec, Step& stepped);
  // The live checks `window` covers, in id order.
  std::vector<CheckId> covered_checks(const MaintenanceSpec& window);
  const MaintenanceRecord* live_window(const MaintenanceId& id);
  // Ends the open occurrence of `window` and lets the rules take over the
  // checks it held (those no other open window holds).
  void end_window(const MaintenanceId& id, const std::string& why, const std::string& by);
  void operator()(const DefineMaintenance& c);
  void operator()(const RemoveMaintenance& c);
  void operator()(const StartMaintenance& c);
  void operator()(const EndMaintenance& c);

  // ---- dependency_decisions.cpp: parents and cycles
  // The parents of a check: its own, then its service's.
  std::vector<Dependency> parents_of(const CheckSpec& spec) const;
  // The first parent of `spec` that is failing, as the suppression says it
  // ("parent gateway down since …"), or nullopt. A parent check fails when
  // its status is down, degraded, unreachable or maintenance, or when its
  // latest result failed (a soft failure: it may be going down with its
  // dependants); a parent service when its status is one of those.
  std::optional<std::string> failing_parent(const CheckSpec& spec) const;
  // A status that goes bad while a parent fails becomes unreachable
  // instead, or stays unreachable; returns the suppression ("suppressed:
  // parent gateway down since …") when it does.
  std::optional<std::string> hold_for_dependency(const CheckSpec& spec, Step& stepped);
  // Where `node` leads in the dependency graph (dependency_cycle.hpp), with
  // `check` or `service`, being defined, in place of its recorded spec.
  std::vector<Dependency> dependency_edges(const Dependency& node, const CheckSpec* check,
                                           const ServiceSpec* service) const;
  // A rejection when the definition makes a cycle; true when it may go
  // ahead. A parent not defined (yet) is allowed: it never fails.
  // A service's parents are its member checks' too, so a cycle may pass
  // through any of them.
  bool dependencies_hold(const Dependency& self, const CheckSpec* check,
                         const ServiceSpec* service);

 private:
  WorkingState& state_;
  Timestamp now_;
  const DecisionRules& rules_;
  Decision decision_;
};

}  // namespace nyxmon::domain::deciding
