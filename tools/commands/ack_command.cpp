// nyxmon ack — acknowledge a check's problem (no reminders while it lasts),
// or end an acknowledgement with --clear; through the running engine when
// there is one, like every write.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/user_name.hpp"
#include "tools/cli/write_command.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

namespace {

struct AckOptions {
  std::string check;
  std::string comment;
  std::string expires;
  bool sticky = false;
  bool clear = false;
};

}  // namespace

void add_ack_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto ack = std::make_shared<AckOptions>();
  CLI::App* command = app.add_subcommand(
      "ack",
      "Acknowledge a check's problem: someone is on it, so no reminders go out while it lasts.\n"
      "A normal acknowledgement ends when the status changes; a --sticky one when the check is\n"
      "no longer failing (up, pending or paused); either ends at --expires. The check must be\n"
      "down or degraded. Recorded as CheckAcknowledged, by $USER.\n"
      "Examples: nyxmon ack api-health --comment \"db failover, on it\" --expires 2h\n"
      "          nyxmon ack api-health --clear");
  command->add_option("check", ack->check, "The check")->required();
  command->add_option("--comment", ack->comment, "What is being done, for the record")
      ->type_name("TEXT");
  command
      ->add_option("--expires", ack->expires,
                   "End the acknowledgement after this long (30m, 2h, 1d)")
      ->type_name("SPAN")
      ->check([](const std::string& text) -> std::string {
        const auto span = domain::parse_duration(text);
        if (!span || *span <= domain::Duration::zero())
          return "'" + text + "' is not a time span (use 30m, 2h, 1d)";
        return "";
      });
  command->add_flag("--sticky", ack->sticky,
                    "Keep it through changes between down and degraded, until the check is up");
  command->add_flag("--clear", ack->clear, "End the check's acknowledgement now");
  command->callback([&options, &exit_code, ack] {
    if (ack->clear && (ack->sticky || !ack->comment.empty() || !ack->expires.empty())) {
      fmt::print(stderr, "nyxmon ack: --clear takes no --comment, --expires or --sticky\n");
      exit_code = kExitUsage;
      return;
    }
    boost::json::object request{
        {"command", ack->clear ? "unack" : "ack"}, {"check", ack->check}, {"by", user_name()}};
    if (!ack->clear) {
      request["comment"] = ack->comment;
      request["sticky"] = ack->sticky;
      if (!ack->expires.empty()) request["expires"] = ack->expires;
    }
    exit_code = write_and_report(
        resolve_data_directory(options.data), request, "ack", options.json,
        ack->check + ": " + (ack->clear ? "acknowledgement cleared" : "acknowledged"));
  });
}

}  // namespace nyxmon::tools
