#include "infrastructure/system/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <atomic>
#include <cstdlib>
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

// Under systemd, stderr goes to the journal (JOURNAL_STREAM is set): each
// line opens with its syslog priority ("<3>" error, "<4>" warning, "<6>"
// info, "<7>" debug), which journald takes as the entry's level and strips.
class JournalPriority : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& out) override {
    const char* priority = "<6>";
    if (message.level >= spdlog::level::err)
      priority = "<3>";
    else if (message.level == spdlog::level::warn)
      priority = "<4>";
    else if (message.level <= spdlog::level::debug)
      priority = "<7>";
    out.append(priority, priority + 3);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JournalPriority>();
  }
};

// `pattern`, with the journal's priority in front when stderr goes there.
void use_pattern(spdlog::logger& logger, const std::string& pattern,
                 spdlog::pattern_time_type time = spdlog::pattern_time_type::local) {
  static const bool to_journal = std::getenv("JOURNAL_STREAM") != nullptr;
  auto formatter = std::make_unique<spdlog::pattern_formatter>(time);
  if (to_journal) {
    formatter->add_flag<JournalPriority>('*');
    formatter->set_pattern("%*" + pattern);
  } else {
    formatter->set_pattern(pattern);
  }
  logger.set_formatter(std::move(formatter));
}

spdlog::logger& logger() {
  // Unbuffered stderr, one write per line, shared by every thread; never
  // destroyed, so that a line logged while the process exits still has it.
  static spdlog::logger* const instance = [] {
    auto* made = new spdlog::logger("nyxmon", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    use_pattern(*made, "%v");
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
    use_pattern(logger(), R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ",%v)", spdlog::pattern_time_type::utc);
  else
    use_pattern(logger(), "%v");
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
