#include "infrastructure/api/api_json.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>

#include <chrono>

#include "domain/model/time_text.hpp"
#include "infrastructure/calendar/maintenance_calendar.hpp"
#include "infrastructure/eventstore/event_summary.hpp"

namespace nyxmon::infra::api {

namespace json = boost::json;
using namespace nyxmon::domain;

namespace {

double milliseconds(Duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

json::value time_or_null(Timestamp at) {
  if (at == Timestamp{}) return nullptr;
  return json::value(format_timestamp(at));
}

json::value percent_or_null(const std::optional<double>& percent) {
  if (!percent) return nullptr;
  return *percent;
}

json::value milliseconds_or_null(const std::optional<Duration>& duration) {
  if (!duration) return nullptr;
  return milliseconds(*duration);
}

template <std::size_t N>
json::array bars_json(const std::array<UptimeBar, N>& bars) {
  json::array out;
  for (const UptimeBar& bar : bars) {
    out.push_back(json::object{
        {"start", format_timestamp(bar.start)}, {"results", bar.results}, {"good", bar.good}});
  }
  return out;
}

json::object window_json(const projections::WindowStats& stats) {
  return json::object{{"results", stats.results},
                      {"good", stats.good},
                      {"uptime_percent", percent_or_null(stats.uptime_percent)},
                      {"p50_ms", milliseconds_or_null(stats.p50)},
                      {"p95_ms", milliseconds_or_null(stats.p95)},
                      {"p99_ms", milliseconds_or_null(stats.p99)}};
}

}  // namespace

json::object result_json(RunId run, const ProbeResult& result) {
  json::object out{
      {"run", run},
      {"outcome", to_string(result.outcome)},
      {"reason", result.reason},
      {"started_at", time_or_null(result.started_at)},
      {"duration_ms", milliseconds(result.duration)},
      {"lag_ms", milliseconds(result.scheduling_lag)},
      {"phases_ms", json::object{{"resolve", milliseconds(result.phases.resolve)},
                                 {"connect", milliseconds(result.phases.connect)},
                                 {"tls", milliseconds(result.phases.tls)},
                                 {"first_byte", milliseconds(result.phases.first_byte)},
                                 {"total", milliseconds(result.phases.total)}}}};
  if (result.status_code) out["status_code"] = *result.status_code;
  if (result.certificate_days_left) out["certificate_days_left"] = *result.certificate_days_left;
  if (!result.answers.empty()) {
    json::array answers;
    for (const auto& answer : result.answers)
      answers.push_back(json::value(answer));
    out["answers"] = std::move(answers);
  }
  if (!result.measurements.empty()) out["measurements"] = measurements_json(result.measurements);
  return out;
}

json::array measurements_json(const std::vector<Measurement>& measurements) {
  json::array out;
  for (const auto& measurement : measurements) {
    json::object item{{"label", measurement.label}};
    if (measurement.text.empty())
      item["value"] = measurement.value;
    else
      item["text"] = measurement.text;
    if (!measurement.unit.empty()) item["unit"] = measurement.unit;
    out.push_back(std::move(item));
  }
  return out;
}

json::object incident_json(const projections::Incident& incident) {
  return json::object{{"check", incident.check.value},
                      {"started_at", format_timestamp(incident.started_at)},
                      {"ended_at", incident.ended_at ? time_or_null(*incident.ended_at) : nullptr},
                      {"open", !incident.ended_at},
                      {"cause", incident.cause},
                      {"cause_run", incident.cause_run},
                      {"sequence", incident.started_sequence}};
}

json::object acknowledgement_json(const Acknowledgement& ack) {
  return json::object{{"status", to_string(ack.status)},
                      {"by", ack.by},
                      {"comment", ack.comment},
                      {"sticky", ack.sticky},
                      {"at", time_or_null(ack.at)},
                      {"expires_at", ack.expires_at ? time_or_null(*ack.expires_at) : nullptr}};
}

json::object maintenance_json(const MaintenanceRecord& window, Timestamp now) {
  const MaintenanceSpec& spec = window.spec;
  json::array checks, services;
  for (const CheckId& check : spec.scope.checks)
    checks.emplace_back(check.value);
  for (const ServiceId& service : spec.scope.services)
    services.emplace_back(service.value);
  json::object out{{"id", spec.id.value},
                   {"covers", json::object{{"all", spec.scope.everything},
                                           {"checks", std::move(checks)},
                                           {"services", std::move(services)}}},
                   {"duration_ms", milliseconds(spec.duration)},
                   {"comment", spec.comment},
                   {"defined_by", window.defined_by},
                   {"from_configuration", spec.from_configuration},
                   {"open", window.open},
                   {"ends_at", window.open ? time_or_null(window.ends_at) : nullptr}};
  if (spec.weekly) {
    json::array days;
    for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      if (spec.weekly->days & *weekday_bit(day)) days.emplace_back(day);
    }
    out["every"] = std::move(days);
    out["at"] = fmt::format("{:02}:{:02}", spec.weekly->minute_of_day / 60,
                            spec.weekly->minute_of_day % 60);
    out["time_zone"] = spec.weekly->time_zone;
  } else {
    out["start"] = time_or_null(spec.start);
    out["end"] = time_or_null(spec.start + spec.duration);
  }
  auto next = calendar::next_occurrence(spec, now);
  out["next_start"] = next && *next ? time_or_null((*next)->start) : nullptr;
  return out;
}

json::object silence_json(const SilenceRecord& silence, Timestamp now) {
  json::array match;
  for (const SilenceMatcher& matcher : silence.spec.matchers)
    match.emplace_back(matcher.key + "=" + matcher.value);
  return json::object{{"id", silence.spec.id.value},
                      {"match", std::move(match)},
                      {"starts_at", time_or_null(silence.spec.starts_at)},
                      {"ends_at", time_or_null(silence.spec.ends_at)},
                      {"comment", silence.spec.comment},
                      {"defined_by", silence.defined_by},
                      {"active", silence.active_at(now)},
                      {"ended_at", silence.ended_at ? time_or_null(*silence.ended_at) : nullptr},
                      {"ended_by", silence.ended_by}};
}

json::object check_json(const CheckView& check, bool detailed, Timestamp now) {
  const projections::WindowStats day = check.window(projections::StatsWindow::kDay, now);
  json::object out{{"id", check.spec().id.value},
                   {"name", check.spec().display_name()},
                   {"service", check.spec().service.value},
                   {"kind", check.kind},
                   {"enabled", check.spec().enabled},
                   {"status", to_string(check.state().status)},
                   {"since", time_or_null(check.since())},
                   {"status_reason", check.status_reason()},
                   {"consecutive_failures", check.state().consecutive_failures},
                   {"failure_threshold", check.spec().failure_threshold},
                   {"interval_ms", milliseconds(check.spec().interval)},
                   {"next_due", check.next_due ? time_or_null(*check.next_due) : nullptr}};
  json::array parents;
  for (const Dependency& parent : check.spec().depends_on)
    parents.emplace_back(to_text(parent));
  out["depends_on"] = std::move(parents);
  if (check.last_full) {
    out["last_result"] = result_json(check.last() ? check.last()->run : 0, *check.last_full);
  } else if (check.last()) {
    out["last_result"] = json::object{{"run", check.last()->run},
                                      {"outcome", to_string(check.last()->outcome)},
                                      {"reason", check.last()->reason},
                                      {"started_at", time_or_null(check.last()->at)},
                                      {"duration_ms", milliseconds(check.last()->duration)}};
  } else {
    out["last_result"] = nullptr;
  }
  out["acknowledged"] = check.acknowledgement()
                            ? json::value(acknowledgement_json(*check.acknowledgement()))
                            : json::value(nullptr);
  out["uptime_24h_percent"] = percent_or_null(day.uptime_percent);
  if (!detailed) return out;
  out["window_24h"] = window_json(day);
  out["window_30d"] = window_json(check.window(projections::StatsWindow::kMonth, now));
  out["hourly"] = bars_json(check.hourly_bars(now));
  out["daily"] = bars_json(check.daily_bars(now));
  json::array incidents;
  for (const auto& incident : check.incidents)
    incidents.push_back(incident_json(incident));
  out["incidents"] = std::move(incidents);
  out["results_since_start"] = json::object{{"ok", check.outcomes[0]},
                                            {"warn", check.outcomes[1]},
                                            {"fail", check.outcomes[2]},
                                            {"error", check.outcomes[3]}};
  return out;
}

json::object service_json(const EngineView& view, const ServiceView& service) {
  json::array checks;
  for (std::size_t index : service.checks) {
    const CheckView& check = *view.checks[index];
    checks.push_back(
        json::object{{"id", check.spec().id.value}, {"status", to_string(check.state().status)}});
  }
  return json::object{{"id", service.spec.id.value},
                      {"name", service.spec.display_name()},
                      {"description", service.spec.description},
                      {"status", to_string(service.status)},
                      {"since", time_or_null(service.since)},
                      {"checks", std::move(checks)}};
}

json::object status_json(const EngineView& view) {
  json::array services;
  for (const ServiceView& service : view.services)
    services.push_back(service_json(view, service));
  std::array<std::uint64_t, kStatusCount> by_status{};
  for (const auto& check : view.checks)
    ++by_status[static_cast<std::size_t>(check->state().status) % by_status.size()];
  json::object counts;
  for (std::size_t i = 0; i < by_status.size(); ++i)
    counts[to_string(static_cast<Status>(i))] = by_status[i];
  const EngineFigures& engine = view.engine;
  return json::object{
      {"sequence", engine.sequence},
      {"taken_at", format_timestamp(view.taken_at)},
      {"engine", json::object{{"version", engine.version},
                              {"started_at", time_or_null(engine.started_at)},
                              {"events_appended", engine.events_appended},
                              {"probes_in_flight", engine.probes_in_flight},
                              {"notifications_pending", engine.notifications_pending}}},
      {"store", json::object{{"recording", engine.store.recording},
                             {"problem", engine.store.problem},
                             {"results_held", engine.store.results_held},
                             {"events_lost", engine.store.events_lost}}},
      {"checks", counts},
      {"services", std::move(services)}};
}

json::object event_json(const Envelope& envelope) {
  return json::object{{"sequence", envelope.sequence},
                      {"stream", envelope.stream},
                      {"version", envelope.stream_version},
                      {"type", name_of(envelope.event)},
                      {"recorded_at", format_timestamp(envelope.recorded_at)},
                      {"summary", eventstore::summarize(envelope.event)}};
}

}  // namespace nyxmon::infra::api
