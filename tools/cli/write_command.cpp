#include "tools/cli/write_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/bus/message_bus.hpp"
#include "infrastructure/eventstore/projection_loader.hpp"
#include "infrastructure/eventstore/store_event_log.hpp"
#include "infrastructure/runtime/control_request.hpp"
#include "infrastructure/runtime/control_socket.hpp"
#include "infrastructure/runtime/system_clock.hpp"
#include "tools/cli/exit_code.hpp"
#include "tools/cli/time_argument.hpp"

namespace nyxmon::tools {

using namespace nyxmon::domain;

namespace {

Result<std::size_t> answer_of(const std::string& line) {
  boost::system::error_code error;
  auto value = boost::json::parse(line, error);
  if (error || !value.is_object())
    return fail(Error::io("the engine answered something unreadable"));
  const auto& reply = value.as_object();
  if (reply.at("ok").as_bool())
    return static_cast<std::size_t>(reply.at("events").to_number<std::int64_t>());
  const auto text = [&](std::string_view key) {
    const auto* found = reply.if_contains(key);
    return found && found->is_string() ? std::string(found->as_string()) : std::string();
  };
  // An engine of an earlier version answers without a code: its refusals
  // were all invalid arguments.
  const std::string code = text("code");
  return fail(Error{code.empty() ? ErrorCode::kInvalidArgument : error_code_named(code),
                    text("error"), text("where")});
}

}  // namespace

Result<std::size_t> run_write_command(const std::filesystem::path& data_directory,
                                      const boost::json::object& request, bool engine_only) {
  const std::string line = boost::json::serialize(request);
  if (std::filesystem::exists(data_directory / "nyxmon.sock")) {
    auto answered = infra::runtime::send_control_request(data_directory, line);
    if (answered) return answer_of(*answered);
    if (answered.error().code != ErrorCode::kUnavailable) return fail(std::move(answered.error()));
  }
  if (engine_only) {
    return fail(Error::unavailable("no engine runs on " + data_directory.string() +
                                   "; start it with nyxmon run, which does this"));
  }
  // No engine: decide here, on the store itself.
  auto store = infra::eventstore::EventStore::open(data_directory, {.create_if_missing = false});
  if (!store) {
    if (store.error().code == ErrorCode::kUnavailable) {
      return fail(Error::unavailable(
          "the store is held by a running engine that does not answer on its control socket; "
          "try again when it has started, or stop it"));
    }
    return fail(std::move(store.error()));
  }
  auto work = infra::runtime::parse_control_request(line);
  if (!work) return fail(Error::invalid_argument(work.error().message));
  auto loaded = infra::eventstore::load_projections(**store, (*store)->read_view(), std::nullopt);
  if (!loaded) return fail(std::move(loaded.error()));
  infra::eventstore::StoreEventLog log(**store);
  MessageBus bus(log, loaded->projections);
  std::vector<Command> commands = work->expand(loaded->projections);
  const auto batch = bus.dispatch(commands, infra::runtime::SystemClock().now());
  if (batch.storage_error) return fail(*batch.storage_error);
  std::size_t events = 0;
  for (const auto& outcome : batch.outcomes) {
    if (!outcome.accepted()) return fail(*outcome.rejection);
    events += outcome.event_count;
  }
  return events;
}

bool put_time_arguments(boost::json::object& request, std::string_view command,
                        std::initializer_list<TimeArgument> times, Timestamp now) {
  for (const TimeArgument& time : times) {
    if (time.text.empty()) continue;
    const auto at = time_argument_as_rfc3339(time.text, now);
    if (!at) {
      fmt::print(stderr, "nyxmon {}: {} '{}' is not a time (RFC 3339, now, -2h)\n", command,
                 time.flag, time.text);
      return false;
    }
    request[time.key] = *at;
  }
  return true;
}

int write_and_report(const std::filesystem::path& data_directory,
                     const boost::json::object& request, std::string_view command, bool json,
                     const std::string& done, const boost::json::object& extra) {
  auto outcome = run_write_command(data_directory, request);
  if (!outcome) {
    fmt::print(stderr, "nyxmon {}: {}\n", command, outcome.error().message);
    return exit_code_for(outcome.error());
  }
  if (json) {
    boost::json::object answer{{"ok", true}, {"events", *outcome}};
    for (const auto& [key, value] : extra)
      answer[key] = value;
    fmt::print("{}\n", boost::json::serialize(answer));
  } else {
    fmt::print("{}\n", done);
  }
  return kExitOk;
}

}  // namespace nyxmon::tools
