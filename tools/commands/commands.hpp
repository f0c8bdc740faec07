// commands.hpp — the subcommands of `nyxmon`, each registered on the app by
// one function. A registered command's callback sets the process exit code
// through the shared CommandResult.
#pragma once

#include <string>

namespace CLI {
class App;
}

namespace nyxmon::tools {

struct GlobalOptions {
  std::string data;   // --data, empty when not given
  bool json = false;  // --json
};

void add_verify_command(CLI::App& app, GlobalOptions& options, int& exit_code);
// `man` and `completion`: generated from `app` as it stands when they run.
void add_docs_command(CLI::App& app, GlobalOptions& options, int& exit_code);
// `backup` and `restore`.
void add_backup_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_run_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_ping_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_status_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_events_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_history_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_replay_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_incidents_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_uptime_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_check_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_apply_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_export_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_import_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_snapshot_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_whatif_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_compact_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_repair_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_token_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_ack_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_maintenance_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_silence_command(CLI::App& app, GlobalOptions& options, int& exit_code);
void add_notify_command(CLI::App& app, GlobalOptions& options, int& exit_code);

}  // namespace nyxmon::tools
