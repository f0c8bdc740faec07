// nyxmon maintenance — maintenance windows: add one ad hoc, list them, end
// one early. Writes go through the running engine when there is one, like
// every write; list reads the log.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "infrastructure/api/api_json.hpp"
#include "infrastructure/config/ad_hoc_id.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/current_state.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/cli/user_name.hpp"
#include "tools/cli/write_command.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace json = boost::json;
using namespace nyxmon::domain;

namespace {

struct AddOptions {
  std::string id;
  std::vector<std::string> checks, services, every;
  bool all = false;
  std::string start, end, span, at, time_zone, comment;
};

json::array texts(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& value : values)
    out.emplace_back(value);
  return out;
}

void add_subcommand_add(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  auto add = std::make_shared<AddOptions>();
  CLI::App* command = parent.add_subcommand(
      "add",
      "Define a maintenance window: while it is open, covered checks still run and are recorded,\n"
      "but a status that goes bad becomes 'maintenance' and nobody is paged. When it ends on a\n"
      "check still failing, the normal rules resume and notify once. One-off (--start, default\n"
      "now; --for or --end) or weekly (--every, --at, --tz, --for).\n"
      "Examples: nyxmon maintenance add --service shop --for 2h --comment \"db upgrade\"\n"
      "          nyxmon maintenance add --id backups --check db --every sat,sun --at 02:00 \\\n"
      "            --tz Europe/Berlin --for 1h");
  command->add_option("--id", add->id, "Its name (default m-YYYYMMDD-HHMMSS)")->type_name("ID");
  command->add_option("--check", add->checks, "A check it covers (repeatable)")->type_name("CHECK");
  command->add_option("--service", add->services, "A service whose checks it covers (repeatable)")
      ->type_name("SERVICE");
  command->add_flag("--all", add->all, "Cover every check");
  command->add_option("--start", add->start, "When it opens: RFC 3339, or now (default)")
      ->type_name("TIME");
  command->add_option("--end", add->end, "When it closes: RFC 3339")->type_name("TIME");
  command->add_option("--for", add->span, "How long it (each occurrence) lasts: 30m, 2h")
      ->type_name("SPAN");
  command->add_option("--every", add->every, "Weekly on these days: mon,tue,...,sun")
      ->delimiter(',')
      ->type_name("DAYS");
  command->add_option("--at", add->at, "Weekly: the local time it opens, HH:MM")
      ->type_name("HH:MM");
  command->add_option("--tz", add->time_zone, "Weekly: an IANA time zone (Europe/Berlin, UTC)")
      ->type_name("ZONE");
  command->add_option("--comment", add->comment, "Why, for the record")->type_name("TEXT");
  command->callback([&options, &exit_code, add] {
    const Timestamp now = infra::runtime::SystemClock().now();
    const std::string id = add->id.empty() ? infra::config::ad_hoc_id("m", now) : add->id;
    json::object request{{"command", "maintenance_add"},
                         {"id", id},
                         {"by", user_name()},
                         {"all", add->all},
                         {"checks", texts(add->checks)},
                         {"services", texts(add->services)},
                         {"every", texts(add->every)},
                         {"comment", add->comment}};
    // --start and --end take what other commands take (-2h, now).
    if (!put_time_arguments(request, "maintenance add",
                            {{"--start", add->start, "start"}, {"--end", add->end, "end"}}, now)) {
      exit_code = kExitUsage;
      return;
    }
    if (!add->span.empty()) request["duration"] = add->span;
    if (!add->at.empty()) request["at"] = add->at;
    if (!add->time_zone.empty()) request["time_zone"] = add->time_zone;
    exit_code = write_and_report(resolve_data_directory(options.data), request, "maintenance add",
                                 options.json, "maintenance window " + id + " defined",
                                 json::object{{"window", id}});
  });
}

void add_subcommand_list(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  CLI::App* command =
      parent.add_subcommand("list", "The maintenance windows: open ones, then the others.");
  command->callback([&options, &exit_code] {
    auto state = load_current_state(resolve_data_directory(options.data));
    if (!state) {
      fmt::print(stderr, "nyxmon maintenance list: {}\n", state.error().message);
      exit_code = kExitStore;
      return;
    }
    const Timestamp now = infra::runtime::SystemClock().now();
    std::vector<const MaintenanceRecord*> windows;
    for (const MaintenanceRecord* window : state->maintenance().all()) {
      if (!window->removed) windows.push_back(window);
    }
    std::stable_partition(windows.begin(), windows.end(),
                          [](const MaintenanceRecord* window) { return window->open; });
    if (!options.json && windows.empty()) fmt::print("no maintenance windows\n");
    for (const MaintenanceRecord* window : windows) {
      const json::object shown = infra::api::maintenance_json(*window, now);
      if (options.json) {
        fmt::print("{}\n", json::serialize(shown));
        continue;
      }
      std::string state_text = "closed";
      if (window->open) {
        state_text = "OPEN until " + format_time(window->ends_at);
      } else if (shown.at("next_start").is_string()) {
        state_text = "next " + std::string(shown.at("next_start").as_string());
      } else if (!window->spec.weekly) {
        state_text = "over";
      }
      fmt::print("{:<24} {:<36} {}{}\n", window->spec.id.value, state_text, describe(window->spec),
                 window->spec.comment.empty() ? "" : " — " + window->spec.comment);
    }
    exit_code = kExitOk;
  });
}

void add_subcommand_end(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  auto window = std::make_shared<std::string>();
  CLI::App* command = parent.add_subcommand(
      "end",
      "End a window's open occurrence now (a one-off made ad hoc is then gone; one that has not\n"
      "begun is cancelled). Checks still failing in it go down and notify once.\n"
      "Example: nyxmon maintenance end db-upgrade");
  command->add_option("window", *window, "The window")->required();
  command->callback([&options, &exit_code, window] {
    json::object request{{"command", "maintenance_end"}, {"window", *window}, {"by", user_name()}};
    exit_code = write_and_report(resolve_data_directory(options.data), request, "maintenance end",
                                 options.json, "maintenance window " + *window + " ended");
  });
}

}  // namespace

void add_maintenance_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "maintenance",
      "Maintenance windows: times when covered checks may fail without paging anyone.");
  command->require_subcommand(1);
  add_subcommand_add(*command, options, exit_code);
  add_subcommand_list(*command, options, exit_code);
  add_subcommand_end(*command, options, exit_code);
}

}  // namespace nyxmon::tools
