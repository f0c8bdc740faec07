// incidents.hpp — down periods: when each check went down (or unreachable
// behind a failing parent), why, and when it came back. Folded from
// CheckStatusChanged.
//
// In memory: each check's open incident and its last kRecentPerCheck closed
// ones; the full history is a fold of the log (see `nyxmon incidents`).
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"

namespace nyxmon::projections {

// What a change to `to` does to a check's incident: down and unreachable
// open one, maintenance keeps it as it is (still failing, held back), any
// other status ends it. The projection and `nyxmon incidents` share it.
enum class IncidentEffect { kOpens, kKeeps, kEnds };
IncidentEffect incident_effect(domain::Status to);

struct Incident {
  domain::CheckId check;
  domain::Timestamp started_at{};
  std::optional<domain::Timestamp> ended_at;  // nullopt while open
  domain::RunId cause_run = 0;
  std::string cause;  // the failing result's reason
  std::uint64_t started_sequence = 0;

  bool operator==(const Incident&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(check, started_at, ended_at, cause_run, cause, started_sequence);
  }
};

class Incidents {
 public:
  static constexpr std::size_t kRecentPerCheck = 5;

  void apply(const domain::Envelope& envelope);

  // Open incidents, oldest first.
  std::vector<Incident> open() const;
  // The check's open incident (if any) and its recent closed ones, newest first.
  std::vector<Incident> of(const domain::CheckId& check) const;
  std::uint64_t checkpoint() const { return checkpoint_; }

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  struct PerCheck {
    std::optional<Incident> open;
    std::vector<Incident> recent;  // newest first, at most kRecentPerCheck
    bool operator==(const PerCheck&) const = default;
    template <class Archive>
    void serialize(Archive& archive) {
      archive(open, recent);
    }
  };
  std::map<domain::CheckId, PerCheck> checks_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
