// completions.hpp — bash and zsh completion scripts for `nyxmon`,
// generated from the command tree: subcommands, their options, and check
// ids where a command takes one (asked of `nyxmon completion ids`, which
// reads the store when one is reachable, quietly nothing otherwise).
#pragma once

#include <string>

#include "tools/cli/command_tree.hpp"

namespace nyxmon::tools {

std::string bash_completion(const CommandDoc& root);
std::string zsh_completion(const CommandDoc& root);

}  // namespace nyxmon::tools
