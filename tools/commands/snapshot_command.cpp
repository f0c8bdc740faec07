// nyxmon snapshot — stores a snapshot of every projection at the head of
// the log, so that later reads (status --at, engine start) fold less.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "infrastructure/eventstore/projection_loader.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

void add_snapshot_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "snapshot",
      "Store a snapshot of the projections at the head of the log. A running engine takes its\n"
      "own (every engine.snapshot_every events and at stop), so this needs the engine stopped.\n"
      "Example: nyxmon snapshot --data /var/lib/nyxmon");
  command->callback([&options, &exit_code] {
    const auto data = resolve_data_directory(options.data);
    auto store = infra::eventstore::EventStore::open(data, {.create_if_missing = false});
    if (!store) {
      if (store.error().code == domain::ErrorCode::kUnavailable) {
        fmt::print(stderr,
                   "nyxmon snapshot: an engine runs on {}; it takes its own snapshots "
                   "(engine.snapshot_every, and at stop)\n",
                   data.string());
      } else {
        fmt::print(stderr, "nyxmon snapshot: {}\n", store.error().message);
      }
      exit_code = kExitStore;
      return;
    }
    const auto view = (*store)->read_view();
    Progress progress("folding events");
    auto loaded = infra::eventstore::load_projections(
        **store, view, std::nullopt,
        [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
    if (!loaded) {
      fmt::print(stderr, "nyxmon snapshot: {}\n", loaded.error().message);
      exit_code = kExitStore;
      return;
    }
    if (auto saved = infra::eventstore::save_snapshot(**store, loaded->projections); !saved) {
      fmt::print(stderr, "nyxmon snapshot: {}\n", saved.error().message);
      exit_code = kExitStore;
      return;
    }
    if (options.json)
      fmt::print("{{\"ok\":true,\"sequence\":{}}}\n", loaded->projections.checkpoint());
    else
      fmt::print("snapshot at sequence {} ({} events folded since the previous one)\n",
                 loaded->projections.checkpoint(), loaded->events_folded);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
