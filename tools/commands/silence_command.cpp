// nyxmon silence — silences: hold the notifications that match for a while,
// statuses untouched. Add one, list them, end one early. Writes go through
// the running engine when there is one; list reads the log.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

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
  std::vector<std::string> match;
  std::string start, end, span, comment;
};

void add_subcommand_add(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  auto add = std::make_shared<AddOptions>();
  CLI::App* command = parent.add_subcommand(
      "add",
      "Hold the notifications that match, from --start (default now) for --for or until --end.\n"
      "Statuses go on as always; a held notification is recorded (NotificationSilenced) and\n"
      "counts as told: it is not delivered when the silence ends. Matchers: check, service,\n"
      "kind, notifier; all must match.\n"
      "Example: nyxmon silence add --match service=shop --for 2h --comment \"migration\"");
  command->add_option("--id", add->id, "Its name (default s-YYYYMMDD-HHMMSS)")->type_name("ID");
  command->add_option("--match", add->match, "KEY=VALUE (repeatable; all must match)")
      ->required()
      ->type_name("KEY=VALUE");
  command->add_option("--start", add->start, "When it begins: RFC 3339, or now (default)")
      ->type_name("TIME");
  command->add_option("--end", add->end, "When it ends: RFC 3339")->type_name("TIME");
  command->add_option("--for", add->span, "How long it lasts: 30m, 2h")->type_name("SPAN");
  command->add_option("--comment", add->comment, "Why, for the record")->type_name("TEXT");
  command->callback([&options, &exit_code, add] {
    const Timestamp now = infra::runtime::SystemClock().now();
    const std::string id = add->id.empty() ? infra::config::ad_hoc_id("s", now) : add->id;
    json::array match;
    for (const auto& matcher : add->match)
      match.emplace_back(matcher);
    json::object request{{"command", "silence_add"},
                         {"id", id},
                         {"by", user_name()},
                         {"match", std::move(match)},
                         {"comment", add->comment}};
    if (!put_time_arguments(request, "silence add",
                            {{"--start", add->start, "start"}, {"--end", add->end, "end"}}, now)) {
      exit_code = kExitUsage;
      return;
    }
    if (!add->span.empty()) request["duration"] = add->span;
    exit_code =
        write_and_report(resolve_data_directory(options.data), request, "silence add", options.json,
                         "silence " + id + " defined", json::object{{"silence", id}});
  });
}

void add_subcommand_list(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  auto all = std::make_shared<bool>(false);
  CLI::App* command =
      parent.add_subcommand("list", "The silences active or to come (--all: those over too).");
  command->add_flag("--all", *all, "Also the silences that are over");
  command->callback([&options, &exit_code, all] {
    auto state = load_current_state(resolve_data_directory(options.data));
    if (!state) {
      fmt::print(stderr, "nyxmon silence list: {}\n", state.error().message);
      exit_code = kExitStore;
      return;
    }
    const Timestamp now = infra::runtime::SystemClock().now();
    bool any = false;
    for (const SilenceRecord* silence : state->silence_records().all()) {
      const bool over = silence->ended_at || silence->spec.ends_at <= now;
      if (over && !*all) continue;
      any = true;
      if (options.json) {
        fmt::print("{}\n", json::serialize(infra::api::silence_json(*silence, now)));
        continue;
      }
      const std::string state_text = silence->active_at(now) ? "ACTIVE"
                                     : over                  ? "over"
                                            : "from " + format_time(silence->spec.starts_at);
      fmt::print("{:<22} {:<30} {}{}\n", silence->spec.id.value, state_text,
                 describe(silence->spec),
                 silence->spec.comment.empty() ? "" : " — " + silence->spec.comment);
    }
    if (!any && !options.json) fmt::print("no silences\n");
    exit_code = kExitOk;
  });
}

void add_subcommand_end(CLI::App& parent, GlobalOptions& options, int& exit_code) {
  auto silence = std::make_shared<std::string>();
  CLI::App* command = parent.add_subcommand(
      "end", "End a silence now.\nExample: nyxmon silence end s-20261202-171230");
  command->add_option("silence", *silence, "The silence")->required();
  command->callback([&options, &exit_code, silence] {
    json::object request{{"command", "silence_end"}, {"silence", *silence}, {"by", user_name()}};
    exit_code = write_and_report(resolve_data_directory(options.data), request, "silence end",
                                 options.json, "silence " + *silence + " ended");
  });
}

}  // namespace

void add_silence_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  CLI::App* command = app.add_subcommand(
      "silence", "Silences: hold matching notifications for a while, statuses untouched.");
  command->require_subcommand(1);
  add_subcommand_add(*command, options, exit_code);
  add_subcommand_list(*command, options, exit_code);
  add_subcommand_end(*command, options, exit_code);
}

}  // namespace nyxmon::tools
