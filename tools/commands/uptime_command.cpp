// nyxmon uptime — SLA figures over a window ending now: per check the share
// of good results, the share of time not down and latency percentiles; per
// service the share of time not down. Time in status `maintenance` (failing
// inside a maintenance window) counts as down, or with
// --exclude-maintenance is left out of the figures, with the results taken
// then.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <optional>

#include "domain/model/duration_text.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

// Time spent down and in maintenance within the window, from a starting
// status and changes.
struct Availability {
  Status status = Status::kPending;
  Timestamp since{};
  Duration down{0};
  Duration maintenance{0};
  void change(Status to, Timestamp at) {
    if (status == Status::kDown) down += at - since;
    if (status == Status::kMaintenance) maintenance += at - since;
    status = to;
    since = at;
  }
  // Not down over the window; maintenance counted as down, or left out.
  std::optional<double> percent(Timestamp start, Timestamp end, bool exclude_maintenance) const {
    const Duration open = end - since;
    const Duration total_down = down + (status == Status::kDown ? open : Duration::zero());
    const Duration total_maintenance =
        maintenance + (status == Status::kMaintenance ? open : Duration::zero());
    const Duration counted = exclude_maintenance ? (end - start) - total_maintenance : end - start;
    const Duration bad = exclude_maintenance ? total_down : total_down + total_maintenance;
    if (counted <= Duration::zero()) return std::nullopt;
    return 100.0 * (1.0 - std::chrono::duration<double>(bad).count() /
                              std::chrono::duration<double>(counted).count());
  }
};

std::string percent_text(std::optional<double> percent) {
  return percent ? fmt::format("{:.3f}", *percent) : "-";
}

boost::json::value percent_json(std::optional<double> percent) {
  return percent ? boost::json::value(*percent) : boost::json::value(nullptr);
}

struct CheckFigures {
  std::uint64_t results = 0, good = 0;
  std::vector<Duration> latencies;
  Availability time;
};

std::string percentile(std::vector<Duration>& values, double p) {
  if (values.empty()) return "-";
  const auto at = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(at), values.end());
  return fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(values[at]).count());
}

}  // namespace

void add_uptime_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto window_text = std::make_shared<std::string>("24h");
  auto exclude_maintenance = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand("uptime",
                                         "SLA figures over a window ending now: good results, time "
                                         "not down, latency p50/p95/p99 (ms).\n"
                                         "Example: nyxmon uptime --window 30d");
  command->add_option("--window", *window_text, "24h, 7d, 30d or any span (default 24h)")
      ->type_name("SPAN");
  command->add_flag("--exclude-maintenance", *exclude_maintenance,
                    "Leave time in status maintenance (failing inside a maintenance window), and "
                    "the results taken then, out of the figures; by default it counts as down");
  command->callback([&options, &exit_code, window_text, exclude_maintenance] {
    const auto window = parse_duration(*window_text);
    if (!window || *window <= Duration::zero()) {
      fmt::print(stderr, "nyxmon uptime: --window '{}' is not a span (use 24h, 7d, 30d)\n",
                 *window_text);
      exit_code = kExitUsage;
      return;
    }
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon uptime: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const Timestamp end = infra::runtime::SystemClock().now();
    const Timestamp start = end - *window;
    const auto view = reader->store().read_view();
    auto before = infra::eventstore::sequence_at(view, start);
    if (!before) {
      fmt::print(stderr, "nyxmon uptime: {}\n", before.error().message);
      exit_code = kExitStore;
      return;
    }
    // The statuses at the window's start, then every change and result in it.
    auto at_start = infra::eventstore::load_projections(reader->store(), view, *before);
    if (!at_start) {
      fmt::print(stderr, "nyxmon uptime: {}\n", at_start.error().message);
      exit_code = kExitStore;
      return;
    }
    std::map<std::string, CheckFigures> checks;
    std::map<std::string, Availability> services;
    for (const CheckRecord* record : at_start->projections.checks().all()) {
      if (!record->removed) checks[record->spec->id.value].time = {record->state.status, start, {}};
    }
    for (const ServiceRecord* record : at_start->projections.services().all()) {
      if (!record->removed) services[record->spec.id.value] = {record->status, start, {}};
    }
    std::uint64_t next = *before + 1;
    while (true) {
      auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
        next = record.sequence + 1;
        if (record.type_tag != CheckResultRecorded::kTag &&
            record.type_tag != CheckStatusChanged::kTag &&
            record.type_tag != ServiceStatusChanged::kTag &&
            record.type_tag != CheckDefined::kTag && record.type_tag != ServiceDefined::kTag) {
          return true;
        }
        auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
        if (!envelope) return true;
        const Timestamp at = envelope->recorded_at;
        if (const auto* result = std::get_if<CheckResultRecorded>(&envelope->event)) {
          auto& figures = checks[result->check.value];
          if (*exclude_maintenance && figures.time.status == Status::kMaintenance) return true;
          ++figures.results;
          if (is_good(result->result.outcome)) {
            ++figures.good;
            figures.latencies.push_back(result->result.duration);
          }
        } else if (const auto* changed = std::get_if<CheckStatusChanged>(&envelope->event)) {
          checks[changed->check.value].time.change(changed->to, at);
        } else if (const auto* service = std::get_if<ServiceStatusChanged>(&envelope->event)) {
          services[service->service.value].change(service->to, at);
        } else if (const auto* defined = std::get_if<CheckDefined>(&envelope->event)) {
          checks[defined->spec->id.value].time = {Status::kPending, at, {}};
        } else if (const auto* defined_service = std::get_if<ServiceDefined>(&envelope->event)) {
          services.try_emplace(defined_service->spec.id.value,
                               Availability{Status::kPending, at, {}});
        }
        return true;
      });
      if (!visited) {
        fmt::print(stderr, "nyxmon uptime: {}\n", visited.error().message);
        exit_code = kExitStore;
        return;
      }
      if (*visited == 0) break;
    }
    const bool excluded = *exclude_maintenance;
    const char* maintenance = excluded ? "excluded" : "counted_as_down";
    if (!options.json) {
      fmt::print("window: {} to {} (maintenance {})\n", format_time(start), format_time(end),
                 excluded ? "excluded" : "counted as down");
      fmt::print("{:<28} {:>8} {:>10} {:>10} {:>8} {:>8} {:>8}\n", "SERVICE / CHECK", "RESULTS",
                 "GOOD %", "NOT DOWN %", "P50", "P95", "P99");
    }
    for (auto& [id, availability] : services) {
      const auto percent = availability.percent(start, end, excluded);
      if (options.json) {
        fmt::print("{}\n", boost::json::serialize(
                               boost::json::object{{"service", id},
                                                   {"not_down_percent", percent_json(percent)},
                                                   {"maintenance", maintenance}}));
      } else {
        fmt::print("{:<28} {:>8} {:>10} {:>10}\n", id, "", "", percent_text(percent));
      }
    }
    for (auto& [id, figures] : checks) {
      const double good = figures.results ? 100.0 * static_cast<double>(figures.good) /
                                                static_cast<double>(figures.results)
                                          : 0;
      const auto not_down = figures.time.percent(start, end, excluded);
      if (options.json) {
        fmt::print("{}\n", boost::json::serialize(
                               boost::json::object{{"check", id},
                                                   {"results", figures.results},
                                                   {"good_percent", good},
                                                   {"not_down_percent", percent_json(not_down)},
                                                   {"maintenance", maintenance},
                                                   {"p50_ms", percentile(figures.latencies, 50)},
                                                   {"p95_ms", percentile(figures.latencies, 95)},
                                                   {"p99_ms", percentile(figures.latencies, 99)}}));
      } else {
        fmt::print("  {:<26} {:>8} {:>10} {:>10} {:>8} {:>8} {:>8}\n", id, figures.results,
                   figures.results ? fmt::format("{:.3f}", good) : "-", percent_text(not_down),
                   percentile(figures.latencies, 50), percentile(figures.latencies, 95),
                   percentile(figures.latencies, 99));
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
