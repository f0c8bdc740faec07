// nyxmon export — the whole log as JSON lines (tools/cli/event_jsonl.hpp),
// to stdout or a file; works beside a running engine.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>

#include "tools/cli/data_directory.hpp"
#include "tools/cli/event_jsonl.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

struct ExportOptions {
  std::string format = "jsonl";
  std::string output;
};

}  // namespace

void add_export_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto exported = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export",
      "Write every event of the log, in order, one JSON object per line (payloads in base64),\n"
      "as nyxmon import reads it back.\n"
      "Example: nyxmon export --output nyxmon-2026-11-25.jsonl");
  command->add_option("--format", exported->format, "Only jsonl")->check(CLI::IsMember({"jsonl"}));
  command->add_option("-o,--output", exported->output, "File to write (default: stdout)")
      ->type_name("FILE");
  command->callback([&options, &exit_code, exported] {
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon export: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    std::FILE* out = stdout;
    if (!exported->output.empty()) {
      out = std::fopen(exported->output.c_str(), "w");
      if (!out) {
        fmt::print(stderr, "nyxmon export: cannot write {}\n", exported->output);
        exit_code = kExitUsage;
        return;
      }
    }
    const auto view = reader->store().read_view();
    Progress progress("exporting");
    std::uint64_t next = 1;
    for (;;) {
      auto visited = view.scan(next, 65536, [&](const infra::eventstore::RecordView& record) {
        fmt::print(out, "{}\n", to_jsonl(record));
        next = record.sequence + 1;
        return true;
      });
      if (!visited) {
        fmt::print(stderr, "nyxmon export: {}\n", visited.error().message);
        exit_code = kExitStore;
        if (out != stdout) std::fclose(out);
        return;
      }
      progress.update(next - 1, view.head());
      if (*visited == 0) break;
    }
    if (out != stdout && std::fclose(out) != 0) {
      fmt::print(stderr, "nyxmon export: cannot finish writing {}\n", exported->output);
      exit_code = kExitStore;
      return;
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
