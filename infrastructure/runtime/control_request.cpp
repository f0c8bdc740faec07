#include "infrastructure/runtime/control_request.hpp"

#include <boost/json.hpp>

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"
#include "infrastructure/config/ad_hoc_id.hpp"
#include "infrastructure/config/config_loader.hpp"
#include "infrastructure/config/maintenance_fields.hpp"
#include "infrastructure/config/reconcile.hpp"
#include "infrastructure/runtime/system_clock.hpp"

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

// A list of texts, or one text, at `key`; an error names the key.
Result<std::vector<std::string>> texts_of(const json::object& request, const char* key) {
  std::vector<std::string> texts;
  auto it = request.find(key);
  if (it == request.end()) return texts;
  if (it->value().is_string()) {
    texts.emplace_back(it->value().as_string());
    return texts;
  }
  if (!it->value().is_array())
    return fail(Error::invalid_argument("'" + std::string(key) + "' must be a list of texts", key));
  for (const json::value& item : it->value().as_array()) {
    if (!item.is_string())
      return fail(
          Error::invalid_argument("'" + std::string(key) + "' must be a list of texts", key));
    texts.emplace_back(item.as_string());
  }
  return texts;
}

std::optional<std::string> optional_text(const json::object& request, const char* key) {
  if (auto it = request.find(key); it != request.end() && it->value().is_string())
    return std::string(it->value().as_string());
  return std::nullopt;
}

Result<ControlWork> maintenance_add(const json::object& request) {
  const Timestamp now = SystemClock().now();
  config::MaintenanceFields fields;
  fields.id = text_of(request, "id");
  if (fields.id.empty()) fields.id = config::ad_hoc_id("m", now);
  if (auto it = request.find("all"); it != request.end()) {
    if (!it->value().is_bool())
      return fail(Error::invalid_argument("'all' must be true or false", "all"));
    fields.all = it->value().as_bool();
  }
  for (const char* key : {"checks", "services", "every"}) {
    auto texts = texts_of(request, key);
    if (!texts) return fail(std::move(texts.error()));
    (key == std::string_view("checks")     ? fields.checks
     : key == std::string_view("services") ? fields.services
                                           : fields.every) = std::move(*texts);
  }
  fields.start = optional_text(request, "start");
  fields.end = optional_text(request, "end");
  fields.duration = optional_text(request, "duration");
  fields.at = optional_text(request, "at");
  fields.time_zone = optional_text(request, "time_zone");
  fields.comment = text_of(request, "comment");
  auto reading = config::read_maintenance(fields, "maintenance", now);
  if (!reading.problems.empty()) {
    std::string all;
    for (const auto& problem : reading.problems)
      all += (all.empty() ? "" : "; ") + problem.path + ": " + problem.message;
    return fail(Error::invalid_argument(std::move(all), reading.problems.front().path));
  }
  return command(DefineMaintenance{std::move(reading.spec), text_of(request, "by")});
}

// {"match": ["service=shop"], "duration": "2h" | "end": T, "start": T,
// "comment", "id", "by"} as a DefineSilence.
Result<ControlWork> silence_add(const json::object& request) {
  const Timestamp now = SystemClock().now();
  SilenceSpec spec;
  spec.id = SilenceId{text_of(request, "id")};
  if (spec.id.empty()) spec.id = SilenceId{config::ad_hoc_id("s", now)};
  auto matchers = texts_of(request, "match");
  if (!matchers) return fail(std::move(matchers.error()));
  for (const auto& text : *matchers) {
    auto matcher = parse_matcher(text);
    if (!matcher) {
      return fail(Error::invalid_argument(
          "'match': '" + text + "' is not KEY=VALUE (check, service, kind or notifier)", "match"));
    }
    spec.matchers.push_back(std::move(*matcher));
  }
  spec.starts_at = now;
  if (auto start = optional_text(request, "start"); start && *start != "now") {
    auto at = parse_timestamp(*start);
    if (!at) {
      return fail(
          Error::invalid_argument("'start': '" + *start + "' is not an RFC 3339 instant", "start"));
    }
    spec.starts_at = *at;
  }
  const auto end = optional_text(request, "end");
  const auto duration = optional_text(request, "duration");
  if (end.has_value() == duration.has_value()) {
    return fail(Error::invalid_argument("give one of 'duration' (2h) or 'end' (RFC 3339)",
                                        end ? "end" : "duration"));
  }
  if (end) {
    auto at = parse_timestamp(*end);
    if (!at)
      return fail(
          Error::invalid_argument("'end': '" + *end + "' is not an RFC 3339 instant", "end"));
    spec.ends_at = *at;
  } else {
    auto span = parse_duration(*duration);
    if (!span) {
      return fail(Error::invalid_argument(
          "'duration': '" + *duration + "' is not a duration (use 30m, 2h, 1d)", "duration"));
    }
    spec.ends_at = spec.starts_at + *span;
  }
  spec.comment = text_of(request, "comment");
  return command(DefineSilence{std::move(spec), text_of(request, "by")});
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
  if (name == "maintenance_add") return maintenance_add(request);
  if (name == "maintenance_end") {
    // Only the calendar ends a window without a name for who did.
    const std::string by = text_of(request, "by");
    return command(
        EndMaintenance{MaintenanceId{text_of(request, "window")}, by.empty() ? "someone" : by});
  }
  if (name == "silence_add") return silence_add(request);
  if (name == "silence_end")
    return command(EndSilence{SilenceId{text_of(request, "silence")}, text_of(request, "by")});
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
