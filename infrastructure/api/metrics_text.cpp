#include "infrastructure/api/metrics_text.hpp"

#include <fmt/format.h>

#include <chrono>
#include <set>

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

double seconds(Duration duration) {
  return std::chrono::duration<double>(duration).count();
}

double unix_seconds(Timestamp at) {
  return seconds(at.time_since_epoch());
}

class Writer {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name,
                   type);
  }
  void sample(std::string_view name, std::string_view labels, double value) {
    if (labels.empty())
      fmt::format_to(std::back_inserter(out_), "{} {}\n", name, value);
    else
      fmt::format_to(std::back_inserter(out_), "{}{{{}}} {}\n", name, labels, value);
  }
  void histogram(std::string_view name, const Histogram& histogram) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < histogram.bounds.size(); ++i) {
      cumulative += histogram.counts[i];
      fmt::format_to(std::back_inserter(out_), "{}_bucket{{le=\"{}\"}} {}\n", name,
                     histogram.bounds[i], cumulative);
    }
    fmt::format_to(std::back_inserter(out_),
                   "{}_bucket{{le=\"+Inf\"}} {}\n{}_sum {}\n{}_count {}\n", name, histogram.count,
                   name, histogram.sum, name, histogram.count);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

std::string check_labels(const CheckView& check) {
  return fmt::format("check=\"{}\",service=\"{}\",kind=\"{}\"", escape_label(check.spec().id.value),
                     escape_label(check.spec().service.value), check.kind);
}

constexpr Status kStatuses[] = {Status::kPending,    Status::kUp,     Status::kDegraded,
                                Status::kDown,       Status::kPaused, Status::kMaintenance,
                                Status::kUnreachable};
constexpr Outcome kOutcomes[] = {Outcome::kOk, Outcome::kWarn, Outcome::kFail, Outcome::kError};

}  // namespace

std::string metrics_text(const EngineView& view) {
  Writer w;
  std::vector<std::string> labels;
  labels.reserve(view.checks.size());
  for (const auto& check : view.checks)
    labels.push_back(check_labels(*check));

  w.family("nyxmon_check_up", "gauge", "1 when the check is up or degraded, 0 otherwise.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    const Status status = view.checks[i]->state().status;
    w.sample("nyxmon_check_up", labels[i], status == Status::kUp || status == Status::kDegraded);
  }
  w.family("nyxmon_check_status", "gauge",
           "The check's status: 1 for the current one, 0 for the others.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    for (Status status : kStatuses) {
      w.sample("nyxmon_check_status", fmt::format("{},status=\"{}\"", labels[i], to_string(status)),
               view.checks[i]->state().status == status);
    }
  }
  w.family("nyxmon_check_consecutive_failures", "gauge",
           "Failing results in a row (soft attempts before the status changes).");
  for (std::size_t i = 0; i < view.checks.size(); ++i)
    w.sample("nyxmon_check_consecutive_failures", labels[i],
             view.checks[i]->state().consecutive_failures);
  w.family("nyxmon_check_acknowledged", "gauge",
           "1 while someone has acknowledged the check's problem (no reminders), else 0.");
  for (std::size_t i = 0; i < view.checks.size(); ++i)
    w.sample("nyxmon_check_acknowledged", labels[i], view.checks[i]->acknowledgement() ? 1 : 0);
  w.family("nyxmon_maintenance_open", "gauge",
           "1 while an occurrence of the maintenance window is open, else 0.");
  for (const MaintenanceRecord& window : view.maintenance)
    w.sample("nyxmon_maintenance_open",
             fmt::format("window=\"{}\"", escape_label(window.spec.id.value)), window.open ? 1 : 0);
  w.family("nyxmon_silence_active", "gauge",
           "1 while the silence holds matching notifications, 0 before it begins.");
  for (const SilenceRecord& silence : view.silences)
    w.sample("nyxmon_silence_active",
             fmt::format("silence=\"{}\"", escape_label(silence.spec.id.value)),
             silence.active_at(view.taken_at) ? 1 : 0);
  w.family("nyxmon_check_status_since_seconds", "gauge",
           "When the check's status last changed, Unix time.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    if (view.checks[i]->since() != Timestamp{})
      w.sample("nyxmon_check_status_since_seconds", labels[i],
               unix_seconds(view.checks[i]->since()));
  }
  w.family("nyxmon_check_latency_seconds", "gauge", "Duration of the newest run.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    if (view.checks[i]->last())
      w.sample("nyxmon_check_latency_seconds", labels[i],
               seconds(view.checks[i]->last()->duration));
  }
  w.family("nyxmon_check_phase_seconds", "gauge",
           "Phase timings of the newest run seen by this engine process (resolve, connect, tls, "
           "first_byte).");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    const auto& last = view.checks[i]->last_full;
    if (!last) continue;
    const std::pair<const char*, Duration> phases[] = {{"resolve", last->phases.resolve},
                                                       {"connect", last->phases.connect},
                                                       {"tls", last->phases.tls},
                                                       {"first_byte", last->phases.first_byte}};
    for (const auto& [phase, duration] : phases) {
      w.sample("nyxmon_check_phase_seconds", fmt::format("{},phase=\"{}\"", labels[i], phase),
               seconds(duration));
    }
  }
  w.family("nyxmon_check_certificate_expiry_days", "gauge",
           "Days until the earliest certificate of the served chain expires.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    const auto& last = view.checks[i]->last_full;
    if (last && last->certificate_days_left)
      w.sample("nyxmon_check_certificate_expiry_days", labels[i], *last->certificate_days_left);
  }
  w.family("nyxmon_check_perfdata", "gauge",
           "Values the newest run seen by this engine process measured: an exec check's "
           "performance data, an http check's JSON metrics; unit as the plugin wrote it.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    const auto& last = view.checks[i]->last_full;
    if (!last) continue;
    std::set<std::string_view> seen;  // a label twice in one output: the first counts
    for (const Measurement& measurement : last->measurements) {
      if (!measurement.text.empty() || !seen.insert(measurement.label).second) continue;
      w.sample("nyxmon_check_perfdata",
               fmt::format("{},label=\"{}\",unit=\"{}\"", labels[i],
                           escape_label(measurement.label), escape_label(measurement.unit)),
               measurement.value);
    }
  }
  w.family("nyxmon_check_results_total", "counter",
           "Results recorded by this engine process, by outcome.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    for (Outcome outcome : kOutcomes) {
      w.sample("nyxmon_check_results_total",
               fmt::format("{},outcome=\"{}\"", labels[i], to_string(outcome)),
               static_cast<double>(view.checks[i]->outcomes[static_cast<std::size_t>(outcome)]));
    }
  }
  w.family("nyxmon_check_uptime_ratio_24h", "gauge",
           "Good results over all results in the last 24 hours.");
  for (std::size_t i = 0; i < view.checks.size(); ++i) {
    const auto day = view.checks[i]->window(projections::StatsWindow::kDay, view.taken_at);
    if (day.uptime_percent)
      w.sample("nyxmon_check_uptime_ratio_24h", labels[i], *day.uptime_percent / 100);
  }

  w.family("nyxmon_service_up", "gauge", "1 when the service is up or degraded, 0 otherwise.");
  for (const ServiceView& service : view.services) {
    w.sample("nyxmon_service_up",
             fmt::format("service=\"{}\"", escape_label(service.spec.id.value)),
             service.status == Status::kUp || service.status == Status::kDegraded);
  }
  w.family("nyxmon_service_status", "gauge",
           "The service's status: 1 for the current one, 0 for the others.");
  for (const ServiceView& service : view.services) {
    for (Status status : kStatuses) {
      w.sample("nyxmon_service_status",
               fmt::format("service=\"{}\",status=\"{}\"", escape_label(service.spec.id.value),
                           to_string(status)),
               service.status == status);
    }
  }

  const EngineFigures& engine = view.engine;
  w.family("nyxmon_build_info", "gauge", "The engine's version.");
  w.sample("nyxmon_build_info", fmt::format("version=\"{}\"", escape_label(engine.version)), 1);
  w.family("nyxmon_engine_start_time_seconds", "gauge",
           "When this engine process started, Unix time.");
  w.sample("nyxmon_engine_start_time_seconds", "", unix_seconds(engine.started_at));
  w.family("nyxmon_store_sequence", "gauge",
           "The newest global sequence applied to the projections.");
  w.sample("nyxmon_store_sequence", "", static_cast<double>(engine.sequence));
  w.family("nyxmon_events_appended_total", "counter", "Events appended by this engine process.");
  w.sample("nyxmon_events_appended_total", "", static_cast<double>(engine.events_appended));
  w.family("nyxmon_batch_size_events", "histogram", "Events per appended batch (group commit).");
  w.histogram("nyxmon_batch_size_events", engine.batch_sizes);
  w.family("nyxmon_probes_in_flight", "gauge", "Probes running now.");
  w.sample("nyxmon_probes_in_flight", "", static_cast<double>(engine.probes_in_flight));
  w.family("nyxmon_probes_in_flight_limit", "gauge", "The cap on probes running at once.");
  w.sample("nyxmon_probes_in_flight_limit", "", static_cast<double>(engine.max_in_flight));
  w.family("nyxmon_scheduling_lag_seconds", "histogram",
           "Actual start minus due time of every run.");
  w.histogram("nyxmon_scheduling_lag_seconds", engine.scheduling_lag);
  w.family("nyxmon_notifications_pending", "gauge",
           "Notifications requested and not yet delivered or given up.");
  w.sample("nyxmon_notifications_pending", "", static_cast<double>(engine.notifications_pending));
  w.family("nyxmon_notification_attempts_failed_total", "counter",
           "Delivery attempts that failed (no answer, or not 2xx), per notifier, over the log.");
  for (const auto& [notifier, failures] : engine.delivery_failures) {
    w.sample("nyxmon_notification_attempts_failed_total",
             fmt::format("notifier=\"{}\"", escape_label(notifier.value)),
             static_cast<double>(failures.failed_attempts));
  }
  w.family("nyxmon_notifications_abandoned_total", "counter",
           "Notifications given up after the notifier's max_attempts (or with the notifier "
           "removed), per notifier, over the log: people who were not told.");
  for (const auto& [notifier, failures] : engine.delivery_failures) {
    w.sample("nyxmon_notifications_abandoned_total",
             fmt::format("notifier=\"{}\"", escape_label(notifier.value)),
             static_cast<double>(failures.abandoned));
  }
  w.family("nyxmon_store_recording", "gauge",
           "1 while the store takes writes; 0 when it cannot record (a full disk, say).");
  w.sample("nyxmon_store_recording", "", engine.store.recording ? 1 : 0);
  w.family("nyxmon_results_held", "gauge", "Results held in memory while the store cannot record.");
  w.sample("nyxmon_results_held", "", static_cast<double>(engine.store.results_held));
  w.family("nyxmon_store_events_lost", "gauge",
           "Events of this store that were lost and recorded by nyxmon repair.");
  w.sample("nyxmon_store_events_lost", "", static_cast<double>(engine.store.events_lost));
  return w.take();
}

}  // namespace nyxmon::infra::api
