// nyxmon verify — walks the whole log and stream index and reports damage.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

void add_verify_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "verify",
      "Check every stored event's checksum, the sequence for gaps, the stream index, and that\n"
      "the log reaches its high-water mark (a write-ahead log deleted or cut short does not).\n"
      "Losses recorded by nyxmon repair are listed as notes, not problems.\n"
      "Example: nyxmon verify --data /var/lib/nyxmon");
  command->callback([&options, &exit_code] {
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon verify: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    Progress progress("verifying");
    auto report = reader->store().verify(
        [&progress](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
    if (!report) {
      fmt::print(stderr, "nyxmon verify: {}\n", report.error().message);
      exit_code = kExitStore;
      return;
    }
    if (options.json) {
      boost::json::array problems;
      for (const auto& problem : report->problems) {
        problems.push_back(boost::json::object{
            {"sequence", problem.sequence}, {"stream", problem.stream}, {"what", problem.what}});
      }
      boost::json::array losses;
      for (const auto& lost : report->recorded_losses) {
        losses.push_back(boost::json::object{{"first_sequence", lost.first_sequence},
                                             {"last_sequence", lost.last_sequence},
                                             {"recorded_at", format_time(lost.recorded_at)},
                                             {"reason", lost.reason}});
      }
      const boost::json::object out{{"ok", report->ok()},
                                    {"events_checked", report->events_checked},
                                    {"index_entries_checked", report->index_entries_checked},
                                    {"problems", std::move(problems)},
                                    {"recorded_losses", std::move(losses)}};
      fmt::print("{}\n", boost::json::serialize(out));
    } else {
      for (const auto& lost : report->recorded_losses) {
        fmt::print("note: events {}-{} were lost ({}); recorded by nyxmon repair at {}\n",
                   lost.first_sequence, lost.last_sequence, lost.reason,
                   format_time(lost.recorded_at));
      }
      for (const auto& problem : report->problems) {
        fmt::print("event {}{}: {}\n", problem.sequence,
                   problem.stream.empty() ? "" : " (stream " + problem.stream + ")", problem.what);
      }
      fmt::print(
          "{} events and {} index entries checked: {}\n", report->events_checked,
          report->index_entries_checked,
          report->ok() ? "no problems" : fmt::format("{} problem(s)", report->problems.size()));
    }
    exit_code = report->ok() ? kExitOk : kExitStore;
  });
}

}  // namespace nyxmon::tools
