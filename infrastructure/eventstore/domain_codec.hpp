// domain_codec.hpp — the domain's event catalogue on the store's records:
// domain::Event ↔ NewEvent/RecordedEvent through the EventRegistry, with the
// upcasters of every old schema version registered here.
//
// The only translation unit that instantiates cereal for domain events.
// Thread-safe once constructed.
#pragma once

#include "domain/error.hpp"
#include "domain/events/envelope.hpp"
#include "infrastructure/eventstore/recorded_event.hpp"

namespace nyxmon::infra::eventstore {

class DomainCodec {
 public:
  static const DomainCodec& instance();

  NewEvent encode(const domain::Event& event, domain::Timestamp recorded_at = {}) const;
  // Fails with a message naming the sequence for an unknown tag or version
  // or a payload that does not parse.
  domain::Result<domain::Envelope> decode(const RecordedEvent& record) const;
  domain::Result<domain::Envelope> decode(const RecordView& record) const;
  // The same into `into`, whose storage is reused (a scan decodes every
  // record into one envelope); `into` is unspecified after a failure.
  domain::Result<void> decode(const RecordView& record, domain::Envelope& into) const;

  ~DomainCodec();
  DomainCodec(const DomainCodec&) = delete;
  DomainCodec& operator=(const DomainCodec&) = delete;

 private:
  DomainCodec();
  struct Registry;
  Registry* registry_;
};

}  // namespace nyxmon::infra::eventstore
