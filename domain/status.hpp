// status.hpp — outcomes of one run, statuses of a check or service, severity.
//
// An Outcome is what one probe run saw; a Status is the hard state decided
// from a series of outcomes by the check state machine (and, for a service,
// by the roll-up). The numeric values are stored in events: never renumber.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace nyxmon::domain {

enum class Outcome : std::uint8_t {
  kOk = 0,     // everything as expected
  kWarn = 1,   // worked, but outside a warning level (slow, certificate expiring soon)
  kFail = 2,   // an assertion failed, the target refused or timed out
  kError = 3,  // the probe could not run as configured
};

enum class Status : std::uint8_t {
  kPending = 0,  // no hard state yet
  kUp = 1,
  kDegraded = 2,
  kDown = 3,
  kPaused = 4,
  // Would be down or degraded, but a maintenance window covers the check:
  // nobody is paged (domain/model/maintenance_spec.hpp).
  kMaintenance = 5,
  // Would be down or degraded, but a parent it depends on is failing: the
  // parent's outage explains it, and only the parent pages
  // (domain/model/dependency.hpp).
  kUnreachable = 6,
};
// How many statuses there are: Status values are 0 … kStatusCount - 1.
inline constexpr std::size_t kStatusCount = 7;

enum class Severity : std::uint8_t {
  kCritical = 0,  // a hard failure takes its service down
  kWarning = 1,   // a hard failure makes its service at most degraded
};

constexpr std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return "ok";
    case Outcome::kWarn:
      return "warn";
    case Outcome::kFail:
      return "fail";
    case Outcome::kError:
      return "error";
  }
  return "unknown";
}

constexpr std::string_view to_string(Status status) {
  switch (status) {
    case Status::kPending:
      return "pending";
    case Status::kUp:
      return "up";
    case Status::kDegraded:
      return "degraded";
    case Status::kDown:
      return "down";
    case Status::kPaused:
      return "paused";
    case Status::kMaintenance:
      return "maintenance";
    case Status::kUnreachable:
      return "unreachable";
  }
  return "unknown";
}

// A status people are told about and may acknowledge: down or degraded.
constexpr bool is_problem(Status status) {
  return status == Status::kDown || status == Status::kDegraded;
}

// A status of a check that is failing for good: a problem, or one held
// back from paging (maintenance, unreachable).
constexpr bool is_failing(Status status) {
  return is_problem(status) || status == Status::kMaintenance || status == Status::kUnreachable;
}

constexpr std::string_view to_string(Severity severity) {
  return severity == Severity::kWarning ? "warning" : "critical";
}

constexpr std::optional<Outcome> parse_outcome(std::string_view text) {
  if (text == "ok") return Outcome::kOk;
  if (text == "warn") return Outcome::kWarn;
  if (text == "fail") return Outcome::kFail;
  if (text == "error") return Outcome::kError;
  return std::nullopt;
}

constexpr std::optional<Status> parse_status(std::string_view text) {
  if (text == "pending") return Status::kPending;
  if (text == "up") return Status::kUp;
  if (text == "degraded") return Status::kDegraded;
  if (text == "down") return Status::kDown;
  if (text == "paused") return Status::kPaused;
  if (text == "maintenance") return Status::kMaintenance;
  if (text == "unreachable") return Status::kUnreachable;
  return std::nullopt;
}

}  // namespace nyxmon::domain
