#include "tools/cli/unknown_command.hpp"

#include <CLI/CLI.hpp>

namespace nyxmon::tools {

std::optional<std::string> unknown_command_message(CLI::App& app) {
  // The innermost command the parse reached, as typed: "nyxmon check".
  CLI::App* at = &app;
  std::string typed = "nyxmon";
  for (auto parsed = at->get_subcommands(); !parsed.empty(); parsed = at->get_subcommands()) {
    at = parsed.front();
    typed += " " + at->get_name();
  }
  if (at->get_require_subcommand_min() == 0) return std::nullopt;
  // Where a command is required, the first word no option or command took
  // is the command meant.
  for (const std::string& word : app.remaining(true)) {
    if (word.empty() || word.front() == '-') continue;
    std::string commands;
    for (const CLI::App* command : at->get_subcommands([](CLI::App*) { return true; }))
      commands += (commands.empty() ? "" : ", ") + command->get_name();
    return "unknown command '" + word + "'; the commands of " + typed + " are " + commands +
           " (see " + typed + " --help)";
  }
  return std::nullopt;
}

}  // namespace nyxmon::tools
