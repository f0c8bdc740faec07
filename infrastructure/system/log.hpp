// log.hpp — the engine's log on stderr: one line per event worth telling an
// operator (a status change, the store failing, a reload), at a level, as
// plain text or as one JSON object per line for log shippers.
//
// Text lines are for a person, each beginning "nyxmon: " ("nyxmon: CANNOT
// RECORD: ...", "nyxmon: <time> check api: up → down (...)"); JSON lines
// carry {"time","level","message"} and the event's fields
// ({"check":"api","from":"up","to":"down",...}). Thread-safe; spdlog does
// the writing. Until configure_log() is called: info and above, as text.
// Under systemd (JOURNAL_STREAM set) each line opens with its syslog
// priority ("<4>"), so that the journal keeps the level.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace nyxmon::infra::system {

enum class LogLevel { kDebug, kInfo, kWarn, kError, kOff };
enum class LogFormat { kText, kJson };

// "debug", "info", "warn", "error", "off"; nullopt for anything else.
std::optional<LogLevel> log_level_named(std::string_view name);
// "text", "json"; nullopt for anything else.
std::optional<LogFormat> log_format_named(std::string_view name);

// Sets the level and format; call it before other threads log.
void configure_log(LogLevel level, LogFormat format);

// A named value of a line, for the JSON format; the text format shows the
// message alone, which says the same for a person.
using LogField = std::pair<std::string_view, std::string>;

void log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

// Whether a line at `level` would be written (to skip composing one).
bool log_enabled(LogLevel level);

inline void log_debug(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kDebug, message, fields);
}
inline void log_info(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kInfo, message, fields);
}
inline void log_warn(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kWarn, message, fields);
}
inline void log_error(std::string_view message, std::initializer_list<LogField> fields = {}) {
  log(LogLevel::kError, message, fields);
}

}  // namespace nyxmon::infra::system
