#include "infrastructure/api/check_history.hpp"

#include <algorithm>
#include <map>

#include "infrastructure/eventstore/stream_range.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

// How far past the instant shown the next status change is looked for.
constexpr std::size_t kNextChangeReach = 50000;

Result<std::optional<Timestamp>> next_change_after(const eventstore::ReadView& log,
                                                   const std::string& stream,
                                                   std::uint64_t after_version) {
  std::uint64_t next = after_version + 1;
  std::size_t read = 0;
  while (read < kNextChangeReach) {
    auto events = eventstore::read_stream_range(log, stream, next, next + 4095, 4096);
    if (!events) return fail(std::move(events.error()));
    if (events->empty()) break;
    for (const Envelope& envelope : *events) {
      if (std::holds_alternative<CheckStatusChanged>(envelope.event)) return envelope.recorded_at;
      next = envelope.stream_version + 1;
    }
    read += events->size();
  }
  return std::optional<Timestamp>();
}

// The problem's story: the failures that led to it, the change, and what
// followed, explained from a record that knows the check's definition.
Result<std::vector<projections::ExplainedStep>> why_it_fails(const eventstore::ReadView& log,
                                                             const CheckRecord& record,
                                                             const std::string& stream,
                                                             std::uint64_t last_version) {
  auto began = eventstore::first_version_since(log, stream, record.status_since);
  if (!began) return fail(std::move(began.error()));
  const std::uint64_t lead = static_cast<std::uint64_t>(record.spec->failure_threshold) * 3 + 3;
  const std::uint64_t first = *began > lead ? *began - lead : 1;
  const std::uint64_t last = std::min(last_version, *began + 3 * kWhySteps);
  auto events = eventstore::read_stream_range(log, stream, first, last, last - first + 1);
  if (!events) return fail(std::move(events.error()));
  CheckRecord from;
  from.spec = record.spec;
  from.state.status = Status::kUp;
  for (const Envelope& envelope : *events) {
    const auto* changed = std::get_if<CheckStatusChanged>(&envelope.event);
    if (changed && envelope.recorded_at >= record.status_since) {
      from.state.status = changed->from;
      break;
    }
  }
  std::vector<projections::ExplainedStep> steps;
  for (auto& step : projections::explain(*events, std::move(from))) {
    if (step.event == "CheckScheduled") continue;
    steps.push_back(std::move(step));
  }
  if (steps.size() > kWhySteps) steps.erase(steps.begin() + kWhySteps, steps.end());
  return steps;
}

}  // namespace

Result<std::vector<IncidentNotice>> read_incident_notices(
    const eventstore::ReadView& log, const projections::Incident& incident,
    const std::vector<NotifierId>& notifiers) {
  // A notifier's stream holds every check's notifications: the ones about
  // this incident are asked for with its status change (the same instant),
  // and delivered soon after, among the others' of that moment.
  constexpr std::uint64_t kNear = 200;
  std::vector<IncidentNotice> notices;
  std::vector<Timestamp> ends{incident.started_at};
  if (incident.ended_at) ends.push_back(*incident.ended_at);
  for (const NotifierId& notifier : notifiers) {
    const std::string stream = stream_of(notifier);
    for (const Timestamp end : ends) {
      auto first = eventstore::first_version_since(log, stream, end);
      if (!first) return fail(std::move(first.error()));
      auto events = eventstore::read_stream_range(log, stream, *first, *first + kNear, kNear + 1);
      if (!events) return fail(std::move(events.error()));
      std::map<NotificationId, std::size_t> asked;  // → index in notices
      for (const Envelope& envelope : *events) {
        const Event& event = envelope.event;
        if (const auto* request = std::get_if<NotificationRequested>(&event)) {
          if (request->check != incident.check || envelope.recorded_at != end) continue;
          asked[request->notification] = notices.size();
          notices.push_back(
              IncidentNotice{envelope.recorded_at, std::string(to_string(request->kind)) + " → " +
                                                       notifier.value + " (not delivered yet)"});
        } else if (const auto* held = std::get_if<NotificationSilenced>(&event)) {
          if (held->check != incident.check || envelope.recorded_at != end) continue;
          notices.push_back(IncidentNotice{
              envelope.recorded_at, std::string(to_string(held->kind)) + " → " + notifier.value +
                                        " (held by silence " + held->silence.value + ")"});
        } else if (const auto* delivered = std::get_if<NotificationDelivered>(&event)) {
          if (auto it = asked.find(delivered->notification); it != asked.end()) {
            std::string& text = notices[it->second].text;
            text = text.substr(0, text.rfind(" (")) + " (delivered)";
          }
        } else if (const auto* abandoned = std::get_if<NotificationAbandoned>(&event)) {
          if (auto it = asked.find(abandoned->notification); it != asked.end()) {
            std::string& text = notices[it->second].text;
            text =
                text.substr(0, text.rfind(" (")) + " (abandoned: " + abandoned->last_reason + ")";
          }
        }
      }
    }
  }
  return notices;
}

Result<CheckHistory> read_check_history(const eventstore::ReadView& log, const CheckRecord& record,
                                        Timestamp from, std::uint64_t until_sequence) {
  CheckHistory history;
  const std::string stream = stream_of(record.spec->id);
  const bool present = until_sequence >= log.head();
  auto last = eventstore::last_version_until(log, stream, until_sequence);
  if (!last) return fail(std::move(last.error()));
  if (*last == 0) return history;
  auto first = eventstore::first_version_since(log, stream, from);
  if (!first) return fail(std::move(first.error()));
  // Two events a run (scheduled, recorded), and a few decisions.
  const std::size_t limit = kChartRuns * 2;
  auto events = eventstore::read_stream_range(log, stream, *first, *last, limit);
  if (!events) return fail(std::move(events.error()));
  history.runs_cut = *last >= *first && *last - *first + 1 > limit;
  history.began_in_window = *first <= 1;
  for (const Envelope& envelope : *events) {
    if (const auto* recorded = std::get_if<CheckResultRecorded>(&envelope.event)) {
      const ProbeResult& result = recorded->result;
      history.runs.push_back(RunPoint{result.started_at, result.outcome, result.duration,
                                      result.phases, result.reason});
    }
  }
  if (record.status_since != Timestamp{}) history.previous_change = record.status_since;
  if (!present) {
    auto next = next_change_after(log, stream, *last);
    if (!next) return fail(std::move(next.error()));
    history.next_change = *next;
  }
  if (is_problem(record.state.status) || record.state.status == Status::kUnreachable) {
    auto why = why_it_fails(log, record, stream, *last);
    if (!why) return fail(std::move(why.error()));
    history.why = std::move(*why);
  }
  return history;
}

}  // namespace nyxmon::infra::api
