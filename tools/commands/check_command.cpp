// nyxmon check — the checks one at a time: list, show, and the writes
// pause, resume, run and rm (through the running engine when there is one).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "tools/cli/current_state.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/cli/write_command.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct CheckOptions {
  std::string check;
  std::string service;
  std::string reason;
};

std::string target_of(const ProbeSpec& probe) {
  return std::visit(
      [](const auto& spec) -> std::string {
        using Spec = std::decay_t<decltype(spec)>;
        if constexpr (std::is_same_v<Spec, HttpSpec>) {
          return spec.method + " " + spec.url;
        } else if constexpr (std::is_same_v<Spec, TcpSpec> || std::is_same_v<Spec, TlsSpec>) {
          return spec.host + ":" + std::to_string(spec.port);
        } else if constexpr (std::is_same_v<Spec, DnsSpec>) {
          return spec.name;
        } else if constexpr (std::is_same_v<Spec, IcmpSpec>) {
          return spec.host;
        } else if constexpr (std::is_same_v<Spec, ExecSpec>) {
          return describe_command(spec);
        } else if constexpr (std::is_same_v<Spec, MailSpec>) {
          return spec.from + " -> " + spec.to + " via " + spec.smtp.host + ", read from " +
                 spec.imap.host;
        } else {
          return spec.token.empty() ? "(push: nyxmon ping)" : "(push: /ping/<token>)";
        }
      },
      probe);
}

boost::json::object check_json(const CheckRecord& record) {
  boost::json::object out{{"id", record.spec->id.value},
                          {"name", record.spec->display_name()},
                          {"service", record.spec->service.value},
                          {"kind", kind_of(record.spec->probe)},
                          {"target", target_of(record.spec->probe)},
                          {"enabled", record.spec->enabled},
                          {"status", to_string(record.state.status)},
                          {"since", format_time(record.status_since)},
                          {"interval", describe(record.spec->interval)},
                          {"timeout", describe(record.spec->timeout)},
                          {"retry_interval", describe(record.spec->retry_interval)},
                          {"failure_threshold", record.spec->failure_threshold},
                          {"recovery_threshold", record.spec->recovery_threshold},
                          {"consecutive_failures", record.state.consecutive_failures},
                          {"last_run", record.last_run}};
  boost::json::array notifiers;
  for (const auto& notifier : record.spec->notifiers)
    notifiers.push_back(boost::json::value(notifier.value));
  out["notify"] = std::move(notifiers);
  boost::json::array parents;
  for (const auto& parent : record.spec->depends_on)
    parents.push_back(boost::json::value(to_text(parent)));
  out["depends_on"] = std::move(parents);
  if (record.last_result) {
    out["last_result"] = boost::json::object{{"run", record.last_result->run},
                                             {"outcome", to_string(record.last_result->outcome)},
                                             {"reason", record.last_result->reason},
                                             {"at", format_time(record.last_result->at)}};
  }
  if (record.spec->enabled && record.state.status != Status::kPaused)
    out["next_due"] = format_time(record.next.due_at);
  if (const auto& ack = record.acknowledgement) {
    out["acknowledged"] = describe(*ack);
  }
  return out;
}

void list(const GlobalOptions& options, const CheckOptions& check, int& exit_code) {
  auto state = load_current_state(resolve_data_directory(options.data));
  if (!state) {
    fmt::print(stderr, "nyxmon check list: {}\n", state.error().message);
    exit_code = exit_code_for(state.error());
    return;
  }
  std::vector<const CheckRecord*> records = state->checks().all();
  std::erase_if(records, [&](const CheckRecord* record) {
    return record->removed ||
           (!check.service.empty() && record->spec->service.value != check.service);
  });
  std::sort(records.begin(), records.end(),
            [](const auto* a, const auto* b) { return a->spec->id < b->spec->id; });
  if (options.json) {
    for (const auto* record : records)
      fmt::print("{}\n", boost::json::serialize(check_json(*record)));
  } else {
    fmt::print("{:<24} {:<16} {:<9} {:<8} {:>8}  {}\n", "CHECK", "SERVICE", "KIND", "STATUS",
               "INTERVAL", "TARGET");
    for (const auto* record : records) {
      fmt::print("{:<24} {:<16} {:<9} {:<8} {:>8}  {}\n", record->spec->id.value,
                 record->spec->service.value, kind_of(record->spec->probe),
                 to_string(record->state.status), describe(record->spec->interval),
                 target_of(record->spec->probe));
    }
  }
  exit_code = kExitOk;
}

void show(const GlobalOptions& options, const CheckOptions& check, int& exit_code) {
  auto state = load_current_state(resolve_data_directory(options.data));
  if (!state) {
    fmt::print(stderr, "nyxmon check show: {}\n", state.error().message);
    exit_code = exit_code_for(state.error());
    return;
  }
  const CheckRecord* record = state->find_check(CheckId{check.check});
  if (!record || record->removed) {
    fmt::print(stderr, "nyxmon check show: no check named '{}' (nyxmon check list shows them)\n",
               check.check);
    exit_code = kExitUsage;
    return;
  }
  auto json = check_json(*record);
  // The push token is the check's secret: shown here, to whoever can read
  // the store, and not in `check list` or the API.
  if (const auto* push = std::get_if<HeartbeatSpec>(&record->spec->probe);
      push && !push->token.empty()) {
    json["token"] = push->token;
    json["ping_path"] = "/ping/" + push->token;
  }
  if (options.json) {
    fmt::print("{}\n", boost::json::serialize(json));
  } else {
    for (const auto& [key, value] : json) {
      fmt::print(
          "{:<22} {}\n", std::string(key) + ":",
          value.is_string() ? std::string(value.as_string()) : boost::json::serialize(value));
    }
  }
  exit_code = kExitOk;
}

void write(const GlobalOptions& options, const std::string& verb, boost::json::object request,
           int& exit_code, bool engine_only = false) {
  auto outcome = run_write_command(resolve_data_directory(options.data), request, engine_only);
  if (!outcome) {
    fmt::print(stderr, "nyxmon check {}: {}\n", verb, outcome.error().message);
    exit_code = exit_code_for(outcome.error());
    return;
  }
  if (options.json)
    fmt::print("{{\"ok\":true,\"events\":{}}}\n", *outcome);
  else
    fmt::print("{}: {} event{} recorded\n", std::string(request["check"].as_string()), *outcome,
               *outcome == 1 ? "" : "s");
  exit_code = kExitOk;
}

}  // namespace

void add_check_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto check = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check",
      "One check at a time: list, show, pause, resume, run now, rm. Writes go through the\n"
      "running engine when there is one.\n"
      "Example: nyxmon check pause api-health --reason deploy");
  command->require_subcommand(1);

  CLI::App* list_command =
      command->add_subcommand("list",
                              "Every check: service, kind, status, interval, target.\n"
                              "Example: nyxmon check list --service shop");
  list_command->add_option("--service", check->service, "Only this service")->type_name("S");
  list_command->callback([&options, &exit_code, check] { list(options, *check, exit_code); });

  CLI::App* show_command = command->add_subcommand(
      "show", "A check's definition and state.\nExample: nyxmon check show api-health --json");
  show_command->add_option("check", check->check, "The check")->required();
  show_command->callback([&options, &exit_code, check] { show(options, *check, exit_code); });

  CLI::App* pause_command =
      command->add_subcommand("pause",
                              "Stop running a check until resumed; its status becomes paused.\n"
                              "Example: nyxmon check pause api-health --reason \"deploy 4.2\"");
  pause_command->add_option("check", check->check, "The check")->required();
  pause_command->add_option("--reason", check->reason, "Why, for the record");
  pause_command->callback([&options, &exit_code, check] {
    write(options, "pause",
          {{"command", "pause"}, {"check", check->check}, {"reason", check->reason}}, exit_code);
  });

  CLI::App* resume_command = command->add_subcommand(
      "resume", "Run a paused check again.\nExample: nyxmon check resume api-health");
  resume_command->add_option("check", check->check, "The check")->required();
  resume_command->callback([&options, &exit_code, check] {
    write(options, "resume", {{"command", "resume"}, {"check", check->check}}, exit_code);
  });

  CLI::App* run_command = command->add_subcommand(
      "run",
      "Run a check now, outside its schedule (needs the running engine to probe).\n"
      "Example: nyxmon check run api-health");
  run_command->add_option("check", check->check, "The check")->required();
  run_command->callback([&options, &exit_code, check] {
    write(options, "run", {{"command", "run"}, {"check", check->check}}, exit_code, true);
  });

  CLI::App* rm_command = command->add_subcommand(
      "rm",
      "Remove a check; its history stays in the log. The configuration file still names\n"
      "it: remove it there too, or the next start defines it again.\n"
      "Example: nyxmon check rm old-api");
  rm_command->add_option("check", check->check, "The check")->required();
  rm_command->callback([&options, &exit_code, check] {
    write(options, "rm", {{"command", "remove"}, {"check", check->check}}, exit_code);
  });
}

}  // namespace nyxmon::tools
