// man_page.hpp — nyxmon(1) in roff, generated from the command tree (every
// subcommand and option as --help gives them) with the exit codes, files,
// environment and signals the engine and the CLI use. `nyxmon man` prints
// it; the build installs it.
#pragma once

#include <string>
#include <string_view>

#include "tools/cli/command_tree.hpp"

namespace nyxmon::tools {

std::string man_page(const CommandDoc& root, std::string_view version);

}  // namespace nyxmon::tools
