// nyxmon import — a log exported by nyxmon export into a new, empty store,
// with the same sequences, streams, versions, times and payloads.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>

#include "infrastructure/eventstore/event_store.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/event_jsonl.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

constexpr std::size_t kEventsPerBatch = 4096;

}  // namespace

void add_import_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand(
      "import",
      "Load an export (nyxmon export) into a new, empty store: sequences, streams, versions,\n"
      "times and payloads stay identical. Refuses a store that already holds events.\n"
      "Example: nyxmon --data ./restored import nyxmon-2026-11-25.jsonl");
  command->add_option("file", *file, "The export (JSON lines)")->required()->type_name("FILE");
  command->callback([&options, &exit_code, file] {
    std::ifstream in(*file);
    if (!in) {
      fmt::print(stderr, "nyxmon import: cannot read {}\n", *file);
      exit_code = kExitUsage;
      return;
    }
    const auto data = resolve_data_directory(options.data);
    auto store = infra::eventstore::EventStore::open(
        data, {.durability = infra::eventstore::Durability::kAsync});
    if (!store) {
      fmt::print(stderr, "nyxmon import: {}\n", store.error().message);
      exit_code = kExitStore;
      return;
    }
    if ((*store)->head() != 0) {
      fmt::print(stderr, "nyxmon import: {} already holds {} events; import into a new directory\n",
                 data.string(), (*store)->head());
      exit_code = kExitUsage;
      return;
    }
    const auto total_bytes = std::filesystem::file_size(*file);
    Progress progress("importing");
    std::vector<infra::eventstore::AppendRequest> batch;
    std::uint64_t expected_sequence = 1;
    std::size_t line_number = 0;
    auto flush = [&]() -> bool {
      if (batch.empty()) return true;
      auto appended = (*store)->append_all(batch);
      if (!appended) {
        fmt::print(stderr, "nyxmon import: {}\n", appended.error().message);
        return false;
      }
      batch.clear();
      return true;
    };
    std::string line;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      auto record = from_jsonl(line);
      if (!record) {
        fmt::print(stderr, "nyxmon import: {}:{}: {}; nothing after line {} was imported\n", *file,
                   line_number, record.error().message, line_number - 1);
        flush();
        exit_code = kExitUsage;
        return;
      }
      if (record->sequence != expected_sequence) {
        fmt::print(stderr,
                   "nyxmon import: {}:{}: sequence {} where {} was expected: the export has gaps "
                   "(retention removed events, or lines are missing), and import keeps sequences "
                   "only for a gapless log; nothing after line {} was imported\n",
                   *file, line_number, record->sequence, expected_sequence, line_number - 1);
        flush();
        exit_code = kExitUsage;
        return;
      }
      ++expected_sequence;
      batch.push_back(
          {record->stream,
           infra::eventstore::ExpectedVersion::exactly(record->stream_version - 1),
           {infra::eventstore::NewEvent{record->type_tag, record->schema_version,
                                        record->recorded_at_ns, std::move(record->payload)}}});
      if (batch.size() == kEventsPerBatch) {
        if (!flush()) {
          exit_code = kExitStore;
          return;
        }
        progress.update(static_cast<std::uint64_t>(in.tellg()), total_bytes);
      }
    }
    if (!flush() || !(*store)->flush()) {
      exit_code = kExitStore;
      return;
    }
    if (!options.json)
      fmt::print("imported {} events into {}\n", expected_sequence - 1, data.string());
    else
      fmt::print("{{\"ok\":true,\"events\":{}}}\n", expected_sequence - 1);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
