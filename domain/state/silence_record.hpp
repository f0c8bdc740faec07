// silence_record.hpp — what the engine knows about one silence: its spec,
// who made it, and whether a person ended it early.
#pragma once

#include <optional>
#include <string>

#include "domain/events/event.hpp"
#include "domain/model/silence_spec.hpp"

namespace nyxmon::domain {

struct SilenceRecord {
  SilenceSpec spec;
  std::string defined_by;
  std::optional<Timestamp> ended_at;  // ended early, by `ended_by`
  std::string ended_by;

  bool operator==(const SilenceRecord&) const = default;
  bool active_at(Timestamp at) const { return !ended_at && spec.active_at(at); }
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, defined_by, ended_at, ended_by);
  }
};

// The silence an event is about, or nullptr for events of other streams.
const SilenceId* silence_named(const Event& event);

// Applies one event of this silence's stream (others are ignored).
void fold(SilenceRecord& record, const Event& event, Timestamp at);

}  // namespace nyxmon::domain
