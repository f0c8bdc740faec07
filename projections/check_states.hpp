// check_states.hpp — every check's current record (spec, status, soft
// counters, last result, flapping, schedule, notification state), folded
// from the events of its stream and EngineStarted. A result of schema 1
// gets its facts here, as it is folded (domain/state/legacy_result_facts.hpp).
//
// Not thread-safe: owned by the core thread. Readers elsewhere hold a
// record through shared(): once handed out it is never changed again (the
// next change goes to a copy; copy_on_write.hpp), so what they hold stays as
// it was and may be read on any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/error.hpp"
#include "domain/state/check_record.hpp"
#include "projections/copy_on_write.hpp"

namespace nyxmon::projections {

class CheckStates {
 public:
  // Applies one event; events must arrive in global-sequence order. Returns
  // the record the event changed, or nullptr.
  const domain::CheckRecord* apply(const domain::Envelope& envelope);

  const domain::CheckRecord* find(const domain::CheckId& id) const;
  // The record to keep, for any thread; null for an unknown check. Core
  // thread only.
  std::shared_ptr<const domain::CheckRecord> shared(const domain::CheckId& id) const;
  // Every record, removed ones included, in id order.
  std::vector<const domain::CheckRecord*> all() const;
  std::size_t size() const { return records_.size(); }
  std::uint64_t checkpoint() const { return checkpoint_; }

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  // Never empty.
  std::unordered_map<domain::CheckId, SharedPiece<domain::CheckRecord>> records_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
