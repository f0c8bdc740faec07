// nyxmon man, nyxmon completion, nyxmon schema — the manual page and the
// shell completions, generated from the command line's own definition, and
// the configuration's JSON Schema, from the loader's own fields.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "infrastructure/config/config_schema.hpp"
#include "tools/cli/command_tree.hpp"
#include "tools/cli/completions.hpp"
#include "tools/cli/current_state.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/man_page.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

void add_docs_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* man = app.add_subcommand(
      "man",
      "Print the manual page nyxmon(1) in roff, made from the same definitions as --help.\n"
      "Example: nyxmon man | man -l -");
  man->callback([&app, &exit_code] {
    fmt::print("{}", man_page(describe_commands(app), NYXMON_VERSION_STRING));
    exit_code = kExitOk;
  });

  CLI::App* schema = app.add_subcommand(
      "schema",
      "Print the configuration's JSON Schema, made from the loader's own fields, for editors:\n"
      "a first line '# yaml-language-server: $schema=/usr/share/nyxmon/nyxmon.schema.json'.\n"
      "Example: nyxmon schema > nyxmon.schema.json");
  schema->callback([&exit_code] {
    fmt::print("{}", infra::config::config_schema_json());
    exit_code = kExitOk;
  });

  CLI::App* completion = app.add_subcommand(
      "completion",
      "Print a completion script for bash or zsh: subcommands, options, and check ids from\n"
      "the store (`ids` prints those, one a line).\n"
      "Example: nyxmon completion bash > /etc/bash_completion.d/nyxmon");
  auto shell = std::make_shared<std::string>();
  completion->add_option("shell", *shell, "bash, zsh, or ids")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "ids"}));
  completion->callback([&app, &options, &exit_code, shell] {
    if (*shell == "bash") {
      fmt::print("{}", bash_completion(describe_commands(app)));
    } else if (*shell == "zsh") {
      fmt::print("{}", zsh_completion(describe_commands(app)));
    } else {
      auto state = load_current_state(resolve_data_directory(options.data));
      if (!state) {
        fmt::print(stderr, "nyxmon completion: {}\n", state.error().message);
        exit_code = kExitStore;
        return;
      }
      for (const auto* check : state->checks().all()) {
        if (!check->removed) fmt::print("{}\n", check->spec->id.value);
      }
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
