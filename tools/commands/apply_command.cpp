// nyxmon apply — makes the engine's definitions match a configuration file
// (define, redefine, remove), through the running engine when there is one;
// --dry-run prints the events it would append and writes nothing.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/eventstore/event_summary.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/current_state.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/dry_run_log.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/write_command.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct ApplyOptions {
  std::string file;
  bool dry_run = false;
};

void dry_run(const GlobalOptions& options, const infra::config::EngineConfig& config,
             int& exit_code) {
  auto state = load_current_state(resolve_data_directory(options.data));
  if (!state) {
    fmt::print(stderr, "nyxmon apply: {}\n", state.error().message);
    exit_code = exit_code_for(state.error());
    return;
  }
  const auto commands = infra::config::reconcile(config, *state);
  DryRunLog log(state->checkpoint());
  MessageBus bus(log, *state);
  const BatchResult batch = bus.dispatch(commands, infra::runtime::SystemClock().now());
  for (const auto& outcome : batch.outcomes) {
    if (!outcome.accepted()) {
      fmt::print(stderr, "nyxmon apply: would be refused: {}\n", outcome.why());
      exit_code = kExitUsage;
      return;
    }
  }
  for (const Envelope& envelope : batch.appended) {
    if (options.json) {
      fmt::print("{}\n", boost::json::serialize(boost::json::object{
                             {"stream", envelope.stream},
                             {"type", name_of(envelope.event)},
                             {"summary", infra::eventstore::summarize(envelope.event)}}));
    } else {
      fmt::print("{:<22} {:<21} {}\n", envelope.stream, name_of(envelope.event),
                 infra::eventstore::summarize(envelope.event));
    }
  }
  if (!options.json) {
    fmt::print("dry run: {} event{} would be appended; nothing was written\n",
               batch.appended.size(), batch.appended.size() == 1 ? "" : "s");
  }
  exit_code = kExitOk;
}

}  // namespace

void add_apply_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto apply = std::make_shared<ApplyOptions>();
  CLI::App* command = app.add_subcommand(
      "apply",
      "Make the definitions match a configuration file: define what is new, redefine what\n"
      "changed, remove what is gone. Goes through the running engine when there is one.\n"
      "--dry-run prints the events it would append and writes nothing.\n"
      "Example: nyxmon apply -f checks.yaml --dry-run");
  command->add_option("-f,--file", apply->file, "The configuration file")
      ->required()
      ->type_name("FILE");
  command->add_flag("--dry-run", apply->dry_run, "Print the events; write nothing");
  command->callback([&options, &exit_code, apply] {
    std::ifstream in(apply->file);
    if (!in) {
      fmt::print(stderr, "nyxmon apply: cannot read {}\n", apply->file);
      exit_code = kExitUsage;
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    auto config = infra::config::parse_config(text.str(), apply->file);
    if (!config) {
      fmt::print(stderr, "{}\n", config.error().message);
      exit_code = kExitUsage;
      return;
    }
    if (apply->dry_run) return dry_run(options, *config, exit_code);
    auto outcome =
        run_write_command(resolve_data_directory(options.data),
                          {{"command", "apply"}, {"config", text.str()}, {"source", apply->file}});
    if (!outcome) {
      fmt::print(stderr, "nyxmon apply: {}\n", outcome.error().message);
      exit_code = exit_code_for(outcome.error());
      return;
    }
    if (options.json)
      fmt::print("{{\"ok\":true,\"events\":{}}}\n", *outcome);
    else
      fmt::print("applied {}: {} event{} recorded\n", apply->file, *outcome,
                 *outcome == 1 ? "" : "s");
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
