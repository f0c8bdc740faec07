// nyxmon incidents — down periods of checks: when each started, why, and
// when (if yet) it ended. Folded from the whole log's status changes.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <map>

#include "domain/model/duration_text.hpp"
#include "infrastructure/eventstore/domain_codec.hpp"
#include "infrastructure/runtime/system_clock.hpp"
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
};

}  // namespace

void add_incidents_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto incidents = std::make_shared<IncidentsOptions>();
  CLI::App* command =
      app.add_subcommand("incidents",
                         "Down periods of checks: start, end (or ongoing), duration and cause.\n"
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
    const auto view = reader->store().read_view();
    std::vector<DownPeriod> periods;
    std::map<std::string, std::size_t> open;
    std::uint64_t next = 1;
    while (true) {
      auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
        next = record.sequence + 1;
        if (record.type_tag != CheckStatusChanged::kTag) return true;
        auto envelope = infra::eventstore::DomainCodec::instance().decode(record);
        if (!envelope) return true;
        const auto& changed = std::get<CheckStatusChanged>(envelope->event);
        if (!incidents->check.empty() && changed.check.value != incidents->check) return true;
        auto it = open.find(changed.check.value);
        if (changed.to == Status::kDown && it == open.end()) {
          open.emplace(changed.check.value, periods.size());
          periods.push_back(
              {changed.check.value, envelope->recorded_at, std::nullopt, changed.reason});
        } else if (changed.to != Status::kDown && it != open.end()) {
          periods[it->second].ended = envelope->recorded_at;
          open.erase(it);
        }
        return true;
      });
      if (!visited) {
        fmt::print(stderr, "nyxmon incidents: {}\n", visited.error().message);
        exit_code = kExitStore;
        return;
      }
      if (*visited == 0) break;
    }
    if (!options.json)
      fmt::print("{:<24} {:<24} {:<24} {:>10}  {}\n", "CHECK", "STARTED", "ENDED", "DURATION",
                 "CAUSE");
    for (const auto& period : periods) {
      if (since && period.ended && *period.ended < *since) continue;
      const Duration length = period.ended.value_or(now) - period.started;
      const std::string took = describe(std::chrono::duration_cast<std::chrono::seconds>(length));
      if (options.json) {
        boost::json::object line{{"check", period.check},
                                 {"started", format_time(period.started)},
                                 {"duration_s", std::chrono::duration<double>(length).count()},
                                 {"cause", period.cause}};
        line["ended"] = period.ended ? boost::json::value(format_time(*period.ended))
                                     : boost::json::value(nullptr);
        fmt::print("{}\n", boost::json::serialize(line));
      } else {
        fmt::print("{:<24} {:<24} {:<24} {:>10}  {}\n", period.check, format_time(period.started),
                   period.ended ? format_time(*period.ended) : "ongoing", took, period.cause);
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
