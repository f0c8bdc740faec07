// nyxmon repair — salvages a damaged store: keeps every intact event and
// records what is lost, so that the engine starts again and no lost sequence
// is ever used for another event.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "infrastructure/eventstore/repair.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

std::string range_text(const infra::eventstore::LostRange& range) {
  return range.count() == 1
             ? "event " + std::to_string(range.first_sequence)
             : "events " + std::to_string(range.first_sequence) + "-" +
                   std::to_string(range.last_sequence) + " (" + std::to_string(range.count()) + ")";
}

void print_json(const infra::eventstore::RepairReport& report) {
  boost::json::array lost;
  for (const auto& range : report.lost) {
    lost.push_back(boost::json::object{{"first_sequence", range.first_sequence},
                                       {"last_sequence", range.last_sequence},
                                       {"reason", range.reason}});
  }
  fmt::print("{}\n",
             boost::json::serialize(boost::json::object{{"damage", report.damage},
                                                        {"wal_copy", report.wal_copy.string()},
                                                        {"lost", std::move(lost)},
                                                        {"recorded_from", report.recorded_from},
                                                        {"intact", report.intact}}));
}

void print_text(const infra::eventstore::RepairReport& report) {
  if (!report.damage.empty()) fmt::print("found: {}\n", report.damage);
  if (!report.wal_copy.empty())
    fmt::print("a copy of the damaged write-ahead log is in {}\n", report.wal_copy.string());
  for (const auto& range : report.lost)
    fmt::print("lost: {}: {}\n", range_text(range), range.reason);
  if (report.lost.empty()) {
    fmt::print("nothing is lost; {} events are intact\n", report.intact);
  } else {
    fmt::print(
        "recorded as EventsLost from sequence {}; {} intact events kept; those sequences will "
        "never be used again\n",
        report.recorded_from, report.intact);
  }
}

}  // namespace

void add_repair_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "repair",
      "Salvage a store that the engine refuses to open (a damaged or lost write-ahead log, a\n"
      "record that fails its checksum): keep every intact event, record each lost range as an\n"
      "EventsLost event so that no lost sequence is ever used again, and keep a copy of a\n"
      "damaged write-ahead log beside the store. Needs the engine stopped.\n"
      "Example: nyxmon repair --data /var/lib/nyxmon");
  command->callback([&options, &exit_code] {
    const auto data = resolve_data_directory(options.data);
    Progress progress("checking events");
    auto report = infra::eventstore::repair_store(
        data, infra::runtime::SystemClock().now(),
        [&progress](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
    if (!report) {
      if (report.error().code == domain::ErrorCode::kUnavailable) {
        fmt::print(stderr, "nyxmon repair: an engine runs on {}; stop it first\n", data.string());
      } else {
        fmt::print(stderr, "nyxmon repair: {}\n", report.error().message);
      }
      exit_code = kExitStore;
      return;
    }
    if (options.json)
      print_json(*report);
    else
      print_text(*report);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
