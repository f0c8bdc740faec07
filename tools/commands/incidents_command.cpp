// nyxmon incidents — down periods of checks: when each started, why, when
// (if yet) it ended, and which of its notifications were abandoned (the
// people they were for were never told). Folded from the whole log's status
// changes and abandoned notifications.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/model/duration_text.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "projections/incidents.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct IncidentsOptions {
  std::string since;
  std::string check;
};

struct DownPeriod {
  std::string check;
  Timestamp started;
  std::optional<Timestamp> ended;
  std::string cause;
  std::vector<NotificationAbandoned> abandoned;  // notifications about it nobody got
};

// "problem notification to hook abandoned after 2 attempts: the receiver answered 500"
std::string abandonment_text(const NotificationAbandoned& abandoned) {
  return std::string(to_string(abandoned.kind)) + " notification to " + abandoned.notifier.value +
         " abandoned after " + std::to_string(abandoned.attempts) +
         (abandoned.attempts == 1 ? " attempt: " : " attempts: ") + abandoned.last_reason;
}

// Every down period in the log (of `check` only, unless empty), oldest first.
// An abandoned notification belongs to its check's newest period at the time:
// the open one, or the one that just ended (for a resolution, or a problem
// still retried after the check came back).
Result<std::vector<DownPeriod>> fold_down_periods(const infra::eventstore::ReadView& view,
                                                  const std::string& check) {
  std::vector<DownPeriod> periods;
  std::map<std::string, std::size_t> newest;  // check → index of its newest period
  std::set<std::string> open;
  std::uint64_t next = 1;
  while (true) {
    auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
      next = record.sequence + 1;
      if (record.type_tag != CheckStatusChanged::kTag &&
          record.type_tag != NotificationAbandoned::kTag)
        return true;
      auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
      if (!envelope) return true;
      if (const auto* abandoned = std::get_if<NotificationAbandoned>(&envelope->event)) {
        if (!check.empty() && abandoned->check.value != check) return true;
        if (auto it = newest.find(abandoned->check.value); it != newest.end())
          periods[it->second].abandoned.push_back(*abandoned);
        return true;
      }
      const auto& changed = std::get<CheckStatusChanged>(envelope->event);
      if (!check.empty() && changed.check.value != check) return true;
      const bool is_open = open.contains(changed.check.value);
      const auto effect = projections::incident_effect(changed.to);
      if (effect == projections::IncidentEffect::kOpens && !is_open) {
        open.insert(changed.check.value);
        newest[changed.check.value] = periods.size();
        periods.push_back(
            {changed.check.value, envelope->recorded_at, std::nullopt, changed.reason, {}});
      } else if (effect == projections::IncidentEffect::kEnds && is_open) {
        periods[newest.at(changed.check.value)].ended = envelope->recorded_at;
        open.erase(changed.check.value);
      }
      return true;
    });
    if (!visited) return fail(std::move(visited.error()));
    if (*visited == 0) break;
  }
  return periods;
}

Duration length_of(const DownPeriod& period, Timestamp now) {
  return period.ended.value_or(now) - period.started;
}

void print_table(const std::vector<const DownPeriod*>& periods, Timestamp now) {
  fmt::print("{:<24} {:<24} {:<24} {:>10}  {}\n", "CHECK", "STARTED", "ENDED", "DURATION", "CAUSE");
  for (const DownPeriod* period : periods) {
    const std::string took =
        describe(std::chrono::duration_cast<std::chrono::seconds>(length_of(*period, now)));
    fmt::print("{:<24} {:<24} {:<24} {:>10}  {}\n", period->check, format_time(period->started),
               period->ended ? format_time(*period->ended) : "ongoing", took, period->cause);
    for (const auto& abandoned : period->abandoned)
      fmt::print("{:<24} {}\n", "", abandonment_text(abandoned));
  }
}

void print_json(const std::vector<const DownPeriod*>& periods, Timestamp now) {
  for (const DownPeriod* period : periods) {
    boost::json::array abandoned;
    for (const auto& a : period->abandoned) {
      abandoned.push_back(boost::json::object{{"notification", a.notification},
                                              {"notifier", a.notifier.value},
                                              {"kind", to_string(a.kind)},
                                              {"attempts", a.attempts},
                                              {"last_reason", a.last_reason}});
    }
    boost::json::object line{
        {"check", period->check},
        {"started", format_time(period->started)},
        {"duration_s", std::chrono::duration<double>(length_of(*period, now)).count()},
        {"cause", period->cause},
        {"abandoned_notifications", std::move(abandoned)}};
    line["ended"] = period->ended ? boost::json::value(format_time(*period->ended))
                                  : boost::json::value(nullptr);
    fmt::print("{}\n", boost::json::serialize(line));
  }
}

}  // namespace

void add_incidents_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto incidents = std::make_shared<IncidentsOptions>();
  CLI::App* command = app.add_subcommand(
      "incidents",
      "Down periods of checks: start, end (or ongoing), duration and cause, and\n"
      "the notifications about each that were abandoned.\n"
      "Example: nyxmon incidents --since -7d");
  command
      ->add_option("--since", incidents->since,
                   "Only incidents still open at or after this instant")
      ->type_name("T");
  command->add_option("--check", incidents->check, "Only this check")->type_name("C");
  command->callback([&options, &exit_code, incidents] {
    const Timestamp now = infra::runtime::SystemClock().now();
    std::optional<Timestamp> since;
    if (!incidents->since.empty()) {
      since = parse_time_argument(incidents->since, now);
      if (!since) {
        fmt::print(
            stderr,
            "nyxmon incidents: --since '{}' is not a time (use 2026-11-24T03:12:00Z or -7d)\n",
            incidents->since);
        exit_code = kExitUsage;
        return;
      }
    }
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon incidents: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const auto periods = fold_down_periods(reader->store().read_view(), incidents->check);
    if (!periods) {
      fmt::print(stderr, "nyxmon incidents: {}\n", periods.error().message);
      exit_code = kExitStore;
      return;
    }
    std::vector<const DownPeriod*> shown;
    for (const auto& period : *periods) {
      if (!since || !period.ended || *period.ended >= *since) shown.push_back(&period);
    }
    if (options.json)
      print_json(shown, now);
    else
      print_table(shown, now);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
