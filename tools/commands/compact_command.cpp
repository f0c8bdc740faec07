// nyxmon compact — retention by hand: removes run events older than a span
// (after a snapshot at the horizon), records HistoryTruncated, and lets
// RocksDB reclaim the space. A running engine does this itself when
// engine.keep_results is set.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "domain/model/duration_text.hpp"
#include "infrastructure/eventstore/retention.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

void add_compact_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto keep = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "compact",
      "Remove run events (scheduled, results, heartbeats) older than --keep-results, after a\n"
      "snapshot at that horizon; definitions, status changes, incidents and notifications stay.\n"
      "Needs the engine stopped: a running engine applies engine.keep_results itself.\n"
      "Example: nyxmon compact --keep-results 30d");
  command->add_option("--keep-results", *keep, "How much run history to keep (30d, 12h, ...)")
      ->required()
      ->type_name("SPAN");
  command->callback([&options, &exit_code, keep] {
    const auto span = domain::parse_duration(*keep);
    if (!span || *span <= domain::Duration::zero()) {
      fmt::print(stderr, "nyxmon compact: --keep-results '{}' is not a span (use 30d, 12h, 90m)\n",
                 *keep);
      exit_code = kExitUsage;
      return;
    }
    const auto data = resolve_data_directory(options.data);
    auto store = infra::eventstore::EventStore::open(data, {.create_if_missing = false});
    if (!store) {
      if (store.error().code == domain::ErrorCode::kUnavailable) {
        fmt::print(stderr,
                   "nyxmon compact: an engine runs on {}; set engine.keep_results in its "
                   "configuration and it compacts hourly, or stop it first\n",
                   data.string());
      } else {
        fmt::print(stderr, "nyxmon compact: {}\n", store.error().message);
      }
      exit_code = kExitStore;
      return;
    }
    const auto now = infra::runtime::SystemClock().now();
    Progress progress("removing run events");
    auto report = infra::eventstore::truncate_history(
        **store, now - *span, now,
        [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
    if (!report) {
      fmt::print(stderr, "nyxmon compact: {}\n", report.error().message);
      exit_code = kExitStore;
      return;
    }
    if (auto compacted = (*store)->compact(); !compacted) {
      fmt::print(stderr, "nyxmon compact: {}\n", compacted.error().message);
      exit_code = kExitStore;
      return;
    }
    if (options.json) {
      fmt::print("{{\"removed\":{},\"before_sequence\":{}}}\n", report->removed,
                 report->before_sequence);
    } else if (!report->recorded) {
      fmt::print("nothing older than {} to remove\n", domain::describe(*span));
    } else {
      fmt::print(
          "removed {} run events below sequence {} (older than {}); a snapshot keeps the "
          "state at the horizon\n",
          report->removed, report->before_sequence, domain::describe(*span));
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
