// nyxmon ping — records a heartbeat of a heartbeat check, through the
// running engine when there is one, else straight into the store.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/number_argument.hpp"
#include "tools/cli/write_command.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

struct PingOptions {
  std::string check;
  bool start = false;
  bool fail = false;
  std::optional<int> exit_code;
};

}  // namespace

void add_ping_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto ping = std::make_shared<PingOptions>();
  CLI::App* command = app.add_subcommand(
      "ping",
      "Record a heartbeat of a heartbeat check (success by default), healthchecks.io style.\n"
      "Example: backup.sh && nyxmon ping nightly-backup || nyxmon ping nightly-backup --fail");
  command->add_option("check", ping->check, "The heartbeat check")->required();
  auto* start = command->add_flag("--start", ping->start,
                                  "The job started; a success must follow within the grace");
  auto* fail = command->add_flag("--fail", ping->fail, "The job failed");
  auto* code = command
                   ->add_option("--exit-code", ping->exit_code,
                                "The job's exit code: 0 success, else failure")
                   ->check(whole_number("an exit code", 0, 255));
  start->excludes(fail)->excludes(code);
  fail->excludes(code);
  command->callback([&options, &exit_code, ping] {
    boost::json::object request{{"command", "ping"}, {"check", ping->check}, {"source", "cli"}};
    if (ping->start) request["signal"] = "start";
    if (ping->fail) request["signal"] = "fail";
    if (ping->exit_code) request["exit_code"] = *ping->exit_code;
    auto outcome = run_write_command(resolve_data_directory(options.data), request);
    if (!outcome) {
      fmt::print(stderr, "nyxmon ping: {}\n", outcome.error().message);
      exit_code = exit_code_for(outcome.error());
      return;
    }
    if (options.json) fmt::print("{{\"ok\":true,\"events\":{}}}\n", *outcome);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
