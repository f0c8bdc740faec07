// unknown_command.hpp — `nyxmon frobnicate` is a mistyped command, not a
// missing one. After a failed parse, names the word that is not a command
// of the app (or of a command that needs one, like `check`) and lists the
// commands there are.
#pragma once

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace nyxmon::tools {

// "unknown command 'frobnicate'; the commands are run, ping, ... (see
// nyxmon --help)", or nullopt when the failure was something else. Call it
// only after app.parse() threw.
std::optional<std::string> unknown_command_message(CLI::App& app);

}  // namespace nyxmon::tools
