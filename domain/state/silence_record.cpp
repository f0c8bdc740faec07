#include "domain/state/silence_record.hpp"

namespace nyxmon::domain {

const SilenceId* silence_named(const Event& event) {
  if (const auto* e = std::get_if<SilenceDefined>(&event)) return &e->spec.id;
  if (const auto* e = std::get_if<SilenceEnded>(&event)) return &e->silence;
  return nullptr;
}

void fold(SilenceRecord& record, const Event& event, Timestamp at) {
  if (const auto* defined = std::get_if<SilenceDefined>(&event)) {
    record = SilenceRecord{defined->spec, defined->by, std::nullopt, ""};
  } else if (const auto* ended = std::get_if<SilenceEnded>(&event)) {
    record.ended_at = at;
    record.ended_by = ended->by;
  }
}

}  // namespace nyxmon::domain
