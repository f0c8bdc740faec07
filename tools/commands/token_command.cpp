// nyxmon token — prints a fresh random push token for a heartbeat check's
// configuration (heartbeat: { token: ... }).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "infrastructure/api/push_token.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

void add_token_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "token",
      "Print a new random push token (192 bits, 32 URL-safe characters) for a heartbeat "
      "check.\nPut it in the configuration; the job then pings /ping/<token>.\n"
      "Example: nyxmon token   →   heartbeat: { period: 1d, grace: 1h, token: <it> }");
  command->callback([&options, &exit_code] {
    auto token = infra::api::generate_push_token();
    if (!token) {
      fmt::print(stderr, "nyxmon token: {}\n", token.error().message);
      exit_code = exit_code_for(token.error());
      return;
    }
    if (options.json)
      fmt::print("{}\n", boost::json::serialize(boost::json::object{{"token", *token}}));
    else
      fmt::print("{}\n", *token);
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
