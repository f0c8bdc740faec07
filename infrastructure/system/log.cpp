#include "infrastructure/system/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <memory>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::infra::system {

namespace {

spdlog::level::level_enum spdlog_level(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return spdlog::level::debug;
    case LogLevel::kInfo:
      return spdlog::level::info;
    case LogLevel::kWarn:
      return spdlog::level::warn;
    case LogLevel::kError:
      return spdlog::level::err;
    case LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "info";
}

std::atomic<LogFormat> format{LogFormat::kText};

spdlog::logger& logger() {
  // Unbuffered stderr, one write per line, shared by every thread; never
  // destroyed, so that a line logged while the process exits still has it.
  static spdlog::logger* const instance = [] {
    auto* made = new spdlog::logger("nyxmon", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    made->set_pattern("%v");
    made->set_level(spdlog::level::info);
    made->flush_on(spdlog::level::trace);
    return made;
  }();
  return *instance;
}

}  // namespace

std::optional<LogLevel> log_level_named(std::string_view name) {
  for (LogLevel level :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError, LogLevel::kOff}) {
    if (level_name(level) == name) return level;
  }
  return std::nullopt;
}

std::optional<LogFormat> log_format_named(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

void configure_log(LogLevel level, LogFormat chosen) {
  logger().set_level(spdlog_level(level));
  // JSON lines open with their time (UTC, milliseconds); the rest of the
  // object is the level, the message and its fields.
  if (chosen == LogFormat::kJson)
    logger().set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ",%v)", spdlog::pattern_time_type::utc);
  else
    logger().set_pattern("%v");
  // After the pattern: a line between the two would otherwise pair this
  // format's text with the other's pattern.
  format = chosen;
}

bool log_enabled(LogLevel level) {
  return logger().should_log(spdlog_level(level));
}

void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  auto& out = logger();
  if (!out.should_log(spdlog_level(level))) return;
  if (format.load() == LogFormat::kText) {
    out.log(spdlog_level(level), "nyxmon: {}", message);
    return;
  }
  boost::json::object line;
  line["level"] = level_name(level);
  line["message"] = domain::valid_utf8(message);
  for (const auto& [key, value] : fields)
    line[key] = domain::valid_utf8(value);
  std::string text = boost::json::serialize(line);
  // The pattern opens the object; this is the rest of it.
  out.log(spdlog_level(level), "{}", std::string_view(text).substr(1));
}

}  // namespace nyxmon::infra::system
