#include "infrastructure/eventstore/domain_codec.hpp"

#include "infrastructure/eventstore/event_registry.hpp"

namespace nyxmon::infra::eventstore {

namespace {

// A definition of an older schema reads as the current one with the fields
// that schema lacked at their defaults: one upcaster per older version.
template <class Definition, std::uint16_t... Versions>
void add_definition_upcasters(EventRegistry<domain::Event>& events,
                              std::integer_sequence<std::uint16_t, Versions...>) {
  (events.add_upcaster<domain::DefinitionSchema<Definition, Versions + 1>, Definition>(
       [](domain::DefinitionSchema<Definition, Versions + 1> old) {
         return Definition{std::move(old.spec)};
       }),
   ...);
}

template <class Definition>
void add_definition_upcasters(EventRegistry<domain::Event>& events) {
  add_definition_upcasters<Definition>(
      events, std::make_integer_sequence<std::uint16_t, Definition::kSchemaVersion - 1>{});
}

}  // namespace

struct DomainCodec::Registry {
  EventRegistry<domain::Event> events;
};

DomainCodec::DomainCodec() : registry_(new Registry) {
  // Upcasters for old schema versions: each reads an old layout as the
  // current type.
  registry_->events.add_upcaster<domain::CheckResultRecordedV1, domain::CheckResultRecorded>(
      [](domain::CheckResultRecordedV1 v1) {
        // `after` stays absent: what the result did depends on the state it
        // is folded into, so the check states fill it then.
        return domain::CheckResultRecorded{std::move(v1.check),  v1.run,
                                           std::move(v1.result), v1.next_due_at,
                                           v1.next_reason,       std::nullopt};
      });
  registry_->events.add_upcaster<domain::CheckResultRecordedV2, domain::CheckResultRecorded>(
      [](domain::CheckResultRecordedV2 v2) { return std::move(v2.current); });
  registry_->events.add_upcaster<domain::NotificationRequestedV1, domain::NotificationRequested>(
      [](domain::NotificationRequestedV1 v1) {
        v1.current.problem_began = v1.current.status_since;
        return std::move(v1.current);
      });
  add_definition_upcasters<domain::ServiceDefined>(registry_->events);
  add_definition_upcasters<domain::CheckDefined>(registry_->events);
  add_definition_upcasters<domain::CheckRedefined>(registry_->events);
  // A notifier of schema 1 has the usual notification policy: down,
  // degraded and recovered, at once, reminded as its checks say.
  add_definition_upcasters<domain::NotifierDefined>(registry_->events);
}

DomainCodec::~DomainCodec() {
  delete registry_;
}

const DomainCodec& DomainCodec::instance() {
  static const DomainCodec codec;
  return codec;
}

NewEvent DomainCodec::encode(const domain::Event& event, domain::Timestamp recorded_at) const {
  NewEvent encoded = registry_->events.encode(event);
  encoded.recorded_at_ns = domain::to_unix_nanos(recorded_at);
  return encoded;
}

domain::Result<domain::Envelope> DomainCodec::decode(const RecordedEvent& record) const {
  return decode(RecordView{record.sequence, record.stream, record.stream_version, record.type_tag,
                           record.schema_version, record.recorded_at_ns, record.payload});
}

domain::Result<domain::Envelope> DomainCodec::decode(const RecordView& record) const {
  domain::Envelope envelope;
  if (auto decoded = decode(record, envelope); !decoded)
    return domain::fail(std::move(decoded.error()));
  return envelope;
}

domain::Result<void> DomainCodec::decode(const RecordView& record, domain::Envelope& into) const {
  auto event =
      registry_->events.decode(record.type_tag, record.schema_version, record.payload, into.event);
  if (!event) {
    return domain::fail(domain::Error{event.error().code,
                                      "event " + std::to_string(record.sequence) + " (" +
                                          std::string(record.stream) +
                                          "): " + event.error().message,
                                      std::string(record.stream)});
  }
  into.sequence = record.sequence;
  into.stream.assign(record.stream);
  into.stream_version = record.stream_version;
  into.recorded_at = domain::from_unix_nanos(record.recorded_at_ns);
  return {};
}

}  // namespace nyxmon::infra::eventstore
