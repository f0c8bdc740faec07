// service_record.hpp — what the engine knows about one service now: its
// spec, its rolled-up status and since when, and which checks belong to it.
#pragma once

#include <set>

#include "domain/events/envelope.hpp"
#include "domain/model/service_spec.hpp"

namespace nyxmon::domain {

struct ServiceRecord {
  ServiceSpec spec;
  Status status = Status::kPending;
  Timestamp status_since{};
  std::set<CheckId> checks;
  bool removed = false;

  bool operator==(const ServiceRecord&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(spec, status, status_since, checks, removed);
  }
};

// Applies one event about this service or its membership (others are
// ignored); a check redefined into another service leaves this one.
void fold(ServiceRecord& record, const Event& event, Timestamp recorded_at);

}  // namespace nyxmon::domain
