// command_tree.hpp — the `nyxmon` command line as data: every subcommand
// with its description and options, read from the same CLI11 app that
// parses arguments and prints --help, so that the man page and the shell
// completions generated from it never disagree with them.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace nyxmon::tools {

struct OptionDoc {
  std::vector<std::string> names;  // "--at", "-h"; empty for a positional
  std::string positional;          // "check" for a positional argument
  std::string value_name;          // "TIME"; empty for a flag
  std::string description;
  bool takes_check_id = false;  // completions offer the store's check ids
};

struct CommandDoc {
  std::string name;  // "check pause" below the root; "nyxmon" at the root
  std::string description;
  std::vector<OptionDoc> options;
  std::vector<CommandDoc> subcommands;
};

CommandDoc describe_commands(const CLI::App& app);

}  // namespace nyxmon::tools
