// service_states.hpp — every service's current record: spec, rolled-up
// status and since when, and its member checks. Folded from service events
// and from check definitions (membership).
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/error.hpp"
#include "domain/state/service_record.hpp"

namespace nyxmon::projections {

class ServiceStates {
 public:
  void apply(const domain::Envelope& envelope);

  const domain::ServiceRecord* find(const domain::ServiceId& id) const;
  std::vector<const domain::ServiceRecord*> all() const;  // in id order
  std::uint64_t checkpoint() const { return checkpoint_; }

  void snapshot(std::string& out) const;
  domain::Result<void> restore(std::string_view bytes);

 private:
  // The live service a check is in (a redefinition may move it), or null.
  const domain::ServiceRecord* service_of(const domain::CheckId& check) const;

  std::map<domain::ServiceId, domain::ServiceRecord> records_;
  std::uint64_t checkpoint_ = 0;
};

}  // namespace nyxmon::projections
