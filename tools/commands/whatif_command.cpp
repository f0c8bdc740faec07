// nyxmon whatif — re-runs the rules over recorded results with other
// parameters and prints, per check, the status changes and notifications
// that would have happened beside those that did. Writes nothing.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/check_spec.hpp"
#include "domain/model/duration_text.hpp"
#include "domain/model/number_text.hpp"
#include "infrastructure/calendar/maintenance_calendar.hpp"
#include "infrastructure/config/maintenance_fields.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/what_if.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct WhatIfOptions {
  std::string since;
  std::string check;
  std::vector<std::string> settings;
  std::vector<std::string> windows;
  std::vector<std::string> dependencies;
};

// "service=shop,start=-3h,for=2h" or
// "check=api+db,every=sat+sun,at=02:00,tz=Europe/Berlin,for=1h" as a
// window, named whatif-N unless id= says otherwise; a message when it is
// not one.
Result<MaintenanceSpec> hypothetical_window(const std::string& text, std::size_t number,
                                            Timestamp now) {
  infra::config::MaintenanceFields fields;
  fields.id = "whatif-" + std::to_string(number);
  auto problem = [&](const std::string& message) {
    return fail(Error::invalid_argument("--maintenance " + text + ": " + message));
  };
  auto list = [](const std::string& value) {
    std::vector<std::string> items;
    for (std::size_t start = 0; start <= value.size();) {
      const std::size_t plus = std::min(value.find('+', start), value.size());
      items.push_back(value.substr(start, plus - start));
      start = plus + 1;
    }
    return items;
  };
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string pair = text.substr(start, comma - start);
    start = comma + 1;
    const auto equals = pair.find('=');
    const std::string key = pair.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : pair.substr(equals + 1);
    if (key == "all" && equals == std::string::npos) {
      fields.all = true;
    } else if (equals == std::string::npos || value.empty()) {
      return problem("'" + pair + "' is not KEY=VALUE");
    } else if (key == "id") {
      fields.id = value;
    } else if (key == "check") {
      fields.checks = list(value);
    } else if (key == "service") {
      fields.services = list(value);
    } else if (key == "start" || key == "end") {
      const auto at = time_argument_as_rfc3339(value, now);
      if (!at) return problem(key + " '" + value + "' is not a time (RFC 3339, -2h)");
      (key == "start" ? fields.start : fields.end) = *at;
    } else if (key == "for") {
      fields.duration = value;
    } else if (key == "every") {
      fields.every = list(value);
    } else if (key == "at") {
      fields.at = value;
    } else if (key == "tz") {
      fields.time_zone = value;
    } else {
      return problem("'" + key +
                     "' is not one of id, check, service, all, start, end, for, every, "
                     "at, tz");
    }
  }
  auto reading = infra::config::read_maintenance(fields, "maintenance", std::nullopt);
  if (!reading.problems.empty()) {
    return problem(reading.problems.front().path + ": " + reading.problems.front().message);
  }
  return reading.spec;
}

// The occurrences `spec` would have had from `from` to `to`, oldest first.
Result<std::vector<std::pair<Timestamp, Timestamp>>> occurrences_between(
    const MaintenanceSpec& spec, Timestamp from, Timestamp to) {
  std::vector<std::pair<Timestamp, Timestamp>> out;
  auto open = infra::calendar::occurrence_at(spec, from);
  if (!open) return fail(std::move(open.error()));
  if (*open) out.emplace_back((*open)->start, (*open)->end);
  for (Timestamp at = from;;) {
    auto next = infra::calendar::next_occurrence(spec, at);
    if (!next) return fail(std::move(next.error()));
    if (!*next || (*next)->start > to) break;
    out.emplace_back((*next)->start, (*next)->end);
    at = (*next)->start;
  }
  return out;
}

constexpr std::string_view kSettings =
    "failure_threshold=N, recovery_threshold=N, interval=D, retry_interval=D or "
    "remind_every=D";

// "failure_threshold=5" or "interval=5m" into the parameters; a message
// when it is not one.
std::optional<std::string> set_parameter(projections::WhatIfParameters& parameters,
                                         const std::string& setting) {
  const auto equals = setting.find('=');
  if (equals == std::string::npos) return "--set " + setting + ": use " + std::string(kSettings);
  std::string key = setting.substr(0, equals);
  if (key == "reminder_interval") key = "remind_every";  // its older name
  const std::string text = setting.substr(equals + 1);
  if (key == "failure_threshold" || key == "recovery_threshold") {
    // The thresholds' own range: a what-if must be a configuration one could write.
    const auto number = parse_number<std::int64_t>(text);
    if (!number || !kThresholdRange.contains(*number))
      return "--set " + setting + ": '" + text + "' is not " + kThresholdRange.describe();
    (key == "failure_threshold" ? parameters.failure_threshold : parameters.recovery_threshold) =
        static_cast<int>(*number);
    return std::nullopt;
  }
  if (key == "interval" || key == "retry_interval" || key == "remind_every") {
    const auto duration = parse_duration(text);
    if (!duration || *duration <= Duration::zero())
      return "--set " + setting + ": '" + text + "' is not a duration longer than 0 (5m, 30s)";
    if (key != "remind_every" && *duration < std::chrono::milliseconds(100))
      return "--set " + setting + ": " + describe(*duration) + " is below the 100ms minimum";
    (key == "interval"         ? parameters.interval
     : key == "retry_interval" ? parameters.retry_interval
                               : parameters.reminder_interval) = *duration;
    return std::nullopt;
  }
  if (key == "timeout") {
    return "--set " + setting +
           ": a timeout changes what a probe would have seen, which recorded results cannot "
           "tell; use " +
           std::string(kSettings);
  }
  return "--set " + setting + ": use " + std::string(kSettings);
}

std::size_t notifications(const std::vector<projections::WhatIfChange>& changes) {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(),
                    [](const auto& change) { return change.notification.has_value(); }));
}

std::size_t status_changes(const std::vector<projections::WhatIfChange>& changes) {
  return static_cast<std::size_t>(std::count_if(
      changes.begin(), changes.end(), [](const auto& change) { return change.from != change.to; }));
}

std::string describe(const projections::WhatIfChange& change) {
  std::string text = format_time(change.at) + "  ";
  if (change.from == change.to)
    text += fmt::format("{} ({})", to_string(change.to), change.rule);
  else
    text += fmt::format("{} → {} ({})", to_string(change.from), to_string(change.to), change.rule);
  if (change.notification) text += fmt::format(" [{}]", to_string(*change.notification));
  return text;
}

boost::json::array changes_json(const std::vector<projections::WhatIfChange>& changes) {
  boost::json::array out;
  for (const auto& change : changes) {
    boost::json::object item{{"at", format_time(change.at)},
                             {"from", to_string(change.from)},
                             {"to", to_string(change.to)},
                             {"rule", change.rule}};
    item["notification"] =
        change.notification ? boost::json::value(to_string(*change.notification)) : nullptr;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

void add_whatif_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto whatif = std::make_shared<WhatIfOptions>();
  CLI::App* command = app.add_subcommand(
      "whatif",
      "Re-run the rules over the recorded results with other parameters and show, per check,\n"
      "the status changes and notifications that would have happened beside those that did.\n"
      "Writes nothing. The engine's own decider runs again (state machine, flapping,\n"
      "reminders) over the recorded results with the settings changed: failure_threshold,\n"
      "recovery_threshold, interval, retry_interval, remind_every. With another interval\n"
      "a run is replayed where the check would have been due, so results it would not have\n"
      "waited for are skipped; it cannot run more often than results were recorded.\n"
      "A --maintenance window or a --depends-on that was not shows the pages it would have\n"
      "spared.\n"
      "Examples: nyxmon whatif --since -7d --set failure_threshold=5 --set interval=5m\n"
      "          nyxmon whatif --since -1d --maintenance service=shop,start=-20h,for=2h\n"
      "          nyxmon whatif --since -1d --depends-on web-1=gateway --depends-on web-2=gateway");
  command->add_option("--since", whatif->since, "Only changes from then on (RFC 3339 or -7d)")
      ->type_name("TIME");
  command->add_option("--check", whatif->check, "Only this check")->type_name("C");
  command->add_option("--set", whatif->settings, "A parameter to change, NAME=VALUE (repeatable)")
      ->type_name("NAME=VALUE");
  command
      ->add_option("--depends-on", whatif->dependencies,
                   "A dependency that was not (repeatable): CHECK=PARENT, the parent a check "
                   "(or service:ID)")
      ->type_name("CHECK=PARENT");
  command
      ->add_option("--maintenance", whatif->windows,
                   "A maintenance window that was not (repeatable): check=C or service=S (several "
                   "joined by +) or all, then start=T,for=D (or end=T), or "
                   "every=sat+sun,at=HH:MM,tz=ZONE,for=D")
      ->type_name("WINDOW");
  command->callback([&options, &exit_code, whatif] {
    if (whatif->settings.empty() && whatif->windows.empty() && whatif->dependencies.empty()) {
      fmt::print(stderr, "nyxmon whatif: give at least one --set, --depends-on or --maintenance\n");
      exit_code = kExitUsage;
      return;
    }
    projections::WhatIfParameters parameters;
    for (const auto& setting : whatif->settings) {
      if (auto problem = set_parameter(parameters, setting)) {
        fmt::print(stderr, "nyxmon whatif: {}\n", *problem);
        exit_code = kExitUsage;
        return;
      }
    }
    for (const auto& text : whatif->dependencies) {
      const auto equals = text.find('=');
      const std::string child = text.substr(0, equals);
      const std::string parent = equals == std::string::npos ? "" : text.substr(equals + 1);
      const Dependency dependency =
          parse_dependency(parent).value_or(Dependency{Dependency::Kind::kCheck, parent});
      if (id_problem(child) || id_problem(dependency.id)) {
        fmt::print(stderr,
                   "nyxmon whatif: --depends-on {}: use CHECK=PARENT (PARENT a check id, "
                   "or service:ID)\n",
                   text);
        exit_code = kExitUsage;
        return;
      }
      parameters.depends_on[CheckId{child}].push_back(dependency);
    }
    Timestamp since{};
    if (!whatif->since.empty()) {
      auto parsed = parse_time_argument(whatif->since, infra::runtime::SystemClock().now());
      if (!parsed) {
        fmt::print(stderr,
                   "nyxmon whatif: --since '{}' is not a time (use 2026-11-24T03:12:00Z or -7d)\n",
                   whatif->since);
        exit_code = kExitUsage;
        return;
      }
      since = *parsed;
    }
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon whatif: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const Timestamp now = infra::runtime::SystemClock().now();
    // Weekly windows are laid out from the log's first event (or --since).
    Timestamp first_event = since;
    (void)reader->store().read_view().scan(1, 1, [&](const infra::eventstore::RecordView& record) {
      first_event = std::max(since, from_unix_nanos(record.recorded_at_ns));
      return false;
    });
    for (std::size_t i = 0; i < whatif->windows.size(); ++i) {
      auto spec = hypothetical_window(whatif->windows[i], i + 1, now);
      auto occurrences =
          spec ? occurrences_between(*spec, first_event, now) : fail(std::move(spec.error()));
      if (!occurrences) {
        fmt::print(stderr, "nyxmon whatif: {}\n", occurrences.error().message);
        exit_code = kExitUsage;
        return;
      }
      parameters.windows.push_back({std::move(*spec), std::move(*occurrences)});
    }
    std::optional<CheckId> only;
    if (!whatif->check.empty()) only = CheckId{whatif->check};
    projections::WhatIf simulation(parameters, since, only);
    const auto view = reader->store().read_view();
    const auto& codec = infra::eventstore::DomainCodec::instance();
    Progress progress("re-running the rules");
    std::uint64_t next = 1;
    std::string failure;
    for (;;) {
      auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
        next = record.sequence + 1;
        auto envelope = codec.decode(record);
        if (!envelope) {
          failure = envelope.error().message;
          return false;
        }
        simulation.apply(*envelope);
        return true;
      });
      if (!visited) failure = visited.error().message;
      if (!failure.empty()) {
        fmt::print(stderr, "nyxmon whatif: {}\n", failure);
        exit_code = kExitStore;
        return;
      }
      progress.update(next - 1, view.head());
      if (*visited == 0) break;
    }
    const auto report = simulation.report();
    if (only && report.empty()) {
      fmt::print(stderr, "nyxmon whatif: no check named '{}' in the log\n", whatif->check);
      exit_code = kExitUsage;
      return;
    }
    if (options.json) {
      for (const auto& check : report) {
        fmt::print("{}\n", boost::json::serialize(
                               boost::json::object{{"check", check.check.value},
                                                   {"results", check.results},
                                                   {"replayed", check.replayed},
                                                   {"refused", check.refused},
                                                   {"actual", changes_json(check.actual)},
                                                   {"whatif", changes_json(check.simulated)}}));
      }
      exit_code = kExitOk;
      return;
    }
    fmt::print("{:<24} {:>8}  {:>14} {:>7}  {:>14} {:>7}\n", "CHECK", "RESULTS", "ACTUAL CHANGES",
               "NOTIFS", "WHAT-IF CHANGES", "NOTIFS");
    for (const auto& check : report) {
      fmt::print("{:<24} {:>8}  {:>14} {:>7}  {:>14} {:>7}\n", check.check.value, check.results,
                 status_changes(check.actual), notifications(check.actual),
                 status_changes(check.simulated), notifications(check.simulated));
    }
    for (const auto& check : report) {
      if (check.actual.empty() && check.simulated.empty() && check.refused.empty()) continue;
      fmt::print("\n{}\n", check.check.value);
      if (!check.refused.empty())
        fmt::print("  what-if  not simulated: its definition is refused today: {}\n",
                   check.refused);
      for (const auto& change : check.actual)
        fmt::print("  actual   {}\n", describe(change));
      for (const auto& change : check.simulated)
        fmt::print("  what-if  {}\n", describe(change));
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
