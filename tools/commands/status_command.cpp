// nyxmon status — every service and check with its status, since when, its
// last result and soft attempts; now, or at any past instant (--at, --seq).
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "infrastructure/api/api_json.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/data_directory.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/number_argument.hpp"
#include "tools/cli/progress.hpp"
#include "tools/cli/store_access.hpp"
#include "tools/cli/time_argument.hpp"
#include "tools/commands/commands.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

struct StatusOptions {
  std::string at;
  std::optional<std::uint64_t> sequence;
  std::string service;
};

bool is_bad(Status status) {
  return status == Status::kDown;
}

}  // namespace

void add_status_command(CLI::App& app, GlobalOptions& options, int& exit_code) {
  auto status = std::make_shared<StatusOptions>();
  CLI::App* command = app.add_subcommand(
      "status",
      "Every service and check: status, since when, last result, soft attempts. Exits 3 when\n"
      "something is down. --at takes RFC 3339 or relative times.\n"
      "Example: nyxmon status --at -2h --service shop");
  command->add_option("--at", status->at, "The state at this instant (2026-11-24T03:12:00Z, -2h)")
      ->type_name("TIME");
  command->add_option("--seq", status->sequence, "The state after this event sequence")
      ->type_name("N")
      ->check(whole_number("a sequence number", 0));
  command->add_option("--service", status->service, "Only this service")->type_name("S");
  command->callback([&options, &exit_code, status] {
    auto reader = StoreForReading::open(resolve_data_directory(options.data));
    if (!reader) {
      fmt::print(stderr, "nyxmon status: {}\n", reader.error().message);
      exit_code = kExitStore;
      return;
    }
    const auto view = reader->store().read_view();
    std::optional<std::uint64_t> until = status->sequence;
    if (until && *until > view.head()) {
      fmt::print(stderr, "nyxmon status: --seq {} is past the store's last event ({})\n", *until,
                 view.head());
      exit_code = kExitUsage;
      return;
    }
    if (!status->at.empty()) {
      auto instant = parse_time_argument(status->at, infra::runtime::SystemClock().now());
      if (!instant) {
        fmt::print(stderr,
                   "nyxmon status: --at '{}' is not a time (use 2026-11-24T03:12:00Z or -2h)\n",
                   status->at);
        exit_code = kExitUsage;
        return;
      }
      auto sequence = infra::eventstore::sequence_at(view, *instant);
      if (!sequence) {
        fmt::print(stderr, "nyxmon status: {}\n", sequence.error().message);
        exit_code = kExitStore;
        return;
      }
      until = *sequence;
    }
    if (auto truncation = reader->store().truncation();
        truncation && until && *until < truncation->before_sequence) {
      fmt::print(stderr,
                 "nyxmon status: before the retention horizon ({}): statuses are from snapshots "
                 "and the events kept; last results and soft attempts may be older than shown\n",
                 format_time(truncation->horizon));
    }
    Progress progress("folding events");
    auto loaded = infra::eventstore::load_projections(
        reader->store(), view, until,
        [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); });
    if (!loaded) {
      fmt::print(stderr, "nyxmon status: {}\n", loaded.error().message);
      exit_code = kExitStore;
      return;
    }
    const auto& state = loaded->projections;
    if (!status->service.empty() && state.find_service(ServiceId{status->service}) == nullptr) {
      fmt::print(stderr, "nyxmon status: no service '{}' in this store\n", status->service);
      exit_code = kExitUsage;
      return;
    }
    bool anything_down = false;
    boost::json::array services_json;
    std::string table = fmt::format("{:<28} {:<9} {:<25} {:<6} {}\n", "SERVICE / CHECK", "STATUS",
                                    "SINCE", "SOFT", "LAST RESULT");
    for (const ServiceRecord* service : state.services().all()) {
      if (service->removed ||
          (!status->service.empty() && service->spec.id.value != status->service))
        continue;
      anything_down |= is_bad(service->status);
      table += fmt::format("{:<28} {:<9} {:<25}\n", service->spec.id.value,
                           to_string(service->status), format_time(service->status_since));
      boost::json::array checks_json;
      for (const CheckId& id : service->checks) {
        const CheckRecord* check = state.find_check(id);
        if (!check || check->removed) continue;
        anything_down |= is_bad(check->state.status);
        std::string last = "-";
        if (check->last_result) {
          last = std::string(to_string(check->last_result->outcome)) +
                 (check->last_result->reason.empty() ? "" : " — " + check->last_result->reason) +
                 " at " + format_time(check->last_result->at);
        }
        const std::string soft =
            check->state.consecutive_failures > 0 && check->state.status != Status::kDown
                ? fmt::format("{}/{}", check->state.consecutive_failures,
                              check->spec->failure_threshold)
                : "";
        table += fmt::format("  {:<26} {:<9} {:<25} {:<6} {}\n", id.value,
                             to_string(check->state.status), format_time(check->status_since), soft,
                             last);
        if (const auto& ack = check->acknowledgement) {
          table += fmt::format("  {:<26} {}\n", "", describe(*ack));
        }
        boost::json::object check_json{{"id", id.value},
                                       {"kind", kind_of(check->spec->probe)},
                                       {"status", to_string(check->state.status)},
                                       {"since", format_time(check->status_since)},
                                       {"consecutive_failures", check->state.consecutive_failures},
                                       {"flapping", check->flapping.flapping()}};
        if (const auto& ack = check->acknowledgement) {
          check_json["acknowledged"] = infra::api::acknowledgement_json(*ack);
        }
        if (check->last_result) {
          check_json["last_result"] =
              boost::json::object{{"run", check->last_result->run},
                                  {"outcome", to_string(check->last_result->outcome)},
                                  {"reason", check->last_result->reason},
                                  {"at", format_time(check->last_result->at)}};
        }
        checks_json.push_back(std::move(check_json));
      }
      services_json.push_back(boost::json::object{{"id", service->spec.id.value},
                                                  {"status", to_string(service->status)},
                                                  {"since", format_time(service->status_since)},
                                                  {"checks", std::move(checks_json)}});
    }
    if (options.json) {
      fmt::print("{}\n",
                 boost::json::serialize(boost::json::object{
                     {"sequence", state.checkpoint()}, {"services", std::move(services_json)}}));
    } else {
      fmt::print("{}", table);
      if (until)
        fmt::print("(as of event {}, {})\n", state.checkpoint(),
                   format_time(state.last_event_at()));
    }
    exit_code = anything_down ? kExitSomethingDown : kExitOk;
  });
}

}  // namespace nyxmon::tools
