// nyxmon uptime — SLA figures over a window ending now: per check the share
// of good results, the share of time not down and latency percentiles; per
// service the share of time not down.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <map>

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

// Time spent down within the window, from a starting status and changes.
struct Availability {
  Status status = Status::kPending;
  Timestamp since{};
  Duration down{0};
  void change(Status to, Timestamp at) {
    if (status == Status::kDown) down += at - since;
    status = to;
    since = at;
  }
  double percent(Timestamp start, Timestamp end) {
    Duration total_down = down + (status == Status::kDown ? end - since : Duration::zero());
    return 100.0 * (1.0 - std::chrono::duration<double>(total_down).count() /
                              std::chrono::duration<double>(end - start).count());
  }
};

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
  CLI::App* command = app.add_subcommand("uptime",
                                         "SLA figures over a window ending now: good results, time "
                                         "not down, latency p50/p95/p99 (ms).\n"
                                         "Example: nyxmon uptime --window 30d");
  command->add_option("--window", *window_text, "24h, 7d, 30d or any span (default 24h)")
      ->type_name("SPAN");
  command->callback([&options, &exit_code, window_text] {
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
      if (!record->removed) checks[record->spec.id.value].time = {record->state.status, start, {}};
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
          checks[defined->spec.id.value].time = {Status::kPending, at, {}};
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
    if (!options.json) {
      fmt::print("window: {} to {}\n", format_time(start), format_time(end));
      fmt::print("{:<28} {:>8} {:>10} {:>10} {:>8} {:>8} {:>8}\n", "SERVICE / CHECK", "RESULTS",
                 "GOOD %", "NOT DOWN %", "P50", "P95", "P99");
    }
    for (auto& [id, availability] : services) {
      const double percent = availability.percent(start, end);
      if (options.json) {
        fmt::print("{}\n", boost::json::serialize(boost::json::object{
                               {"service", id}, {"not_down_percent", percent}}));
      } else {
        fmt::print("{:<28} {:>8} {:>10} {:>10.3f}\n", id, "", "", percent);
      }
    }
    for (auto& [id, figures] : checks) {
      const double good = figures.results ? 100.0 * static_cast<double>(figures.good) /
                                                static_cast<double>(figures.results)
                                          : 0;
      const double not_down = figures.time.percent(start, end);
      if (options.json) {
        fmt::print("{}\n", boost::json::serialize(
                               boost::json::object{{"check", id},
                                                   {"results", figures.results},
                                                   {"good_percent", good},
                                                   {"not_down_percent", not_down},
                                                   {"p50_ms", percentile(figures.latencies, 50)},
                                                   {"p95_ms", percentile(figures.latencies, 95)},
                                                   {"p99_ms", percentile(figures.latencies, 99)}}));
      } else {
        fmt::print("  {:<26} {:>8} {:>10} {:>10.3f} {:>8} {:>8} {:>8}\n", id, figures.results,
                   figures.results ? fmt::format("{:.3f}", good) : "-", not_down,
                   percentile(figures.latencies, 50), percentile(figures.latencies, 95),
                   percentile(figures.latencies, 99));
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
