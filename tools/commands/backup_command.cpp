// nyxmon backup, nyxmon restore — hot backups of a store (through the
// running engine when there is one, so that it never stops) into a backup
// directory, and a backup restored into a new data directory.
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <optional>

#include "domain/model/time_text.hpp"
#include "infrastructure/eventstore/backup.hpp"
#include "infrastructure/eventstore/event_store.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;
using infra::eventstore::EventStore;

namespace {

struct BackupOptions {
  std::string to;
  std::size_t keep = 7;
  bool list = false;
};

struct RestoreOptions {
  std::string from;
  std::optional<std::uint32_t> backup;
};

// The running engine takes the backup; kUnavailable when none runs.
Result<EventStore::Backup> backup_through_engine(const std::filesystem::path& data,
                                                 const std::filesystem::path& to,
                                                 std::size_t keep) {
  if (!std::filesystem::exists(data / "nyxmon.sock"))
    return fail(Error::unavailable("no engine runs on " + data.string()));
  const std::string request = boost::json::serialize(
      boost::json::object{{"command", "backup"}, {"to", to.string()}, {"keep", keep}});
  auto answered = infra::runtime::send_control_request(data, request);
  if (!answered) return fail(std::move(answered.error()));
  boost::system::error_code error;
  const auto value = boost::json::parse(*answered, error);
  if (error || !value.is_object())
    return fail(Error::io("the engine answered something unreadable"));
  const auto& reply = value.as_object();
  if (!reply.at("ok").as_bool()) {
    const auto* why = reply.if_contains("error");
    return fail(Error::io(why && why->is_string() ? std::string(why->as_string())
                                                  : "the engine refused the backup"));
  }
  const auto& backup = reply.at("backup").as_object();
  const auto number = [&](std::string_view key) {
    return backup.at(key).to_number<std::uint64_t>();
  };
  return EventStore::Backup{static_cast<std::uint32_t>(number("id")), number("sequence"),
                            number("bytes"), static_cast<std::uint32_t>(number("files")),
                            static_cast<std::size_t>(number("kept"))};
}

int list(const std::filesystem::path& to, bool json) {
  auto listed = infra::eventstore::list_backups(to);
  if (!listed) {
    fmt::print(stderr, "nyxmon backup: {}\n", listed.error().message);
    return kExitUsage;
  }
  boost::json::array out;
  for (const auto& backup : *listed) {
    if (json) {
      out.push_back(boost::json::object{{"id", backup.id},
                                        {"taken_at", format_timestamp(backup.taken_at)},
                                        {"sequence", backup.sequence},
                                        {"bytes", backup.bytes}});
    } else {
      fmt::print("{:>4}  {}  events up to {}  {} bytes\n", backup.id,
                 format_timestamp(backup.taken_at), backup.sequence, backup.bytes);
    }
  }
  if (json) fmt::print("{}\n", boost::json::serialize(out));
  return kExitOk;
}

}  // namespace

void add_backup_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto backup = std::make_shared<BackupOptions>();
  CLI::App* command = app.add_subcommand(
      "backup",
      "Back the store up into a backup directory while the engine runs (through it; without\n"
      "an engine, from the store itself). Backups share the files they have in common, so each\n"
      "after the first copies only what is new; the newest --keep are kept. --list shows them.\n"
      "Example: nyxmon backup /var/backups/nyxmon --keep 14");
  command->add_option("to", backup->to, "The backup directory")->required()->type_name("DIR");
  command->add_option("--keep", backup->keep, "How many backups to keep (default 7)")
      ->type_name("N")
      ->check(CLI::Range(1, 10'000));
  command->add_flag("--list", backup->list, "List the backups in the directory instead");
  command->callback([&options, &exit_code, backup] {
    const auto to = std::filesystem::absolute(backup->to);
    if (backup->list) {
      exit_code = list(to, options.json);
      return;
    }
    const auto data = resolve_data_directory(options.data);
    auto made = backup_through_engine(data, to, backup->keep);
    if (!made && made.error().code == ErrorCode::kUnavailable) {
      auto store = EventStore::open(data, {.create_if_missing = false});
      if (!store) {
        fmt::print(stderr, "nyxmon backup: {}\n", store.error().message);
        exit_code = kExitStore;
        return;
      }
      made = (*store)->back_up(to, backup->keep);
    }
    if (!made) {
      fmt::print(stderr, "nyxmon backup: {}\n", made.error().message);
      exit_code = kExitStore;
      return;
    }
    if (options.json) {
      fmt::print("{}\n", boost::json::serialize(boost::json::object{{"id", made->id},
                                                                    {"sequence", made->sequence},
                                                                    {"bytes", made->bytes},
                                                                    {"files", made->files},
                                                                    {"kept", made->kept}}));
    } else {
      fmt::print("backup {} in {}: events up to {}, {} bytes in {} files; {} kept\n", made->id,
                 to.string(), made->sequence, made->bytes, made->files, made->kept);
    }
    exit_code = kExitOk;
  });

  auto restore = std::make_shared<RestoreOptions>();
  CLI::App* restore_command = app.add_subcommand(
      "restore",
      "Restore a backup (the newest, or --backup ID) into --data, which must hold no store.\n"
      "The API token is not in a backup: the restored engine makes a new one.\n"
      "Example: nyxmon restore /var/backups/nyxmon --data /var/lib/nyxmon-restored");
  restore_command->add_option("from", restore->from, "The backup directory")
      ->required()
      ->type_name("DIR");
  restore_command->add_option("--backup", restore->backup, "The backup's id (default: newest)")
      ->type_name("ID");
  restore_command->callback([&options, &exit_code, restore] {
    const auto data = resolve_data_directory(options.data);
    auto restored = infra::eventstore::restore_backup(restore->from, data, restore->backup);
    if (!restored) {
      fmt::print(stderr, "nyxmon restore: {}\n", restored.error().message);
      exit_code = restored.error().code == ErrorCode::kIo ? kExitStore : kExitUsage;
      return;
    }
    if (options.json) {
      fmt::print(
          "{}\n",
          boost::json::serialize(boost::json::object{
              {"id", restored->id}, {"sequence", restored->sequence}, {"data", data.string()}}));
    } else {
      fmt::print("restored backup {} ({}, events up to {}) into {}\n", restored->id,
                 format_timestamp(restored->taken_at), restored->sequence, data.string());
    }
    exit_code = kExitOk;
  });
}

}  // namespace nyxmon::tools
