#include "infrastructure/runtime/control_request.hpp"

#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/reconcile.hpp"

namespace nyxmon::infra::runtime {

namespace json = boost::json;
using namespace nyxmon::domain;

namespace {

std::string text_of(const json::object& request, const char* key) {
  if (auto it = request.find(key); it != request.end() && it->value().is_string()) {
    return std::string(it->value().as_string());
  }
  return "";
}

Result<ControlWork> command(Command c) {
  return ControlWork{std::move(c)};
}

}  // namespace

std::vector<Command> ControlWork::expand(const projections::Projections& state) const {
  if (const auto* single = std::get_if<Command>(&work)) return {*single};
  return std::get<CommandExpander>(work)(state);
}

Result<ControlWork> parse_control_request(const std::string& line) {
  boost::system::error_code error;
  json::value value = json::parse(line, error);
  if (error || !value.is_object())
    return fail(Error::invalid_argument("the request is not a JSON object"));
  const json::object& request = value.as_object();
  const std::string name = text_of(request, "command");
  const CheckId check{text_of(request, "check")};
  if (name == "ping") {
    RecordHeartbeat ping{check, HeartbeatSignal::kSuccess, std::nullopt,
                         text_of(request, "source")};
    const std::string signal = text_of(request, "signal");
    if (signal == "start")
      ping.signal = HeartbeatSignal::kStart;
    else if (signal == "fail")
      ping.signal = HeartbeatSignal::kFail;
    else if (!signal.empty() && signal != "success") {
      return fail(
          Error::invalid_argument("unknown signal '" + signal + "' (success, start or fail)"));
    }
    if (auto it = request.find("exit_code"); it != request.end() && it->value().is_int64()) {
      ping.exit_code = static_cast<int>(it->value().as_int64());
    }
    return command(std::move(ping));
  }
  if (name == "pause") return command(PauseCheck{check, text_of(request, "reason")});
  if (name == "resume") return command(ResumeCheck{check});
  if (name == "run") return command(RunCheckNow{check});
  if (name == "remove") return command(RemoveCheck{check});
  if (name == "ack") {
    AcknowledgeCheck ack{check, text_of(request, "by"), text_of(request, "comment"), false, {}};
    if (auto it = request.find("sticky"); it != request.end()) {
      if (!it->value().is_bool())
        return fail(Error::invalid_argument("'sticky' must be true or false", "sticky"));
      ack.sticky = it->value().as_bool();
    }
    if (const std::string expires = text_of(request, "expires"); !expires.empty()) {
      ack.expires_after = parse_duration(expires);
      if (!ack.expires_after) {
        return fail(Error::invalid_argument(
            "'expires': '" + expires + "' is not a duration (use 30m, 2h, 1d)", "expires"));
      }
    }
    return command(std::move(ack));
  }
  if (name == "unack") return command(ClearAcknowledgement{check, text_of(request, "by")});
  if (name == "apply") {
    auto config = config::parse_config(text_of(request, "config"), text_of(request, "source"));
    if (!config) return fail(std::move(config.error()));
    return ControlWork{
        CommandExpander([config = std::move(*config)](const projections::Projections& state) {
          return config::reconcile(config, state);
        })};
  }
  return fail(Error::invalid_argument("unknown command '" + name + "'"));
}

}  // namespace nyxmon::infra::runtime
