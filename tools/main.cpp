// nyxmon — the command-line entry point: parses arguments, runs one
// subcommand, and turns every failure into one clear line and an exit code.
#include <fmt/format.h>
#include <sys/stat.h>
#include <CLI/CLI.hpp>

#include "tools/cli/exit_code.hpp"
#include "tools/cli/unknown_command.hpp"
#include "tools/commands/commands.hpp"

int main(int argc, char** argv) {
  using namespace nyxmon::tools;
  // A store holds heartbeat tokens, notifier URLs and the API token: nothing
  // nyxmon creates (store files, exports, copies) is for other users.
  ::umask(0077);
  CLI::App app{
      "nyxmon — a monitoring engine that records every decision as an event.\n"
      "Exit codes: 0 ok, 1 usage or input error, 2 store problem, 3 something is down "
      "(status)."};
  app.set_version_flag("--version", std::string(NYXMON_VERSION_STRING));
  app.require_subcommand(1);
  app.fallthrough();  // global options may follow the subcommand
  GlobalOptions options;
  app.add_option("--data", options.data,
                 "Store directory (default: $NYXMON_DATA, else ./nyxmon-data)")
      ->type_name("DIR");
  app.add_flag("--json", options.json, "Machine-readable JSON output");

  int exit_code = kExitOk;
  add_run_command(app, options, exit_code);
  add_ping_command(app, options, exit_code);
  add_status_command(app, options, exit_code);
  add_events_command(app, options, exit_code);
  add_history_command(app, options, exit_code);
  add_replay_command(app, options, exit_code);
  add_incidents_command(app, options, exit_code);
  add_uptime_command(app, options, exit_code);
  add_verify_command(app, options, exit_code);
  add_check_command(app, options, exit_code);
  add_ack_command(app, options, exit_code);
  add_maintenance_command(app, options, exit_code);
  add_silence_command(app, options, exit_code);
  add_notify_command(app, options, exit_code);
  add_apply_command(app, options, exit_code);
  add_export_command(app, options, exit_code);
  add_import_command(app, options, exit_code);
  add_snapshot_command(app, options, exit_code);
  add_whatif_command(app, options, exit_code);
  add_compact_command(app, options, exit_code);
  add_repair_command(app, options, exit_code);
  add_token_command(app, options, exit_code);
  add_backup_command(app, options, exit_code);
  add_docs_command(app, options, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    if (auto unknown = unknown_command_message(app)) {
      fmt::print(stderr, "nyxmon: {}\n", *unknown);
    } else {
      fmt::print(stderr, "nyxmon: {} (see nyxmon --help)\n", error.what());
    }
    return kExitUsage;
  } catch (const std::exception& error) {
    fmt::print(stderr, "nyxmon: internal error: {}\n", error.what());
    return kExitStore;
  }
  return exit_code;
}
